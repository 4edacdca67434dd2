/* Viper over ChibiOS/RT: start the kernel and the HAL, open the link, and serve it from the
 * VM thread (uploads, RUN, STOP, the REPL) as the posix port does on stdin/stdout. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "link.h"
#include "port.h"
#include "port_chibios.h"
#include "viper_port_config.h"

static uint8_t vm_heap[VIPER_HEAP_SIZE] __attribute__((aligned(8))) VIPER_HEAP_PLACEMENT;
static uint8_t store_a[VIPER_STORE_SIZE] __attribute__((aligned(8))) VIPER_BUFFERS_PLACEMENT;
static uint8_t store_b[VIPER_STORE_SIZE] __attribute__((aligned(8))) VIPER_BUFFERS_PLACEMENT;
#if VIPER_REPL_ARENA_SIZE > 0
static uint8_t repl_arena[VIPER_REPL_ARENA_SIZE] __attribute__((aligned(8))) VIPER_BUFFERS_PLACEMENT;
#endif
static VM vm;
static LinkServer link_server;

static THD_WORKING_AREA(vm_thread_area, VIPER_VM_THREAD_STACK);

static THD_FUNCTION(vm_thread, arg) {
  (void)arg;
  link_init(&link_server, &vm, vm_heap, sizeof vm_heap, store_a, store_b, sizeof store_a,
            VIPER_BOARD_ID, VIPER_CHIP_ID);
#if VIPER_REPL_ARENA_SIZE > 0
  link_set_arena(&link_server, repl_arena, sizeof repl_arena);
#endif
  /* Programs live in RAM for now: nothing survives a reset, so there is nothing to boot. */
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
