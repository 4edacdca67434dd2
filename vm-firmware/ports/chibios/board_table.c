/* The board's pin table, hal_board: core/gen/boards/$(BOARD).c (VIPER_BOARD_TABLE, set by the
 * Makefile), generated from boards/$(BOARD).json. Compiled through this file because its
 * #include "hal.h" must mean the core's, which ChibiOS's hal.h shadows on this port's include
 * path: the core's is included first, by its path. */
#include "../../core/hal.h"
#include VIPER_BOARD_TABLE
