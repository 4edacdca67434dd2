/* TEMPORARY (the Makefile compiles it only while core/machine_events.c is missing): the core's
 * event entry points, so that the port links before the machine module is merged. */
#include "../../core/hal.h"

void machine_pin_edge(int pin, int level) {
  (void)pin;
  (void)level;
}

void machine_timer_fired(int id) { (void)id; }
