/* Consistent overhead byte stuffing: removes every 0x00 from a block so 0x00 can end frames. */
#ifndef VIPER_COBS_H
#define VIPER_COBS_H

#include <stddef.h>
#include <stdint.h>

/* Worst-case encoded size of n bytes (without the 0x00 delimiter). */
#define COBS_MAX_ENCODED(n) ((n) + (n) / 254 + 1)

/* Encode src into dst (room for COBS_MAX_ENCODED(len)); returns the encoded length.
 * No delimiter is written. */
size_t cobs_encode(const uint8_t *src, size_t len, uint8_t *dst);

/* Decode len bytes (no delimiter) into dst (room for cap bytes). Returns the decoded length,
 * or -1 when the input is not valid COBS (a zero byte, a code running past the end) or would
 * decode to more than cap bytes. */
long cobs_decode(const uint8_t *src, size_t len, uint8_t *dst, size_t cap);

#endif
