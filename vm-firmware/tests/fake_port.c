/* port.h for the C tests: in-memory link buffers and a captured console. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "port.h"

static uint8_t in_buf[1 << 20];
static size_t in_len, in_pos;
static uint8_t out_buf[1 << 20];
static size_t out_len;
static int at_eof;
/* A test's host that answers what the VM sent (debugger sessions): called when the input is
 * used up. A VM that keeps waiting with nothing coming is cut off (the link closes). */
static void (*host_fn)(void);
static unsigned long idle_reads;
char fake_console[65536];
size_t fake_console_len;

void fake_link_reset(void) { in_len = in_pos = out_len = 0; at_eof = 0; fake_console_len = 0; host_fn = NULL; }
void fake_link_set_eof(int eof) { at_eof = eof; }

void fake_link_push_input(const uint8_t *data, size_t len) {
  if (in_len + len > sizeof in_buf) abort();
  memcpy(in_buf + in_len, data, len);
  in_len += len;
}

const uint8_t *fake_link_output(size_t *len) { *len = out_len; return out_buf; }

void port_link_write(const uint8_t *data, size_t len) {
  if (out_len + len > sizeof out_buf) abort();
  memcpy(out_buf + out_len, data, len);
  out_len += len;
}

void fake_link_set_host(void (*fn)(void)) { host_fn = fn; idle_reads = 0; }

int port_link_read(uint8_t *buf, size_t max) {
  size_t n = in_len - in_pos;
  if (n == 0 && host_fn != NULL && !at_eof) {
    host_fn();
    n = in_len - in_pos;
    if (n == 0 && ++idle_reads > 200000) {
      fprintf(stderr, "    fake host: the VM waits for input that never comes; closing the link\n");
      at_eof = 1;
    }
  }
  if (n > 0) idle_reads = 0;
  if (n == 0) return at_eof ? -1 : 0;
  if (n > max) n = max;
  if (n > 7) n = 7;   /* small reads exercise frames split across reads */
  memcpy(buf, in_buf + in_pos, n);
  in_pos += n;
  return (int)n;
}

uint32_t port_ticks_ms(void) { return 0; }
int port_posix_link_fd(void) { return -1; }   /* threads: ports/posix/thread_posix.c */
void port_link_wait(uint32_t ms) { (void)ms; }

void port_console_write(const char *text, size_t len) {
  if (fake_console_len + len >= sizeof fake_console) len = sizeof fake_console - 1 - fake_console_len;
  memcpy(fake_console + fake_console_len, text, len);
  fake_console_len += len;
  fake_console[fake_console_len] = '\0';
}

void port_error_write(const char *text, size_t len) { port_console_write(text, len); }

void port_fatal(const char *message) {
  fprintf(stderr, "fatal: %s\n", message);
  abort();
}
