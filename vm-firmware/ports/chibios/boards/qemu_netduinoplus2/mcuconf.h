/* STM32F4 settings for QEMU's netduinoplus2 (written for Viper). Every setting not named here
 * takes the HAL's default (os/hal/ports/STM32/STM32F4xx/hal_lld.h and the drivers' headers). */
#ifndef MCUCONF_H
#define MCUCONF_H

#define STM32F4xx_MCUCONF
#define STM32F405_MCUCONF
#define STM32F407_MCUCONF     /* the Discovery board file declares an STM32F407 */

/* QEMU 7.2 models no RCC: the HAL must not wait for oscillators and PLLs that never lock.
 * The clock tree below is still what the HAL computes baud rates from (HSE 8 MHz -> 168 MHz). */
#define STM32_NO_INIT                       TRUE
#define STM32_HSE_ENABLED                   TRUE
#define STM32_SW                            STM32_SW_PLL
#define STM32_PLLSRC                        STM32_PLLSRC_HSE
#define STM32_PLLM_VALUE                    8
#define STM32_PLLN_VALUE                    336
#define STM32_PLLP_VALUE                    2
#define STM32_PLLQ_VALUE                    7
#define STM32_HPRE                          STM32_HPRE_DIV1
#define STM32_PPRE1                         STM32_PPRE1_DIV4
#define STM32_PPRE2                         STM32_PPRE2_DIV2
#define STM32_LSE_ENABLED                   FALSE
#define STM32_RTCSEL                        STM32_RTCSEL_NOCLOCK

#include "stm32f4_irq_priorities.h"

/* The link's serial driver. */
#define STM32_SERIAL_USE_USART1             TRUE
#define STM32_SERIAL_USART1_PRIORITY        12

/* The machine module's drivers (hal_*_chibios.c): PWM on TIM1..TIM5, I2C(1), SPI(1). */
#define STM32_PWM_USE_TIM1                  TRUE
#define STM32_PWM_USE_TIM2                  TRUE
#define STM32_PWM_USE_TIM3                  TRUE
#define STM32_PWM_USE_TIM4                  TRUE
#define STM32_PWM_USE_TIM5                  TRUE
#define STM32_I2C_USE_I2C1                  TRUE
#define STM32_SPI_USE_SPI1                  TRUE
#define STM32_SPI_SPI1_RX_DMA_STREAM        STM32_DMA_STREAM_ID(2, 0)
#define STM32_SPI_SPI1_TX_DMA_STREAM        STM32_DMA_STREAM_ID(2, 3)

#endif
