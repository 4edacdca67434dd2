/* hal_bus.h's I2C over ChibiOS's I2C driver: I2C(1) is I2C1. Every transfer has a timeout, so a
 * bus with nothing on it (or QEMU, which models no I2C) fails instead of hanging; the driver is
 * restarted after one. ChibiOS always ends a transfer with a STOP: stop=False is not honoured. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"

#define ENODEV_ 19   /* MicroPython's numbers (hal_bus.h) */
#define EIO_    5
#define ETIMEDOUT_ 110

static I2CConfig config;
static uint32_t clock_hz;     /* the bus frequency asked for (timeouts are counted from it) */
static bool open;

#if defined(I2C_TIMINGR_PRESC)
/* An "I2Cv2" (STM32F0/F3/F7/L4): the SCL timing is one register, TIMINGR, counted in periods
 * of the I2C kernel clock (HSI, 8 MHz on the STM32F0 boards: mcuconf.h's STM32_I2C1SW). From
 * RM0091's 8 MHz examples: 250 ns steps up to 100 kHz (data setup 5, hold 2 steps), 125 ns
 * above (setup 4, hold 1); SCL low takes 5/9 of the period (5/7 in fast mode, whose low
 * phase must last 1.3 µs), high the rest, less the ~1 µs (0.75 µs) the bus's rise time and
 * the input filters add to each period. 100 and 400 kHz give RM0091's own values. */
#define I2C_KERNEL_HZ 8000000u
#if defined(STM32_I2C1CLK) && STM32_I2C1CLK != I2C_KERNEL_HZ
#error "hal_i2c_chibios.c's TIMINGR steps are for an 8 MHz I2C clock: STM32_I2C1SW_HSI in mcuconf.h"
#endif
static uint32_t timing(uint32_t freq_hz) {
  bool fast = freq_hz > 100000u;
  uint32_t presc = fast ? 0u : 1u;
  uint32_t steps = I2C_KERNEL_HZ / (presc + 1u) / freq_hz - (fast ? 6u : 4u);   /* SCLL+SCLH+2 */
  uint32_t low = fast ? steps * 5u / 7u : steps * 5u / 9u;
  uint32_t high = steps - low;
  return (presc << I2C_TIMINGR_PRESC_Pos) | ((fast ? 3u : 4u) << I2C_TIMINGR_SCLDEL_Pos) |
         ((fast ? 1u : 2u) << I2C_TIMINGR_SDADEL_Pos) | ((high - 1u) << I2C_TIMINGR_SCLH_Pos) |
         ((low - 1u) << I2C_TIMINGR_SCLL_Pos);
}
#endif

static const HalBusInfo *bus_info(int id) {
  unsigned i;
  for (i = 0; i < hal_board.bus_count; i++)
    if (hal_board.buses[i].kind == HAL_BUS_I2C && hal_board.buses[i].id == id) return &hal_board.buses[i];
  return NULL;
}

const char *hal_i2c_open(int id, uint32_t freq_hz) {
  const HalBusInfo *b = bus_info(id);
  if (b == NULL || id != 1) return "no such I2C bus on this board";
  if (freq_hz < 10000u || freq_hz > 400000u) return "frequency out of range 10000..400000 Hz";
  if (open) i2cStop(&I2CD1);
#if defined(I2C_TIMINGR_PRESC)
  config.timingr = timing(freq_hz);
  config.cr1 = 0;
  config.cr2 = 0;
#else
  config.op_mode = OPMODE_I2C;
  config.clock_speed = freq_hz;
  config.duty_cycle = freq_hz <= 100000u ? STD_DUTY_CYCLE : FAST_DUTY_CYCLE_2;
#endif
  clock_hz = freq_hz;
  hal_chibios_pin_af(b->pins[0], b->af, true);
  hal_chibios_pin_af(b->pins[1], b->af, true);
  i2cStart(&I2CD1, &config);
  open = true;
  return NULL;
}

void hal_i2c_close(int id) {
  const HalBusInfo *b = bus_info(id);
  if (!open || b == NULL) return;
  i2cStop(&I2CD1);
  open = false;
  hal_chibios_pin_release(b->pins[0]);
  hal_chibios_pin_release(b->pins[1]);
}

int hal_i2c_transfer(int id, uint8_t addr, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len, bool stop) {
  /* The driver cannot receive fewer than 2 bytes on its own, nor address a device without
   * moving a byte: such reads (and probes, as scan() makes) take 2 bytes and keep what was asked. */
  uint8_t two[2];
  bool small = tx_len == 0u && rx_len < 2u;
  size_t bytes = tx_len + (small ? 2u : rx_len) + 1u;
  /* 9 clocks a byte, and room for clock stretching: a few ms on any bus. */
  sysinterval_t timeout = TIME_MS2I(5u + (uint32_t)(bytes * 9u * 1000u / clock_hz));
  msg_t msg;
  (void)stop;
  if (id != 1 || !open) return -EIO_;
  i2cAcquireBus(&I2CD1);
  if (tx_len > 0u) msg = i2cMasterTransmitTimeout(&I2CD1, addr, tx, tx_len, rx_len ? rx : NULL, rx_len, timeout);
  else if (small) msg = i2cMasterReceiveTimeout(&I2CD1, addr, two, 2u, timeout);
  else msg = i2cMasterReceiveTimeout(&I2CD1, addr, rx, rx_len, timeout);
  if (msg == MSG_OK && small && rx_len == 1u) rx[0] = two[0];
  if (msg == MSG_TIMEOUT) {   /* the driver is locked until restarted */
    i2cStop(&I2CD1);
    i2cStart(&I2CD1, &config);
  }
  i2cReleaseBus(&I2CD1);
  if (msg == MSG_OK) return 0;
  if (msg == MSG_TIMEOUT) return -ETIMEDOUT_;
  return (i2cGetErrors(&I2CD1) & I2C_ACK_FAILURE) ? -ENODEV_ : -EIO_;
}

void hal_chibios_i2c_reset(void) {
  unsigned i;
  for (i = 0; i < hal_board.bus_count; i++)
    if (hal_board.buses[i].kind == HAL_BUS_I2C) hal_i2c_close(hal_board.buses[i].id);
}
