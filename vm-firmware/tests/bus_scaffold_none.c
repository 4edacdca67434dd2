/* TEMPORARY (branch v-bus, until v-core's stubs for the C tests land): a board without pins or
 * buses, and no board frames, so the C tests link. Weak: the core's stubs replace them. */
#include "hal.h"

__attribute__((weak)) const HalBoardInfo hal_board = {"none", "no board", NULL, 0, NULL, 0, NULL, 0, 0, 0, 0};

__attribute__((weak)) const char *hal_board_input(const uint8_t *payload, size_t len) {
  (void)payload; (void)len;
  return "no board in the C tests";
}

__attribute__((weak)) size_t hal_board_output(uint8_t *payload, size_t max) { (void)payload; (void)max; return 0; }
