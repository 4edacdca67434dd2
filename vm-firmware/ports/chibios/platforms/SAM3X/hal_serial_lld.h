/* ChibiOS Serial driver over the SAM3X8E's UART and USART0-3, written for Viper. UNTESTED on
 * hardware. Interrupt-driven both ways through the driver's queues (no PDC DMA), 8 data bits.
 * Drivers: SD1 = UART (PA8 URXD / PA9 UTXD, the Due's programming port through the 16U2),
 * SD2..SD5 = USART0..USART3. The pins' peripheral function is the board's to set. */
#ifndef HAL_SERIAL_LLD_H
#define HAL_SERIAL_LLD_H

#if HAL_USE_SERIAL || defined(__DOXYGEN__)

#if !defined(SAM3X_SERIAL_USE_UART)
#define SAM3X_SERIAL_USE_UART               FALSE
#endif
#if !defined(SAM3X_SERIAL_USE_USART0)
#define SAM3X_SERIAL_USE_USART0             FALSE
#endif
#if !defined(SAM3X_SERIAL_USE_USART1)
#define SAM3X_SERIAL_USE_USART1             FALSE
#endif
#if !defined(SAM3X_SERIAL_USE_USART2)
#define SAM3X_SERIAL_USE_USART2             FALSE
#endif
#if !defined(SAM3X_SERIAL_USE_USART3)
#define SAM3X_SERIAL_USE_USART3             FALSE
#endif
#if !defined(SAM3X_SERIAL_IRQ_PRIORITY)
#define SAM3X_SERIAL_IRQ_PRIORITY           12
#endif

#if !SAM3X_SERIAL_USE_UART && !SAM3X_SERIAL_USE_USART0 && !SAM3X_SERIAL_USE_USART1 &&    \
    !SAM3X_SERIAL_USE_USART2 && !SAM3X_SERIAL_USE_USART3
#error "SERIAL driver activated but no UART/USART assigned"
#endif
#if !OSAL_IRQ_IS_VALID_PRIORITY(SAM3X_SERIAL_IRQ_PRIORITY)
#error "invalid SAM3X_SERIAL_IRQ_PRIORITY"
#endif

typedef struct hal_serial_config {
  uint32_t                  speed;
  /* End of the mandatory fields.*/
  /* Mode register bits beyond 8 data bits, no parity, 1 stop bit (0 for 8N1). */
  uint32_t                  mr;
} SerialConfig;

#define _serial_driver_data                                                 \
  _base_asynchronous_channel_data                                           \
  sdstate_t                 state;                                          \
  input_queue_t             iqueue;                                         \
  output_queue_t            oqueue;                                         \
  uint8_t                   ib[SERIAL_BUFFERS_SIZE];                        \
  uint8_t                   ob[SERIAL_BUFFERS_SIZE];                        \
  /* End of the mandatory fields.*/                                         \
  sam3x_uart_t              *uart;                                          \
  uint8_t                   id;       /* peripheral id: clock and vector */ \
  bool                      usart;

#if SAM3X_SERIAL_USE_UART
extern SerialDriver SD1;
#endif
#if SAM3X_SERIAL_USE_USART0
extern SerialDriver SD2;
#endif
#if SAM3X_SERIAL_USE_USART1
extern SerialDriver SD3;
#endif
#if SAM3X_SERIAL_USE_USART2
extern SerialDriver SD4;
#endif
#if SAM3X_SERIAL_USE_USART3
extern SerialDriver SD5;
#endif

#ifdef __cplusplus
extern "C" {
#endif
  void sd_lld_init(void);
  void sd_lld_start(SerialDriver *sdp, const SerialConfig *config);
  void sd_lld_stop(SerialDriver *sdp);
#ifdef __cplusplus
}
#endif

#endif /* HAL_USE_SERIAL */

#endif /* HAL_SERIAL_LLD_H */
