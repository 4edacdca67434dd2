/* hal.h's pins over PAL on the SAM3X8E (platforms/SAM3X), edges through PAL events (each pad
 * has its own PIO edge interrupt), and the rest of hal.h for the Arduino Due. UNTESTED on
 * hardware. The machine module's UARTs are in hal_uart_sam3x.c, its ADC in hal_adc_sam3x.c; PWM,
 * I2C and SPI are not written for this chip yet: the board JSON lists none, so the VM refuses
 * them by name before calling these stubs. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "viper_port_config.h"

static bool initialised;

ioline_t hal_chibios_line(int pin) {
  const HalPinInfo *p = &hal_board.pins[pin];
  return PAL_LINE(SAM3X_PIO(p->port), p->pad);
}

/* A bus pin to its peripheral: af 0 = peripheral A, 1 = B (the board JSON's "af"). */
void hal_chibios_pin_af(int pin, unsigned af, bool open_drain) {
  if (hal_chibios_is_link(pin)) return;
  palSetLineMode(hal_chibios_line(pin), (af == 0u ? PAL_MODE_PERIPHERAL_A : PAL_MODE_PERIPHERAL_B) |
                 (open_drain ? PAL_SAM3X_OPENDRAIN | PAL_SAM3X_PULLUP : 0u));
}

void hal_init(void) {
  if (initialised) return;
  initialised = true;
  hal_reset();
}

void hal_reset(void) {
  int pin;
  hal_chibios_timers_reset();
  for (pin = 0; pin < hal_board.pin_count; pin++) hal_pin_irq(pin, 0);
  hal_chibios_uart_reset();
  hal_chibios_adc_reset();
  for (pin = 0; pin < hal_board.pin_count; pin++) hal_chibios_pin_release(pin);
}

/* ---- pins ------------------------------------------------------------------------------------ */

/* The SAM3X has pull-ups only: HAL_PULL_DOWN leaves the pin floating (the board notes say so). */
void hal_pin_setup(int pin, HalPinMode mode, HalPull pull) {
  iomode_t m;
  if (hal_chibios_is_link(pin)) return;
  if (mode == HAL_PIN_OUT) m = PAL_MODE_OUTPUT_PUSHPULL;
  else if (mode == HAL_PIN_OPEN_DRAIN) m = PAL_MODE_OUTPUT_OPENDRAIN;
  else m = PAL_MODE_INPUT;
  if (pull == HAL_PULL_UP) m |= PAL_SAM3X_PULLUP;
  palSetLineMode(hal_chibios_line(pin), m);
}

void hal_pin_irq(int pin, unsigned edges) {
  ioline_t line;
  if (hal_chibios_is_link(pin)) return;
  line = hal_chibios_line(pin);
  if (edges == 0u) {
    if (palIsLineEventEnabledX(line)) palDisableLineEvent(line);
    return;
  }
  if (palIsLineEventEnabledX(line)) palDisableLineEvent(line);
  hal_chibios_line_events(line, pin, edges);
}

/* ---- the chip -------------------------------------------------------------------------------- */

/* The chip's 128-bit unique identifier: after EEFC0's "start read unique identifier" command,
 * reads of bank 0 return it instead of the code, until "stop read unique identifier". So this
 * runs from RAM (.ram0_init is copied there at start-up) with every interrupt masked (their
 * handlers are in bank 0). long_call: RAM is out of a BL's reach from flash. */
#define EEFC_FCR_KEY    (0x5Au << 24)
#define EEFC_CMD_STUI   0x0Eu
#define EEFC_CMD_SPUI   0x0Fu
#define EEFC_FSR_FRDY   1u

__attribute__((section(".ram0_init.uid"), noinline, long_call))
static void read_unique_id(uint32_t out[4]) {
  volatile const uint32_t *bank0 = (volatile const uint32_t *)0x00080000u;
  unsigned i;
  SAM3X_EEFC0->FCR = EEFC_FCR_KEY | EEFC_CMD_STUI;
  while ((SAM3X_EEFC0->FSR & EEFC_FSR_FRDY) != 0u) {   /* FRDY falls: the identifier is readable */
  }
  for (i = 0; i < 4u; i++) out[i] = bank0[i];
  SAM3X_EEFC0->FCR = EEFC_FCR_KEY | EEFC_CMD_SPUI;
  while ((SAM3X_EEFC0->FSR & EEFC_FSR_FRDY) == 0u) {   /* FRDY rises: the code is back */
  }
}

size_t hal_unique_id(uint8_t *buf, size_t max) {
  static uint32_t uid[4];
  static bool read;
  size_t n = max < 12u ? max : 12u;   /* the core's ids are 12 bytes, as the STM32s' */
  size_t i;
  if (!read) {
    uint32_t primask = __get_PRIMASK();
    __disable_irq();
    read_unique_id(uid);
    __set_PRIMASK(primask);
    read = true;
  }
  for (i = 0; i < n; i++) buf[i] = (uint8_t)(uid[i / 4u] >> (8u * (i % 4u)));
  return n;
}

uint32_t hal_cpu_freq(void) { return SAM3X_MCK; }

/* The reset controller resets the processor and the peripherals (the Cortex-M's SYSRESETREQ
 * alone may leave the peripherals running): key 0xA5, PROCRST | PERRST. */
void hal_board_reset(void) {
  SAM3X_RSTC->CR = (0xA5u << 24) | (1u << 0) | (1u << 2);
  for (;;) {
  }
}

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

/* ---- not on this chip yet ------------------------------------------------------------------- */

const char *hal_pwm_setup(int pin, uint32_t freq_hz) {
  (void)pin;
  (void)freq_hz;
  return "no PWM on " VIPER_BOARD_ID " yet";
}
void hal_pwm_duty(int pin, uint16_t duty_u16) { (void)pin; (void)duty_u16; }
void hal_pwm_off(int pin) { (void)pin; }

const char *hal_i2c_open(int id, uint32_t freq_hz) {
  (void)id;
  (void)freq_hz;
  return "no I2C on " VIPER_BOARD_ID " yet";
}
void hal_i2c_close(int id) { (void)id; }
int hal_i2c_transfer(int id, uint8_t addr, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len, bool stop) {
  (void)id; (void)addr; (void)tx; (void)tx_len; (void)rx; (void)rx_len; (void)stop;
  return -19;   /* ENODEV */
}

const char *hal_spi_open(int id, uint32_t baud, int polarity, int phase) {
  (void)id; (void)baud; (void)polarity; (void)phase;
  return "no SPI on " VIPER_BOARD_ID " yet";
}
void hal_spi_close(int id) { (void)id; }
bool hal_spi_transfer(int id, const uint8_t *tx, uint8_t *rx, size_t len, uint8_t fill) {
  (void)id; (void)tx; (void)rx; (void)len; (void)fill;
  return false;
}
