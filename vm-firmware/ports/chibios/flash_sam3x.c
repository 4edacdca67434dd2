/* SAM3X8E flash for the program store, through its Enhanced Embedded Flash Controllers (SAM3X
 * datasheet, "EEFC"): EEFC0 at 0x400E0A00 runs bank 0 (0x80000-0xBFFFF), EEFC1 at 0x400E0C00
 * bank 1 (0xC0000-0xFFFFF). UNTESTED ON HARDWARE: its logic mirrors the simulated chip the host
 * tests run against (tests/flash_sim.c, SIM_SAM3X8E). A page (256 bytes) is written by filling
 * the controller's latch buffer (32-bit writes anywhere in the page's addresses) and then the
 * "erase and write page" command (EWP); "erase" is EWP of a page of 0xFF. The store must lie in
 * bank 1 (the board's VIPER_FLASH_SLOT_A/B_START >= 0xC0000) while the firmware runs from bank 0,
 * so the CPU never reads the bank being written. */
#include <string.h>

#include "hal.h"
#include "flash_chibios.h"
#include "viper_port_config.h"

#if VIPER_FLASH_CHIP == VIPER_FLASH_SAM3X

#if VIPER_FLASH_SLOT_A_START < 0xC0000u || VIPER_FLASH_SLOT_B_START < 0xC0000u
#error "the SAM3X program store must be in flash bank 1 (0xC0000 on): the firmware runs from bank 0"
#endif

#define SAM_FLASH     0x00080000u
#define SAM_BANK      0x00040000u   /* bytes per bank */
#define SAM_PAGE      256u
#define EEFC_FMR(c)   (*(volatile uint32_t *)((c) + 0x00u))
#define EEFC_FCR(c)   (*(volatile uint32_t *)((c) + 0x04u))
#define EEFC_FSR(c)   (*(volatile uint32_t *)((c) + 0x08u))
#define FCR_FKEY      (0x5Au << 24)
#define FCR_EWP       0x03u
#define FSR_FRDY      (1u << 0)
#define FSR_FCMDE     (1u << 1)
#define FSR_FLOCKE    (1u << 2)
#define FMR_FWS_MASK  (0xFu << 8)
#define FMR_FWS_WRITE (6u << 8)   /* wait states while writing, as Atmel's flash_efc driver sets */

static const FlashRegion sam_pages[] = {{2048, SAM_PAGE}};

static bool sam_write_page(uint32_t addr, const uint8_t *data) {
  uint32_t eefc = addr < SAM_FLASH + SAM_BANK ? 0x400E0A00u : 0x400E0C00u;
  uint32_t page = ((addr - SAM_FLASH) % SAM_BANK) / SAM_PAGE, fmr, fsr, i;
  if (addr % SAM_PAGE != 0u) return false;
  while (!(EEFC_FSR(eefc) & FSR_FRDY)) {}
  fmr = EEFC_FMR(eefc);
  EEFC_FMR(eefc) = (fmr & ~FMR_FWS_MASK) | FMR_FWS_WRITE;
  for (i = 0; i < SAM_PAGE; i += 4u) {   /* the latch buffer */
    uint32_t word;
    memcpy(&word, data + i, 4);
    *(volatile uint32_t *)(addr + i) = word;
  }
  __asm__ volatile("dsb" ::: "memory");
  EEFC_FCR(eefc) = FCR_FKEY | (page << 8) | FCR_EWP;
  while (!((fsr = EEFC_FSR(eefc)) & FSR_FRDY)) {}
  EEFC_FMR(eefc) = fmr;
  return (fsr & (FSR_FCMDE | FSR_FLOCKE)) == 0u;
}

static bool sam_erase(void *ctx, uint32_t addr) {
  static const uint32_t erased[SAM_PAGE / 4u] = {
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
    0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu,
  };
  (void)ctx;
  return sam_write_page(addr, (const uint8_t *)erased);
}

static bool sam_program(void *ctx, uint32_t addr, const uint8_t *data, uint32_t len) {
  uint32_t i;
  (void)ctx;
  for (i = 0; i < len; i += SAM_PAGE)
    if (!sam_write_page(addr + i, data + i)) return false;
  return true;
}

const FlashDevice viper_flash_device = {
  SAM_FLASH, (const uint8_t *)SAM_FLASH, sam_pages, 1, SAM_PAGE, sam_erase, sam_program, NULL,
};

#endif
