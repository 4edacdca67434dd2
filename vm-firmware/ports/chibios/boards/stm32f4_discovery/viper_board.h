/* Viper on an ST STM32F4-Discovery (STM32F407VG). UNTESTED on hardware: it builds; QEMU has no
 * Discovery machine with USB. Defaults and checks: viper_port_config.h. */
#ifndef VIPER_BOARD_H
#define VIPER_BOARD_H

#define VIPER_CHIP_ID             "stm32f407vg"

/* The link: a USB CDC serial port on the micro-USB user port (OTG FS on PA11/PA12, which the
 * board file already puts in their USB function), usbcfg.c. The ST-LINK/V2 of the original
 * board has no serial port, so USB CDC is the only way to the IDE without extra wires. */
#define VIPER_LINK_SDU            viper_sdu

/* machine.UART(2) is USART2 on PA2/PA3; the chip's 96-bit unique id is at 0x1FFF7A10 (also the
 * USB serial number). */
#define VIPER_USE_UART2           TRUE
#define VIPER_UNIQUE_ID_ADDRESS   0x1FFF7A10u

/* Programs are kept in flash and run from there, the Nucleo-F401RE's layout: slot A is sectors
 * 1-3 (48 KB), slot B sector 4 (64 KB), so a program may have 48 KB less its 32-byte record
 * (boards/stm32f4_discovery.json's programBytes); stm32f407vg_viper.ld keeps the firmware out
 * of them and says why not the 128 KB sectors at the end. The user button B1 (PA0, pulled down on the board, high while
 * pressed) held at reset skips the run-at-boot program: over USB the IDE cannot send its STOP
 * within the first second (the port attaches 1.5 s after reset). */
#define VIPER_FLASH_CHIP          VIPER_FLASH_STM32F4
#define VIPER_FLASH_SLOT_A_START  0x08004000u
#define VIPER_FLASH_SLOT_A_SIZE   (48u * 1024u)
#define VIPER_FLASH_SLOT_B_START  0x08010000u
#define VIPER_FLASH_SLOT_B_SIZE   (64u * 1024u)
#define VIPER_BOOT_SKIP_LINE      LINE_BUTTON
#define VIPER_BOOT_SKIP_LEVEL     PAL_HIGH

/* Memory: the VM's heap stays in the 128 KB SRAM, not in the 64 KB CCM as on the QEMU board:
 * the I2C driver moves Python's buffers (and the C stack's) by DMA, and the F407's DMA cannot
 * reach the CCM. The program buffers and the REPL arena, which only the CPU reads, go there. */
#define VIPER_HEAP_SIZE           (64u * 1024u)
#define VIPER_STORE_SIZE          (16u * 1024u)
#define VIPER_REPL_ARENA_SIZE     (12u * 1024u)
#define VIPER_BUFFERS_PLACEMENT   __attribute__((section(".ram4_clear")))
/* Three Python threads besides the main program (the machine module's callbacks take one). */
#define VIPER_THREAD_POOL_COUNT   3
#define VIPER_THREAD_WA_SIZE      (4u * 1024u)

#endif
