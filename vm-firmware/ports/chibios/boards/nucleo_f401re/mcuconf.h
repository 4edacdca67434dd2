/* STM32F401RE settings for the Nucleo-64 (written for Viper): 84 MHz from the internal HSI
 * through the PLL. Settings not named here take the HAL's defaults. */
#ifndef MCUCONF_H
#define MCUCONF_H

#define STM32F4xx_MCUCONF
#define STM32F401_MCUCONF

#define STM32_NO_INIT                       FALSE
#define STM32_HSI_ENABLED                   TRUE
#define STM32_HSE_ENABLED                   FALSE
#define STM32_LSI_ENABLED                   TRUE
#define STM32_LSE_ENABLED                   FALSE
#define STM32_SW                            STM32_SW_PLL
#define STM32_PLLSRC                        STM32_PLLSRC_HSI
#define STM32_PLLM_VALUE                    16
#define STM32_PLLN_VALUE                    336
#define STM32_PLLP_VALUE                    4
#define STM32_PLLQ_VALUE                    7
#define STM32_HPRE                          STM32_HPRE_DIV1
#define STM32_PPRE1                         STM32_PPRE1_DIV2
#define STM32_PPRE2                         STM32_PPRE2_DIV1
#define STM32_RTCSEL                        STM32_RTCSEL_NOCLOCK

#include "stm32f4_irq_priorities.h"

/* The link's serial driver. */
#define STM32_SERIAL_USE_USART2             TRUE
#define STM32_SERIAL_USART2_PRIORITY        12

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
