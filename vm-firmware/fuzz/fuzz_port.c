/* port.h for the fuzz targets: the link goes nowhere, nothing blocks. */
#include <stdlib.h>

#include "port.h"

void port_link_write(const uint8_t *data, size_t len) { (void)data; (void)len; }
int port_link_read(uint8_t *buf, size_t max) { (void)buf; (void)max; return -1; }
void port_link_wait(uint32_t ms) { (void)ms; }
uint32_t port_ticks_ms(void) { return 0; }
void port_console_write(const char *text, size_t len) { (void)text; (void)len; }
void port_error_write(const char *text, size_t len) { (void)text; (void)len; }
void port_fatal(const char *message) { (void)message; abort(); }
