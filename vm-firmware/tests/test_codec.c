/* CRC-32, COBS, the shared frame vectors, and float repr. */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "harness.h"
#include "link.h"
#include "vm.h"

#include "float_cases.h"

static size_t unhex(const char *s, uint8_t *out) {
  size_t n = 0;
  if (strcmp(s, "-") == 0) return 0;
  while (s[0] && s[1]) {
    unsigned v;
    sscanf(s, "%2x", &v);
    out[n++] = (uint8_t)v;
    s += 2;
  }
  return n;
}

static void test_crc(void) {
  EXPECT(crc32((const uint8_t *)"123456789", 9) == 0xCBF43926u);
  EXPECT(crc32(NULL, 0) == 0);
}

static void test_cobs_roundtrip(void) {
  uint8_t src[600], enc[700], dec[700];
  size_t len, i;
  for (len = 0; len < 600; len += 37) {
    size_t n;
    long d;
    for (i = 0; i < len; i++) src[i] = (uint8_t)(i % 7 == 0 ? 0 : i);
    n = cobs_encode(src, len, enc);
    EXPECT(memchr(enc, 0, n) == NULL);
    d = cobs_decode(enc, n, dec, sizeof dec);
    EXPECT(d == (long)len && memcmp(src, dec, len) == 0);
  }
}

static void test_vectors(void) {
  static char line[20000];
  static uint8_t payload[4096], wire[4096], got[LINK_MAX_WIRE], body[LINK_MAX_BODY];
  FILE *f = fopen(vectors_path, "r");
  int frames = 0, rejects = 0, streams = 0;
  EXPECT(f != NULL);
  if (f == NULL) return;
  while (fgets(line, sizeof line, f)) {
    char kind[16], name[64], a[8], b[8];
    static char p1[10000], p2[10000];
    if (line[0] == '#' || line[0] == '\n') continue;
    if (sscanf(line, "%15s", kind) != 1) continue;
    if (strcmp(kind, "frame") == 0) {
      size_t plen, wlen, n;
      unsigned type, seq;
      uint8_t dt, ds;
      const uint8_t *dp;
      long dl;
      sscanf(line, "%*s %63s %7s %7s %9999s %9999s", name, a, b, p1, p2);
      sscanf(a, "%x", &type);
      sscanf(b, "%x", &seq);
      plen = unhex(p1, payload);
      wlen = unhex(p2, wire);
      n = link_encode_frame((uint8_t)type, (uint8_t)seq, payload, plen, got);
      if (n != wlen || memcmp(got, wire, n) != 0) { fprintf(stderr, "    encode %s\n", name); test_failures_in_current++; }
      dl = link_decode_frame(wire, wlen - 1, body, &dt, &ds, &dp);
      if (dl != (long)plen || dt != type || ds != seq || memcmp(dp, payload, plen) != 0) {
        fprintf(stderr, "    decode %s\n", name);
        test_failures_in_current++;
      }
      frames++;
    } else if (strcmp(kind, "reject") == 0) {
      LinkReceiver *rx = calloc(1, sizeof *rx);
      size_t wlen, i;
      int found = 0;
      sscanf(line, "%*s %63s %9999s", name, p1);
      wlen = unhex(p1, wire);
      for (i = 0; i < wlen; i++) {
        uint8_t t, s;
        const uint8_t *p;
        if (link_receive_byte(rx, wire[i], &t, &s, &p) >= 0) found++;
      }
      if (found != 0 || rx->dropped != 1) { fprintf(stderr, "    reject %s\n", name); test_failures_in_current++; }
      free(rx);
      rejects++;
    } else if (strcmp(kind, "stream") == 0) {
      LinkReceiver *rx = calloc(1, sizeof *rx);
      int count, found = 0;
      size_t wlen, i;
      sscanf(line, "%*s %63s %d %9999s", name, &count, p1);
      wlen = unhex(p1, wire);
      for (i = 0; i < wlen; i++) {
        uint8_t t, s;
        const uint8_t *p;
        if (link_receive_byte(rx, wire[i], &t, &s, &p) >= 0) found++;
      }
      if (found != count) { fprintf(stderr, "    stream %s: %d frames, want %d\n", name, found, count); test_failures_in_current++; }
      free(rx);
      streams++;
    }
  }
  fclose(f);
  EXPECT(frames >= 10 && rejects >= 5 && streams >= 5);
}

static void test_float_repr(void) {
  size_t i;
  char buf[40];
  for (i = 0; i < sizeof float_cases / sizeof float_cases[0]; i++) {
    double d;
    memcpy(&d, &float_cases[i].bits, sizeof d);
    float_format(d, buf);
    if (strcmp(buf, float_cases[i].repr) != 0) {
      fprintf(stderr, "    repr: got %s want %s\n", buf, float_cases[i].repr);
      test_failures_in_current++;
    }
  }
}

void tests_codec(void);
void tests_codec(void) {
  run_test("crc32 matches zlib", test_crc);
  run_test("cobs round trip", test_cobs_roundtrip);
  run_test("link frame vectors (frame/reject/stream)", test_vectors);
  run_test("float repr is CPython's shortest round-trip", test_float_repr);
}
