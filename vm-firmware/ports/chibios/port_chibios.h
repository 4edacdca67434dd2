/* What the ChibiOS port adds to port.h for its main(). */
#ifndef VIPER_PORT_CHIBIOS_H
#define VIPER_PORT_CHIBIOS_H

#include <stdbool.h>

#include "ch.h"

/* Configure the link's pins and start its Serial driver, or start its USB CDC port (attached to
 * the bus a moment later). After halInit() and chSysInit(), before the VM thread. */
void port_link_start(void);

/* A USB CDC link: the board's USB event handler tells the port the host configured the device
 * (it was plugged in, or the bus reset), under the kernel lock from the USB interrupt. */
void port_link_usb_configured_i(void);

/* The link's bytes as an event of the listening thread (thread_chibios.c waits for them and for
 * its wake at once). Listen, check port_link_has_input(), wait, unlisten (which also clears the
 * event). None of these takes a byte. */
#define PORT_LINK_EVENT EVENT_MASK(1)
void port_link_listen(event_listener_t *listener);
void port_link_unlisten(event_listener_t *listener);
bool port_link_has_input(void);

#endif
