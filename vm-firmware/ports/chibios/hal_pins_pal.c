/* hal.h's pins as every ChibiOS platform's PAL serves them (hal_chibios.c for the STM32s and
 * hal_sam3x.c set the modes and own the edge lines): link pins are never touched. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"

bool hal_chibios_is_link(int pin) { return (hal_board.pins[pin].caps & HAL_CAP_LINK) != 0; }

void hal_chibios_pin_release(int pin) {
  if (hal_chibios_is_link(pin)) return;
  palSetLineMode(hal_chibios_line(pin), PAL_MODE_INPUT);
}

void hal_pin_write(int pin, int level) {
  if (hal_chibios_is_link(pin)) return;
  palWriteLine(hal_chibios_line(pin), level ? PAL_HIGH : PAL_LOW);
}

int hal_pin_read(int pin) { return palReadLine(hal_chibios_line(pin)) == PAL_HIGH; }

/* From the pin's edge interrupt (PAL calls it outside the kernel lock): the level now tells the edge. */
static void pin_edge(void *arg) {
  int pin = (int)(intptr_t)arg;
  machine_pin_edge(pin, hal_pin_read(pin));
}

void hal_chibios_line_events(ioline_t line, int pin, unsigned edges) {
  palEnableLineEvent(line, (edges & HAL_EDGE_RISING) && (edges & HAL_EDGE_FALLING) ? PAL_EVENT_MODE_BOTH_EDGES
                           : (edges & HAL_EDGE_RISING) ? PAL_EVENT_MODE_RISING_EDGE : PAL_EVENT_MODE_FALLING_EDGE);
  palSetLineCallback(line, pin_edge, (void *)(intptr_t)pin);
}
