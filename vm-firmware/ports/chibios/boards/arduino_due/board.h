/* ChibiOS board file for the Arduino Due (SAM3X8E), written for Viper. UNTESTED on hardware. */
#ifndef BOARD_H
#define BOARD_H

#define BOARD_ARDUINO_DUE
#define BOARD_NAME                "Arduino Due"

/* The lines board.c and viper_board.h name (the rest are in boards/arduino_due.json). */
#define LINE_LED                  PAL_LINE(IOPORT2, 27U)   /* "L", pin 13, PB27 */
#define LINE_UART_RX              PAL_LINE(IOPORT1, 8U)    /* URXD, pin 0, from the 16U2 */
#define LINE_UART_TX              PAL_LINE(IOPORT1, 9U)    /* UTXD, pin 1, to the 16U2 */

#if !defined(_FROM_ASM_)
#ifdef __cplusplus
extern "C" {
#endif
  void boardInit(void);
#ifdef __cplusplus
}
#endif
#endif

#endif /* BOARD_H */
