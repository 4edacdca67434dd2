/* The Arduino Due's pins at start (written for Viper; UNTESTED on hardware). Every pin keeps the
 * chip's reset state (a PIO input with its pull-up) except the UART's two, which the link needs
 * from the start, and the LED, off. */
#include "hal.h"

/* Before the C runtime starts (crt0): the watchdog off and the 84 MHz clock, so the .data copy
 * and .bss clearing already run fast. */
void __early_init(void) {
  sam3x_clock_init();
}

void boardInit(void) {
  palSetLineMode(LINE_UART_RX, PAL_MODE_PERIPHERAL_A | PAL_SAM3X_PULLUP);
  palSetLineMode(LINE_UART_TX, PAL_MODE_PERIPHERAL_A);
  palClearLine(LINE_LED);
  palSetLineMode(LINE_LED, PAL_MODE_OUTPUT_PUSHPULL);
}
