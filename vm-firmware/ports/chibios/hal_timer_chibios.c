/* hal.h's timers over ChibiOS/RT's virtual timers (chVT), a millisecond each tick.
 *
 * Why not the GPT driver: its hardware timers are the PWM pins' (TIM1..TIM5 on these boards),
 * Python's Timer periods are in milliseconds, which the system tick already counts, and virtual
 * timers cost no peripheral and no interrupt vector of their own. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"

#define TIMER_COUNT 4

static virtual_timer_t timers[TIMER_COUNT];

/* From the system tick's interrupt, with the kernel locked (machine_timer_fired may be). */
static void fired(virtual_timer_t *vt, void *arg) {
  (void)vt;
  machine_timer_fired((int)(intptr_t)arg);
}

int hal_timer_count(void) { return TIMER_COUNT; }

bool hal_timer_start(int id, uint32_t period_us, bool periodic) {
  sysinterval_t ticks;
  if (id < 0 || id >= TIMER_COUNT) return false;
  ticks = TIME_US2I(period_us);   /* rounded up: at least a tick */
  if (ticks < 1u) ticks = 1u;
  chSysLock();
  chVTResetI(&timers[id]);
  if (periodic) chVTSetContinuousI(&timers[id], ticks, fired, (void *)(intptr_t)id);
  else chVTSetI(&timers[id], ticks, fired, (void *)(intptr_t)id);
  chSysUnlock();
  return true;
}

void hal_timer_stop(int id) {
  if (id < 0 || id >= TIMER_COUNT) return;
  chVTReset(&timers[id]);
}

void hal_chibios_timers_reset(void) {
  int id;
  for (id = 0; id < TIMER_COUNT; id++) hal_timer_stop(id);
}
