/* The board's hardware as the machine module sees it (docs/hardware.md). Each port implements
 * this: ports/chibios over ChibiOS's HAL, ports/posix over the Virtual board's simulation.
 * A pin is an index into the board's pin table (hal_board, generated from boards/<id>.json by
 * `npm run gen`); bus ids are the board's UART/I2C/SPI numbers. The bus half is hal_bus.h. */
#ifndef VIPER_HAL_H
#define VIPER_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the board, as data -------------------------------------------------------------------- */

enum { HAL_CAP_ADC = 1, HAL_CAP_PWM = 2, HAL_CAP_LINK = 4 };   /* HAL_CAP_LINK: the link UART's */

typedef struct HalPinInfo {
  const char *name;           /* "D13", "PA5": what Pin() and the board module accept */
  uint8_t port, pad;          /* GPIO port (0 = A) and pad; the Virtual board's are its own */
  uint8_t caps;               /* HAL_CAP_* */
  uint8_t adc_channel;        /* with HAL_CAP_ADC */
  uint8_t pwm_timer, pwm_channel, pwm_af;   /* with HAL_CAP_PWM: TIMn, channel 1..4, alternate function */
} HalPinInfo;

typedef struct HalAlias { const char *name; uint8_t pin; } HalAlias;   /* LED -> D13 */

enum { HAL_BUS_UART = 1, HAL_BUS_I2C = 2, HAL_BUS_SPI = 3 };
typedef struct HalBusInfo {
  uint8_t kind, id;           /* HAL_BUS_*, the board's number (UART(1)) */
  uint8_t pins[3];            /* UART: tx, rx; I2C: scl, sda; SPI: sck, miso, mosi (pin indexes) */
  uint8_t af;                 /* alternate function of its pins */
} HalBusInfo;

typedef struct HalBoardInfo {
  const char *id, *name;
  const HalPinInfo *pins; uint8_t pin_count;
  const HalAlias *aliases; uint8_t alias_count;
  const HalBusInfo *buses; uint8_t bus_count;
  uint8_t default_uart, default_i2c, default_spi;   /* bus ids, 0: none */
} HalBoardInfo;

extern const HalBoardInfo hal_board;   /* core/gen/boards/<id>.c */

/* ---- the port implements ------------------------------------------------------------------- */

/* Once at start; then at each new program (RUN, a fresh REPL): every pin back to an input
 * without pull, PWM and timers off, interrupts off, buses closed. */
void hal_init(void);
void hal_reset(void);

typedef enum { HAL_PIN_IN, HAL_PIN_OUT, HAL_PIN_OPEN_DRAIN } HalPinMode;
typedef enum { HAL_PULL_NONE, HAL_PULL_UP, HAL_PULL_DOWN } HalPull;
enum { HAL_EDGE_RISING = 1, HAL_EDGE_FALLING = 2 };

void hal_pin_setup(int pin, HalPinMode mode, HalPull pull);
void hal_pin_write(int pin, int level);
int hal_pin_read(int pin);
/* Call machine_pin_edge(pin, level) on each edge in edges (HAL_EDGE_*; 0: no more). */
void hal_pin_irq(int pin, unsigned edges);

/* ADC: the pin as an analog input; a reading scaled to 0..65535; the reference in µV. */
void hal_adc_setup(int pin);
uint16_t hal_adc_read_u16(int pin);
uint32_t hal_adc_vref_uv(void);

/* PWM: NULL, or why freq_hz cannot be had on that pin ("frequency out of range 1..1000000 Hz").
 * Pins of one timer share its frequency. */
const char *hal_pwm_setup(int pin, uint32_t freq_hz);
void hal_pwm_duty(int pin, uint16_t duty_u16);
void hal_pwm_off(int pin);

/* Timers 0 .. hal_timer_count()-1: call machine_timer_fired(id) every period_us (or once). */
int hal_timer_count(void);
bool hal_timer_start(int id, uint32_t period_us, bool periodic);
void hal_timer_stop(int id);

size_t hal_unique_id(uint8_t *buf, size_t max);
uint32_t hal_cpu_freq(void);
void hal_board_reset(void);   /* machine.reset(): a hard reset; never returns */

/* The Virtual board's side of the link. hal_board_input: a BOARD_INPUT payload of kind
 * PIN_LEVEL .. PULSES (docs/link-protocol.md); NULL, or why not ("the pins of this board are
 * real: the IDE shows them read-only"). hal_board_output: a UART_OUT payload waiting to go
 * (u8 bus, bytes), its length, or 0. */
const char *hal_board_input(const uint8_t *payload, size_t len);
size_t hal_board_output(uint8_t *payload, size_t max);

/* ---- the core implements (core/machine_events.c); callable from any context, an ISR too ---- */

void machine_pin_edge(int pin, int level);
void machine_timer_fired(int id);

#endif
