/* What the Virtual board's pins (sim_board.c) ask of its buses (sim_bus.c). */
#ifndef VIPER_SIM_BOARD_H
#define VIPER_SIM_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* BOARD_INPUT UART_RX: bytes typed into the UART's console tab arrive on bus's RX. */
void sim_uart_receive(int bus, const uint8_t *data, size_t len);
/* BOARD_INPUT SENSOR: what the SHT31 measures, in 0.01 °C and 0.01 %RH, and whether it is
 * connected (false: it answers nothing, as a sensor whose wire came loose). */
void sim_sensor_set(int16_t t_centi, uint16_t rh_centi, bool connected);
/* hal_reset(): every bus closed and emptied; the sensor keeps what the person set (the IDE's
 * panel still shows it). */
void sim_bus_reset(void);

#endif
