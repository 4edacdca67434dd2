/* What the ChibiOS port adds to port.h for its main(). */
#ifndef VIPER_PORT_CHIBIOS_H
#define VIPER_PORT_CHIBIOS_H

/* Configure the link's pins and start its Serial driver. After halInit(), before the VM thread. */
void port_link_start(void);

#endif
