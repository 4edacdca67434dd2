/* A flash emulated in RAM for QEMU, whose STM32F405 flash is read-only memory with an
 * unimplemented interface: the same program store over 16 KB "sectors" with STM32F4 rules
 * (erase sets 0xFF; 32-bit programming only clears bits). Its RAM is in .ram0, a section the
 * startup code neither loads nor clears, so it keeps its contents across QEMU's system_reset
 * (QEMU does not clear RAM at a reset) and the stored program survives as it would in flash.
 * At a power-on its contents are garbage: the records' CRCs reject it. */
#include <string.h>

#include "hal.h"
#include "flash_chibios.h"
#include "viper_port_config.h"

#if VIPER_FLASH_CHIP == VIPER_FLASH_RAM

#define RAM_BLOCK 16384u
/* slot A then slot B, one piece of RAM from nominal address 0 */
#define RAM_FLASH_SIZE (VIPER_FLASH_SLOT_A_SIZE + VIPER_FLASH_SLOT_B_SIZE)

#if VIPER_FLASH_SLOT_A_START != 0u || VIPER_FLASH_SLOT_B_START != VIPER_FLASH_SLOT_A_SIZE || \
    VIPER_FLASH_SLOT_A_SIZE % RAM_BLOCK != 0u || VIPER_FLASH_SLOT_B_SIZE % RAM_BLOCK != 0u
#error "VIPER_FLASH_RAM: slot A at 0, slot B right after it, each a multiple of 16 KB"
#endif

static uint8_t ram_flash[RAM_FLASH_SIZE] __attribute__((aligned(8), section(".ram0")));
static const FlashRegion ram_blocks[] = {{RAM_FLASH_SIZE / RAM_BLOCK, RAM_BLOCK}};

static bool ram_erase(void *ctx, uint32_t addr) {
  (void)ctx;
  if (addr % RAM_BLOCK != 0u || addr >= RAM_FLASH_SIZE) return false;
  memset(&ram_flash[addr], 0xFF, RAM_BLOCK);
  return true;
}

static bool ram_program(void *ctx, uint32_t addr, const uint8_t *data, uint32_t len) {
  uint8_t *p = &ram_flash[addr];
  uint32_t i;
  (void)ctx;
  if (addr % 4u != 0u || len % 4u != 0u) return false;
  for (i = 0; i < len; i++) p[i] &= data[i];
  return true;
}

const FlashDevice viper_flash_device = {
  0u, ram_flash, ram_blocks, 1, 4, ram_erase, ram_program, NULL,
};

#endif
