/* SAM3X8E settings for the Arduino Due (written for Viper): 12 MHz crystal, MCK 84 MHz, the
 * UART as the link's Serial driver SD1. Interrupt priorities: 0 (highest) .. 15; the kernel
 * masks 2 and below in its critical sections (CORTEX_PRIORITY_BITS 4). */
#ifndef MCUCONF_H
#define MCUCONF_H

#define SAM3X_MCUCONF

#define SAM3X_NO_INIT                       FALSE
#define SAM3X_MAINCK                        12000000U
#define SAM3X_PLLA_MUL                      14U

#define SAM3X_ST_IRQ_PRIORITY               8
#define SAM3X_PAL_IRQ_PRIORITY              10
#define SAM3X_SERIAL_IRQ_PRIORITY           12

/* The link: the UART (PA8/PA9) through the ATmega16U2. */
#define SAM3X_SERIAL_USE_UART               TRUE

/* The HAL drivers this platform lacks (cfg/halconf.h turns them on for the STM32 boards). */
#define HAL_USE_PWM                         FALSE
#define HAL_USE_I2C                         FALSE
#define HAL_USE_SPI                         FALSE

#endif /* MCUCONF_H */
