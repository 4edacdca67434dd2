/* Simulated internal flash of the chips Viper's boards use, with each one's geometry and
 * rules, and power cuts: the tests' stand-in for ports/chibios/flash_*.c. */
#ifndef VIPER_FLASH_SIM_H
#define VIPER_FLASH_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "flash.h"

typedef enum {
  SIM_STM32F405,   /* 1 MB at 0x08000000: sectors 4x16K, 64K, 7x128K; x32 programming */
  SIM_STM32F401,   /* 512 KB: 4x16K, 64K, 3x128K; x32 */
  SIM_STM32F072,   /* 128 KB in 2 KB pages; half-words, refused (PGERR) unless 0xFFFF */
  SIM_SAM3X8E      /* 512 KB at 0x80000, two 256 KB banks of 256-byte pages; EEFC erase-and-write-page */
} SimChip;

typedef struct FlashSim {
  FlashDevice dev;
  FlashRegion regions[3];
  SimChip chip;
  uint8_t *mem;
  uint32_t size;
  long steps_left;     /* power cut: erase/program steps (one block, one unit) before it; -1: never */
  bool dead;           /* the power went: every later operation fails */
  unsigned long steps; /* steps done */
  unsigned errors;     /* operations the chip refuses or a driver must never ask (misaligned, 0 -> 1) */
} FlashSim;

void flash_sim_init(FlashSim *s, SimChip chip);
void flash_sim_free(FlashSim *s);
/* Power comes back: operations work again (the memory keeps what the cut left). */
void flash_sim_power_on(FlashSim *s);

#endif
