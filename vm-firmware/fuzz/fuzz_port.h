/* The fuzz targets' port: what the link will read. */
#ifndef VIPER_FUZZ_PORT_H
#define VIPER_FUZZ_PORT_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

void fuzz_port_set_input(const uint8_t *data, size_t len);
/* fuzz_debug: the link reads no further than at until the VM has stopped (DEBUG_STOPPED) or
 * ended a run (DONE), or fuzz_port_release is called. Set after fuzz_port_set_input, in order. */
#define FUZZ_MAX_HOLDS 64
void fuzz_port_hold_at(size_t at);
void fuzz_port_release(void);

#endif
