/* STM32F4 (F401, F405/F407, single bank) flash for the program store, at register level
 * (RM0090 / RM0368, "Embedded flash memory interface"). UNTESTED ON HARDWARE: it cannot run
 * here (QEMU's flash interface is an unimplemented device); its logic mirrors the simulated
 * chip the host tests run against (tests/flash_sim.c, SIM_STM32F401/F405). Sector erase
 * (SER, SNB), 32-bit programming (PSIZE x32: a 2.7-3.6 V supply), BSY waited, errors checked,
 * the interface locked again after each operation. The CPU stalls on flash reads while an
 * operation runs: a sector erase (up to ~2 s for 128 KB) holds everything up, so the store
 * erases at UPLOAD_BEGIN, before the host sends any chunk. */
#include <string.h>

#include "hal.h"
#include "flash_chibios.h"
#include "viper_port_config.h"

#if VIPER_FLASH_CHIP == VIPER_FLASH_STM32F4

#define F4_FLASH   0x40023C00u
#define F4_ACR     (*(volatile uint32_t *)(F4_FLASH + 0x00u))
#define F4_KEYR    (*(volatile uint32_t *)(F4_FLASH + 0x04u))
#define F4_SR      (*(volatile uint32_t *)(F4_FLASH + 0x0Cu))
#define F4_CR      (*(volatile uint32_t *)(F4_FLASH + 0x10u))
#define F4_KEY1    0x45670123u
#define F4_KEY2    0xCDEF89ABu
#define SR_EOP     (1u << 0)
#define SR_ERRORS  ((1u << 1) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) | (1u << 8))   /* OPERR WRPERR PGAERR PGPERR PGSERR RDERR */
#define SR_BSY     (1u << 16)
#define CR_PG      (1u << 0)
#define CR_SER     (1u << 1)
#define CR_SNB(n)  ((uint32_t)(n) << 3)
#define CR_PSIZE32 (2u << 8)
#define CR_STRT    (1u << 16)
#define CR_LOCK    (1u << 31)
#define ACR_DCEN   (1u << 10)
#define ACR_DCRST  (1u << 12)

/* Sectors 0-11 of the F40x/F41x: an F401RE has sectors 0-7, an F405/F407 0-11; the board's
 * store range keeps to its own. */
static const FlashRegion f4_sectors[] = {{4, 16384u}, {1, 65536u}, {7, 131072u}};

static bool f4_done(void) {
  uint32_t sr;
  while ((sr = F4_SR) & SR_BSY) {}
  F4_SR = sr & (SR_ERRORS | SR_EOP);   /* write 1 to clear */
  return (sr & SR_ERRORS) == 0u;
}

static void f4_unlock(void) {
  while (F4_SR & SR_BSY) {}
  F4_SR = SR_ERRORS | SR_EOP;   /* errors left by someone else are not ours */
  if (F4_CR & CR_LOCK) { F4_KEYR = F4_KEY1; F4_KEYR = F4_KEY2; }
}

/* Lock, and drop what the ART data cache holds of the flash just changed (RM0090 3.5.2). */
static void f4_lock(void) {
  uint32_t acr = F4_ACR;
  F4_CR = CR_LOCK;
  if (acr & ACR_DCEN) {
    F4_ACR = acr & ~ACR_DCEN;
    F4_ACR = (acr & ~ACR_DCEN) | ACR_DCRST;
    F4_ACR = acr;
  }
}

static bool f4_erase(void *ctx, uint32_t addr) {
  int sector = flash_block_index(&viper_flash_device, addr);
  bool ok;
  (void)ctx;
  if (sector < 0) return false;
  f4_unlock();
  F4_CR = CR_PSIZE32 | CR_SER | CR_SNB(sector);
  F4_CR |= CR_STRT;
  ok = f4_done();
  f4_lock();
  return ok;
}

static bool f4_program(void *ctx, uint32_t addr, const uint8_t *data, uint32_t len) {
  uint32_t i;
  bool ok = true;
  (void)ctx;
  f4_unlock();
  F4_CR = CR_PSIZE32 | CR_PG;
  for (i = 0; i < len && ok; i += 4u) {
    uint32_t word;
    memcpy(&word, data + i, 4);
    *(volatile uint32_t *)(addr + i) = word;
    __asm__ volatile("dsb" ::: "memory");
    ok = f4_done();
  }
  f4_lock();
  return ok;
}

const FlashDevice viper_flash_device = {
  0x08000000u, (const uint8_t *)0x08000000u, f4_sectors, 3, 4, f4_erase, f4_program, NULL,
};

#endif
