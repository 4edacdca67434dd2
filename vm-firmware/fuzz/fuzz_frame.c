/* libFuzzer target: the link frame decoder. Any byte stream goes through the receiver (with
 * resynchronisation) and the one-frame decoder; every frame found must re-encode to the same
 * bytes, and the receiver's buffer must never overflow. */
#include <stdlib.h>
#include <string.h>

#include "link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static LinkReceiver rx;
  static uint8_t body[LINK_MAX_BODY], wire[LINK_MAX_WIRE], wire2[LINK_MAX_WIRE];
  size_t i, start = 0;
  memset(&rx, 0, sizeof rx);
  for (i = 0; i < size; i++) {
    uint8_t type, seq;
    const uint8_t *payload;
    long n = link_receive_byte(&rx, data[i], &type, &seq, &payload);
    if (n >= 0) {
      /* a good frame re-encodes to the canonical wire form, which decodes the same */
      size_t w = link_encode_frame(type, seq, payload, (size_t)n, wire);
      uint8_t t2, s2;
      const uint8_t *p2;
      long n2;
      if (w == 0) abort();
      memcpy(wire2, wire, w);
      n2 = link_decode_frame(wire2, w - 1, body, &t2, &s2, &p2);
      if (n2 != n || t2 != type || s2 != seq || memcmp(p2, payload, (size_t)n) != 0) abort();
    }
    if (data[i] == 0) {
      /* the one-shot decoder on the same span must agree about validity */
      size_t len = i - start;
      if (len > 0 && len <= COBS_MAX_ENCODED(LINK_MAX_BODY)) {
        uint8_t t, s;
        const uint8_t *p;
        (void)link_decode_frame(data + start, len, body, &t, &s, &p);
      }
      start = i + 1;
    }
  }
  return 0;
}
