/* The board's internal flash as the program store's FlashDevice (core/flash.h). One driver per
 * chip family (flash_stm32f4.c, flash_stm32f0.c, flash_sam3x.c, flash_ram.c), chosen by the
 * board's VIPER_FLASH_CHIP; each file compiles to nothing for the other chips. */
#ifndef VIPER_FLASH_CHIBIOS_H
#define VIPER_FLASH_CHIBIOS_H

#include "flash.h"

extern const FlashDevice viper_flash_device;

#endif
