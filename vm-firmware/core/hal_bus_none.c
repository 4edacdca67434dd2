/* A port without buses links without writing hal_bus.h (the C tests, the fuzzers, a board
 * whose buses are not done yet): each bus opens with a message, and a port's own functions
 * replace these weak ones. */
#include "hal_bus.h"

#define WEAK __attribute__((weak))

WEAK const char *hal_uart_open(int id, uint32_t baud, int bits, int parity, int stop) {
  (void)id; (void)baud; (void)bits; (void)parity; (void)stop;
  return "this port has no UART driver";
}
WEAK void hal_uart_close(int id) { (void)id; }
WEAK size_t hal_uart_write(int id, const uint8_t *data, size_t len) { (void)id; (void)data; (void)len; return 0; }
WEAK size_t hal_uart_any(int id) { (void)id; return 0; }
WEAK size_t hal_uart_read(int id, uint8_t *buf, size_t max) { (void)id; (void)buf; (void)max; return 0; }

WEAK const char *hal_i2c_open(int id, uint32_t freq_hz) { (void)id; (void)freq_hz; return "this port has no I2C driver"; }
WEAK void hal_i2c_close(int id) { (void)id; }
WEAK int hal_i2c_transfer(int id, uint8_t addr, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len, bool stop) {
  (void)id; (void)addr; (void)tx; (void)tx_len; (void)rx; (void)rx_len; (void)stop;
  return -19;
}

WEAK const char *hal_spi_open(int id, uint32_t baud, int polarity, int phase) {
  (void)id; (void)baud; (void)polarity; (void)phase;
  return "this port has no SPI driver";
}
WEAK void hal_spi_close(int id) { (void)id; }
WEAK bool hal_spi_transfer(int id, const uint8_t *tx, uint8_t *rx, size_t len, uint8_t fill) {
  (void)id; (void)tx; (void)rx; (void)len; (void)fill;
  return false;
}
