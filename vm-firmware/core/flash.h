/* A flash memory as the program store sees it: erase blocks of one or more sizes (an STM32F4's
 * sectors of 16, 64 and 128 KB; an STM32F0's 2 KB pages; a SAM3X's 256-byte pages), a
 * programming width, and two operations. The chip drivers (ports/chibios/flash_*.c) and the
 * host tests' simulated chips (tests/flash_sim.c) implement it. The rules every chip shares:
 * erasing sets a whole block to 0xFF; programming only turns bits from 1 to 0, in units of
 * `unit` bytes at unit-aligned addresses; the CPU reads the flash where it is mapped. */
#ifndef VIPER_FLASH_H
#define VIPER_FLASH_H

#include <stdbool.h>
#include <stdint.h>

/* `count` consecutive erase blocks of `size` bytes each. */
typedef struct FlashRegion {
  uint32_t count, size;
} FlashRegion;

/* The largest programming unit a device may have (a SAM3X page, written through its latch). */
#define FLASH_MAX_UNIT 256u

typedef struct FlashDevice {
  uint32_t base;                 /* address of the first block */
  const uint8_t *map;            /* where the CPU reads the byte at `base` */
  const FlashRegion *regions;    /* the blocks from `base` on, in address order */
  uint32_t region_count;
  uint32_t unit;                 /* programming width in bytes: 4 (STM32F4 x32), 2, 256 */
  /* Erase the block that starts at addr. False: the chip reported an error. */
  bool (*erase)(void *ctx, uint32_t addr);
  /* Program len bytes (a multiple of unit, addr unit-aligned, within one block) of an erased
   * area. False: the chip reported an error. */
  bool (*program)(void *ctx, uint32_t addr, const uint8_t *data, uint32_t len);
  void *ctx;
} FlashDevice;

/* The block holding addr: its start and size. False when addr is outside the device. */
bool flash_block_at(const FlashDevice *dev, uint32_t addr, uint32_t *start, uint32_t *size);

/* The erase block's index from the device's first block (an STM32F4 sector number). -1 when
 * addr does not start a block. */
int flash_block_index(const FlashDevice *dev, uint32_t addr);

#endif
