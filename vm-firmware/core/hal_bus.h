/* The board's buses as the machine module sees them (the pin half is hal.h). The id is the
 * board's bus number (hal_board.buses); each function returns NULL (or 0) on success or a
 * message / negative errno a Python exception carries. */
#ifndef VIPER_HAL_BUS_H
#define VIPER_HAL_BUS_H

#include "hal.h"

/* UART: bits 7..9, parity 0 none / 1 odd / 2 even, stop 1..2. Reads never block: the core
 * waits (without the interpreter lock) for hal_uart_any() itself. */
const char *hal_uart_open(int id, uint32_t baud, int bits, int parity, int stop);
void hal_uart_close(int id);
size_t hal_uart_write(int id, const uint8_t *data, size_t len);
size_t hal_uart_any(int id);
size_t hal_uart_read(int id, uint8_t *buf, size_t max);

/* I2C, 7-bit addresses: write tx then read rx (either may be empty) in one transaction,
 * with a STOP at the end when stop. 0, or -MP_ENODEV (no ACK on the address: 19),
 * -EIO (5, no ACK on data), -ETIMEDOUT (110). */
const char *hal_i2c_open(int id, uint32_t freq_hz);
void hal_i2c_close(int id);
int hal_i2c_transfer(int id, uint8_t addr, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len, bool stop);

/* SPI: mode 0..3 (polarity << 1 | phase), 8 bits, MSB first. A full-duplex transfer of len
 * bytes: tx NULL sends fill, rx NULL drops what comes back. */
const char *hal_spi_open(int id, uint32_t baud, int polarity, int phase);
void hal_spi_close(int id);
bool hal_spi_transfer(int id, const uint8_t *tx, uint8_t *rx, size_t len, uint8_t fill);

#endif
