/* The only way the core reaches the outside world. Each port (posix, chibios, the C tests'
 * fake port) implements these functions. */
#ifndef VIPER_PORT_H
#define VIPER_PORT_H

#include <stddef.h>
#include <stdint.h>

/* Write bytes of the link (serial) stream; blocks until all are queued. */
void port_link_write(const uint8_t *data, size_t len);

/* Read up to max link bytes without blocking. Returns the count (0 when none are waiting),
 * or -1 when the link is closed for good (end of input). */
int port_link_read(uint8_t *buf, size_t max);

/* Sleep until link bytes are waiting or ms have passed (a port may return at once). */
void port_link_wait(uint32_t ms);

/* Milliseconds since start (wraps). */
uint32_t port_ticks_ms(void);

/* Program text in standalone mode (no link): a terminal, a UART, stdout. */
void port_console_write(const char *text, size_t len);

/* Error text in standalone mode (tracebacks, bad image). */
void port_error_write(const char *text, size_t len);

/* Unrecoverable VM bug: report and stop; never returns. */
void port_fatal(const char *message);

#endif
