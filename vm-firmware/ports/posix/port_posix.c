/* port.h for POSIX hosts: the link is stdin/stdout or a pseudo-terminal (port_posix_set_link),
 * the console is stdout. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "port.h"
#include "port_posix.h"

static int link_in = 0, link_out = 1;
static int link_write_timeout_ms = -1, link_pty_slave = -1;
static bool link_serving;

void port_posix_set_link(int in_fd, int out_fd, int write_timeout_ms, int pty_slave) {
  link_in = in_fd;
  link_out = out_fd;
  link_write_timeout_ms = write_timeout_ms;
  link_pty_slave = pty_slave;
  link_serving = true;
}

int port_posix_link_fd(void) { return link_serving ? link_in : -1; }

/* timeout_ms < 0: block. Else give up (drop the rest) when the fd stays full that long, as
 * a board's UART drops output that nobody reads. */
static void write_all(int fd, const void *data, size_t len, int timeout_ms) {
  const char *p = (const char *)data;
  while (len > 0) {
    ssize_t n;
    if (timeout_ms >= 0) {
      struct pollfd pfd;
      pfd.fd = fd;
      pfd.events = POLLOUT;
      pfd.revents = 0;
      if (poll(&pfd, 1, timeout_ms) <= 0) {
        /* nobody reads the pty: throw away what waits there, as a UART would have */
        if (fd != link_out || link_pty_slave < 0) return;
        tcflush(link_pty_slave, TCIFLUSH);
        if (poll(&pfd, 1, 0) <= 0) return;
      }
    }
    n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return;
    }
    p += n;
    len -= (size_t)n;
  }
}

void port_link_write(const uint8_t *data, size_t len) { write_all(link_out, data, len, link_write_timeout_ms); }

int port_link_read(uint8_t *buf, size_t max) {
  struct pollfd pfd;
  ssize_t n;
  pfd.fd = link_in;
  pfd.events = POLLIN;
  pfd.revents = 0;
  if (poll(&pfd, 1, 0) <= 0) return 0;
  n = read(link_in, buf, max);
  if (n == 0) return -1;
  if (n < 0) return errno == EINTR || errno == EAGAIN ? 0 : -1;
  return (int)n;
}

void port_link_wait(uint32_t ms) {
  struct pollfd pfd;
  pfd.fd = link_in;
  pfd.events = POLLIN;
  pfd.revents = 0;
  poll(&pfd, 1, (int)ms);
}

uint32_t port_ticks_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

void port_console_write(const char *text, size_t len) { write_all(1, text, len, -1); }
void port_error_write(const char *text, size_t len) { write_all(2, text, len, -1); }

void port_fatal(const char *message) {
  fprintf(stderr, "viper-vm: fatal: %s\n", message);
  exit(3);
}
