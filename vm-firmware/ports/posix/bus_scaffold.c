/* TEMPORARY (branch v-bus, until v-core lands): what the core helper's files provide, so the
 * bus part runs and is tested alone: the Virtual board's table (core/gen/boards/virtual.c will
 * be generated) and hal_board_input's two bus kinds (ports/posix/sim_board.c will decode all).
 * Delete this file when merging v-core. */
#include "gen/link_protocol.h"
#include "hal.h"
#include "sim_bus.h"

static const HalPinInfo pins[] = {
  {"D0", 21, 0, 0, 0, 0, 0, 0}, {"D1", 21, 1, 0, 0, 0, 0, 0}, {"D2", 21, 2, 0, 0, 0, 0, 0},
  {"D3", 21, 3, 0, 0, 0, 0, 0}, {"D4", 21, 4, 0, 0, 0, 0, 0}, {"D5", 21, 5, 0, 0, 0, 0, 0},
  {"D6", 21, 6, 0, 0, 0, 0, 0}, {"D7", 21, 7, 0, 0, 0, 0, 0}, {"D8", 21, 8, 0, 0, 0, 0, 0},
  {"D9", 21, 9, 0, 0, 0, 0, 0}, {"D10", 21, 10, 0, 0, 0, 0, 0}, {"D11", 21, 11, 0, 0, 0, 0, 0},
  {"D12", 21, 12, 0, 0, 0, 0, 0}, {"D13", 21, 13, 0, 0, 0, 0, 0}, {"D14", 21, 14, 0, 0, 0, 0, 0},
  {"D15", 21, 15, 0, 0, 0, 0, 0}, {"A0", 21, 16, 0, 0, 0, 0, 0}, {"A1", 21, 17, 0, 0, 0, 0, 0},
  {"A2", 21, 18, 0, 0, 0, 0, 0}, {"A3", 21, 19, 0, 0, 0, 0, 0},
};
static const HalBusInfo buses[] = {
  {HAL_BUS_UART, 1, {1, 0, 0}, 0}, {HAL_BUS_I2C, 1, {15, 14, 0}, 0}, {HAL_BUS_SPI, 1, {4, 7, 8}, 0},
};
const HalBoardInfo hal_board = {"virtual", "Virtual board", pins, 20, NULL, 0, buses, 3, 1, 1, 1};

const char *hal_board_input(const uint8_t *p, size_t len) {
  if (len >= 2 && p[0] == BOARD_INPUT_UART_RX) return sim_uart_receive(p[1], p + 2, len - 2);
  if (len == 5 && p[0] == BOARD_INPUT_SENSOR) {
    sim_sensor_set((int16_t)(p[1] | p[2] << 8), (uint16_t)(p[3] | p[4] << 8));
    return NULL;
  }
  return "not in the bus helper's scaffold";
}
