/* What the posix port adds to port.h: where the link is. */
#ifndef VIPER_PORT_POSIX_H
#define VIPER_PORT_POSIX_H

/* The link reads in_fd and writes out_fd (default 0 and 1). write_timeout_ms >= 0: output
 * that cannot be written within that time is dropped (after flushing pty_slave's unread
 * input, when pty_slave >= 0: a pty nobody reads). */
void port_posix_set_link(int in_fd, int out_fd, int write_timeout_ms, int pty_slave);

/* The fd the link reads, once port_posix_set_link named one (serving the link); else -1, and
 * a waiting thread does not wake for a program's own stdin. */
int port_posix_link_fd(void);

#endif
