/* ChibiOS HAL 9.1 configuration for Viper: PAL (with edge callbacks for Pin.irq), the serial
 * driver or USB CDC (the link), PWM, I2C and SPI for the machine module. The ADC and the Python
 * UARTs are driven without a HAL driver (hal_adc_stm32.c, hal_uart_stm32.c say why); timers are the
 * kernel's virtual timers. The MCU's settings (which USART, timers, clocks, interrupt
 * priorities) are in the board's mcuconf.h. */
#ifndef HALCONF_H
#define HALCONF_H

#define _CHIBIOS_HAL_CONF_
#define _CHIBIOS_HAL_CONF_VER_9_1_

#include "mcuconf.h"

#define HAL_USE_PAL                         TRUE
/* The link: a USART's Serial driver, or a USB CDC serial port (SerialUSB over the USB driver)
 * where the board's mcuconf.h sets VIPER_HAL_LINK_USB. Both branches are spelt out: ChibiOS's
 * smart build picks the driver sources it compiles from the text of this file, and an unused
 * driver's sources compile to nothing. */
#if defined(VIPER_HAL_LINK_USB) && (VIPER_HAL_LINK_USB == TRUE)
#define HAL_USE_SERIAL                      FALSE
#define HAL_USE_SERIAL_USB                  TRUE
#define HAL_USE_USB                         TRUE
#else
#define HAL_USE_SERIAL                      TRUE
#define HAL_USE_SERIAL_USB                  FALSE
#define HAL_USE_USB                         FALSE
#endif
/* A board's mcuconf.h may turn off what its platform has no driver for (the SAM3X's). */
#ifndef HAL_USE_PWM
#define HAL_USE_PWM                         TRUE
#endif
#ifndef HAL_USE_I2C
#define HAL_USE_I2C                         TRUE
#endif
#ifndef HAL_USE_SPI
#define HAL_USE_SPI                         TRUE
#endif

/* Not used (yet): spelled out so that -Wundef stays quiet. */
#define HAL_USE_SAFETY                      FALSE
#define HAL_USE_ADC                         FALSE
#define HAL_USE_CAN                         FALSE
#define HAL_USE_CRY                         FALSE
#define HAL_USE_DAC                         FALSE
#define HAL_USE_EFL                         FALSE
#define HAL_USE_GPT                         FALSE
#define HAL_USE_I2S                         FALSE
#define HAL_USE_ICU                         FALSE
#define HAL_USE_MAC                         FALSE
#define HAL_USE_MMC_SPI                     FALSE
#define HAL_USE_RTC                         FALSE
#define HAL_USE_SDC                         FALSE
#define HAL_USE_SIO                         FALSE
#define HAL_USE_TRNG                        FALSE
#define HAL_USE_UART                        FALSE
#define HAL_USE_WDG                         FALSE
#define HAL_USE_WSPI                        FALSE

#define PAL_USE_CALLBACKS                   TRUE    /* Pin.irq: EXTI -> machine_pin_edge */
#define PAL_USE_WAIT                        FALSE

#define I2C_ENABLE_SLAVE_MODE               FALSE
#define I2C_USE_MUTUAL_EXCLUSION            TRUE

/* Chip select is a Pin the program drives: the driver selects nothing. */
#define SPI_USE_WAIT                        TRUE
#define SPI_USE_ASSERT_ON_ERROR             FALSE
#define SPI_USE_MUTUAL_EXCLUSION            TRUE
#define SPI_SELECT_MODE                     SPI_SELECT_MODE_NONE

/* The link runs at 115200 baud; its frames are up to ~1 KB, so the receive queue holds a
 * whole upload chunk while the VM thread is busy. A board short of RAM sets a smaller queue in
 * its mcuconf.h (the STM32F072's 16 KB). */
#define SERIAL_DEFAULT_BITRATE              115200
#ifndef SERIAL_BUFFERS_SIZE
#define SERIAL_BUFFERS_SIZE                 1100
#endif
/* USB CDC needs no room for a whole frame: a full queue makes the device NAK the host's next
 * packet (USB's own flow control), so nothing is lost while the VM thread is busy. */
#define SERIAL_USB_BUFFERS_SIZE             256
#define SERIAL_USB_BUFFERS_NUMBER           2
#define USB_USE_WAIT                        FALSE

#endif /* HALCONF_H */
