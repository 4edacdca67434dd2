/* The Virtual board's buses (hal_bus.h for the posix port), as boards/virtual.json describes:
 * - UART 1: serving the link, what the program writes goes to the IDE's console tab as
 *   UART_OUT (hal_board_output) and what the person types there comes back as UART_RX
 *   (sim_uart_receive); without a link (viper-vm file.img) TX is wired to RX, a jumper.
 * - I2C 1: an SHT31 temperature/humidity sensor at 0x44 whose values the person sets, and
 *   which the person can disconnect (then nothing answers at 0x44).
 * - SPI 1: a device that answers each byte with the byte it got (MISO = MOSI).
 * The link, the VM's threads and the board's own threads reach this state: one mutex. */
#include <pthread.h>
#include <string.h>

#include "gen/link_protocol.h"
#include "hal_bus.h"
#include "port_posix.h"
#include "sim_board.h"

enum { SIM_BUS = 1, SHT31_ADDR = 0x44, RING_SIZE = 4096, UART_OUT_MAX = 1023 };
enum { E_NODEV = 19, E_IO = 5 };

typedef struct Ring { uint8_t data[RING_SIZE]; size_t head, len; } Ring;

static pthread_mutex_t bus_lock = PTHREAD_MUTEX_INITIALIZER;
static bool uart_is_open, i2c_is_open, spi_is_open;
static Ring uart_rx, uart_tx;   /* uart_tx: waiting to go to the IDE */
static int16_t sensor_t = 2150;   /* 0.01 °C */
static uint16_t sensor_rh = 4500;   /* 0.01 % */
static bool sensor_connected = true;
static uint8_t sht_out[6];   /* what the next read returns: a measurement or the status */
static size_t sht_out_len;

static size_t ring_put(Ring *r, const uint8_t *data, size_t len) {
  size_t n = 0;
  for (; n < len && r->len < RING_SIZE; n++, r->len++) r->data[(r->head + r->len) % RING_SIZE] = data[n];
  return n;
}

static size_t ring_take(Ring *r, uint8_t *out, size_t max) {
  size_t n = 0;
  for (; n < max && r->len > 0; n++, r->len--, r->head = (r->head + 1) % RING_SIZE) out[n] = r->data[r->head];
  return n;
}

static bool serving_link(void) { return port_posix_link_fd() >= 0; }

void sim_bus_reset(void) {
  pthread_mutex_lock(&bus_lock);
  uart_is_open = i2c_is_open = spi_is_open = false;
  uart_rx.len = uart_tx.len = 0;
  sht_out_len = 0;
  pthread_mutex_unlock(&bus_lock);
}

/* ==== UART 1 ============================================================================== */

const char *hal_uart_open(int id, uint32_t baud, int bits, int parity, int stop) {
  (void)baud; (void)bits; (void)parity; (void)stop;   /* a wire of the mind: any framing works */
  if (id != SIM_BUS) return "the Virtual board has UART 1 only";
  pthread_mutex_lock(&bus_lock);
  uart_is_open = true;
  pthread_mutex_unlock(&bus_lock);
  return NULL;
}

void hal_uart_close(int id) {
  if (id != SIM_BUS) return;
  pthread_mutex_lock(&bus_lock);
  uart_is_open = false;
  uart_rx.len = 0;
  pthread_mutex_unlock(&bus_lock);
}

/* To the IDE (as much as its queue takes), or through the jumper to RX, where bytes beyond a
 * full receive buffer are lost, as an overrun loses them on a chip. */
size_t hal_uart_write(int id, const uint8_t *data, size_t len) {
  size_t n = 0;
  if (id != SIM_BUS) return 0;
  pthread_mutex_lock(&bus_lock);
  if (uart_is_open) {
    if (serving_link()) n = ring_put(&uart_tx, data, len);
    else { ring_put(&uart_rx, data, len); n = len; }
  }
  pthread_mutex_unlock(&bus_lock);
  return n;
}

size_t hal_uart_any(int id) {
  size_t n;
  if (id != SIM_BUS) return 0;
  pthread_mutex_lock(&bus_lock);
  n = uart_is_open ? uart_rx.len : 0;
  pthread_mutex_unlock(&bus_lock);
  return n;
}

size_t hal_uart_read(int id, uint8_t *buf, size_t max) {
  size_t n;
  if (id != SIM_BUS) return 0;
  pthread_mutex_lock(&bus_lock);
  n = ring_take(&uart_rx, buf, max);
  pthread_mutex_unlock(&bus_lock);
  return n;
}

/* Typed in the IDE (link.c checked the bus id): received while the program has the UART open,
 * else lost, as on a chip. */
void sim_uart_receive(int bus, const uint8_t *data, size_t len) {
  if (bus != SIM_BUS) return;
  pthread_mutex_lock(&bus_lock);
  if (uart_is_open) ring_put(&uart_rx, data, len);
  pthread_mutex_unlock(&bus_lock);
}

/* A UART_OUT payload (u8 bus, bytes) of what UART 1 sent, or 0 when nothing waits. */
size_t hal_board_output(uint8_t *payload, size_t max) {
  size_t n = 0;
  if (max < 2) return 0;
  pthread_mutex_lock(&bus_lock);
  if (uart_tx.len > 0) {
    payload[0] = SIM_BUS;
    n = 1 + ring_take(&uart_tx, payload + 1, max - 1 < UART_OUT_MAX ? max - 1 : UART_OUT_MAX);
  }
  pthread_mutex_unlock(&bus_lock);
  return n;
}

/* ==== I2C 1: the SHT31 ==================================================================== */

/* Sensirion's CRC-8: polynomial 0x31, initial 0xFF (their datasheet: 0xBEEF -> 0x92). */
static uint8_t sht_crc(const uint8_t *data, size_t len) {
  uint8_t crc = 0xFF;
  size_t i;
  int b;
  for (i = 0; i < len; i++) {
    crc ^= data[i];
    for (b = 0; b < 8; b++) crc = (uint8_t)(crc & 0x80 ? (crc << 1) ^ 0x31 : crc << 1);
  }
  return crc;
}

static void sht_word(uint8_t *out, uint16_t w) {
  out[0] = (uint8_t)(w >> 8);
  out[1] = (uint8_t)w;
  out[2] = sht_crc(out, 2);
}

/* T = -45 + 175 * raw / 65535, RH = 100 * raw / 65535, rounded to the nearest raw value */
static uint16_t clamp16(long v) { return (uint16_t)(v < 0 ? 0 : v > 65535 ? 65535 : v); }

static void sht_measure(void) {
  sht_word(sht_out, clamp16(((long)(sensor_t + 4500) * 65535 + 8750) / 17500));
  sht_word(sht_out + 3, clamp16(((long)sensor_rh * 65535 + 5000) / 10000));
  sht_out_len = 6;
}

/* A command: the single-shot measurements (each repeatability, with or without clock
 * stretching), soft reset, read status. false: not a command the chip knows (it NACKs). */
static bool sht_command(uint16_t cmd) {
  switch (cmd) {
  case 0x2400: case 0x240B: case 0x2416: case 0x2C06: case 0x2C0D: case 0x2C10:
    sht_measure();
    return true;
  case 0x30A2:
    sht_out_len = 0;
    return true;
  case 0xF32D:
    sht_word(sht_out, 0x0000);
    sht_out_len = 3;
    return true;
  default:
    return false;
  }
}

void sim_sensor_set(int16_t t_centi, uint16_t rh_centi, bool connected) {
  pthread_mutex_lock(&bus_lock);
  sensor_t = t_centi;
  sensor_rh = rh_centi > 10000 ? 10000 : rh_centi;
  if (!connected) sht_out_len = 0;   /* a measurement it had ready is lost with the power */
  sensor_connected = connected;
  pthread_mutex_unlock(&bus_lock);
}

const char *hal_i2c_open(int id, uint32_t freq_hz) {
  if (id != SIM_BUS) return "the Virtual board has I2C 1 only";
  if (freq_hz > 1000000) return "frequency out of range 1..1000000 Hz";
  pthread_mutex_lock(&bus_lock);
  i2c_is_open = true;
  pthread_mutex_unlock(&bus_lock);
  return NULL;
}

void hal_i2c_close(int id) {
  if (id != SIM_BUS) return;
  pthread_mutex_lock(&bus_lock);
  i2c_is_open = false;
  pthread_mutex_unlock(&bus_lock);
}

/* Only 0x44 answers, while the sensor is connected. A write is a 2-byte command; a read returns what the last command
 * prepared (a measurement is read once); reading with nothing prepared is NACKed, as the chip
 * does while it has no result. */
int hal_i2c_transfer(int id, uint8_t addr, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len, bool stop) {
  int r = 0;
  size_t i;
  (void)stop;
  if (id != SIM_BUS) return -E_NODEV;
  pthread_mutex_lock(&bus_lock);
  if (!i2c_is_open || addr != SHT31_ADDR || !sensor_connected) r = -E_NODEV;
  else if (tx_len > 0 && (tx_len != 2 || !sht_command((uint16_t)(tx[0] << 8 | tx[1])))) r = -E_IO;
  else if (rx_len > 0 && sht_out_len == 0) r = -E_NODEV;
  else if (rx_len > 0) {
    for (i = 0; i < rx_len; i++) rx[i] = i < sht_out_len ? sht_out[i] : 0xFF;
    sht_out_len = 0;
  }
  pthread_mutex_unlock(&bus_lock);
  return r;
}

/* ==== SPI 1: the echo ===================================================================== */

const char *hal_spi_open(int id, uint32_t baud, int polarity, int phase) {
  (void)polarity; (void)phase;
  if (id != SIM_BUS) return "the Virtual board has SPI 1 only";
  if (baud > 50000000) return "baudrate out of range 1..50000000";
  pthread_mutex_lock(&bus_lock);
  spi_is_open = true;
  pthread_mutex_unlock(&bus_lock);
  return NULL;
}

void hal_spi_close(int id) {
  if (id != SIM_BUS) return;
  pthread_mutex_lock(&bus_lock);
  spi_is_open = false;
  pthread_mutex_unlock(&bus_lock);
}

bool hal_spi_transfer(int id, const uint8_t *tx, uint8_t *rx, size_t len, uint8_t fill) {
  size_t i;
  bool open;
  if (id != SIM_BUS) return false;
  pthread_mutex_lock(&bus_lock);
  open = spi_is_open;
  pthread_mutex_unlock(&bus_lock);
  if (!open) return false;
  if (rx != NULL) for (i = 0; i < len; i++) rx[i] = tx != NULL ? tx[i] : fill;   /* memmove-safe: same index */
  return true;
}
