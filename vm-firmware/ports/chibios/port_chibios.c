/* port.h over ChibiOS/RT and its HAL. The link is the board's choice: a Serial driver (a USART),
 * received through the driver's interrupt-driven input queue and sent through its output queue
 * or by polling where the board says so (QEMU); or a USB CDC serial port (ChibiOS's SerialUSB,
 * the board's usbcfg.c), read and written through the same BaseChannel interface. Ticks are the
 * kernel's system time. */
#include <string.h>

#include "ch.h"
#include "hal.h"

#include "port.h"
#include "port_chibios.h"
#include "viper_port_config.h"

#if VIPER_LINK_USB
#include "link_tx.h"
#include "usbcfg.h"

#define LINK_CHANNEL ((BaseAsynchronousChannel *)&VIPER_LINK_SDU)

/* Writes that stop waiting for a host that does not read (link_tx.h says how). */
static LinkTx link_tx;
static virtual_timer_t connect_timer;

static void connect_bus(virtual_timer_t *vtp, void *arg) {
  (void)vtp;
  (void)arg;
  usbConnectBus(viper_sdu_config.usbp);   /* a register write: safe from the timer's ISR */
}

void port_link_start(void) {
  viper_usb_serial_number_init();
  sduObjectInit(&VIPER_LINK_SDU);
  sduStart(&VIPER_LINK_SDU, &viper_sdu_config);
  /* Off the bus first: after a reset without unplugging, the host must see the device leave
   * before it enumerates it again. A timer, not a sleep, attaches it: the VM (and a program
   * stored to run at boot) starts now, its output dropped until a host configures the port. */
  usbDisconnectBus(viper_sdu_config.usbp);
  usbStart(viper_sdu_config.usbp, &viper_usb_config);
  chVTObjectInit(&connect_timer);
  chVTSet(&connect_timer, TIME_MS2I(VIPER_LINK_USB_CONNECT_DELAY_MS), connect_bus, NULL);
}

void port_link_usb_configured_i(void) { link_tx_reset(&link_tx); }

static size_t usb_write(void *ctx, const uint8_t *data, size_t len, bool wait) {
  (void)ctx;
  return chnWriteTimeout(LINK_CHANNEL, data, len, wait ? TIME_MS2I(VIPER_LINK_USB_TX_TIMEOUT_MS) : TIME_IMMEDIATE);
}

/* Unplugged or not yet configured, SerialUSB's queues are suspended: writes return at once with
 * nothing written, as a UART's bytes go nowhere when nothing listens. */
void port_link_write(const uint8_t *data, size_t len) {
  (void)link_tx_write(&link_tx, usb_write, NULL, data, len);
}

bool port_link_has_input(void) {
  bool empty;
  chSysLock();
  empty = ibqIsEmptyI(&VIPER_LINK_SDU.ibqueue);
  chSysUnlock();
  return !empty;
}

#else /* the link is a Serial driver */

#define LINK_CHANNEL ((BaseAsynchronousChannel *)&VIPER_LINK_SD)

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

bool port_link_has_input(void) { return !sdGetWouldBlock(&VIPER_LINK_SD); }

#endif

/* Neither kind ever closes for good: a UART cannot, and an unplugged USB port reads as empty
 * until the host configures it again. */
int port_link_read(uint8_t *buf, size_t max) {
  if (max == 0u) return 0;
  return (int)chnReadTimeout(LINK_CHANNEL, buf, max, TIME_IMMEDIATE);
}

/* Both drivers raise CHN_INPUT_AVAILABLE when bytes come (a Serial driver: to an empty queue;
 * SerialUSB: with every packet): a listener learns of bytes without taking one, so waiting
 * never competes with the reader (the interpreter-lock holder, which may be another thread). */
void port_link_listen(event_listener_t *listener) {
  chEvtRegisterMaskWithFlags(chnGetEventSource(LINK_CHANNEL), listener, PORT_LINK_EVENT, CHN_INPUT_AVAILABLE);
}

void port_link_unlisten(event_listener_t *listener) {
  chEvtUnregister(chnGetEventSource(LINK_CHANNEL), listener);
  chEvtGetAndClearEvents(PORT_LINK_EVENT);
}

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
