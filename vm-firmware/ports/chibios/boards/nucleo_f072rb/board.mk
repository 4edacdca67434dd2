# ST Nucleo-F072RB (Nucleo-64, STM32F072RB) (Cortex-M0, 128 KB flash in 2 KB pages, 16 KB SRAM).
# UNTESTED on hardware: it builds; nobody has run it on a board yet. Link: USART2 on PA2/PA3, the
# ST-LINK's virtual COM port. The VM is built at the minimal level to fit.
MCU                  := cortex-m0
VIPER_CHIBIOS_BOARD  := ST_NUCLEO64_F072RB
VIPER_STARTUP_MK     := startup_stm32f0xx.mk
VIPER_PLATFORM_MK    := os/hal/ports/STM32/STM32F0xx/platform.mk
VIPER_LDSCRIPT       := STM32F072xB.ld
# The last 32 KB of flash hold the two program slots (VIPER_FLASH_STORE_* in viper_board.h).
VIPER_LDSCRIPT_FILE  := boards/nucleo_f072rb/stm32f072rb_viper.ld
VIPER_ARCH_MK        := os/common/ports/ARMv6-M/compilers/GCC/mk/port.mk
VIPER_BOARD_CSRC     :=
# An STM32F0: its USART ("v2": ISR/RDR/TDR) and ADC differ from the F4's (hal_*_stm32f0.c).
VIPER_STM32_FAMILY   := f0
VIPER_LEVEL_DEFS     := -DVIPER_LEVEL=0
# Size before speed on a 128 KB chip: -Os, no function alignment padding; newlib nano.
USE_OPT              := -Os -ggdb -fomit-frame-pointer
USE_OPT              += --specs=nano.specs
# main() only starts the VM thread and sleeps; interrupt handlers nest at most 4 deep (2 bits).
USE_PROCESS_STACKSIZE    := 0x200
USE_EXCEPTIONS_STACKSIZE := 0x300
