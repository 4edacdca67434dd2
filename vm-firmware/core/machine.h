/* The machine and board modules' C side (MicroPython's machine, all native: importing it costs
 * the heap only its module dict). Shared by modmachine.c (the module, the pins' use table and
 * the checks every class makes), machine_pin.c (Pin), machine_adc_pwm.c (ADC, PWM),
 * machine_timer.c (Timer), machine_callbacks.c (the callbacks' thread), machine_events.c (the
 * queue of pin and timer events), modboard.c and link.c (the pin-state table it reports as
 * BOARD_STATE). */
#ifndef VIPER_MACHINE_H
#define VIPER_MACHINE_H

#include "hal.h"
#include "vm.h"

/* Host builds queue more: a desktop's scheduler may keep the dispatcher off the CPU longer. */
#ifndef VIPER_EVENT_QUEUE
#define VIPER_EVENT_QUEUE 32
#endif

/* A board table has at most this many pins (scripts/contracts/renderBoards.ts refuses more):
 * the per-pin tables of machine and the link are this big. */
#define MACHINE_MAX_PINS 64
/* Pins beyond this cannot interrupt (a board's table is far smaller). */
#ifndef VIPER_EVENT_PINS
#define VIPER_EVENT_PINS 128
#endif

enum { MACHINE_EVENT_PIN = 0, MACHINE_EVENT_TIMER = 1 };

typedef bool (*MachinePut)(VM *, ObjDict *, const char *, Value);

/* ---- modmachine.c: the module and the pins' use ----------------------------------------- */

/* A fresh program: the hardware back to its reset state (hal_reset), no events, no pins in use. */
void machine_reset(void);
/* What the machine module holds besides its functions (machine_functions): the classes. */
bool machine_fill(VM *vm, ObjDict *d, MachinePut put);
extern const ObjBuiltin machine_functions[];
/* A name into a module dict as a key that is not interned (machine_fill says why). */
bool machine_put(VM *vm, ObjDict *d, const char *name, Value v);

/* How the program set each pin up: a HalPinMode, or one of these. */
enum { MACHINE_USE_NONE = -1, MACHINE_USE_PWM = 10, MACHINE_USE_ADC = 11 };
extern int8_t machine_pin_use[MACHINE_MAX_PINS];
extern int8_t machine_pin_pull[MACHINE_MAX_PINS];

/* An int argument in lo..hi; false with "what must be an int" or "what out of range lo..hi". */
bool machine_int_arg(VM *vm, Value v, const char *what, vint lo, vint hi, vint *out);
/* The pin v stands for: a Pin, a name, an alias or a number; -1 with ValueError when the board
 * lacks it or the link to the IDE owns it. */
int machine_pin_arg(VM *vm, Value v);
/* pin as a GPIO: mode and pull -1 keep what it had (an unused pin: IN, no pull). */
bool machine_pin_setup(VM *vm, int pin, Value mode, Value pull);
/* The pin's GPIO mode, or -1 while the program has not set it up as a GPIO. */
int machine_pin_mode(int pin);
void machine_pin_write(int pin, bool level);
/* "pin D2 has no ADC (ADC pins: A0, A1, A2, A3)" raised; EXC_VAL. */
Value machine_raise_no_cap(VM *vm, int pin, uint8_t cap, const char *what);
/* The pin leaves PWM when set up as something else. */
void machine_pin_release(int pin);

/* ---- machine_pin.c, machine_adc_pwm.c, machine_timer.c: the classes ---------------------- */

extern const Type machine_pin_type, machine_pin_irq_type, machine_adc_type, machine_pwm_type, machine_timer_type;
/* The Pin object of pin: one per pin, const (in flash), so Pin('D13') is board.LED. */
Value machine_pin_object(int pin);
#define IS_MACHINE_PIN(v) IS_TYPE(v, &machine_pin_type)
int machine_pin_of(Value pin_object);
/* What Pin.irq() returns: the trigger asked for and the edge being handled (flags()). */
typedef struct ObjPinIrq { Obj obj; uint8_t trigger, flags; } ObjPinIrq;
/* Timers of the board (hal_timer_count), at most this many. */
#define MACHINE_MAX_TIMERS 16
int machine_timer_count(void);
void machine_timers_reset(void);
/* The timer a callback that raised belonged to: stopped, as if the program had turned it off. */
void machine_timer_stop(int id);

/* ---- machine_callbacks.c: the callbacks' thread --------------------------------------------
 * Pin.irq handlers and Timer callbacks, kept in the machine module's dict (_callbacks: key
 * kind * 256 + id -> (callback, its argument, the irq object or None)), and called one after the
 * other by one daemon thread of the highest priority, started with the first of them. */
bool machine_callback_set(VM *vm, int kind, int id, Value callback, Value arg, Value irq);
bool machine_callback_clear(VM *vm, int kind, int id);

/* ---- machine_events.c ---------------------------------------------------------------------- */

/* A new program: the queue emptied, every pin's trigger off, the dropped count 0. */
void machine_events_reset(void);
/* The program's threads are ending (thread.c, before they are reaped): no more events, and no
 * wake-ups for a dispatcher thread that is going away. */
void machine_events_end(VM *vm);
/* Which edges of pin become events (HAL_EDGE_*; 0: none), and the debounce time. */
void machine_events_pin(int pin, unsigned edges, uint32_t debounce_ms);
/* Events may be queued again (a REPL entry after one whose threads ended). */
void machine_events_open(void);
/* The dispatcher thread: the next event, waiting for one without the interpreter lock; false
 * (an exception raised) when the program is being stopped. */
typedef struct MachineEvent { uint8_t kind, id, flags; } MachineEvent;
bool machine_events_next(VM *vm, MachineEvent *out);
/* The dispatcher thread waits for the next event (it has started and has no callback running). */
bool machine_events_waiting(void);
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
