/* The Virtual board's buses (sim_bus.c), as the rest of the posix port reaches them. */
#ifndef VIPER_SIM_BUS_H
#define VIPER_SIM_BUS_H

#include <stddef.h>
#include <stdint.h>

/* BOARD_INPUT UART_RX: bytes typed into the IDE's console tab of UART bus. NULL, or why not. */
const char *sim_uart_receive(int bus, const uint8_t *data, size_t len);
/* BOARD_INPUT SENSOR: what the SHT31 measures next (0.01 °C, 0.01 %RH); kept across programs. */
void sim_sensor_set(int16_t t_centi, uint16_t rh_centi);
/* hal_reset's part: every bus closed, their buffers emptied. */
void sim_bus_reset(void);

#endif
