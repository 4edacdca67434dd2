/* STM32F4 boards: priorities of the interrupt vectors the HAL's shared ISR file serves (it
 * requires all of them, used or not). Included by each board's mcuconf.h. */
#ifndef VIPER_STM32F4_IRQ_PRIORITIES_H
#define VIPER_STM32F4_IRQ_PRIORITIES_H

/* Lower numbers preempt higher ones; 12 is below every kernel-critical level. */
#define STM32_IRQ_EXTI0_PRIORITY               12
#define STM32_IRQ_EXTI1_PRIORITY               12
#define STM32_IRQ_EXTI2_PRIORITY               12
#define STM32_IRQ_EXTI3_PRIORITY               12
#define STM32_IRQ_EXTI4_PRIORITY               12
#define STM32_IRQ_EXTI5_9_PRIORITY             12
#define STM32_IRQ_EXTI10_15_PRIORITY           12
#define STM32_IRQ_EXTI16_PRIORITY              12
#define STM32_IRQ_EXTI17_PRIORITY              12
#define STM32_IRQ_EXTI18_PRIORITY              12
#define STM32_IRQ_EXTI19_PRIORITY              12
#define STM32_IRQ_EXTI20_PRIORITY              12
#define STM32_IRQ_EXTI21_PRIORITY              12
#define STM32_IRQ_EXTI22_PRIORITY              12
#define STM32_IRQ_TIM1_BRK_TIM9_PRIORITY       12
#define STM32_IRQ_TIM1_UP_TIM10_PRIORITY       12
#define STM32_IRQ_TIM1_TRGCO_TIM11_PRIORITY    12
#define STM32_IRQ_TIM1_CC_PRIORITY             12
#define STM32_IRQ_TIM2_PRIORITY                12
#define STM32_IRQ_TIM3_PRIORITY                12
#define STM32_IRQ_TIM4_PRIORITY                12
#define STM32_IRQ_TIM5_PRIORITY                12
#define STM32_IRQ_TIM6_PRIORITY                12
#define STM32_IRQ_TIM7_PRIORITY                12
#define STM32_IRQ_TIM8_BRK_TIM12_PRIORITY      12
#define STM32_IRQ_TIM8_UP_TIM13_PRIORITY       12
#define STM32_IRQ_TIM8_TRGCO_TIM14_PRIORITY    12
#define STM32_IRQ_TIM8_CC_PRIORITY             12
#define STM32_IRQ_USART1_PRIORITY              12
#define STM32_IRQ_USART2_PRIORITY              12
#define STM32_IRQ_USART3_PRIORITY              12
#define STM32_IRQ_UART4_PRIORITY               12
#define STM32_IRQ_UART5_PRIORITY               12
#define STM32_IRQ_USART6_PRIORITY              12
#define STM32_IRQ_UART7_PRIORITY               12
#define STM32_IRQ_UART8_PRIORITY               12
#define STM32_IRQ_UART9_PRIORITY               12
#define STM32_IRQ_UART10_PRIORITY              12

#endif
