/* ChibiOS HAL low-level driver for the Microchip SAM3X8E (Cortex-M3), written for Viper.
 * UNTESTED on hardware: it builds; QEMU has no SAM3X machine and nobody has run it on a Due yet.
 * Clocks: the 12 MHz crystal -> PLLA x14 = 168 MHz -> MCK = PLLA / 2 = 84 MHz. */
#ifndef HAL_LLD_H
#define HAL_LLD_H

#include "sam3x_registers.h"

#define PLATFORM_NAME             "SAM3X8E Cortex-M3 (Viper's minimal HAL)"

#if !defined(SAM3X_MCUCONF)
#error "Using a wrong mcuconf.h file, SAM3X_MCUCONF not defined"
#endif

/* The board's crystal and the PLLA multiplier (mcuconf.h may change them). */
#if !defined(SAM3X_MAINCK)
#define SAM3X_MAINCK              12000000U
#endif
#if !defined(SAM3X_PLLA_MUL)
#define SAM3X_PLLA_MUL            14U
#endif
#if !defined(SAM3X_NO_INIT)
#define SAM3X_NO_INIT             FALSE
#endif

#define SAM3X_PLLACK              (SAM3X_MAINCK * SAM3X_PLLA_MUL)
#define SAM3X_MCK                 (SAM3X_PLLACK / 2U)

/* PLLA's output range is 84-192 MHz; MCK at most 84 MHz (datasheet electrical characteristics). */
#if (SAM3X_PLLACK < 84000000U) || (SAM3X_PLLACK > 192000000U)
#error "PLLA out of its 84-192 MHz range"
#endif
#if SAM3X_MCK > 84000000U
#error "MCK above 84 MHz"
#endif

/* Flash wait states for MCK: the datasheet's table gives 4 (5 cycles per access) at 84 MHz. */
#define SAM3X_FLASH_WS            4U

#define hal_lld_get_clock_point(clkpt) SAM3X_MCK

/* Interrupt vectors by peripheral id: vectors.S names them Vector<offset in the table, hex>,
 * 0x40 + 4 x id. */
#define SAM3X_UART_HANDLER        Vector60      /* id 8 */
#define SAM3X_PIOA_HANDLER        Vector6C      /* id 11 */
#define SAM3X_PIOB_HANDLER        Vector70      /* id 12 */
#define SAM3X_PIOC_HANDLER        Vector74      /* id 13 */
#define SAM3X_PIOD_HANDLER        Vector78      /* id 14 */
#define SAM3X_USART0_HANDLER      Vector84      /* id 17 */
#define SAM3X_USART1_HANDLER      Vector88      /* id 18 */
#define SAM3X_USART2_HANDLER      Vector8C      /* id 19 */
#define SAM3X_USART3_HANDLER      Vector90      /* id 20 */

#include "nvic.h"

#ifdef __cplusplus
extern "C" {
#endif
  void hal_lld_init(void);
  void sam3x_clock_init(void);
  void sam3x_peripheral_clock_enable(uint32_t id);
  void sam3x_peripheral_clock_disable(uint32_t id);
#ifdef __cplusplus
}
#endif

#endif /* HAL_LLD_H */
