/* port.h over ChibiOS/RT and its HAL: the link is a Serial driver (the board picks which),
 * received through the driver's interrupt-driven input queue and sent through its output
 * queue, or by polling where the board says so (QEMU). Ticks are the kernel's system time. */
#include <string.h>

#include "ch.h"
#include "hal.h"

#include "port.h"
#include "port_chibios.h"
#include "viper_port_config.h"

/* 8N1; a board whose Serial driver is not an STM32's names its own (VIPER_LINK_SERIAL_CONFIG). */
#ifdef VIPER_LINK_SERIAL_CONFIG
static const SerialConfig link_config = VIPER_LINK_SERIAL_CONFIG;
#else
static const SerialConfig link_config = {
  VIPER_LINK_BITRATE,
  0,
  USART_CR2_STOP1_BITS,
  0
};
#endif

void port_link_start(void) {
  VIPER_LINK_PINS_SETUP();
  sdStart(&VIPER_LINK_SD, &link_config);
}

void port_link_write(const uint8_t *data, size_t len) {
  if (len == 0u) return;
#if VIPER_LINK_TX_POLLED
  viper_board_link_write_polled(&VIPER_LINK_SD, data, len);
#else
  sdWrite(&VIPER_LINK_SD, data, len);
#endif
}

int port_link_read(uint8_t *buf, size_t max) {
  if (max == 0u) return 0;
  return (int)sdReadTimeout(&VIPER_LINK_SD, buf, max, TIME_IMMEDIATE);   /* a UART never closes */
}

/* The driver raises CHN_INPUT_AVAILABLE when a byte comes to an empty queue: a listener learns
 * of bytes without taking one, so waiting never competes with the reader (the interpreter-lock
 * holder, which may be another thread). */
void port_link_listen(event_listener_t *listener) {
  chEvtRegisterMaskWithFlags(chnGetEventSource(&VIPER_LINK_SD), listener, PORT_LINK_EVENT, CHN_INPUT_AVAILABLE);
}

void port_link_unlisten(event_listener_t *listener) {
  chEvtUnregister(chnGetEventSource(&VIPER_LINK_SD), listener);
  chEvtGetAndClearEvents(PORT_LINK_EVENT);
}

bool port_link_has_input(void) { return !sdGetWouldBlock(&VIPER_LINK_SD); }

void port_link_wait(uint32_t ms) {
  event_listener_t listener;
  port_link_listen(&listener);
  if (!port_link_has_input()) chEvtWaitAnyTimeout(PORT_LINK_EVENT, TIME_MS2I(ms));
  port_link_unlisten(&listener);
}

uint32_t port_ticks_ms(void) {
  /* CH_CFG_ST_FREQUENCY is 1000 (checked in viper_port_config.h): one tick, one millisecond.
   * The X form reads the 32-bit tick count without taking the kernel lock, so it serves any
   * context: machine_pin_edge asks for the time inside its critical section, from an ISR, and
   * chVTGetSystemTime()'s unlock would end that section early. */
  return (uint32_t)chVTGetSystemTimeX();
}

/* Standalone text: this port always serves the link, so such text can only be a last word
 * before a halt; the host's frame reader drops it as noise up to the next 0x00. */
void port_console_write(const char *text, size_t len) { port_link_write((const uint8_t *)text, len); }
void port_error_write(const char *text, size_t len) { port_link_write((const uint8_t *)text, len); }

void port_fatal(const char *message) {
  static const uint8_t delimiter = 0;
  port_error_write("viper: fatal: ", 14);
  port_error_write(message, strlen(message));
  port_error_write("\n", 1);
  port_link_write(&delimiter, 1);     /* the host's reader resynchronises here */
  chSysHalt(message);
  for (;;) {
  }
}
