/* Polled transmit on an STM32 "USARTv1" (F1/F2/F4): the one place Viper touches a USART
 * register directly.
 *
 * Why: QEMU 7.2's STM32 USART model never raises the transmit interrupt (TXE/TC), so the
 * Serial driver's interrupt-driven output queue (sdWrite) would never drain. ChibiOS 21.11 has
 * no SIO driver for USARTv1 that could do this through the HAL. Boards that set
 * VIPER_LINK_TX_POLLED use this instead of sdWrite; the driver must be started (sdStart), and
 * its receive side stays interrupt-driven. */
#include "hal.h"
#include "viper_port_config.h"

#if VIPER_LINK_TX_POLLED
void viper_board_link_write_polled(SerialDriver *sdp, const uint8_t *data, size_t len) {
  USART_TypeDef *usart = sdp->usart;
  while (len-- > 0u) {
    while ((usart->SR & USART_SR_TXE) == 0u) {
    }
    usart->DR = *data++;
  }
}
#endif
