/* Viper over ChibiOS/RT: start the kernel and the HAL, open the link, and serve it from the
 * VM thread (uploads, RUN, STOP, the REPL) as the posix port does on stdin/stdout. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "link.h"
#include "port.h"
#include "port_chibios.h"
#include "viper_port_config.h"
#ifdef VIPER_FLASH_CHIP
#include "flash_chibios.h"
#include "flash_store.h"
#endif

static uint8_t vm_heap[VIPER_HEAP_SIZE] __attribute__((aligned(8))) VIPER_HEAP_PLACEMENT;
#ifdef VIPER_FLASH_CHIP
/* programs are written into flash and run from there: no RAM buffers */
static FlashStore flash_store;
static LinkStorage flash_link;
#else
static uint8_t store_a[VIPER_STORE_SIZE] __attribute__((aligned(8))) VIPER_BUFFERS_PLACEMENT;
static uint8_t store_b[VIPER_STORE_SIZE] __attribute__((aligned(8))) VIPER_BUFFERS_PLACEMENT;
#endif
#if VIPER_REPL_ARENA_SIZE > 0
static uint8_t repl_arena[VIPER_REPL_ARENA_SIZE] __attribute__((aligned(8))) VIPER_BUFFERS_PLACEMENT;
#endif
static VM vm;
static LinkServer link_server;

static THD_WORKING_AREA(vm_thread_area, VIPER_VM_THREAD_STACK);

#ifdef VIPER_FLASH_CHIP
/* The stored program, installed where it lies in flash. Slots that do not fit the chip's
 * blocks leave a capacity of 0: every upload is then refused as too big. */
static void open_store(void) {
  const uint8_t *image;
  uint32_t len;
  uint8_t flags;
  static const FlashSlots slots = {VIPER_FLASH_SLOT_A_START, VIPER_FLASH_SLOT_A_SIZE,
                                   VIPER_FLASH_SLOT_B_START, VIPER_FLASH_SLOT_B_SIZE};
  bool ok = flash_store_init(&flash_store, &viper_flash_device, &slots);
  link_init(&link_server, &vm, vm_heap, sizeof vm_heap, NULL, NULL, ok ? flash_store.cap : 0u,
            VIPER_BOARD_ID, VIPER_CHIP_ID);
  if (!ok) return;
  flash_store_link(&flash_store, &flash_link);
  link_set_storage(&link_server, &flash_link);
  if (flash_store_load(&flash_store, &image, &len, &flags)) (void)link_set_program(&link_server, image, len, flags);
}

/* Run the stored program at boot if it asks to, unless the board's button is held or, while the
 * link is served for VIPER_BOOT_WINDOW_MS first, a STOP arrives or the host starts something of
 * its own (an upload, RUN, EXEC). */
static void boot_program(void) {
  uint32_t start = port_ticks_ms();
  if (!(link_server.store_flags & PROGRAM_FLAG_RUN_AT_BOOT) || !link_server.have_program) return;
#ifdef VIPER_BOOT_SKIP_LINE
  if (palReadLine(VIPER_BOOT_SKIP_LINE) == VIPER_BOOT_SKIP_LEVEL) return;
#endif
  while (port_ticks_ms() - start < VIPER_BOOT_WINDOW_MS) {
    if (link_service(&link_server) == 0) port_link_wait(10);
    if (link_server.boot_cancelled) return;
  }
  (void)link_boot(&link_server);
}
#endif

static THD_FUNCTION(vm_thread, arg) {
  (void)arg;
#ifdef VIPER_FLASH_CHIP
  open_store();
#else
  link_init(&link_server, &vm, vm_heap, sizeof vm_heap, store_a, store_b, sizeof store_a,
            VIPER_BOARD_ID, VIPER_CHIP_ID);
#endif
#if VIPER_REPL_ARENA_SIZE > 0
  link_set_arena(&link_server, repl_arena, sizeof repl_arena);
#endif
#ifdef VIPER_FLASH_CHIP
  boot_program();
#endif
  for (;;) {
    if (link_service(&link_server) == 0) port_link_wait(VIPER_LINK_IDLE_WAIT_MS);
  }
}

int main(void) {
  static const uint8_t link_up = 0x00;
  halInit();
  chSysInit();
  port_link_start();
  hal_init();   /* the machine module's pins, drivers and timers at their reset state */
  /* A lone frame delimiter: frame readers ignore it and drop any noise before it, and a host
   * that connects at power-on (the QEMU board) learns the link now listens: bytes sent before
   * the USART is enabled are lost. */
  port_link_write(&link_up, 1);
  chThdCreateStatic(vm_thread_area, sizeof vm_thread_area, (tprio_t)VIPER_VM_THREAD_PRIORITY, vm_thread, NULL);
  chThdSleep(TIME_INFINITE);
  return 0;
}
