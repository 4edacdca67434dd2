/* The ChibiOS port's settings: the board's viper_board.h first, then the defaults for what it
 * leaves out, then the combinations that cannot work. Include after hal.h. */
#ifndef VIPER_PORT_CONFIG_H
#define VIPER_PORT_CONFIG_H

/* Program storage chips (VIPER_FLASH_CHIP, below): defined before the board's header names one. */
#define VIPER_FLASH_STM32F4       1   /* flash_stm32f4.c: F401/F405/F407 sectors, x32 programming */
#define VIPER_FLASH_STM32F0       2   /* flash_stm32f0.c: F072 2 KB pages, half-word programming */
#define VIPER_FLASH_SAM3X         3   /* flash_sam3x.c: SAM3X8E EEFC, 256-byte pages, bank 1 only */
#define VIPER_FLASH_RAM           4   /* flash_ram.c: flash emulated in RAM kept over a reset (QEMU) */

#include "viper_board.h"

/* ---- identity (INFO frame) -------------------------------------------------------------- */
#ifndef VIPER_BOARD_ID
#error "VIPER_BOARD_ID is the board's folder name, set by the Makefile (-DVIPER_BOARD_ID=\"$(BOARD)\")"
#endif
#ifndef VIPER_CHIP_ID
#error "viper_board.h must define VIPER_CHIP_ID (e.g. \"stm32f401re\")"
#endif

/* ---- the link: a Serial driver or a USB CDC port, chosen by the board ---------------------- */
/* A USB CDC link: the board names its SerialUSB driver (VIPER_LINK_SDU, declared with the USB
 * configurations in the board's usbcfg.h) and its mcuconf.h sets VIPER_HAL_LINK_USB, which makes
 * halconf.h enable SerialUSB and the USB driver. Otherwise the link is the Serial driver
 * VIPER_LINK_SD. */
#if defined(VIPER_LINK_SDU)
#define VIPER_LINK_USB            TRUE
#if HAL_USE_SERIAL_USB != TRUE || HAL_USE_USB != TRUE
#error "a USB CDC link (VIPER_LINK_SDU) needs VIPER_HAL_LINK_USB TRUE in the board's mcuconf.h"
#endif
#if defined(VIPER_LINK_SD)
#error "a board's link is VIPER_LINK_SD or VIPER_LINK_SDU, not both"
#endif
#else
#define VIPER_LINK_USB            FALSE
#ifndef VIPER_LINK_SD
#error "viper_board.h must name the link's driver: VIPER_LINK_SD (a Serial driver, e.g. SD2) or VIPER_LINK_SDU (SerialUSB)"
#endif
#if HAL_USE_SERIAL != TRUE
#error "Viper's link needs the Serial driver: HAL_USE_SERIAL TRUE in halconf.h"
#endif
#endif
/* USB: how long after start the device attaches to the bus (ChibiOS's USB_CDC demo waits
 * 1.5 s: time for the host to notice a device that reset without being unplugged is gone), and
 * how long a write waits for the host to take bytes before the link counts as stalled. */
#ifndef VIPER_LINK_USB_CONNECT_DELAY_MS
#define VIPER_LINK_USB_CONNECT_DELAY_MS 1500u
#endif
#ifndef VIPER_LINK_USB_TX_TIMEOUT_MS
#define VIPER_LINK_USB_TX_TIMEOUT_MS 100u
#endif
#ifndef VIPER_LINK_BITRATE
#define VIPER_LINK_BITRATE        115200
#endif
/* TRUE: transmit by polling the USART (viper_board_link_write_polled, a board file); FALSE:
 * through the Serial driver's interrupt-driven output queue (sdWrite). */
#ifndef VIPER_LINK_TX_POLLED
#define VIPER_LINK_TX_POLLED      FALSE
#endif
/* Pin setup of the link's TX/RX lines (palSetLineMode calls); empty where the board file's
 * initial pin table already does it. */
#ifndef VIPER_LINK_PINS_SETUP
#define VIPER_LINK_PINS_SETUP()   do { } while (0)
#endif

/* ---- memory ------------------------------------------------------------------------------ */
#ifndef VIPER_HEAP_SIZE
#define VIPER_HEAP_SIZE           (32u * 1024u)
#endif
/* Where the heap goes, e.g. __attribute__((section(".ram4"))) for an STM32F4's CCM;
 * empty: ordinary .bss. */
#ifndef VIPER_HEAP_PLACEMENT
#define VIPER_HEAP_PLACEMENT
#endif
/* Where the program buffers and the REPL arena go (bytecode: only the CPU reads them, so an
 * STM32F4's CCM serves, where the heap may not if a driver moves its bytes by DMA); empty:
 * ordinary .bss. */
#ifndef VIPER_BUFFERS_PLACEMENT
#define VIPER_BUFFERS_PLACEMENT
#endif
/* Bytes of one RAM program buffer; there are two (the stored program and an upload's staging).
 * Unused with VIPER_FLASH_CHIP (programs are written into flash and run from there). */
#ifndef VIPER_STORE_SIZE
#define VIPER_STORE_SIZE          (16u * 1024u)
#endif
/* REPL entries (0: no REPL). */
#ifndef VIPER_REPL_ARENA_SIZE
#define VIPER_REPL_ARENA_SIZE     (8u * 1024u)
#endif

/* ---- programs kept across a reset (flash_store.c; docs: the chip drivers' headers) -------- *
 * VIPER_FLASH_CHIP       one of the VIPER_FLASH_* above; unset: programs live in the two RAM
 *                        buffers of VIPER_STORE_SIZE and are lost at reset.
 * VIPER_FLASH_SLOT_A_START, VIPER_FLASH_SLOT_A_SIZE, VIPER_FLASH_SLOT_B_START, VIPER_FLASH_SLOT_B_SIZE
 *                        the two program slots' absolute address ranges in the chip's flash,
 *                        each whole erase blocks (an F4's sectors, an F0's pages, SAM3X pages
 *                        in bank 1), which the board's linker script keeps out of the firmware.
 *                        They may differ in size: a program image may have what the smaller
 *                        holds less its commit record (32 bytes, a SAM3X page), the board's
 *                        `programBytes` in boards/<id>.json; it runs from its slot.
 *                        VIPER_FLASH_RAM: nominal addresses from 0, B right after A, sizes
 *                        multiples of 16 KB.
 * VIPER_BOOT_SKIP_LINE, VIPER_BOOT_SKIP_LEVEL
 *                        (optional) the PAL line of the board's button and the level it reads
 *                        while held (PAL_LOW / PAL_HIGH): held at reset, the stored program does
 *                        not run at boot. The board file sets the line's mode (input, pull).
 * VIPER_BOOT_WINDOW_MS   before running a "run at boot" program the link is served this long:
 *                        a STOP in that time (the IDE's stop button) skips it, so a program that
 *                        hangs or floods the link never locks anyone out. */
#ifdef VIPER_FLASH_CHIP
#if VIPER_FLASH_CHIP < VIPER_FLASH_STM32F4 || VIPER_FLASH_CHIP > VIPER_FLASH_RAM
#error "VIPER_FLASH_CHIP must be VIPER_FLASH_STM32F4, _STM32F0, _SAM3X or _RAM"
#endif
#if !defined(VIPER_FLASH_SLOT_A_START) || !defined(VIPER_FLASH_SLOT_A_SIZE) || \
    !defined(VIPER_FLASH_SLOT_B_START) || !defined(VIPER_FLASH_SLOT_B_SIZE)
#error "VIPER_FLASH_CHIP needs VIPER_FLASH_SLOT_A_START/_SIZE and VIPER_FLASH_SLOT_B_START/_SIZE (the slots' flash ranges)"
#endif
#if defined(VIPER_FLASH_STORE_START) || defined(VIPER_FLASH_STORE_SIZE)
#error "VIPER_FLASH_STORE_START/SIZE are gone: name each slot (VIPER_FLASH_SLOT_A_START/_SIZE, _B_)"
#endif
#endif
#ifndef VIPER_BOOT_WINDOW_MS
#define VIPER_BOOT_WINDOW_MS      1000u
#endif
#if defined(VIPER_BOOT_SKIP_LINE) && !defined(VIPER_BOOT_SKIP_LEVEL)
#error "VIPER_BOOT_SKIP_LINE needs VIPER_BOOT_SKIP_LEVEL (PAL_LOW or PAL_HIGH: the level while held)"
#endif

/* ---- the VM thread ----------------------------------------------------------------------- */
/* C stack of the thread that serves the link and runs programs: link frames are copied on it
 * (1 KB each, twice while a program runs) and C builtins that call Python nest on it. */
#ifndef VIPER_VM_THREAD_STACK
#define VIPER_VM_THREAD_STACK     (12u * 1024u)
#endif
/* A plain number, so that #if can check it: ChibiOS/RT's LOWPRIO is 2, NORMALPRIO 128,
 * HIGHPRIO 255. Interrupt callbacks for Python (later) will want a thread above it. */
#ifndef VIPER_VM_THREAD_PRIORITY
#define VIPER_VM_THREAD_PRIORITY  128
#endif
/* How long the idle link server sleeps waiting for a byte before looking again. */
#ifndef VIPER_LINK_IDLE_WAIT_MS
#define VIPER_LINK_IDLE_WAIT_MS   100u
#endif

/* ---- Python threads (thread_chibios.c) --------------------------------------------------- */
/* Threads besides the main program at once, each on a working area of this many bytes of C
 * stack (thread_t and the interrupt frame come on top), all in .bss. A thread's C stack holds
 * the interpreter's own frames and, when its poll serves the link, a received frame's copy and
 * an encoded answer (1 KB each): some 2.9 KB on that path by -fstack-usage; under QEMU,
 * threads printing, defining classes and stopped used at most 1.7 KB of their 4 KB. Each Python
 * call made from C (a key function, __str__) adds some 300 bytes. Its Python frames and values
 * come from the VM heap. */
#ifndef VIPER_THREAD_POOL_COUNT
#define VIPER_THREAD_POOL_COUNT   2
#endif
#ifndef VIPER_THREAD_WA_SIZE
#define VIPER_THREAD_WA_SIZE      (4u * 1024u)
#endif

/* ---- the machine module's hardware (hal_*_chibios.c, hal_*_stm32.c) ------------------------ */
/* machine.UART(n) is USARTn/UARTn where the board sets VIPER_USE_UARTn (never the link's). */
#ifndef VIPER_USE_UART1
#define VIPER_USE_UART1           FALSE
#endif
#ifndef VIPER_USE_UART2
#define VIPER_USE_UART2           FALSE
#endif
#ifndef VIPER_USE_UART3
#define VIPER_USE_UART3           FALSE
#endif
#ifndef VIPER_USE_UART4
#define VIPER_USE_UART4           FALSE
#endif
#ifndef VIPER_USE_UART5
#define VIPER_USE_UART5           FALSE
#endif
#ifndef VIPER_USE_UART6
#define VIPER_USE_UART6           FALSE
#endif
/* Bytes each of them holds until Python reads them: a power of two. MicroPython's default
 * (rxbuf=64), 5.5 ms at 115200 baud. */
#ifndef VIPER_UART_RX_SIZE
#define VIPER_UART_RX_SIZE        64u
#endif
/* Interrupt priority of those UARTs (kernel-aware: below the kernel's critical level). */
#ifndef VIPER_BUS_IRQ_PRIORITY
#define VIPER_BUS_IRQ_PRIORITY    12
#endif
/* machine.unique_id(): VIPER_UNIQUE_ID_ADDRESS (12 bytes the factory wrote), else these bytes. */
#if !defined(VIPER_UNIQUE_ID_ADDRESS) && !defined(VIPER_UNIQUE_ID_FIXED)
#define VIPER_UNIQUE_ID_FIXED     {'v', 'i', 'p', 'e', 'r', 0, 0, 0, 0, 0, 0, 0}
#endif

/* ---- impossible combinations ------------------------------------------------------------- */
#if CH_CFG_ST_FREQUENCY != 1000
#error "port_ticks_ms() counts system ticks as milliseconds: CH_CFG_ST_FREQUENCY must be 1000"
#endif
#if CH_CFG_ST_RESOLUTION != 32
#error "port_ticks_ms() needs a 32-bit system time (CH_CFG_ST_RESOLUTION 32)"
#endif
/* A minimal-level VM (VIPER_LEVEL 0, for 16 KB chips) is smaller on its heap and its C stack:
 * its boards may go down to 8 KB of heap and a 2 KB VM stack. */
#if defined(VIPER_LEVEL) && VIPER_LEVEL == 0
#define VIPER_HEAP_MIN            8192u
#define VIPER_VM_THREAD_STACK_MIN 2048u
#else
#define VIPER_HEAP_MIN            16384u
#define VIPER_VM_THREAD_STACK_MIN 4096u
#endif
#if VIPER_HEAP_SIZE < VIPER_HEAP_MIN
#error "VIPER_HEAP_SIZE below VIPER_HEAP_MIN (16 KB, 8 KB at the minimal level) leaves no room for a program"
#endif
#if VIPER_STORE_SIZE < 1024u
#error "VIPER_STORE_SIZE must be at least 1 KB"
#endif
#if VIPER_VM_THREAD_STACK < VIPER_VM_THREAD_STACK_MIN
#error "VIPER_VM_THREAD_STACK below VIPER_VM_THREAD_STACK_MIN (4 KB, 2 KB at the minimal level) overflows while a program runs"
#endif
#if VIPER_VM_THREAD_PRIORITY < 4 || VIPER_VM_THREAD_PRIORITY > 252
#error "VIPER_VM_THREAD_PRIORITY must be between 4 and 252: the PRIO_ levels take two below it, two above, and waiting threads one more"
#endif
#if VIPER_THREAD_POOL_COUNT < 1
#error "VIPER_THREAD_POOL_COUNT must be at least 1"
#endif
#if VIPER_THREAD_WA_SIZE < 2048u
#error "VIPER_THREAD_WA_SIZE below 2 KB overflows as soon as a thread serves the link"
#endif
#if CH_CFG_USE_WAITEXIT != TRUE || CH_CFG_USE_EVENTS != TRUE || CH_CFG_USE_MUTEXES != TRUE
#error "thread_chibios.c needs CH_CFG_USE_WAITEXIT, CH_CFG_USE_EVENTS and CH_CFG_USE_MUTEXES"
#endif

#if HAL_USE_SERIAL == TRUE && \
    ((VIPER_USE_UART1 && STM32_SERIAL_USE_USART1) || (VIPER_USE_UART2 && STM32_SERIAL_USE_USART2) || \
     (VIPER_USE_UART3 && STM32_SERIAL_USE_USART3) || (VIPER_USE_UART6 && STM32_SERIAL_USE_USART6))
#error "a machine.UART cannot be the link's USART (VIPER_USE_UARTn with STM32_SERIAL_USE_USARTn)"
#endif
#if (VIPER_UART_RX_SIZE & (VIPER_UART_RX_SIZE - 1u)) != 0u || VIPER_UART_RX_SIZE > 32768u
#error "VIPER_UART_RX_SIZE must be a power of two"
#endif
#if PAL_USE_CALLBACKS != TRUE
#error "Pin.irq needs PAL_USE_CALLBACKS TRUE in halconf.h"
#endif

#if VIPER_LINK_TX_POLLED
/* Board file: write len bytes to the link's USART by polling (see VIPER_LINK_TX_POLLED). */
void viper_board_link_write_polled(SerialDriver *sdp, const uint8_t *data, size_t len);
#endif

#endif
