/* port.h's threads over POSIX threads. Each thread parks in poll() on its own pipe, so a wake
 * is a byte in the pipe (sticky until the sleep reads it) and the thread serving the link can
 * wait for the link's bytes in the same poll(). OS priorities are left alone: on a host the
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
  int wake[2];   /* read end, write end */
  void (*fn)(void *);
  void *arg;
};

static pthread_mutex_t sched = PTHREAD_MUTEX_INITIALIZER;

static bool open_wake(PortThread *t) {
  if (pipe(t->wake) != 0) return false;
  fcntl(t->wake[0], F_SETFL, O_NONBLOCK);
  fcntl(t->wake[1], F_SETFL, O_NONBLOCK);
  return true;
}

PortThread *port_thread_main(void) {
  static PortThread main_thread;
  static bool ready;
  if (!ready) {
    if (!open_wake(&main_thread)) port_fatal("cannot make a pipe for the main thread");
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
  if (!open_wake(t)) { free(t); return NULL; }
  t->fn = fn;
  t->arg = arg;
  if (pthread_create(&t->id, NULL, run, t) != 0) {
    close(t->wake[0]);
    close(t->wake[1]);
    free(t);
    return NULL;
  }
  return t;
}

void port_thread_reap(PortThread *t) {
  pthread_join(t->id, NULL);
  close(t->wake[0]);
  close(t->wake[1]);
  free(t);
}

void port_sched_lock(void) { pthread_mutex_lock(&sched); }
void port_sched_unlock(void) { pthread_mutex_unlock(&sched); }

void port_thread_sleep(PortThread *self, uint32_t ms, bool link) {
  struct pollfd pfd[2];
  char drain[16];
  int n = 1;
  pfd[0].fd = self->wake[0];
  pfd[0].events = POLLIN;
  pfd[0].revents = 0;
  if (link && port_posix_link_fd() >= 0) {
    pfd[1].fd = port_posix_link_fd();
    pfd[1].events = POLLIN;
    pfd[1].revents = 0;
    n = 2;
  }
  pthread_mutex_unlock(&sched);
  poll(pfd, (nfds_t)n, ms == PORT_WAIT_FOREVER ? -1 : (int)(ms > 0x7FFFFFFFu ? 0x7FFFFFFF : ms));
  while (read(self->wake[0], drain, sizeof drain) > 0) {
  }
  pthread_mutex_lock(&sched);
}

void port_thread_wake(PortThread *t) {
  static const char one = 1;
  ssize_t r = write(t->wake[1], &one, 1);   /* a full pipe is already a pending wake */
  (void)r;
}

uint32_t port_ticks_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint32_t)((uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u);
}

void port_thread_exit(void) { pthread_exit(NULL); }
