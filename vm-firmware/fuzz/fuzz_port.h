/* The fuzz targets' port: what the link will read. */
#ifndef VIPER_FUZZ_PORT_H
#define VIPER_FUZZ_PORT_H

#include <stddef.h>
#include <stdint.h>

void fuzz_port_set_input(const uint8_t *data, size_t len);

#endif
