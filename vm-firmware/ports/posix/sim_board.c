/* The Virtual board's pins, knobs, PWM and timers (hal.h), simulated on the host. What the IDE
 * does to the board arrives as BOARD_INPUT (hal_board_input): a button held or released drives
 * an input pin's level, a knob sets an ADC reading, PULSES starts the board's signal generator.
 * Timers and the signal generator are threads of their own that call machine_pin_edge and
 * machine_timer_fired as a chip's interrupts would. The buses are sim_bus.c's. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen/link_protocol.h"
#include "hal.h"
#include "sim_board.h"

#define PINS 256
#define TIMERS 4
#define PWM_MAX_HZ 1000000u

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
  HalPinMode mode[PINS];
  HalPull pull[PINS];
  uint8_t out[PINS];         /* what the program wrote */
  int8_t driven[PINS];       /* what the outside drives (a button): 0, 1, or -1 nothing */
  unsigned edges[PINS];      /* HAL_EDGE_* that interrupt */
  uint8_t last[PINS];        /* the level last seen, for edges */
  uint16_t analog[PINS];     /* the knobs */
  uint16_t duty[PINS];
  uint32_t pwm_hz[PINS];
  uint32_t pulse_gen;        /* a new generation stops the signal generator's old runs */
} b;

/* ---- pins ------------------------------------------------------------------------------- */

/* The level on the pin: what drives it, else its pull (none floats low). Lock held. */
static int level_of(int pin) {
  if (b.mode[pin] == HAL_PIN_OUT) return b.out[pin];
  if (b.mode[pin] == HAL_PIN_OPEN_DRAIN && b.out[pin] == 0) return 0;
  if (b.driven[pin] >= 0) return b.driven[pin];
  return b.pull[pin] == HAL_PULL_UP ? 1 : 0;
}

/* After anything that may change a level: an edge interrupts if the pin asked for it. Lock held
 * (machine_pin_edge only queues). */
static void check_edge(int pin) {
  int now = level_of(pin);
  if (now == b.last[pin]) return;
  b.last[pin] = (uint8_t)now;
  if (b.edges[pin] & (now ? HAL_EDGE_RISING : HAL_EDGE_FALLING)) machine_pin_edge(pin, now);
}

static bool valid(int pin) { return pin >= 0 && pin < hal_board.pin_count; }

void hal_pin_setup(int pin, HalPinMode mode, HalPull pull) {
  if (!valid(pin)) return;
  pthread_mutex_lock(&lock);
  b.mode[pin] = mode;
  b.pull[pin] = pull;
  b.last[pin] = (uint8_t)level_of(pin);   /* a new mode is no edge */
  pthread_mutex_unlock(&lock);
}

void hal_pin_write(int pin, int level) {
  if (!valid(pin)) return;
  pthread_mutex_lock(&lock);
  b.out[pin] = level ? 1 : 0;
  check_edge(pin);
  pthread_mutex_unlock(&lock);
}

int hal_pin_read(int pin) {
  int v;
  if (!valid(pin)) return 0;
  pthread_mutex_lock(&lock);
  v = level_of(pin);
  pthread_mutex_unlock(&lock);
  return v;
}

void hal_pin_irq(int pin, unsigned edges) {
  if (!valid(pin)) return;
  pthread_mutex_lock(&lock);
  b.edges[pin] = edges;
  b.last[pin] = (uint8_t)level_of(pin);
  pthread_mutex_unlock(&lock);
}

/* The outside drives pin to level (a button: 1 held, 0 released). */
static void drive(int pin, int level) {
  pthread_mutex_lock(&lock);
  b.driven[pin] = (int8_t)level;
  check_edge(pin);
  pthread_mutex_unlock(&lock);
}

/* ---- ADC and PWM -------------------------------------------------------------------------- */

void hal_adc_setup(int pin) { (void)pin; }

uint16_t hal_adc_read_u16(int pin) {
  uint16_t v;
  if (!valid(pin)) return 0;
  pthread_mutex_lock(&lock);
  v = b.analog[pin];
  pthread_mutex_unlock(&lock);
  return v;
}

uint32_t hal_adc_vref_uv(void) { return 3300000u; }   /* a 3.3 V board */

const char *hal_pwm_setup(int pin, uint32_t freq_hz) {
  int i;
  if (freq_hz < 1 || freq_hz > PWM_MAX_HZ) return "PWM frequency out of range 1..1000000 Hz";
  if (!valid(pin)) return "no such pin";
  pthread_mutex_lock(&lock);
  for (i = 0; i < hal_board.pin_count; i++)   /* the pins of one timer share its frequency */
    if (hal_board.pins[i].pwm_timer == hal_board.pins[pin].pwm_timer) b.pwm_hz[i] = freq_hz;
  pthread_mutex_unlock(&lock);
  return NULL;
}

void hal_pwm_duty(int pin, uint16_t duty_u16) {
  if (!valid(pin)) return;
  pthread_mutex_lock(&lock);
  b.duty[pin] = duty_u16;
  pthread_mutex_unlock(&lock);
}

void hal_pwm_off(int pin) {
  if (!valid(pin)) return;
  pthread_mutex_lock(&lock);
  b.duty[pin] = 0;
  pthread_mutex_unlock(&lock);
}

/* ---- timers: one thread sleeps until the next one is due ----------------------------------- */

static pthread_cond_t timer_cond;
static pthread_t timer_thread;
static struct { bool on, periodic; uint32_t period_us; struct timespec due; } timers[TIMERS];

static void add_us(struct timespec *t, uint32_t us) {
  t->tv_sec += (time_t)(us / 1000000u);
  t->tv_nsec += (long)(us % 1000000u) * 1000L;
  if (t->tv_nsec >= 1000000000L) { t->tv_sec++; t->tv_nsec -= 1000000000L; }
}

static bool before(const struct timespec *a, const struct timespec *b2) {
  return a->tv_sec < b2->tv_sec || (a->tv_sec == b2->tv_sec && a->tv_nsec < b2->tv_nsec);
}

static void *run_timers(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  for (;;) {
    struct timespec now, next = {0, 0};
    bool any = false;
    int i;
    clock_gettime(CLOCK_MONOTONIC, &now);
    for (i = 0; i < TIMERS; i++) {
      if (!timers[i].on) continue;
      if (!before(&now, &timers[i].due)) {
        machine_timer_fired(i);
        if (timers[i].periodic) {
          add_us(&timers[i].due, timers[i].period_us);   /* from when it was due: no drift */
          if (before(&timers[i].due, &now)) { timers[i].due = now; add_us(&timers[i].due, timers[i].period_us); }
        } else {
          timers[i].on = false;
          continue;
        }
      }
      if (!any || before(&timers[i].due, &next)) next = timers[i].due;
      any = true;
    }
    if (any) pthread_cond_timedwait(&timer_cond, &lock, &next);
    else pthread_cond_wait(&timer_cond, &lock);
  }
  return NULL;
}

int hal_timer_count(void) { return TIMERS; }

bool hal_timer_start(int id, uint32_t period_us, bool periodic) {
  if (id < 0 || id >= TIMERS || period_us == 0) return false;
  pthread_mutex_lock(&lock);
  timers[id].on = true;
  timers[id].periodic = periodic;
  timers[id].period_us = period_us;
  clock_gettime(CLOCK_MONOTONIC, &timers[id].due);
  add_us(&timers[id].due, period_us);
  pthread_cond_signal(&timer_cond);
  pthread_mutex_unlock(&lock);
  return true;
}

void hal_timer_stop(int id) {
  if (id < 0 || id >= TIMERS) return;
  pthread_mutex_lock(&lock);
  timers[id].on = false;
  pthread_mutex_unlock(&lock);
}

/* ---- the signal generator (PULSES) ------------------------------------------------------- */

typedef struct Pulses { int pin; uint32_t count, period_us, gen; } Pulses;

/* Toggles the pin count times, period_us apart, on an absolute schedule (a late wake-up does
 * not stretch the rest); stops early when a newer run or a reset came. */
static void *run_pulses(void *arg) {
  Pulses p = *(Pulses *)arg;
  struct timespec at;
  uint32_t i;
  free(arg);
  clock_gettime(CLOCK_MONOTONIC, &at);
  for (i = 0; i < p.count; i++) {
    add_us(&at, p.period_us);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {
    }
    pthread_mutex_lock(&lock);
    if (b.pulse_gen != p.gen) { pthread_mutex_unlock(&lock); break; }
    b.driven[p.pin] = (int8_t)!level_of(p.pin);
    check_edge(p.pin);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

static const char *start_pulses(int pin, uint32_t count, uint32_t period_us) {
  pthread_t t;
  pthread_attr_t attr;
  Pulses *p = (Pulses *)malloc(sizeof *p);
  if (p == NULL) return "the signal generator could not start";
  p->pin = pin;
  p->count = count;
  p->period_us = period_us;
  pthread_mutex_lock(&lock);
  p->gen = ++b.pulse_gen;   /* one run at a time: a new one ends the last */
  pthread_mutex_unlock(&lock);
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  if (pthread_create(&t, &attr, run_pulses, p) != 0) {
    free(p);
    p = NULL;
  }
  pthread_attr_destroy(&attr);
  return p == NULL ? "the signal generator could not start" : NULL;
}

/* ---- the board ---------------------------------------------------------------------------- */

void hal_init(void) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&timer_cond, &attr);
  pthread_condattr_destroy(&attr);
  for (int i = 0; i < PINS; i++) b.analog[i] = 32768;   /* the knobs start half way, and stay where the person puts them across programs */
  hal_reset();
  if (pthread_create(&timer_thread, NULL, run_timers, NULL) == 0) pthread_detach(timer_thread);
}

void hal_reset(void) {
  int i;
  pthread_mutex_lock(&lock);
  for (i = 0; i < PINS; i++) {
    b.mode[i] = HAL_PIN_IN;
    b.pull[i] = HAL_PULL_NONE;
    b.out[i] = 0;
    b.driven[i] = -1;
    b.edges[i] = 0;
    b.last[i] = 0;
    b.duty[i] = 0;
    b.pwm_hz[i] = 0;
  }
  b.pulse_gen++;
  for (i = 0; i < TIMERS; i++) timers[i].on = false;
  pthread_mutex_unlock(&lock);
  sim_bus_reset();
}

size_t hal_unique_id(uint8_t *buf, size_t max) {
  static const uint8_t id[8] = {'V', 'I', 'P', 'E', 'R', 'S', 'I', 'M'};
  size_t n = max < sizeof id ? max : sizeof id;
  memcpy(buf, id, n);
  return n;
}

uint32_t hal_cpu_freq(void) { return 100000000u; }   /* nominal: the Virtual board has no clock of its own */

void hal_board_reset(void) {}   /* a host process cannot reset: machine.reset() ends the program */

static uint16_t get_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* link.c has checked the payload's shape, pins and bus ids. */
const char *hal_board_input(const uint8_t *p, size_t len) {
  switch (p[0]) {
  case BOARD_INPUT_PIN_LEVEL:
    drive(p[1], p[2]);
    return NULL;
  case BOARD_INPUT_ANALOG:
    pthread_mutex_lock(&lock);
    b.analog[p[1]] = get_u16(p + 2);
    pthread_mutex_unlock(&lock);
    return NULL;
  case BOARD_INPUT_SENSOR:
    sim_sensor_set((int16_t)get_u16(p + 1), get_u16(p + 3), len < 6 || p[5] != 0);   /* no 6th byte: connected */
    return NULL;
  case BOARD_INPUT_UART_RX:
    sim_uart_receive(p[1], p + 2, len - 2);
    return NULL;
  case BOARD_INPUT_PULSES:
    return start_pulses(p[1], get_u16(p + 2), get_u32(p + 4));
  default:
    return "unknown BOARD_INPUT kind";
  }
}

/* ---- until sim_bus.c is built in: a board without buses ----------------------------------- */

__attribute__((weak)) void sim_uart_receive(int bus, const uint8_t *data, size_t len) { (void)bus; (void)data; (void)len; }
__attribute__((weak)) void sim_sensor_set(int16_t t_centi, uint16_t rh_centi, bool connected) {
  (void)t_centi; (void)rh_centi; (void)connected;
}
__attribute__((weak)) void sim_bus_reset(void) {}
__attribute__((weak)) size_t hal_board_output(uint8_t *payload, size_t max) { (void)payload; (void)max; return 0; }
