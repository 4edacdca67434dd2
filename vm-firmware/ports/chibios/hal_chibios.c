/* hal.h's pins over ChibiOS's PAL driver, edges through PAL events (EXTI), and what is left of
 * hal.h: reset, identity, the Virtual board's hooks (a real board has none). ADC, PWM, timers
 * and the buses are in hal_*_chibios.c / hal_*_stm32.c. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "viper_port_config.h"

/* An STM32F4 has 16 EXTI lines, one per pad number: the pin whose edges each line reports. */
#define NO_PIN 0xFFu
static uint8_t exti_pin[16];
static bool initialised;

ioline_t hal_chibios_line(int pin) {
  const HalPinInfo *p = &hal_board.pins[pin];
  return PAL_LINE((stm32_gpio_t *)(GPIOA_BASE + 0x400u * p->port), p->pad);
}

void hal_chibios_pin_af(int pin, unsigned af, bool open_drain) {
  if (hal_chibios_is_link(pin)) return;
  palSetLineMode(hal_chibios_line(pin), PAL_MODE_ALTERNATE(af) | PAL_STM32_OSPEED_HIGHEST |
                 (open_drain ? PAL_STM32_OTYPE_OPENDRAIN | PAL_STM32_PUPDR_PULLUP : 0u));
}

void hal_init(void) {
  int pad;
  if (initialised) return;
  initialised = true;
  for (pad = 0; pad < 16; pad++) exti_pin[pad] = NO_PIN;   /* before hal_reset looks at them */
  hal_reset();
}

void hal_reset(void) {
  int pin;
  hal_chibios_timers_reset();
  for (pin = 0; pin < hal_board.pin_count; pin++) hal_pin_irq(pin, 0);
  hal_chibios_pwm_reset();
  hal_chibios_uart_reset();
  hal_chibios_i2c_reset();
  hal_chibios_spi_reset();
  hal_chibios_adc_reset();
  for (pin = 0; pin < hal_board.pin_count; pin++) hal_chibios_pin_release(pin);
  for (pin = 0; pin < 16; pin++) exti_pin[pin] = NO_PIN;
}

/* ---- pins ------------------------------------------------------------------------------------ */

void hal_pin_setup(int pin, HalPinMode mode, HalPull pull) {
  iomode_t m;
  if (hal_chibios_is_link(pin)) return;
  m = pull == HAL_PULL_UP ? PAL_STM32_PUPDR_PULLUP : pull == HAL_PULL_DOWN ? PAL_STM32_PUPDR_PULLDOWN : 0u;
  if (mode == HAL_PIN_OUT) m |= PAL_STM32_MODE_OUTPUT | PAL_STM32_OTYPE_PUSHPULL;
  else if (mode == HAL_PIN_OPEN_DRAIN) m |= PAL_STM32_MODE_OUTPUT | PAL_STM32_OTYPE_OPENDRAIN;
  else m |= PAL_STM32_MODE_INPUT;
  palSetLineMode(hal_chibios_line(pin), m);
}

void hal_pin_irq(int pin, unsigned edges) {
  ioline_t line;
  unsigned pad = hal_board.pins[pin].pad;
  if (hal_chibios_is_link(pin) || pad >= 16u) return;
  line = hal_chibios_line(pin);
  if (edges == 0u) {
    if (exti_pin[pad] != (uint8_t)pin) return;   /* another pin of that pad number has the line */
    palDisableLineEvent(line);
    exti_pin[pad] = NO_PIN;
    return;
  }
  /* One line per pad number: a pin of the same pad on another port loses its events. */
  if (exti_pin[pad] != NO_PIN) palDisableLineEvent(hal_chibios_line(exti_pin[pad]));
  exti_pin[pad] = (uint8_t)pin;
  hal_chibios_line_events(line, pin, edges);
}

/* ---- the chip -------------------------------------------------------------------------------- */

size_t hal_unique_id(uint8_t *buf, size_t max) {
#ifdef VIPER_UNIQUE_ID_ADDRESS
  const uint8_t *uid = (const uint8_t *)VIPER_UNIQUE_ID_ADDRESS;   /* 96 bits, factory-written */
  size_t n = max < 12u ? max : 12u;
#else
  static const uint8_t uid[12] = VIPER_UNIQUE_ID_FIXED;           /* an emulator has none */
  size_t n = max < sizeof uid ? max : sizeof uid;
#endif
  size_t i;
  for (i = 0; i < n; i++) buf[i] = uid[i];
  return n;
}

uint32_t hal_cpu_freq(void) { return STM32_SYSCLK; }

void hal_board_reset(void) {
  NVIC_SystemReset();
  for (;;) {
  }
}

/* ---- the Virtual board's hooks: a real board's pins are shown, never driven, by the IDE ---- */

const char *hal_board_input(const uint8_t *payload, size_t len) {
  (void)payload;
  (void)len;
  return "this board's pins are real: the IDE shows them read-only";
}

size_t hal_board_output(uint8_t *payload, size_t max) {
  (void)payload;
  (void)max;
  return 0;
}
