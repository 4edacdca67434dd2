/* The STM32F4-Discovery's USB CDC link (usbcfg.c): the SerialUSB driver the port's link reads and
 * writes, and the USB and SerialUSB configurations port_link_start() starts them with.
 * UNTESTED on hardware. */
#ifndef VIPER_USBCFG_H
#define VIPER_USBCFG_H

#include "hal.h"

extern SerialUSBDriver viper_sdu;
extern const USBConfig viper_usb_config;
extern const SerialUSBConfig viper_sdu_config;

/* Writes the serial number string from the chip's unique id; before the USB driver starts. */
void viper_usb_serial_number_init(void);

#endif
