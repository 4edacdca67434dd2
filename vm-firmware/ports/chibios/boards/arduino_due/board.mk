# Arduino Due (SAM3X8E: Cortex-M3 at 84 MHz, 512 KB flash, 96 KB SRAM). UNTESTED on hardware:
# it builds; QEMU has no SAM3X machine and nobody has run it on a Due yet. Mainline ChibiOS has
# no SAM3X port: the HAL is Viper's own (platforms/SAM3X). Link: the UART on PA8/PA9, the
# programming port through the ATmega16U2. Burned by SAM-BA (the IDE's flasher or bossac).
MCU                   := cortex-m3
# -Os: the whole firmware must fit flash bank 0 (256 KB, see arduino_due.ld); at -O2 it is
# 310 KB, at -Os 245 KB.
USE_OPT               := -Os -ggdb -fomit-frame-pointer
SAM3X_DIR             := platforms/SAM3X
VIPER_STARTUP_MK_FILE := $(SAM3X_DIR)/startup.mk
VIPER_PLATFORM_MK_FILE:= $(SAM3X_DIR)/platform.mk
# No ChibiOS board folder: this board's board.c/.h are here.
VIPER_CHIBIOS_BOARD   :=
VIPER_LDSCRIPT_FILE   := boards/arduino_due/arduino_due.ld
VIPER_ARCH_MK         := os/common/ports/ARMv7-M/compilers/GCC/mk/port.mk
# Feature level: full (the default), without the debugger: with it the firmware outgrows bank 0
# (by 364 bytes when it came); the link answers the debug frames ERROR UNKNOWN_TYPE.
VIPER_LEVEL_DEFS      := -DVIPER_DEBUGGER=0
VIPER_BOARD_CSRC      := boards/arduino_due/board.c
# The machine module's hardware on this chip: pins (with edge events), the ADC and UARTs 1-3;
# no PWM, I2C or SPI yet (the board JSON lists none, so the VM says the board lacks them).
VIPER_HAL             := hal_pins_pal.c hal_sam3x.c hal_adc_sam3x.c hal_uart_sam3x.c hal_timer_chibios.c board_table.c
