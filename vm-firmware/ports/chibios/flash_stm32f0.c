/* STM32F0 (F072/F091: 2 KB pages) flash for the program store, at register level (RM0091,
 * "Embedded Flash memory"). UNTESTED ON HARDWARE: its logic mirrors the simulated chip the host
 * tests run against (tests/flash_sim.c, SIM_STM32F072). Page erase (PER, AR, STRT), half-word
 * programming (PG); the chip refuses (PGERR) a half-word that is not 0xFFFF, which the store
 * never asks. The CPU stalls on flash reads during an operation (a page erase: ~20-40 ms). */
#include <string.h>

#include "hal.h"
#include "flash_chibios.h"
#include "viper_port_config.h"

#if VIPER_FLASH_CHIP == VIPER_FLASH_STM32F0

#define F0_FLASH   0x40022000u
#define F0_KEYR    (*(volatile uint32_t *)(F0_FLASH + 0x04u))
#define F0_SR      (*(volatile uint32_t *)(F0_FLASH + 0x0Cu))
#define F0_CR      (*(volatile uint32_t *)(F0_FLASH + 0x10u))
#define F0_AR      (*(volatile uint32_t *)(F0_FLASH + 0x14u))
#define F0_KEY1    0x45670123u
#define F0_KEY2    0xCDEF89ABu
#define SR_BSY     (1u << 0)
#define SR_PGERR   (1u << 2)
#define SR_WRPRTERR (1u << 4)
#define SR_EOP     (1u << 5)
#define CR_PG      (1u << 0)
#define CR_PER     (1u << 1)
#define CR_STRT    (1u << 6)
#define CR_LOCK    (1u << 7)

/* 64 pages of 2 KB: the F072RB's 128 KB (an F072R8's 64 KB are the first 32). */
static const FlashRegion f0_pages[] = {{64, 2048u}};

static bool f0_done(void) {
  uint32_t sr;
  while ((sr = F0_SR) & SR_BSY) {}
  F0_SR = sr & (SR_PGERR | SR_WRPRTERR | SR_EOP);   /* write 1 to clear */
  return (sr & (SR_PGERR | SR_WRPRTERR)) == 0u && (sr & SR_EOP) != 0u;
}

static void f0_unlock(void) {
  while (F0_SR & SR_BSY) {}
  F0_SR = SR_PGERR | SR_WRPRTERR | SR_EOP;
  if (F0_CR & CR_LOCK) { F0_KEYR = F0_KEY1; F0_KEYR = F0_KEY2; }
}

static bool f0_erase(void *ctx, uint32_t addr) {
  bool ok;
  (void)ctx;
  f0_unlock();
  F0_CR = CR_PER;
  F0_AR = addr;
  F0_CR = CR_PER | CR_STRT;
  ok = f0_done();
  F0_CR = CR_LOCK;
  return ok;
}

static bool f0_program(void *ctx, uint32_t addr, const uint8_t *data, uint32_t len) {
  uint32_t i;
  bool ok = true;
  (void)ctx;
  f0_unlock();
  F0_CR = CR_PG;
  for (i = 0; i < len && ok; i += 2u) {
    uint16_t half;
    memcpy(&half, data + i, 2);
    *(volatile uint16_t *)(addr + i) = half;
    ok = f0_done();
  }
  F0_CR = CR_LOCK;
  return ok;
}

const FlashDevice viper_flash_device = {
  0x08000000u, (const uint8_t *)0x08000000u, f0_pages, 1, 2, f0_erase, f0_program, NULL,
};

#endif
