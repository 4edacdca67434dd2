/* hal_bus.h's UARTs on the SAM3X8E's USARTs, numbered as the Arduino Due's Serial1..3:
 * UART(1) = USART0 (D18 TX / D19 RX), UART(2) = USART1 (D16 / D17), UART(3) = USART3 (D14 / D15);
 * pins and their peripheral (A or B, the JSON's "af") come from the board table. Received by
 * interrupt into a small ring, transmitted by polling, as hal_uart_stm32.c (which says why).
 * UNTESTED on hardware. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "viper_port_config.h"
#include "uart_ring.h"

#if SAM3X_SERIAL_USE_USART0 || SAM3X_SERIAL_USE_USART1 || SAM3X_SERIAL_USE_USART3
#error "machine.UART owns USART0, USART1 and USART3: the Serial driver must not"
#endif


#define US_MR_CHRL(bits)    ((uint32_t)((bits) - 5) << 6)   /* 7 or 8 data bits: 2, 3 */
#define US_MR_PAR_EVEN      (0U << 9)
#define US_MR_PAR_ODD       (1U << 9)
#define US_MR_NBSTOP_2      (2U << 12)

typedef struct {
  uint8_t id;                   /* machine.UART's number */
  uint8_t pid;                  /* peripheral id: clock and vector */
  sam3x_uart_t *regs;
  bool open;
  UartRing rx;
} Uart;

static Uart uarts[] = {
  {1, SAM3X_ID_USART0, SAM3X_USART0, false, {0, 0, {0}}},
  {2, SAM3X_ID_USART1, SAM3X_USART1, false, {0, 0, {0}}},
  {3, SAM3X_ID_USART3, SAM3X_USART3, false, {0, 0, {0}}},
};
#define UART_COUNT (sizeof uarts / sizeof uarts[0])

static Uart *find(int id) {
  unsigned i;
  for (i = 0; i < UART_COUNT; i++)
    if (uarts[i].id == id) return &uarts[i];
  return NULL;
}

static const HalBusInfo *bus_info(int id) {
  unsigned i;
  for (i = 0; i < hal_board.bus_count; i++)
    if (hal_board.buses[i].kind == HAL_BUS_UART && hal_board.buses[i].id == id) return &hal_board.buses[i];
  return NULL;
}

/* A received byte into the ring (a full ring drops it: the reader is too slow); errors cleared. */
static void serve(Uart *u) {
  uint32_t sr = u->regs->SR;
  if ((sr & (UART_SR_OVRE | UART_SR_FRAME | UART_SR_PARE)) != 0u) u->regs->CR = UART_CR_RSTSTA;
  if ((sr & UART_SR_RXRDY) != 0u) {
    uart_ring_put(&u->rx, (uint8_t)u->regs->RHR);
  }
}

#define UART_ISR(index, handler)                                  \
  OSAL_IRQ_HANDLER(handler) {                                     \
    OSAL_IRQ_PROLOGUE();                                          \
    serve(&uarts[index]);                                         \
    OSAL_IRQ_EPILOGUE();                                          \
  }
UART_ISR(0, SAM3X_USART0_HANDLER)
UART_ISR(1, SAM3X_USART1_HANDLER)
UART_ISR(2, SAM3X_USART3_HANDLER)

/* parity: 0 none, 1 odd, 2 even. The SAM3X's character length does not count the parity bit. */
const char *hal_uart_open(int id, uint32_t baud, int bits, int parity, int stop) {
  Uart *u = find(id);
  const HalBusInfo *b = bus_info(id);
  uint32_t mr;
  if (u == NULL || b == NULL) return "no such UART on this board";
  if (baud < 300u || baud > SAM3X_MCK / 16u) return "baudrate out of range";
  if (bits != 7 && bits != 8) return "bits must be 7 or 8";
  mr = US_MR_CHRL(bits) | (parity == 0 ? UART_MR_PAR_NONE : parity == 1 ? US_MR_PAR_ODD : US_MR_PAR_EVEN) |
       (stop == 2 ? US_MR_NBSTOP_2 : 0u);
  if (u->open) hal_uart_close(id);
  sam3x_peripheral_clock_enable(u->pid);
  uart_ring_clear(&u->rx);
  u->regs->IDR = 0xFFFFFFFFu;
  u->regs->CR = UART_CR_RSTRX | UART_CR_RSTTX | UART_CR_RXDIS | UART_CR_TXDIS | UART_CR_RSTSTA;
  u->regs->MR = mr;
  u->regs->BRGR = (SAM3X_MCK + 8u * baud) / (16u * baud);
  u->regs->IER = UART_SR_RXRDY;
  u->regs->CR = UART_CR_RXEN | UART_CR_TXEN;
  hal_chibios_pin_af(b->pins[0], b->af, false);
  hal_chibios_pin_af(b->pins[1], b->af, false);
  nvicEnableVector(u->pid, VIPER_BUS_IRQ_PRIORITY);
  u->open = true;
  return NULL;
}

void hal_uart_close(int id) {
  Uart *u = find(id);
  const HalBusInfo *b = bus_info(id);
  if (u == NULL || !u->open) return;
  /* What is on its way goes out first. */
  while ((u->regs->SR & UART_SR_TXEMPTY) == 0u) {
  }
  nvicDisableVector(u->pid);
  u->regs->IDR = 0xFFFFFFFFu;
  u->regs->CR = UART_CR_RXDIS | UART_CR_TXDIS;
  sam3x_peripheral_clock_disable(u->pid);
  u->open = false;
  if (b != NULL) {
    hal_chibios_pin_release(b->pins[0]);
    hal_chibios_pin_release(b->pins[1]);
  }
}

size_t hal_uart_write(int id, const uint8_t *data, size_t len) {
  Uart *u = find(id);
  size_t i;
  if (u == NULL || !u->open) return 0;
  for (i = 0; i < len; i++) {
    while ((u->regs->SR & UART_SR_TXRDY) == 0u) {
    }
    u->regs->THR = data[i];
  }
  return len;
}

size_t hal_uart_any(int id) {
  Uart *u = find(id);
  if (u == NULL || !u->open) return 0;
  return uart_ring_count(&u->rx);
}

size_t hal_uart_read(int id, uint8_t *buf, size_t max) {
  Uart *u = find(id);
  if (u == NULL || !u->open) return 0;
  return uart_ring_take(&u->rx, buf, max);
}

void hal_chibios_uart_reset(void) {
  unsigned i;
  for (i = 0; i < UART_COUNT; i++) hal_uart_close(uarts[i].id);
}
