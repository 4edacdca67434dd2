/* Viper on an Arduino Due (SAM3X8E). UNTESTED on hardware. Defaults: viper_port_config.h. */
#ifndef VIPER_BOARD_H
#define VIPER_BOARD_H

#define VIPER_CHIP_ID             "sam3x8e"

/* The link: the UART (SD1) on PA8/PA9, wired to the ATmega16U2 of the programming port, which
 * is also how SAM-BA burns the board (1200-baud touch). board.c gives the pins to the UART. */
#define VIPER_LINK_SD             SD1
#define VIPER_LINK_BITRATE        115200
#define VIPER_LINK_SERIAL_CONFIG  {VIPER_LINK_BITRATE, 0U}   /* 8N1 */

/* Pin.irq: every pad has its own edge interrupt; board.c sets nothing else at start. */

/* Program storage in flash (the SAM3X EEFC driver, flash_sam3x.c): the last 128 KB of bank 1,
 * two 64 KB slots, so a program may have 64 KB less its record page (boards/arduino_due.json's
 * programBytes). arduino_due.ld keeps the whole firmware in bank 0, so code goes on being
 * fetched from bank 0 while EEFC1 erases and writes a page of bank 1. */
#define VIPER_FLASH_CHIP          VIPER_FLASH_SAM3X
#define VIPER_FLASH_SLOT_A_START  0x000E0000u
#define VIPER_FLASH_SLOT_A_SIZE   (64u * 1024u)
#define VIPER_FLASH_SLOT_B_START  0x000F0000u
#define VIPER_FLASH_SLOT_B_SIZE   (64u * 1024u)
/* No user button on the Due (only RESET and ERASE): no VIPER_BOOT_SKIP_LINE. STOP from the IDE
 * during the first second after a reset still skips the stored program. */

/* 96 KB of SRAM (SRAM0's mirror + SRAM1, one region): the heap takes what the rest leaves but
 * ~2.5 KB for newlib's malloc (the core's strtod). Programs run from flash: no RAM buffers. */
#define VIPER_HEAP_SIZE           (48u * 1024u)
#define VIPER_REPL_ARENA_SIZE     (6u * 1024u)
#define VIPER_VM_THREAD_STACK     (10u * 1024u)
#define VIPER_THREAD_POOL_COUNT   2
#define VIPER_THREAD_WA_SIZE      (4u * 1024u)

/* machine.unique_id(): the first 12 bytes of the chip's 128-bit unique identifier (hal_sam3x.c
 * reads it through EEFC0 from RAM). */

#endif
