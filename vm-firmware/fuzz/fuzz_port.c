/* port.h for the fuzz targets: the link reads the fuzzer's input (fuzz_port_set_input), then
 * reports the link closed; writes go nowhere; nothing blocks. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_port.h"
#include "port.h"

static const uint8_t *in_data;
static size_t in_len, in_pos;

void fuzz_port_set_input(const uint8_t *data, size_t len) {
  in_data = data;
  in_len = len;
  in_pos = 0;
}

void port_link_write(const uint8_t *data, size_t len) { (void)data; (void)len; }

int port_link_read(uint8_t *buf, size_t max) {
  size_t n = in_len - in_pos;
  if (n == 0) return -1;
  if (n > max) n = max;
  if (n > 61) n = 61;   /* odd-sized reads: frames split across them */
  memcpy(buf, in_data + in_pos, n);
  in_pos += n;
  return (int)n;
}

void port_link_wait(uint32_t ms) { (void)ms; }
uint32_t port_ticks_ms(void) { return 0; }
int port_posix_link_fd(void) { return -1; }   /* threads: ports/posix/thread_posix.c */
void port_console_write(const char *text, size_t len) { (void)text; (void)len; }
void port_error_write(const char *text, size_t len) { (void)text; (void)len; }
void port_fatal(const char *message) { (void)message; abort(); }
