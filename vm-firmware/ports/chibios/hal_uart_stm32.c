/* hal_bus.h's UARTs on an STM32 USART, the F4's "USARTv1" (SR/DR) or the F0's "USARTv2"
 * (ISR/RDR/TDR, errors cleared through ICR): UART(n) is USARTn/UARTn, received by interrupt into
 * a small ring, transmitted by polling. The board's viper_board.h enables each (VIPER_USE_UARTn).
 *
 * Why not ChibiOS's Serial driver (as the link uses): its queues take SERIAL_BUFFERS_SIZE (1.1 KB,
 * the link's) twice for every UART, which the 96 KB of a Nucleo-F401RE cannot spare beside the
 * VM's heap, and QEMU 7.2 never raises the transmit interrupt its output queue drains on (see
 * boards/common/stm32_usart_tx_polled.c). Polling sends a byte in 1 ms at 9600 baud. The ring
 * holds VIPER_UART_RX_SIZE bytes (viper_port_config.h); a byte that finds it full is dropped. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "viper_port_config.h"
#include "uart_ring.h"


/* The two register layouts, named once. */
#if defined(USART_ISR_RXNE)                       /* USARTv2 (STM32F0) */
#define STATUS(r)         ((r)->ISR)
#define RECEIVED(r)       ((r)->RDR)
#define SEND(r, b)        ((r)->TDR = (b))
#define ST_RXNE           USART_ISR_RXNE
#define ST_TXE            USART_ISR_TXE
#define ST_TC             USART_ISR_TC
#define ST_ERRORS         (USART_ISR_ORE | USART_ISR_NE | USART_ISR_FE | USART_ISR_PE)
/* Reading RDR does not clear an error flag there: an overrun would raise the interrupt forever. */
#define CLEAR_ERRORS(r)   ((r)->ICR = USART_ICR_ORECF | USART_ICR_NCF | USART_ICR_FECF | USART_ICR_PECF)
#define CR1_9BITS         USART_CR1_M0
#define PCLK_OF(apb2)     ((void)(apb2), STM32_PCLK)   /* one APB; USART1 on PCLK (mcuconf.h) */
#else                                             /* USARTv1 (STM32F1/F2/F4) */
#define STATUS(r)         ((r)->SR)
#define RECEIVED(r)       ((r)->DR)
#define SEND(r, b)        ((r)->DR = (b))
#define ST_RXNE           USART_SR_RXNE
#define ST_TXE            USART_SR_TXE
#define ST_TC             USART_SR_TC
#define ST_ERRORS         (USART_SR_ORE | USART_SR_NE | USART_SR_FE | USART_SR_PE)
#define CLEAR_ERRORS(r)   ((void)0)   /* reading DR after SR clears them */
#define CR1_9BITS         USART_CR1_M
#define PCLK_OF(apb2)     ((apb2) ? STM32_PCLK2 : STM32_PCLK1)
#endif

typedef struct {
  uint8_t id;
  USART_TypeDef *regs;
  uint8_t irq;
  bool apb2;                   /* clocked by PCLK2 (USART1, USART6), else PCLK1 */
  bool open;
  UartRing rx;
} Uart;

static Uart uarts[] = {
#if VIPER_USE_UART1
  {1, USART1, STM32_USART1_NUMBER, true, false, {0, 0, {0}}},
#endif
#if VIPER_USE_UART2
  {2, USART2, STM32_USART2_NUMBER, false, false, {0, 0, {0}}},
#endif
#if VIPER_USE_UART3
  {3, USART3, STM32_USART3_NUMBER, false, false, {0, 0, {0}}},
#endif
#if VIPER_USE_UART4
  {4, UART4, STM32_UART4_NUMBER, false, false, {0, 0, {0}}},
#endif
#if VIPER_USE_UART5
  {5, UART5, STM32_UART5_NUMBER, false, false, {0, 0, {0}}},
#endif
#if VIPER_USE_UART6
  {6, USART6, STM32_USART6_NUMBER, true, false, {0, 0, {0}}},
#endif
  {0, NULL, 0, false, false, {0, 0, {0}}}   /* the end */
};

static Uart *find(int id) {
  Uart *u;
  for (u = uarts; u->regs != NULL; u++)
    if (u->id == id) return u;
  return NULL;
}

static const HalBusInfo *bus_info(int id) {
  unsigned i;
  for (i = 0; i < hal_board.bus_count; i++)
    if (hal_board.buses[i].kind == HAL_BUS_UART && hal_board.buses[i].id == id) return &hal_board.buses[i];
  return NULL;
}

static void clock(Uart *u, bool on) {
  switch (u->id) {
#if VIPER_USE_UART1
  case 1: if (on) { rccEnableUSART1(true); } else { rccDisableUSART1(); } break;
#endif
#if VIPER_USE_UART2
  case 2: if (on) { rccEnableUSART2(true); } else { rccDisableUSART2(); } break;
#endif
#if VIPER_USE_UART3
  case 3: if (on) { rccEnableUSART3(true); } else { rccDisableUSART3(); } break;
#endif
#if VIPER_USE_UART4
  case 4: if (on) { rccEnableUART4(true); } else { rccDisableUART4(); } break;
#endif
#if VIPER_USE_UART5
  case 5: if (on) { rccEnableUART5(true); } else { rccDisableUART5(); } break;
#endif
#if VIPER_USE_UART6
  case 6: if (on) { rccEnableUSART6(true); } else { rccDisableUSART6(); } break;
#endif
  default: break;
  }
}

/* A received byte (or an error, cleared) into the ring; a full ring drops the byte: the reader
 * is too slow. */
static void serve(Uart *u) {
  uint32_t sr = STATUS(u->regs);
  if (sr & (ST_RXNE | ST_ERRORS)) {
    uint8_t b = (uint8_t)RECEIVED(u->regs);
    CLEAR_ERRORS(u->regs);
    if (sr & ST_RXNE) uart_ring_put(&u->rx, b);
  }
}

#define UART_ISR(n, handler)                                      \
  OSAL_IRQ_HANDLER(handler) {                                     \
    OSAL_IRQ_PROLOGUE();                                          \
    serve(find(n));                                               \
    OSAL_IRQ_EPILOGUE();                                          \
  }
#if VIPER_USE_UART1
UART_ISR(1, STM32_USART1_HANDLER)
#endif
#if VIPER_USE_UART2
UART_ISR(2, STM32_USART2_HANDLER)
#endif
#if VIPER_USE_UART3
UART_ISR(3, STM32_USART3_HANDLER)
#endif
#if VIPER_USE_UART4
UART_ISR(4, STM32_UART4_HANDLER)
#endif
#if VIPER_USE_UART5
UART_ISR(5, STM32_UART5_HANDLER)
#endif
#if VIPER_USE_UART6
UART_ISR(6, STM32_USART6_HANDLER)
#endif

const char *hal_uart_open(int id, uint32_t baud, int bits, int parity, int stop) {
  Uart *u = find(id);
  const HalBusInfo *b = bus_info(id);
  uint32_t pclk, cr1 = USART_CR1_UE | USART_CR1_TE | USART_CR1_RE | USART_CR1_RXNEIE;
  if (u == NULL || b == NULL) return "no such UART on this board";
  pclk = PCLK_OF(u->apb2);
  if (baud < 300u || baud > pclk / 16u) return "baudrate out of range";
  /* The word length counts the parity bit: 8 data bits, or 7 or 8 with parity. */
  if (parity == 0 && bits == 8) {
  } else if (parity != 0 && bits == 7) {
    cr1 |= USART_CR1_PCE;
  } else if (parity != 0 && bits == 8) {
    cr1 |= USART_CR1_PCE | CR1_9BITS;
  } else {
    return "bits must be 8, or 7 or 8 with parity";
  }
  if (parity == 1) cr1 |= USART_CR1_PS;   /* odd */
  if (u->open) hal_uart_close(id);
  clock(u, true);
  uart_ring_clear(&u->rx);
  u->regs->CR1 = 0;
  u->regs->BRR = (pclk + baud / 2u) / baud;   /* oversampling by 16 */
  u->regs->CR2 = stop == 2 ? USART_CR2_STOP_1 : 0u;
  u->regs->CR3 = 0;
  u->regs->CR1 = cr1;
  hal_chibios_pin_af(b->pins[0], b->af, false);
  hal_chibios_pin_af(b->pins[1], b->af, false);
  nvicEnableVector(u->irq, VIPER_BUS_IRQ_PRIORITY);
  u->open = true;
  return NULL;
}

void hal_uart_close(int id) {
  Uart *u = find(id);
  const HalBusInfo *b = bus_info(id);
  if (u == NULL || !u->open) return;
  /* What is on its way goes out first. */
  while ((STATUS(u->regs) & ST_TC) == 0u) {
  }
  nvicDisableVector(u->irq);
  u->regs->CR1 = 0;
  clock(u, false);
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
    while ((STATUS(u->regs) & ST_TXE) == 0u) {
    }
    SEND(u->regs, data[i]);
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
  Uart *u;
  for (u = uarts; u->regs != NULL; u++) hal_uart_close(u->id);
}
