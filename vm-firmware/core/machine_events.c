/* Pin and timer events, from an interrupt handler (or the Virtual board's simulation threads) to
 * the one Python thread that runs the callbacks (machine_callbacks.c's dispatcher). A bounded ring: when
 * it is full an event is dropped and counted (machine.irq_dropped()), never blocking the
 * interrupt; the dispatcher reports each burst of drops once on stderr (when the queue runs dry
 * or no drop came for BURST_END_MS). Everything the interrupt
 * side touches changes under port_irq_save(). */
#include <string.h>

#include "machine.h"
#include "thread.h"

/* A burst of drops is over when none came for this long: reported then, even while the queued
 * events are still being handled (the program may end before the queue runs dry). */
#define BURST_END_MS 10

static struct {
  MachineEvent queue[VIPER_EVENT_QUEUE];
  uint32_t head, tail;          /* read at head, written at tail; tail - head = events queued */
  uint32_t dropped, reported;   /* dropped since the program began; how many stderr told of */
  uint32_t dropped_ms;          /* when the last one was dropped */
  bool open;                    /* false between programs: events are ignored */
  PortThread *waiter;           /* the dispatcher, woken by each event; NULL: none */
  uint8_t edges[VIPER_EVENT_PINS];
  uint16_t debounce_ms[VIPER_EVENT_PINS];
  uint32_t accepted_ms[VIPER_EVENT_PINS];   /* the last edge let through, for debounce */
  bool accepted[VIPER_EVENT_PINS];
} ev;

/* Queue one event and wake the dispatcher. The wake happens inside the critical section:
 * machine_events_end() clears the waiter under it, so a dispatcher's thread that is being
 * reaped is never woken. */
static void push(uint8_t kind, uint8_t id, uint8_t flags) {
  if (ev.tail - ev.head >= VIPER_EVENT_QUEUE) {
    ev.dropped++;
    ev.dropped_ms = port_ticks_ms();
  } else {
    MachineEvent *e = &ev.queue[ev.tail % VIPER_EVENT_QUEUE];
    e->kind = kind;
    e->id = id;
    e->flags = flags;
    ev.tail++;
  }
  if (ev.waiter != NULL) port_thread_wake_any(ev.waiter);
}

void machine_pin_edge(int pin, int level) {
  uint32_t s = port_irq_save();
  unsigned edge = level ? HAL_EDGE_RISING : HAL_EDGE_FALLING;
  if (ev.open && pin >= 0 && pin < VIPER_EVENT_PINS && (ev.edges[pin] & edge)) {
    bool take = true;
    if (ev.debounce_ms[pin] > 0) {
      uint32_t now = port_ticks_ms();
      take = !ev.accepted[pin] || now - ev.accepted_ms[pin] >= ev.debounce_ms[pin];
      if (take) { ev.accepted[pin] = true; ev.accepted_ms[pin] = now; }
    }
    if (take) push(MACHINE_EVENT_PIN, (uint8_t)pin, (uint8_t)edge);
  }
  port_irq_restore(s);
}

void machine_timer_fired(int id) {
  uint32_t s = port_irq_save();
  if (ev.open && id >= 0 && id < 256) push(MACHINE_EVENT_TIMER, (uint8_t)id, 0);
  port_irq_restore(s);
}

void machine_events_reset(void) {
  uint32_t s = port_irq_save();
  memset(&ev, 0, sizeof ev);
  ev.open = true;
  port_irq_restore(s);
}

static void report_drops(VM *vm, uint32_t dropped);

void machine_events_end(VM *vm) {
  uint32_t s = port_irq_save(), unreported = ev.dropped - ev.reported;
  ev.open = false;
  ev.waiter = NULL;
  ev.head = ev.tail;
  ev.reported = ev.dropped;
  port_irq_restore(s);
  if (unreported > 0) report_drops(vm, unreported);   /* drops of the last burst, the dispatcher gone before it could tell */
}

void machine_events_open(void) {
  uint32_t s = port_irq_save();
  ev.open = true;
  port_irq_restore(s);
}

void machine_events_detach(void) {
  uint32_t s = port_irq_save();
  ev.waiter = NULL;
  port_irq_restore(s);
}

void machine_events_pin(int pin, unsigned edges, uint32_t debounce_ms) {
  uint32_t s;
  if (pin < 0 || pin >= VIPER_EVENT_PINS) return;
  s = port_irq_save();
  ev.edges[pin] = (uint8_t)edges;
  ev.debounce_ms[pin] = (uint16_t)(debounce_ms > 65535u ? 65535u : debounce_ms);
  ev.accepted[pin] = false;
  if (edges != 0) ev.open = true;
  port_irq_restore(s);
}

bool machine_events_waiting(void) {
  uint32_t s = port_irq_save();
  bool waiting = ev.waiter != NULL;
  port_irq_restore(s);
  return waiting;
}

uint32_t machine_events_dropped(void) {
  uint32_t s = port_irq_save(), n = ev.dropped;
  port_irq_restore(s);
  return n;
}

/* Appends n in decimal (no printf: it would pull a large formatter into the firmware). */
static size_t put_decimal(char *at, uint32_t n) {
  char digits[10];
  size_t k = 0, i;
  do { digits[k++] = (char)('0' + n % 10u); n /= 10u; } while (n > 0);
  for (i = 0; i < k; i++) at[i] = digits[k - 1 - i];
  return k;
}

static size_t put_text(char *at, const char *s) {
  size_t n = strlen(s);
  memcpy(at, s, n);
  return n;
}

/* Once the queue has run dry after a burst of drops: one line on stderr. */
static void report_drops(VM *vm, uint32_t dropped) {
  char line[120];
  size_t n = put_text(line, "machine: ");
  n += put_decimal(line + n, dropped);
  n += put_text(line + n, " interrupt/timer events dropped: the queue (");
  n += put_decimal(line + n, VIPER_EVENT_QUEUE);
  n += put_text(line + n, " events) was full\n");
  if (vm->write_err != NULL) vm->write_err(vm->write_err_ctx, line, n);
  else port_error_write(line, n);
}

bool machine_events_next(VM *vm, MachineEvent *out) {
  ObjThread *me = thread_current(vm);
  if (me == NULL) return false;
  for (;;) {
    bool have = false;
    uint32_t dropped = 0, s = port_irq_save();
    if (ev.tail != ev.head) {
      *out = ev.queue[ev.head % VIPER_EVENT_QUEUE];
      ev.head++;
      have = true;
      ev.waiter = NULL;   /* while callbacks run (one may sleep), events do not wake this thread */
    } else {
      ev.waiter = me->os;
    }
    if (ev.dropped != ev.reported && (!have || port_ticks_ms() - ev.dropped_ms >= BURST_END_MS)) {
      dropped = ev.dropped - ev.reported;
      ev.reported = ev.dropped;
    }
    port_irq_restore(s);
    if (dropped > 0) report_drops(vm, dropped);
    if (have) return true;
    /* an event's wake is sticky: one that came since the check ends this wait at once */
    if (!thread_wait(vm, PORT_WAIT_FOREVER)) { machine_events_detach(); return false; }
  }
}
