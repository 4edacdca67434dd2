/* port.h's threads over ChibiOS/RT. Each Python thread is a ChibiOS thread on one of a fixed
 * set of working areas (VIPER_THREAD_POOL_COUNT of VIPER_THREAD_WA_SIZE bytes, in .bss: their
 * cost shows at link time, and starting a thread never fails for a fragmented heap). A wake is
 * event WAKE_EVENT of the thread (chEvtSignal: it stays pending until the thread waits, so it is
 * sticky); the link's bytes are LINK_EVENT, from the serial driver's event source, which tells
 * that bytes came without taking one: only the interpreter-lock holder reads the link.
 *
 * Priorities: a thread runs Python at its level's OS priority (PRIO_NORMAL is the VM thread's,
 * one step a level). A thread waiting in port_thread_sleep waits above every level
 * (WAIT_PRIORITY), so the moment its sleep ends it runs, does the few instructions of core/
 * thread.c's bookkeeping (asking the holder to give way) and sleeps again or takes the
 * interpreter lock; port_sched_unlock() puts it back at its level. Waiting at its own level, a
 * low thread raised by a lock it holds (priority inheritance, which the OS does not see) could
 * not wake while a middle thread computes. */
#include "ch.h"
#include "hal.h"

#include "port.h"
#include "port_chibios.h"
#include "viper_port_config.h"

#define WAKE_EVENT      EVENT_MASK(0)
/* The Python levels, 1 .. 5, around the VM thread's priority; waiting goes above them all. */
#define LEVEL_NORMAL    3
#define LEVEL_PRIORITY(level) ((tprio_t)(VIPER_VM_THREAD_PRIORITY + (level) - LEVEL_NORMAL))
#define WAIT_PRIORITY   ((tprio_t)(VIPER_VM_THREAD_PRIORITY + 3))

struct PortThread {
  thread_t *tp;
  void (*fn)(void *arg);
  void *arg;
  tprio_t level_priority;   /* while it runs Python */
  bool used;                /* a pool slot from port_thread_start to port_thread_reap */
};

static PortThread main_thread;
static PortThread pool[VIPER_THREAD_POOL_COUNT];
static stkalign_t pool_areas[VIPER_THREAD_POOL_COUNT][THD_WORKING_AREA_SIZE(VIPER_THREAD_WA_SIZE) / sizeof(stkalign_t)]
    __attribute__((aligned(PORT_WORKING_AREA_ALIGN)));
static MUTEX_DECL(sched);

PortThread *port_thread_main(void) {
  if (main_thread.tp == NULL) {
    main_thread.tp = chThdGetSelfX();
    main_thread.level_priority = (tprio_t)VIPER_VM_THREAD_PRIORITY;
  }
  return &main_thread;
}

static THD_FUNCTION(thread_run, arg) {
  PortThread *t = (PortThread *)arg;
  t->fn(t->arg);
}   /* returning ends the thread (chThdExit) */

PortThread *port_thread_start(void (*fn)(void *arg), void *arg, int prio) {
  unsigned i;
  for (i = 0; i < VIPER_THREAD_POOL_COUNT; i++) {
    PortThread *t = &pool[i];
    if (t->used) continue;
    if (prio < 1) prio = 1;
    if (prio > 5) prio = 5;
    thread_descriptor_t td = THD_DESCRIPTOR("python", pool_areas[i], pool_areas[i] + sizeof pool_areas[i] / sizeof(stkalign_t),
                                            LEVEL_PRIORITY(prio), thread_run, t);
    t->used = true;
    t->fn = fn;
    t->arg = arg;
    t->level_priority = LEVEL_PRIORITY(prio);
    /* Made suspended: t->tp is set before it runs (it may outrank the caller). */
    t->tp = chThdCreateSuspended(&td);
    chThdStart(t->tp);
    return t;
  }
  return NULL;
}

void port_thread_exit(void) { chThdExit(MSG_OK); }

void port_thread_reap(PortThread *t) {
  /* FINAL is set as the thread switches out for good: after this, its working area is free. */
  chThdWait(t->tp);
  t->tp = NULL;
  t->used = false;
}

void port_sched_lock(void) { chMtxLock(&sched); }

void port_sched_unlock(void) {
  thread_t *self = chThdGetSelfX();
  chMtxUnlock(&sched);
  if (self->realprio == WAIT_PRIORITY) {   /* back from port_thread_sleep: back to its level */
    unsigned i;
    tprio_t level = main_thread.level_priority;
    for (i = 0; i < VIPER_THREAD_POOL_COUNT; i++)
      if (pool[i].tp == self) level = pool[i].level_priority;
    chThdSetPriority(level);
  }
}

void port_thread_sleep(PortThread *self, uint32_t ms, bool link) {
  event_listener_t listener;
  sysinterval_t timeout = ms == PORT_WAIT_FOREVER ? TIME_INFINITE
                        : ms >= TIME_MAX_INTERVAL ? TIME_MAX_INTERVAL : TIME_MS2I(ms);
  (void)self;   /* the caller: chThdGetSelfX() */
  chThdSetPriority(WAIT_PRIORITY);
  if (link) port_link_listen(&listener);
  /* Bytes already waiting raise no event: they are why we return at once. */
  if (!link || !port_link_has_input()) {
    chMtxUnlock(&sched);
    chEvtWaitAnyTimeout(WAKE_EVENT | PORT_LINK_EVENT, timeout);
    chMtxLock(&sched);
  }
  if (link) port_link_unlisten(&listener);
}

void port_thread_wake(PortThread *t) { chEvtSignal(t->tp, WAKE_EVENT); }

/* SysTick counts down from LOAD to 0 once a system tick (a millisecond): the microseconds are
 * the ticks plus the part of the current tick gone. QEMU models no DWT cycle counter. */
uint32_t port_ticks_us(void) {
  uint32_t ms, load, val;
  syssts_t sts = chSysGetStatusAndLockX();
  ms = (uint32_t)chVTGetSystemTimeX();
  load = SysTick->LOAD;
  val = SysTick->VAL;
  if (SCB->ICSR & SCB_ICSR_PENDSTSET_Msk) {   /* it wrapped, its interrupt not yet served */
    val = SysTick->VAL;
    ms++;
  }
  chSysRestoreStatusX(sts);
  return ms * 1000u + (load - val) * 1000u / (load + 1u);
}

/* ---- hardware events: any context, an interrupt handler included ---------------------------- */

/* ChibiOS's own "lock from wherever we are": from a thread or an ISR, locked or not. */
uint32_t port_irq_save(void) { return (uint32_t)chSysGetStatusAndLockX(); }

void port_irq_restore(uint32_t state) { chSysRestoreStatusX((syssts_t)state); }

/* The thread's wake event under that lock (the I-class signal is legal in both contexts);
 * leaving the lock from a thread reschedules, from an ISR the ISR's exit does. */
void port_thread_wake_any(PortThread *t) {
  syssts_t sts = chSysGetStatusAndLockX();
  if (t->tp != NULL) chEvtSignalI(t->tp, WAKE_EVENT);
  chSysRestoreStatusX(sts);
}
