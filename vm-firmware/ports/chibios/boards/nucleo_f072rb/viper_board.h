/* Viper on an ST Nucleo-64 STM32F072RB (Cortex-M0, 128 KB flash, 16 KB SRAM). UNTESTED on
 * hardware. Defaults: viper_port_config.h. */
#ifndef VIPER_BOARD_H
#define VIPER_BOARD_H

#define VIPER_CHIP_ID             "stm32f072rb"

/* The smallest VM (core/config.h): 16 KB of RAM and 96 KB of flash for the firmware. board.mk
 * passes the same level to every file (the core's too) as -DVIPER_LEVEL=0. */
#ifndef VIPER_LEVEL
#define VIPER_LEVEL               VIPER_LEVEL_MINIMAL
#endif

/* The link: USART2, wired to the ST-LINK's virtual COM port (PA2/PA3, alternate function 1).
 * The board file's pin table already does it; set them again so the link does not depend on it. */
#define VIPER_LINK_SD             SD2
#define VIPER_LINK_BITRATE        115200
#define VIPER_LINK_PINS_SETUP()   do {                                  \
    palSetLineMode(LINE_USART2_TX, PAL_MODE_ALTERNATE(1));                \
    palSetLineMode(LINE_USART2_RX, PAL_MODE_ALTERNATE(1));                \
  } while (0)

/* machine.UART(1) is USART1 on D8/D2 (PA9/PA10); its interrupt handler is ours (mcuconf.h
 * turns the HAL's off). The 96-bit unique id is at 0x1FFFF7AC on an STM32F0. */
#define VIPER_USE_UART1           TRUE
#define VIPER_UNIQUE_ID_ADDRESS   0x1FFFF7ACu
/* A Cortex-M0 has 2 priority bits (0..3): the lowest for the machine module's UART. */
#define VIPER_BUS_IRQ_PRIORITY    3

/* Programs in flash: the last 32 KB (pages 48..63 of 2 KB) hold the two program slots; the
 * linker script (stm32f072rb_viper.ld) gives the firmware only the first 96 KB. Holding the user
 * button B1 (PC13, reads low while pressed) at reset skips the stored program. */
#define VIPER_FLASH_CHIP          VIPER_FLASH_STM32F0
#define VIPER_FLASH_SLOT_A_START  0x08018000u
#define VIPER_FLASH_SLOT_A_SIZE   (16u * 1024u)
#define VIPER_FLASH_SLOT_B_START  0x0801C000u
#define VIPER_FLASH_SLOT_B_SIZE   (16u * 1024u)
#define VIPER_BOOT_SKIP_LINE      LINE_BUTTON
#define VIPER_BOOT_SKIP_LEVEL     PAL_LOW

/* 16 KB of SRAM: the Python heap takes half; the rest is the kernel, stacks, the link's queues
 * and buffers (sizes in the report of the firmware build). */
#define VIPER_HEAP_SIZE           (8u * 1024u)
/* Until programs run from flash (VIPER_FLASH_CHIP, the flash helper's code) they are copied
 * into these RAM buffers: only small programs fit. */
#define VIPER_STORE_SIZE          (1u * 1024u)
#define VIPER_REPL_ARENA_SIZE     0
/* C stacks, from -fstack-usage of the core at -Os for cortex-m0: the deepest path while a
 * program runs is link_service (1104 bytes, a 1 KB frame copy) > run_image (240) >
 * vm_execute (112) > the poll > link_service again (1104) > board_publish (1072) >
 * link_encode_frame (1048), 4.8 KB with the small frames between; each Python call made from
 * C adds ~300. A Python thread's poll enters at the second link_service: 3.3 KB. These 1 KB
 * buffers on the stack are the core's (link.c); until it keeps them elsewhere the stacks
 * cannot be smaller. */
#define VIPER_VM_THREAD_STACK     (5u * 1024u + 512u)
/* One Python thread besides the main program. */
#define VIPER_THREAD_POOL_COUNT   1
#define VIPER_THREAD_WA_SIZE      (3u * 1024u + 768u)

#endif
