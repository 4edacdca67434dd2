/* port.h for the fuzz targets: the link reads the fuzzer's input (fuzz_port_set_input), then
 * reports the link closed; writes go nowhere; nothing blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_port.h"
#include "link.h"
#include "port.h"

static const uint8_t *in_data;
static size_t in_len, in_pos;
/* Hold points: the input is not read past holds[next_hold] until the VM has sent DEBUG_STOPPED
 * or DONE since it last read, fuzz_port_release says that nothing will come, or HOLD_READS reads
 * found nothing (a stopped program waits for the host: no other stop would come). */
#define HOLD_READS 200
static size_t holds[FUZZ_MAX_HOLDS];
static int nholds, next_hold;
static bool stop_seen;
static int held_reads;

void fuzz_port_set_input(const uint8_t *data, size_t len) {
  in_data = data;
  in_len = len;
  in_pos = 0;
  nholds = next_hold = held_reads = 0;
  stop_seen = false;
}

void fuzz_port_hold_at(size_t at) {
  if (nholds < FUZZ_MAX_HOLDS) holds[nholds++] = at;
}

void fuzz_port_release(void) { stop_seen = true; }

/* The frames the VM sends are decoded only to see its stops (when holds are set) and for
 * FUZZ_TRACE=1 in the environment, which writes each to stderr as "<- type seq len" (and an
 * ERROR's text), to check that a seed reaches what it is meant to. */
void port_link_write(const uint8_t *data, size_t len) {
  static int trace = -1;
  static LinkReceiver rx;
  size_t i;
  if (trace < 0) trace = getenv("FUZZ_TRACE") != NULL;
  if (!trace && next_hold >= nholds) return;
  for (i = 0; i < len; i++) {
    uint8_t type, seq;
    const uint8_t *payload;
    long n = link_receive_byte(&rx, data[i], &type, &seq, &payload);
    if (n < 0) continue;
    if (type == FRAME_DEBUG_STOPPED || type == FRAME_DONE) stop_seen = true;
    if (!trace) continue;
    fprintf(stderr, "<- %02x %u %ld", type, seq, n);
    if (type == FRAME_ERROR && n > 2) fprintf(stderr, " %.*s", (int)n - 2, (const char *)payload + 2);
    fprintf(stderr, "\n");
  }
}

int port_link_read(uint8_t *buf, size_t max) {
  size_t n = in_len - in_pos;
  if (next_hold < nholds && in_pos >= holds[next_hold]) {
    if (!stop_seen && ++held_reads < HOLD_READS) return 0;
    next_hold++;
    held_reads = 0;
  }
  if (n == 0) return -1;
  if (next_hold < nholds && holds[next_hold] - in_pos < n) n = holds[next_hold] - in_pos;
  if (n > max) n = max;
  if (n > 61) n = 61;   /* odd-sized reads: frames split across them */
  memcpy(buf, in_data + in_pos, n);
  in_pos += n;
  stop_seen = false;
  return (int)n;
}

void port_link_wait(uint32_t ms) { (void)ms; }
uint32_t port_ticks_ms(void) { return 0; }
int port_posix_link_fd(void) { return -1; }   /* threads: ports/posix/thread_posix.c */
void port_console_write(const char *text, size_t len) { (void)text; (void)len; }
void port_error_write(const char *text, size_t len) { (void)text; (void)len; }
void port_fatal(const char *message) { (void)message; abort(); }
