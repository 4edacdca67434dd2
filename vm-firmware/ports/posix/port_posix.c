/* port.h for POSIX hosts: the link is stdin/stdout (raw bytes), the console is stdout. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "port.h"

static void write_all(int fd, const void *data, size_t len) {
  const char *p = (const char *)data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    p += n;
    len -= (size_t)n;
  }
}

void port_link_write(const uint8_t *data, size_t len) { write_all(1, data, len); }

int port_link_read(uint8_t *buf, size_t max) {
  struct pollfd pfd;
  ssize_t n;
  pfd.fd = 0;
  pfd.events = POLLIN;
  pfd.revents = 0;
  if (poll(&pfd, 1, 0) <= 0) return 0;
  n = read(0, buf, max);
  if (n == 0) return -1;
  if (n < 0) return errno == EINTR || errno == EAGAIN ? 0 : -1;
  return (int)n;
}

uint32_t port_ticks_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

void port_console_write(const char *text, size_t len) { write_all(1, text, len); }
void port_error_write(const char *text, size_t len) { write_all(2, text, len); }

void port_fatal(const char *message) {
  fprintf(stderr, "viper-vm: fatal: %s\n", message);
  exit(3);
}
