# ST STM32F4-Discovery (STM32F407VG: Cortex-M4, 1 MB flash, 128 KB SRAM + 64 KB CCM).
# UNTESTED on hardware: it builds; QEMU has no Discovery machine with USB, so nobody has run it.
# Link: a USB CDC serial port on the micro-USB user port (OTG FS, PA11/PA12), usbcfg.c.
MCU                  := cortex-m4
VIPER_CHIBIOS_BOARD  := ST_STM32F4_DISCOVERY
VIPER_STARTUP_MK     := startup_stm32f4xx.mk
VIPER_PLATFORM_MK    := os/hal/ports/STM32/STM32F4xx/platform.mk
VIPER_LDSCRIPT       := STM32F407xG.ld
# Its own memory map: flash sectors 1-4 hold programs, the code starts at sector 5.
VIPER_LDSCRIPT_FILE  := boards/stm32f4_discovery/stm32f407vg_viper.ld
VIPER_ARCH_MK        := os/common/ports/ARMv7-M/compilers/GCC/mk/port.mk
VIPER_BOARD_CSRC     := boards/stm32f4_discovery/usbcfg.c
