/* STM32F072RB settings for the Nucleo-64 (written for Viper): 48 MHz from the internal HSI
 * (8 MHz / 2 x 12 through the PLL), no crystal needed. Settings not named here take the HAL's
 * defaults. A Cortex-M0 has 2 priority bits: 0 (highest) .. 3. */
#ifndef MCUCONF_H
#define MCUCONF_H

#define STM32F0xx_MCUCONF
#define STM32F072_MCUCONF

#define STM32_NO_INIT                       FALSE
#define STM32_PVD_ENABLE                    FALSE
#define STM32_PLS                           STM32_PLS_LEV0
#define STM32_HSI_ENABLED                   TRUE
#define STM32_HSI14_ENABLED                 TRUE    /* the ADC's own clock */
#define STM32_HSI48_ENABLED                 FALSE
#define STM32_LSI_ENABLED                   TRUE
#define STM32_HSE_ENABLED                   FALSE
#define STM32_LSE_ENABLED                   FALSE
#define STM32_SW                            STM32_SW_PLL
#define STM32_PLLSRC                        STM32_PLLSRC_HSI_DIV2
#define STM32_PREDIV_VALUE                  1
#define STM32_PLLMUL_VALUE                  12
#define STM32_HPRE                          STM32_HPRE_DIV1
#define STM32_PPRE                          STM32_PPRE_DIV1
#define STM32_MCOSEL                        STM32_MCOSEL_NOCLOCK
#define STM32_MCOPRE                        STM32_MCOPRE_DIV1
#define STM32_PLLNODIV                      STM32_PLLNODIV_DIV2
#define STM32_USBSW                         STM32_USBSW_HSI48
#define STM32_CECSW                         STM32_CECSW_HSI
#define STM32_I2C1SW                        STM32_I2C1SW_HSI
#define STM32_USART1SW                      STM32_USART1SW_PCLK
#define STM32_RTCSEL                        STM32_RTCSEL_NOCLOCK

/* The shared interrupt vectors the HAL's ISR file serves: all at the lowest level. */
#define STM32_IRQ_EXTI0_1_PRIORITY          3
#define STM32_IRQ_EXTI2_3_PRIORITY          3
#define STM32_IRQ_EXTI4_15_PRIORITY         3
#define STM32_IRQ_EXTI16_PRIORITY           3
#define STM32_IRQ_EXTI17_20_PRIORITY        3
#define STM32_IRQ_EXTI21_22_PRIORITY        3
#define STM32_IRQ_USART1_PRIORITY           3
#define STM32_IRQ_USART2_PRIORITY           3
#define STM32_IRQ_USART3_8_PRIORITY         3
/* USART1 is machine.UART(1), served by hal_uart_stm32.c's own handler. */
#define STM32_DISABLE_USART1_HANDLER

/* The system tick: SysTick, periodic (chconf.h). */
#define STM32_ST_IRQ_PRIORITY               2

/* The link's serial driver. Its queues (halconf.h) shrink from 1100 bytes each to 256: 22 ms
 * of input at 115200 baud between two reads of the VM thread, which reads whenever it waits
 * and every few hundred bytecodes while a program runs; the host sends one frame at a time
 * (LINK_WINDOW 1) and waits for its answer, so a flash erase never overruns it. */
#define STM32_SERIAL_USE_USART2             TRUE
#define SERIAL_BUFFERS_SIZE                 256

/* The machine module's drivers (hal_*_chibios.c): PWM on TIM1, 2, 3, 14, 16, 17 (the pins of
 * boards/nucleo_f072rb.json), I2C(1), SPI(1), both polled or interrupt-driven (no DMA). */
#define STM32_PWM_USE_TIM1                  TRUE
#define STM32_PWM_USE_TIM2                  TRUE
#define STM32_PWM_USE_TIM3                  TRUE
#define STM32_PWM_USE_TIM14                 TRUE
#define STM32_PWM_USE_TIM16                 TRUE
#define STM32_PWM_USE_TIM17                 TRUE
#define STM32_PWM_TIM1_IRQ_PRIORITY         3
#define STM32_PWM_TIM2_IRQ_PRIORITY         3
#define STM32_PWM_TIM3_IRQ_PRIORITY         3
#define STM32_PWM_TIM14_IRQ_PRIORITY        3
#define STM32_PWM_TIM16_IRQ_PRIORITY        3
#define STM32_PWM_TIM17_IRQ_PRIORITY        3
/* ChibiOS's F0 platform has no interrupt handler for TIM14/16/17's PWM; Viper's PWM uses no
 * callbacks, so the timers never interrupt and need none. */
#define STM32_TIM14_SUPPRESS_ISR
#define STM32_TIM16_SUPPRESS_ISR
#define STM32_TIM17_SUPPRESS_ISR
#define STM32_I2C_USE_I2C1                  TRUE
#define STM32_I2C_I2C1_IRQ_PRIORITY         3
#define STM32_I2C_USE_DMA                   FALSE
#define STM32_SPI_USE_SPI1                  TRUE
#define STM32_SPI_SPI1_IRQ_PRIORITY         3
#define STM32_SPI_SPI1_DMA_PRIORITY         1
#define STM32_SPI_SPI1_RX_DMA_STREAM        STM32_DMA_STREAM_ID(1, 2)
#define STM32_SPI_SPI1_TX_DMA_STREAM        STM32_DMA_STREAM_ID(1, 3)

#endif
