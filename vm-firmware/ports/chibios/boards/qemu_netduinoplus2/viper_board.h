/* Viper on QEMU's netduinoplus2 machine (STM32F405RG). Defaults and checks: viper_port_config.h. */
#ifndef VIPER_BOARD_H
#define VIPER_BOARD_H

#define VIPER_CHIP_ID             "stm32f405rg"

/* The link: QEMU's serial0 is USART1. QEMU has no pins, so no pin setup. */
#define VIPER_LINK_SD             SD1
#define VIPER_LINK_BITRATE        115200

/* QEMU 7.2's STM32 USART never raises its transmit interrupt (receive interrupts work):
 * transmit by polling, see boards/common/stm32_usart_tx_polled.c. */
#define VIPER_LINK_TX_POLLED      TRUE

/* machine.UART(2..6) are USART2, USART3, UART4, UART5, USART6: QEMU's serial1..serial5. QEMU
 * maps nothing at the unique id's address (reading it would fault): a fixed id stands in. */
#define VIPER_USE_UART2           TRUE
#define VIPER_USE_UART3           TRUE
#define VIPER_USE_UART4           TRUE
#define VIPER_USE_UART5           TRUE
#define VIPER_USE_UART6           TRUE
#define VIPER_UNIQUE_ID_FIXED     {'Q', 'E', 'M', 'U', '-', 'F', '4', '0', '5', 0, 0, 1}

/* Memory: the VM's heap fills the 64 KB QEMU has where a real F405 has CCM (0x10000000 there,
 * 0x20020000 in QEMU 7.2: qemu_stm32f405.ld); the rest is in the 128 KB SRAM. A program that
 * imports machine and board has used ~50 KB of it before its first line (measured: 19 KB the
 * VM's own, 15 KB the modules' code, 9 KB importing machine, 7 KB board). */
#define VIPER_HEAP_SIZE           (64u * 1024u)
#define VIPER_HEAP_PLACEMENT      __attribute__((section(".ram4_clear")))
/* Programs: QEMU's flash is read-only and its flash interface unimplemented, so the program
 * store (two 32 KB slots, run in place) is flash emulated in SRAM that survives QEMU's
 * system_reset (flash_ram.c): the same code as a real chip's flash store. A program may have
 * 32 KB less its 32-byte record (boards/qemu_netduinoplus2.json's programBytes). The 64 KB
 * come out of the 128 KB SRAM (the heap is in the other 64 KB), which leaves ~6 KB for
 * newlib's malloc (the core's strtod). */
#define VIPER_FLASH_CHIP          VIPER_FLASH_RAM
#define VIPER_FLASH_SLOT_A_START  0u
#define VIPER_FLASH_SLOT_A_SIZE   (32u * 1024u)
#define VIPER_FLASH_SLOT_B_START  (32u * 1024u)
#define VIPER_FLASH_SLOT_B_SIZE   (32u * 1024u)
#define VIPER_REPL_ARENA_SIZE     (12u * 1024u)
/* Three Python threads besides the main program (the machine module's callbacks take one). */
#define VIPER_THREAD_POOL_COUNT   3
#define VIPER_THREAD_WA_SIZE      (4u * 1024u)

#endif
