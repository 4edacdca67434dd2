/* What the ChibiOS port's hardware files share: the core's hal.h and hal_bus.h (ChibiOS's own
 * hal.h has the same name: include this after "hal.h"), a pin's PAL line, and each part's
 * reset. */
#ifndef VIPER_HAL_CHIBIOS_H
#define VIPER_HAL_CHIBIOS_H

#include "../../core/hal.h"
#include "../../core/hal_bus.h"

/* The PAL line of a pin of hal_board (GPIO ports A..K are 0x400 apart on the STM32F4). */
ioline_t hal_chibios_line(int pin);
/* A bus or PWM pin to its alternate function (open drain with a pull-up for I2C). */
void hal_chibios_pin_af(int pin, unsigned af, bool open_drain);
/* A pin back to an input without pull (link pins are never touched). */
void hal_chibios_pin_release(int pin);
/* Whether the pin is the link's (hal_pins_pal.c: never touched). */
bool hal_chibios_is_link(int pin);
/* The pin's edges on its line call machine_pin_edge (hal_pins_pal.c). */
void hal_chibios_line_events(ioline_t line, int pin, unsigned edges);

/* Each part back to its reset state (hal_reset) and its drivers stopped. */
void hal_chibios_adc_reset(void);
void hal_chibios_pwm_reset(void);
void hal_chibios_timers_reset(void);
void hal_chibios_uart_reset(void);
void hal_chibios_i2c_reset(void);
void hal_chibios_spi_reset(void);

#endif
