/* hal.h for builds without a board: the C tests and the fuzzers. Pins read 0, nothing
 * interrupts, no timers; the board table is the Virtual board's (linked beside this file). */
#include "hal.h"
#include "hal_bus.h"

void hal_init(void) {}
void hal_reset(void) {}
void hal_pin_setup(int pin, HalPinMode mode, HalPull pull) { (void)pin; (void)mode; (void)pull; }
void hal_pin_write(int pin, int level) { (void)pin; (void)level; }
int hal_pin_read(int pin) { (void)pin; return 0; }
void hal_pin_irq(int pin, unsigned edges) { (void)pin; (void)edges; }
void hal_adc_setup(int pin) { (void)pin; }
uint16_t hal_adc_read_u16(int pin) { (void)pin; return 0; }
uint32_t hal_adc_vref_uv(void) { return 3300000u; }
const char *hal_pwm_setup(int pin, uint32_t freq_hz) { (void)pin; (void)freq_hz; return "no PWM without a board"; }
void hal_pwm_duty(int pin, uint16_t duty_u16) { (void)pin; (void)duty_u16; }
void hal_pwm_off(int pin) { (void)pin; }
int hal_timer_count(void) { return 0; }
bool hal_timer_start(int id, uint32_t period_us, bool periodic) { (void)id; (void)period_us; (void)periodic; return false; }
void hal_timer_stop(int id) { (void)id; }
size_t hal_unique_id(uint8_t *buf, size_t max) { (void)buf; (void)max; return 0; }
uint32_t hal_cpu_freq(void) { return 0; }
void hal_board_reset(void) {}
const char *hal_board_input(const uint8_t *payload, size_t len) { (void)payload; (void)len; return "this build has no board"; }
size_t hal_board_output(uint8_t *payload, size_t max) { (void)payload; (void)max; return 0; }

const char *hal_uart_open(int id, uint32_t baud, int bits, int parity, int stop) {
  (void)id; (void)baud; (void)bits; (void)parity; (void)stop;
  return "no UART without a board";
}
void hal_uart_close(int id) { (void)id; }
size_t hal_uart_write(int id, const uint8_t *data, size_t len) { (void)id; (void)data; (void)len; return 0; }
size_t hal_uart_any(int id) { (void)id; return 0; }
size_t hal_uart_read(int id, uint8_t *buf, size_t max) { (void)id; (void)buf; (void)max; return 0; }
const char *hal_i2c_open(int id, uint32_t freq_hz) { (void)id; (void)freq_hz; return "no I2C without a board"; }
void hal_i2c_close(int id) { (void)id; }
int hal_i2c_transfer(int id, uint8_t addr, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len, bool stop) {
  (void)id; (void)addr; (void)tx; (void)tx_len; (void)rx; (void)rx_len; (void)stop;
  return -19;
}
const char *hal_spi_open(int id, uint32_t baud, int polarity, int phase) {
  (void)id; (void)baud; (void)polarity; (void)phase;
  return "no SPI without a board";
}
void hal_spi_close(int id) { (void)id; }
bool hal_spi_transfer(int id, const uint8_t *tx, uint8_t *rx, size_t len, uint8_t fill) {
  (void)id; (void)tx; (void)rx; (void)len; (void)fill;
  return false;
}
