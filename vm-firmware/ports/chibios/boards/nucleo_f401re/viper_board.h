/* Viper on an ST Nucleo-64 STM32F401RE. UNTESTED on hardware. Defaults: viper_port_config.h. */
#ifndef VIPER_BOARD_H
#define VIPER_BOARD_H

#define VIPER_CHIP_ID             "stm32f401re"

/* The link: USART2, wired to the ST-LINK's virtual COM port. The board file's pin table
 * already puts PA2/PA3 in USART2's alternate function; set them again so the link does not
 * depend on it. */
#define VIPER_LINK_SD             SD2
#define VIPER_LINK_BITRATE        115200
#define VIPER_LINK_PINS_SETUP()   do {                                  \
    palSetLineMode(LINE_USART2_TX, PAL_MODE_ALTERNATE(7));                \
    palSetLineMode(LINE_USART2_RX, PAL_MODE_ALTERNATE(7));                \
  } while (0)

/* machine.UART(1) is USART1 on D8/D2 (PA9/PA10); the chip's 96-bit unique id is at 0x1FFF7A10. */
#define VIPER_USE_UART1           TRUE
#define VIPER_UNIQUE_ID_ADDRESS   0x1FFF7A10u

/* Programs are kept in flash and run from there: slot A is sectors 1-3 (48 KB), slot B sector 4
 * (64 KB), so a program may have 48 KB less its 32-byte record (boards/nucleo_f401re.json's
 * programBytes); the board's linker script (stm32f401re_store.ld) keeps the firmware out of
 * them. The blue user button B1 (PC13, pulled up, low while pressed) held at reset skips the
 * run-at-boot program. */
#define VIPER_FLASH_CHIP          VIPER_FLASH_STM32F4
#define VIPER_FLASH_SLOT_A_START  0x08004000u
#define VIPER_FLASH_SLOT_A_SIZE   (48u * 1024u)
#define VIPER_FLASH_SLOT_B_START  0x08010000u
#define VIPER_FLASH_SLOT_B_SIZE   (64u * 1024u)
#define VIPER_BOOT_SKIP_LINE      LINE_BUTTON
#define VIPER_BOOT_SKIP_LEVEL     PAL_LOW

/* 96 KB of SRAM. With programs in flash, the heap has the 20 KB the two RAM program buffers
 * took before (28 KB then). */
#define VIPER_HEAP_SIZE           (48u * 1024u)
#define VIPER_REPL_ARENA_SIZE     (6u * 1024u)
#define VIPER_VM_THREAD_STACK     (10u * 1024u)
/* Two Python threads besides the main program: 8.3 KB, taken from the heap (32 KB before), the
 * program buffers (12 KB each before) and the REPL arena (8 KB before). */
#define VIPER_THREAD_POOL_COUNT   2
#define VIPER_THREAD_WA_SIZE      (4u * 1024u)

#endif
