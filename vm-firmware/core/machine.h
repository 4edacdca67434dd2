/* The machine module's C side, shared by modmachine.c (what Python calls), machine_events.c (the
 * queue of pin and timer events) and link.c (the pin-state table it reports as BOARD_STATE). */
#ifndef VIPER_MACHINE_H
#define VIPER_MACHINE_H

#include "hal.h"
#include "vm.h"

/* Host builds queue more: a desktop's scheduler may keep the dispatcher off the CPU longer. */
#ifndef VIPER_EVENT_QUEUE
#define VIPER_EVENT_QUEUE 32
#endif

/* Pins beyond this cannot interrupt (a board's table is far smaller). */
#ifndef VIPER_EVENT_PINS
#define VIPER_EVENT_PINS 128
#endif

enum { MACHINE_EVENT_PIN = 0, MACHINE_EVENT_TIMER = 1 };

/* ---- modmachine.c ---------------------------------------------------------------------------- */

/* A fresh program: the hardware back to its reset state (hal_reset), no events, no pins in use. */
void machine_reset(void);
/* What the _machine module holds besides its functions (machine_functions), buses included. */
bool machine_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value));
extern const ObjBuiltin machine_functions[];

/* ---- machine_events.c ---------------------------------------------------------------------- */

/* A new program: the queue emptied, every pin's trigger off, the dropped count 0. */
void machine_events_reset(void);
/* The program's threads are ending (thread.c, before they are reaped): no more events, and no
 * wake-ups for a dispatcher thread that is going away. */
void machine_events_end(void);
/* Which edges of pin become events (HAL_EDGE_*; 0: none), and the debounce time. */
void machine_events_pin(int pin, unsigned edges, uint32_t debounce_ms);
/* Events may be queued again (a REPL entry after one whose threads ended). */
void machine_events_open(void);
/* The dispatcher thread: the next event (kind, id, flags) as a tuple, waiting for one without the
 * interpreter lock; EXC_VAL when the program is being stopped. */
Value machine_events_next(VM *vm);
/* The dispatcher thread is ending: nothing wakes it any more. */
void machine_events_detach(void);
uint32_t machine_events_dropped(void);

/* ---- link.c: the pins in use, as BOARD_STATE reports them ----------------------------------- */

/* pin is now used as mode (PIN_MODE_*, link_protocol.h); value: a PWM duty or an ADC reading
 * (levels of input and output pins are read from the HAL when the state is sent). */
void link_board_pin(int pin, uint8_t mode, uint16_t value);
/* Every pin unused (a new program). */
void link_board_clear(void);
/* Something changed: send BOARD_STATE now if the rate allows (else it goes out soon). With the
 * interpreter lock held; does nothing without a link. */
void link_board_changed(void);

#endif
