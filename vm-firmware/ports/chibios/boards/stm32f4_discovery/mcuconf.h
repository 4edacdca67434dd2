/* STM32F407VG settings for the STM32F4-Discovery (written for Viper). UNTESTED on hardware.
 * The board's 8 MHz crystal (HSE) through the PLL: 8 / 8 * 336 = 336 MHz VCO, / 2 = 168 MHz
 * system clock, / 7 = 48 MHz for USB OTG FS (USB needs exactly 48). APB1 42 MHz, APB2 84 MHz.
 * Settings not named here take the HAL's defaults (STM32F4xx/hal_lld.h, the drivers' headers). */
#ifndef MCUCONF_H
#define MCUCONF_H

#define STM32F4xx_MCUCONF
#define STM32F407_MCUCONF

#define STM32_NO_INIT                       FALSE
#define STM32_HSI_ENABLED                   TRUE
#define STM32_HSE_ENABLED                   TRUE
#define STM32_LSI_ENABLED                   TRUE
#define STM32_LSE_ENABLED                   FALSE     /* no 32 kHz crystal fitted */
#define STM32_CLOCK48_REQUIRED              TRUE
#define STM32_SW                            STM32_SW_PLL
#define STM32_PLLSRC                        STM32_PLLSRC_HSE
#define STM32_PLLM_VALUE                    8
#define STM32_PLLN_VALUE                    336
#define STM32_PLLP_VALUE                    2
#define STM32_PLLQ_VALUE                    7
#define STM32_HPRE                          STM32_HPRE_DIV1
#define STM32_PPRE1                         STM32_PPRE1_DIV4
#define STM32_PPRE2                         STM32_PPRE2_DIV2
#define STM32_RTCSEL                        STM32_RTCSEL_NOCLOCK

#include "stm32f4_irq_priorities.h"

/* The link is USB CDC on OTG FS (OTG1): halconf.h turns SerialUSB and the USB driver on, and
 * the Serial driver off (machine.UART drives its USART without it, hal_uart_stm32.c). */
#define VIPER_HAL_LINK_USB                  TRUE
#define STM32_USB_USE_OTG1                  TRUE
#define STM32_USB_USE_OTG2                  FALSE
#define STM32_USB_OTG1_IRQ_PRIORITY         12
#define STM32_USB_OTG1_RX_FIFO_SIZE         512

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
