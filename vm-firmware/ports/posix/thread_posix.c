/* port.h's threads over POSIX threads. A thread parks on its own condition variable (with the
 * scheduler mutex), and a wake sets its `woken` flag, which stays until the sleep takes it. The
 * main thread, which serves the link, also has a pipe for wakes, so that it can wait for the
 * link's bytes and a wake in one poll(). OS priorities are left alone: on a host the
 * interpreter lock decides which Python thread runs (core/thread.c). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "port.h"
#include "port_posix.h"

struct PortThread {
  pthread_t id;
  pthread_cond_t cond;
  bool woken;
  int wake[2];   /* the main thread's pipe: read end, write end; -1 for the others */
  void (*fn)(void *);
  void *arg;
};

static pthread_mutex_t sched = PTHREAD_MUTEX_INITIALIZER;

static bool init_thread(PortThread *t) {
  pthread_condattr_t attr;
  t->woken = false;
  t->wake[0] = t->wake[1] = -1;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  return pthread_cond_init(&t->cond, &attr) == 0;
}

PortThread *port_thread_main(void) {
  static PortThread main_thread;
  static bool ready;
  if (!ready) {
    if (!init_thread(&main_thread) || pipe(main_thread.wake) != 0) port_fatal("cannot make the main thread's wake-up");
    fcntl(main_thread.wake[0], F_SETFL, O_NONBLOCK);
    fcntl(main_thread.wake[1], F_SETFL, O_NONBLOCK);
    main_thread.id = pthread_self();
    ready = true;
  }
  return &main_thread;
}

static void *run(void *arg) {
  PortThread *t = (PortThread *)arg;
  t->fn(t->arg);
  return NULL;
}

PortThread *port_thread_start(void (*fn)(void *arg), void *arg, int prio) {
  PortThread *t = (PortThread *)malloc(sizeof *t);
  (void)prio;
  if (t == NULL) return NULL;
  if (!init_thread(t)) { free(t); return NULL; }
  t->fn = fn;
  t->arg = arg;
  if (pthread_create(&t->id, NULL, run, t) != 0) {
    pthread_cond_destroy(&t->cond);
    free(t);
    return NULL;
  }
  return t;
}

void port_thread_reap(PortThread *t) {
  pthread_join(t->id, NULL);
  pthread_cond_destroy(&t->cond);
  free(t);
}

void port_sched_lock(void) { pthread_mutex_lock(&sched); }
void port_sched_unlock(void) { pthread_mutex_unlock(&sched); }

/* The main thread serving the link: one poll() for a wake (its pipe) and the link's bytes. */
static void sleep_polling(PortThread *self, uint32_t ms) {
  struct pollfd pfd[2];
  char drain[16];
  pfd[0].fd = self->wake[0];
  pfd[0].events = POLLIN;
  pfd[1].fd = port_posix_link_fd();
  pfd[1].events = POLLIN;
  pfd[0].revents = pfd[1].revents = 0;
  /* self->woken is false (port_thread_sleep checked it under this lock): bytes in the pipe are
   * from wakes already taken through the condition variable (the interpreter lock handed while
   * waiting for it); left there, they would end this sleep at once. */
  while (read(self->wake[0], drain, sizeof drain) > 0) {
  }
  pthread_mutex_unlock(&sched);
  poll(pfd, 2, ms == PORT_WAIT_FOREVER ? -1 : (int)(ms > 0x7FFFFFFFu ? 0x7FFFFFFF : ms));
  while (read(self->wake[0], drain, sizeof drain) > 0) {
  }
  pthread_mutex_lock(&sched);
}

void port_thread_sleep(PortThread *self, uint32_t ms, bool link) {
  struct timespec until;
  if (self->woken) {
    self->woken = false;
    return;
  }
  if (link && self->wake[0] >= 0 && port_posix_link_fd() >= 0) {
    sleep_polling(self, ms);
  } else if (ms == PORT_WAIT_FOREVER) {
    while (!self->woken) pthread_cond_wait(&self->cond, &sched);
  } else {
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)(ms / 1000u);
    until.tv_nsec += (long)(ms % 1000u) * 1000000L;
    if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
    while (!self->woken && pthread_cond_timedwait(&self->cond, &sched, &until) != ETIMEDOUT) {
    }
  }
  self->woken = false;
}

void port_thread_wake(PortThread *t) {
  static const char one = 1;
  t->woken = true;
  pthread_cond_signal(&t->cond);
  if (t->wake[1] >= 0) {
    ssize_t r = write(t->wake[1], &one, 1);   /* a full pipe is already a pending wake */
    (void)r;
  }
}

uint32_t port_ticks_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint32_t)((uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u);
}

void port_thread_exit(void) { pthread_exit(NULL); }

/* ---- hardware events: the Virtual board's simulation threads stand in for interrupts ---- */

static pthread_mutex_t irq_lock = PTHREAD_MUTEX_INITIALIZER;

uint32_t port_irq_save(void) {
  pthread_mutex_lock(&irq_lock);
  return 0;
}

void port_irq_restore(uint32_t state) {
  (void)state;
  pthread_mutex_unlock(&irq_lock);
}

/* Never called with the scheduler lock held (the callers are simulation threads and the
 * machine module's queue), so taking it here cannot deadlock. */
void port_thread_wake_any(PortThread *t) {
  pthread_mutex_lock(&sched);
  port_thread_wake(t);
  pthread_mutex_unlock(&sched);
}
