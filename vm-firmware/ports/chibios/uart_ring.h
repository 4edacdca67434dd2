/* The receive ring of a machine.UART (hal_uart_stm32.c, hal_uart_sam3x.c): the interrupt puts
 * bytes in, the program takes them out. A full ring drops the byte: the reader is too slow.
 * Include after viper_port_config.h (VIPER_UART_RX_SIZE, a power of two). */
#ifndef UART_RING_H
#define UART_RING_H

#include <stddef.h>
#include <stdint.h>

#define UART_RING_MASK ((uint16_t)(VIPER_UART_RX_SIZE - 1u))

typedef struct {
  volatile uint16_t head, tail;   /* head: the interrupt's, tail: the reader's */
  uint8_t buf[VIPER_UART_RX_SIZE];
} UartRing;

static inline void uart_ring_put(UartRing *r, uint8_t b) {
  uint16_t next = (uint16_t)((r->head + 1u) & UART_RING_MASK);
  if (next == r->tail) return;
  r->buf[r->head] = b;
  r->head = next;
}

static inline size_t uart_ring_count(const UartRing *r) {
  return (size_t)((r->head - r->tail) & UART_RING_MASK);
}

static inline size_t uart_ring_take(UartRing *r, uint8_t *out, size_t max) {
  size_t n = 0;
  while (n < max && r->tail != r->head) {
    out[n++] = r->buf[r->tail];
    r->tail = (uint16_t)((r->tail + 1u) & UART_RING_MASK);
  }
  return n;
}

static inline void uart_ring_clear(UartRing *r) { r->head = r->tail = 0; }

#endif
