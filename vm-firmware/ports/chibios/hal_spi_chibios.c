/* hal_bus.h's SPI over ChibiOS's SPI driver: SPI(1) is SPI1, master, 8 bits, MSB first, each byte
 * exchanged by polling (spiPolledExchange). Chip select is the program's: a Pin it drives.
 * Polled, not DMA: Python's transfers are short, and QEMU 7.2 models no DMA. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"

static SPIConfig config;
static bool open;

/* SPI1's clock: PCLK2 on an STM32F4, the one PCLK on an F0. */
#if defined(STM32_PCLK2)
#define SPI1_CLOCK STM32_PCLK2
#else
#define SPI1_CLOCK STM32_PCLK
#endif
/* An "SPIv2" (STM32F0) sets the frame size in CR2 (DS = 7: 8 bits); an SPIv1 has 8 by default. */
#if defined(SPI_CR2_DS)
#define CR2_8_BITS (SPI_CR2_DS_2 | SPI_CR2_DS_1 | SPI_CR2_DS_0)
#else
#define CR2_8_BITS 0u
#endif

static const HalBusInfo *bus_info(int id) {
  unsigned i;
  for (i = 0; i < hal_board.bus_count; i++)
    if (hal_board.buses[i].kind == HAL_BUS_SPI && hal_board.buses[i].id == id) return &hal_board.buses[i];
  return NULL;
}

const char *hal_spi_open(int id, uint32_t baud, int polarity, int phase) {
  const HalBusInfo *b = bus_info(id);
  unsigned br = 0;
  if (b == NULL || id != 1) return "no such SPI bus on this board";
  if (baud == 0u) return "baudrate must be positive";
  /* SCK = clock / 2^(br+1): the fastest that is not above baud (the slowest, clock/256, else). */
  while (br < 7u && SPI1_CLOCK / (2u << br) > baud) br++;
  if (open) spiStop(&SPID1);
  config.data_cb = NULL;
  config.error_cb = NULL;
  config.cr1 = (uint16_t)((br << SPI_CR1_BR_Pos) | (polarity ? SPI_CR1_CPOL : 0u) | (phase ? SPI_CR1_CPHA : 0u));
  config.cr2 = (uint16_t)CR2_8_BITS;
  hal_chibios_pin_af(b->pins[0], b->af, false);
  hal_chibios_pin_af(b->pins[1], b->af, false);
  hal_chibios_pin_af(b->pins[2], b->af, false);
  spiStart(&SPID1, &config);
  open = true;
  return NULL;
}

void hal_spi_close(int id) {
  const HalBusInfo *b = bus_info(id);
  if (!open || b == NULL) return;
  spiStop(&SPID1);
  open = false;
  hal_chibios_pin_release(b->pins[0]);
  hal_chibios_pin_release(b->pins[1]);
  hal_chibios_pin_release(b->pins[2]);
}

bool hal_spi_transfer(int id, const uint8_t *tx, uint8_t *rx, size_t len, uint8_t fill) {
  size_t i;
  if (id != 1 || !open) return false;
  spiAcquireBus(&SPID1);
  for (i = 0; i < len; i++) {
    uint8_t in = (uint8_t)spiPolledExchange(&SPID1, tx != NULL ? tx[i] : fill);
    if (rx != NULL) rx[i] = in;
  }
  spiReleaseBus(&SPID1);
  return true;
}

void hal_chibios_spi_reset(void) {
  unsigned i;
  for (i = 0; i < hal_board.bus_count; i++)
    if (hal_board.buses[i].kind == HAL_BUS_SPI) hal_spi_close(hal_board.buses[i].id);
}
