/* Serial driver over the SAM3X8E's UART / USARTs (see hal_serial_lld.h). UNTESTED on hardware.
 * Receive: RXRDY interrupt -> the input queue. Transmit: writing to the output queue enables the
 * TXRDY interrupt, whose handler feeds THR until the queue is empty, then disables it. */
#include "hal.h"

#if HAL_USE_SERIAL || defined(__DOXYGEN__)

#if SAM3X_SERIAL_USE_UART
SerialDriver SD1;
#endif
#if SAM3X_SERIAL_USE_USART0
SerialDriver SD2;
#endif
#if SAM3X_SERIAL_USE_USART1
SerialDriver SD3;
#endif
#if SAM3X_SERIAL_USE_USART2
SerialDriver SD4;
#endif
#if SAM3X_SERIAL_USE_USART3
SerialDriver SD5;
#endif

static const SerialConfig default_config = {SERIAL_DEFAULT_BITRATE, 0U};

#define RX_ERRORS (UART_SR_OVRE | UART_SR_FRAME | UART_SR_PARE)

/* Called by the output queue, kernel locked, when bytes were written to it. */
static void onotify(io_queue_t *qp) {
  SerialDriver *sdp = qp->q_link;
  sdp->uart->IER = UART_SR_TXRDY;
}

static void serve_interrupt(SerialDriver *sdp) {
  sam3x_uart_t *u = sdp->uart;
  uint32_t sr = u->SR;
  uint32_t imr = u->IMR;

  osalSysLockFromISR();
  if ((sr & RX_ERRORS) != 0U) {
    eventflags_t flags = 0U;
    if ((sr & UART_SR_OVRE) != 0U) flags |= SD_OVERRUN_ERROR;
    if ((sr & UART_SR_FRAME) != 0U) flags |= SD_FRAMING_ERROR;
    if ((sr & UART_SR_PARE) != 0U) flags |= SD_PARITY_ERROR;
    u->CR = UART_CR_RSTSTA;
    chnAddFlagsI(sdp, flags);
  }
  if ((sr & UART_SR_RXRDY) != 0U) sdIncomingDataI(sdp, (uint8_t)u->RHR);
  if ((imr & UART_SR_TXRDY) != 0U && (sr & UART_SR_TXRDY) != 0U) {
    msg_t b = oqGetI(&sdp->oqueue);
    if (b < MSG_OK) {
      u->IDR = UART_SR_TXRDY;
      chnAddFlagsI(sdp, CHN_OUTPUT_EMPTY);
    } else {
      u->THR = (uint32_t)b;
    }
  }
  osalSysUnlockFromISR();
}

#define SERIAL_HANDLER(name, sd)                                            \
  OSAL_IRQ_HANDLER(name) {                                                  \
    OSAL_IRQ_PROLOGUE();                                                    \
    serve_interrupt(&sd);                                                   \
    OSAL_IRQ_EPILOGUE();                                                    \
  }

#if SAM3X_SERIAL_USE_UART
SERIAL_HANDLER(SAM3X_UART_HANDLER, SD1)
#endif
#if SAM3X_SERIAL_USE_USART0
SERIAL_HANDLER(SAM3X_USART0_HANDLER, SD2)
#endif
#if SAM3X_SERIAL_USE_USART1
SERIAL_HANDLER(SAM3X_USART1_HANDLER, SD3)
#endif
#if SAM3X_SERIAL_USE_USART2
SERIAL_HANDLER(SAM3X_USART2_HANDLER, SD4)
#endif
#if SAM3X_SERIAL_USE_USART3
SERIAL_HANDLER(SAM3X_USART3_HANDLER, SD5)
#endif

static void init_driver(SerialDriver *sdp, sam3x_uart_t *u, uint8_t id, bool usart) {
  sdObjectInit(sdp, NULL, onotify);
  sdp->uart = u;
  sdp->id = id;
  sdp->usart = usart;
}

void sd_lld_init(void) {
#if SAM3X_SERIAL_USE_UART
  init_driver(&SD1, SAM3X_UART, SAM3X_ID_UART, false);
#endif
#if SAM3X_SERIAL_USE_USART0
  init_driver(&SD2, SAM3X_USART0, SAM3X_ID_USART0, true);
#endif
#if SAM3X_SERIAL_USE_USART1
  init_driver(&SD3, SAM3X_USART1, SAM3X_ID_USART1, true);
#endif
#if SAM3X_SERIAL_USE_USART2
  init_driver(&SD4, SAM3X_USART2, SAM3X_ID_USART2, true);
#endif
#if SAM3X_SERIAL_USE_USART3
  init_driver(&SD5, SAM3X_USART3, SAM3X_ID_USART3, true);
#endif
}

/* Baud rate = MCK / (16 x CD), CD rounded to the nearest: 115200 baud at 84 MHz is CD 46,
 * 114130 baud (-0.9 %), within what a UART receiver tolerates. */
void sd_lld_start(SerialDriver *sdp, const SerialConfig *config) {
  sam3x_uart_t *u = sdp->uart;
  if (config == NULL) config = &default_config;
  if (sdp->state == SD_STOP) {
    sam3x_peripheral_clock_enable(sdp->id);
    nvicEnableVector(sdp->id, SAM3X_SERIAL_IRQ_PRIORITY);
  }
  u->IDR = 0xFFFFFFFFU;
  u->CR = UART_CR_RSTRX | UART_CR_RSTTX | UART_CR_RXDIS | UART_CR_TXDIS | UART_CR_RSTSTA;
  u->MR = UART_MR_PAR_NONE | (sdp->usart ? US_MR_CHRL_8 : 0U) | config->mr;
  u->BRGR = (SAM3X_MCK + 8U * config->speed) / (16U * config->speed);
  u->IER = UART_SR_RXRDY | RX_ERRORS;
  u->CR = UART_CR_RXEN | UART_CR_TXEN;
}

void sd_lld_stop(SerialDriver *sdp) {
  if (sdp->state == SD_READY) {
    sdp->uart->IDR = 0xFFFFFFFFU;
    sdp->uart->CR = UART_CR_RSTRX | UART_CR_RSTTX | UART_CR_RXDIS | UART_CR_TXDIS;
    nvicDisableVector(sdp->id);
    sam3x_peripheral_clock_disable(sdp->id);
  }
}

#endif /* HAL_USE_SERIAL */
