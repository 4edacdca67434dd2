/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), identical to zlib's crc32(). */
#ifndef VIPER_CRC32_H
#define VIPER_CRC32_H

#include <stddef.h>
#include <stdint.h>

#define CRC32_INIT 0xFFFFFFFFu

/* Incremental form: crc = crc32_update(CRC32_INIT, ...); ...; result = crc32_final(crc). */
uint32_t crc32_update(uint32_t crc, const uint8_t *data, size_t len);
#define crc32_final(crc) ((crc) ^ 0xFFFFFFFFu)
uint32_t crc32(const uint8_t *data, size_t len);

#endif
