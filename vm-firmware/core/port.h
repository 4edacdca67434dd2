/* The only way the core reaches the outside world. Each port (posix, chibios, the C tests'
 * fake port) implements these functions. */
#ifndef VIPER_PORT_H
#define VIPER_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Write bytes of the link (serial) stream; blocks until all are queued. */
void port_link_write(const uint8_t *data, size_t len);

/* Read up to max link bytes without blocking. Returns the count (0 when none are waiting),
 * or -1 when the link is closed for good (end of input). */
int port_link_read(uint8_t *buf, size_t max);

/* Sleep until link bytes are waiting or ms have passed (a port may return at once). */
void port_link_wait(uint32_t ms);

/* Milliseconds and microseconds since start (both wrap). */
uint32_t port_ticks_ms(void);
uint32_t port_ticks_us(void);

/* Program text in standalone mode (no link): a terminal, a UART, stdout. */
void port_console_write(const char *text, size_t len);

/* Error text in standalone mode (tracebacks, bad image). */
void port_error_write(const char *text, size_t len);

/* Unrecoverable VM bug: report and stop; never returns. */
void port_fatal(const char *message);

/* ---- threads (core/thread.c builds Python's threads and the interpreter lock on these) ----
 * A PortThread is an OS thread of the port (a pthread, a ChibiOS thread). The core keeps its
 * scheduling state under one short lock and parks each thread on its own wake-up signal. */
typedef struct PortThread PortThread;

#define PORT_WAIT_FOREVER 0xFFFFFFFFu

/* The calling thread, which runs the VM's main program (and serves the link). */
PortThread *port_thread_main(void);
/* A new OS thread running fn(arg) at priority prio (1 lowest .. 5 highest, the PRIO_ levels);
 * NULL when the port has no room for one more. Called with the scheduler lock held. */
PortThread *port_thread_start(void (*fn)(void *arg), void *arg, int prio);
/* End the calling thread at once (its C stack is dropped; it holds no lock of the VM). */
void port_thread_exit(void);
/* Wait until t (whose fn has returned) is gone and give its resources back. */
void port_thread_reap(PortThread *t);

/* The scheduler's lock: held for a few instructions, never while Python runs. */
void port_sched_lock(void);
void port_sched_unlock(void);
/* With the scheduler lock held: release it, sleep until port_thread_wake(self), ms pass, or (link
 * true) bytes wait on the link, and take the lock again. A wake that came before the sleep
 * counts (the signal is sticky), so nothing is lost between a check and the sleep; a port may
 * also return early for no reason (callers check their condition again). */
void port_thread_sleep(PortThread *self, uint32_t ms, bool link);
/* With the scheduler lock held: wake t (now or at its next sleep). */
void port_thread_wake(PortThread *t);

/* ---- hardware events (core/machine_events.c queues them from interrupt handlers) ----
 * A short critical section usable from any context, an interrupt handler included. */
uint32_t port_irq_save(void);
void port_irq_restore(uint32_t state);
/* From any context: make t return from port_thread_sleep soon (it finds out why itself). */
void port_thread_wake_any(PortThread *t);

#endif
