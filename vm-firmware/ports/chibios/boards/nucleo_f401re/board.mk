# ST Nucleo-F401RE (Nucleo-64, STM32F401RE) (Cortex-M4, 512 KB flash, 96 KB SRAM). UNTESTED on hardware: it
# builds; nobody has run it on a board yet. Link: USART2 on PA2/PA3, the ST-LINK's virtual COM
# port (the USB cable that powers the board).
MCU                  := cortex-m4
VIPER_CHIBIOS_BOARD  := ST_NUCLEO64_F401RE
VIPER_STARTUP_MK     := startup_stm32f4xx.mk
VIPER_PLATFORM_MK    := os/hal/ports/STM32/STM32F4xx/platform.mk
VIPER_LDSCRIPT       := STM32F401xE.ld
# flash sectors 1-4 hold the stored programs: the firmware goes around them
VIPER_LDSCRIPT_FILE  := boards/nucleo_f401re/stm32f401re_store.ld
VIPER_ARCH_MK        := os/common/ports/ARMv7-M/compilers/GCC/mk/port.mk
VIPER_BOARD_CSRC     :=
