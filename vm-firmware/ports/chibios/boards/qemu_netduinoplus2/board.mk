# QEMU's -M netduinoplus2: an STM32F405RG (Cortex-M4, 1 MB flash, 128 KB SRAM + 64 KB CCM).
# ChibiOS has no board file for it; the STM32F4 Discovery's (STM32F407, the same die less
# Ethernet) serves, since QEMU ignores pin settings. Link: serial0 = USART1.
MCU                  := cortex-m4
VIPER_CHIBIOS_BOARD  := ST_STM32F4_DISCOVERY
VIPER_STARTUP_MK     := startup_stm32f4xx.mk
VIPER_PLATFORM_MK    := os/hal/ports/STM32/STM32F4xx/platform.mk
VIPER_LDSCRIPT       := STM32F405xG.ld
# QEMU maps the F405's 64 KB of CCM elsewhere than the chip does: its own memory map.
VIPER_LDSCRIPT_FILE  := boards/qemu_netduinoplus2/qemu_stm32f405.ld
VIPER_ARCH_MK        := os/common/ports/ARMv7-M/compilers/GCC/mk/port.mk
# QEMU 7.2 never raises the USART transmit interrupt: transmit by polling.
VIPER_BOARD_CSRC     := boards/common/stm32_usart_tx_polled.c
