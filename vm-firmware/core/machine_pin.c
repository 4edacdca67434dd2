/* machine.Pin: a GPIO pin, Pin('D13', Pin.OUT), Pin('BUTTON', Pin.IN, Pin.PULL_UP), Pin(board.LED).
 * There is one Pin object per pin of the board, const like MicroPython's (no heap, and the same
 * pin is the same object: Pin(13) == Pin('D13') == board.LED); how the program set it up lives
 * in modmachine.c's table. Pin.irq() returns a small irq object (flags(): the edge being
 * handled), the one thing allocated here. */
#include "machine.h"

/* ---- the Pin objects: pin_objects[i] is pin i --------------------------------------------- */

#define PIN1 {&machine_pin_type}
#define PIN4 PIN1, PIN1, PIN1, PIN1
#define PIN16 PIN4, PIN4, PIN4, PIN4
#define PIN64 PIN16, PIN16, PIN16, PIN16
#if MACHINE_MAX_PINS != 64
#error "pin_objects holds 64 pins"
#endif
static const Obj pin_objects[MACHINE_MAX_PINS] = {PIN64};

Value machine_pin_object(int pin) { return OBJ_VAL(&pin_objects[pin]); }
int machine_pin_of(Value v) { return (int)((const Obj *)AS_OBJ(v) - pin_objects); }

#define PIN_OF(args) machine_pin_of(args[0])
#define MINUS_ONE INT_VAL(-1)

static Value given_or(Value v, Value dflt) { return v == UNBOUND_VAL ? dflt : v; }

/* init(mode=-1, pull=-1, *, value=None): value is written before the mode is set, so an output
 * starts at it without a glitch. */
static bool pin_init(VM *vm, int pin, Value mode, Value pull, Value value) {
  if (value != UNBOUND_VAL && !IS_NONE(value)) machine_pin_write(pin, value_truthy(value));
  return machine_pin_setup(vm, pin, given_or(mode, MINUS_ONE), given_or(pull, MINUS_ONE));
}

/* Pin(id, mode=-1, pull=-1, *, value=None): set up only when something is asked for */
static Value pin_make(VM *vm, int argc, Value *args) {
  int pin = machine_pin_arg(vm, args[0]);
  Value mode = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0);
  Value pull = argc > 2 ? args[2] : NATIVE_KW(args, argc, 1);
  Value value = NATIVE_KW(args, argc, 2);
  if (pin < 0) return EXC_VAL;
  if ((mode != UNBOUND_VAL && mode != MINUS_ONE) || (pull != UNBOUND_VAL && pull != MINUS_ONE) ||
      (value != UNBOUND_VAL && !IS_NONE(value))) {
    if (!pin_init(vm, pin, mode, pull, value)) return EXC_VAL;
  }
  return machine_pin_object(pin);
}

static Value m_init(VM *vm, int argc, Value *args) {
  Value mode = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0);
  Value pull = argc > 2 ? args[2] : NATIVE_KW(args, argc, 1);
  return pin_init(vm, PIN_OF(args), mode, pull, NATIVE_KW(args, argc, 2)) ? NONE_VAL : EXC_VAL;
}

/* value() reads (an unused pin becomes an input); value(x) drives it (an unused pin becomes an
 * output: board.LED.value(1) just works). */
static Value pin_value(VM *vm, int pin, Value x) {
  if (x == UNBOUND_VAL || IS_NONE(x)) {
    if (machine_pin_mode(pin) < 0 && !machine_pin_setup(vm, pin, INT_VAL(HAL_PIN_IN), MINUS_ONE)) return EXC_VAL;
    return INT_VAL(hal_pin_read(pin) ? 1 : 0);
  }
  machine_pin_write(pin, value_truthy(x));
  if (machine_pin_mode(pin) < 0 && !machine_pin_setup(vm, pin, INT_VAL(HAL_PIN_OUT), MINUS_ONE)) return EXC_VAL;
  return NONE_VAL;
}

static Value m_value(VM *vm, int argc, Value *args) { return pin_value(vm, PIN_OF(args), argc > 1 ? args[1] : UNBOUND_VAL); }
static Value m_on(VM *vm, int argc, Value *args) { (void)argc; return pin_value(vm, PIN_OF(args), INT_VAL(1)); }
static Value m_off(VM *vm, int argc, Value *args) { (void)argc; return pin_value(vm, PIN_OF(args), INT_VAL(0)); }

static Value m_toggle(VM *vm, int argc, Value *args) {
  (void)argc;
  return pin_value(vm, PIN_OF(args), INT_VAL(hal_pin_read(PIN_OF(args)) ? 0 : 1));
}

/* mode() -> the GPIO mode (-1: not set up); mode(m) sets it */
static Value m_mode(VM *vm, int argc, Value *args) {
  int pin = PIN_OF(args);
  if (argc < 2 || IS_NONE(args[1])) return INT_VAL(machine_pin_mode(pin));
  return machine_pin_setup(vm, pin, args[1], MINUS_ONE) ? NONE_VAL : EXC_VAL;
}

static Value m_pull(VM *vm, int argc, Value *args) {
  int pin = PIN_OF(args);
  if (argc < 2 || IS_NONE(args[1])) return INT_VAL(machine_pin_pull[pin]);
  return machine_pin_setup(vm, pin, MINUS_ONE, args[1]) ? NONE_VAL : EXC_VAL;
}

static Value m_name(VM *vm, int argc, Value *args) {
  (void)argc;
  return str_from_cstr(vm, hal_board.pins[PIN_OF(args)].name);
}

static Value irq_new(VM *vm, uint8_t trigger) {
  ObjPinIrq *irq = (ObjPinIrq *)obj_alloc(vm, &machine_pin_irq_type, sizeof(ObjPinIrq));
  if (irq == NULL) return EXC_VAL;
  irq->trigger = trigger;
  irq->flags = 0;
  return OBJ_VAL(irq);
}

/* irq(handler=None, trigger=IRQ_FALLING|IRQ_RISING, *, debounce=0): handler(pin) on each edge in
 * trigger, from the callbacks' thread; debounce=ms drops edges closer than ms to the last one let
 * through. handler None turns it off. */
static Value m_irq(VM *vm, int argc, Value *args) {
  int pin = PIN_OF(args);
  Value handler = given_or(argc > 1 ? args[1] : NATIVE_KW(args, argc, 0), NONE_VAL);
  Value trigger_v = given_or(argc > 2 ? args[2] : NATIVE_KW(args, argc, 1), INT_VAL(HAL_EDGE_RISING | HAL_EDGE_FALLING));
  Value debounce_v = given_or(NATIVE_KW(args, argc, 2), INT_VAL(0));
  vint trigger, debounce;
  Value irq;
  bool ok;
  if (IS_NONE(handler)) {
    if (!machine_callback_clear(vm, MACHINE_EVENT_PIN, pin)) return EXC_VAL;
    machine_events_pin(pin, 0, 0);
    hal_pin_irq(pin, 0);
    return irq_new(vm, 0);
  }
  if (!value_callable(vm, handler)) return vm_raise(vm, &exc_TypeError, "handler must be callable");
  if (!machine_int_arg(vm, trigger_v, "trigger", 0, HAL_EDGE_RISING | HAL_EDGE_FALLING, &trigger) ||
      !machine_int_arg(vm, debounce_v, "debounce", 0, 65535, &debounce))
    return EXC_VAL;
  if (pin >= VIPER_EVENT_PINS && trigger != 0) return vm_raise(vm, &exc_ValueError, "this pin cannot interrupt");
  if (machine_pin_mode(pin) < 0 && !machine_pin_setup(vm, pin, INT_VAL(HAL_PIN_IN), MINUS_ONE)) return EXC_VAL;
  if ((irq = irq_new(vm, (uint8_t)trigger)) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, irq);
  ok = machine_callback_set(vm, MACHINE_EVENT_PIN, pin, handler, args[0], irq);
  vm_pop_root(vm);
  if (!ok) return EXC_VAL;
  machine_events_pin(pin, (unsigned)trigger, (uint32_t)debounce);
  hal_pin_irq(pin, (unsigned)trigger);
  return irq;
}

/* Pin('D13', mode=Pin.OUT, pull=Pin.PULL_UP): mode while set up as a GPIO, pull when it has one */
static void pin_print(VM *vm, Value v, bool repr) {
  static const char *const modes[] = {"IN", "OUT", "OPEN_DRAIN"}, *const pulls[] = {"", "PULL_UP", "PULL_DOWN"};
  int pin = machine_pin_of(v), mode = machine_pin_mode(pin), pull = machine_pin_pull[pin];
  (void)repr;
  vm_sb_cstr(vm, "Pin('");
  vm_sb_cstr(vm, hal_board.pins[pin].name);
  vm_sb_cstr(vm, "'");
  if (mode >= 0) { vm_sb_cstr(vm, ", mode=Pin."); vm_sb_cstr(vm, modes[mode]); }
  if (pull > 0) { vm_sb_cstr(vm, ", pull=Pin."); vm_sb_cstr(vm, pulls[pull]); }
  vm_sb_cstr(vm, ")");
}

#define PIN_KW "mode pull value"
static const MethodDef pin_methods[] = {
  {"init", m_init, 0, 2, PIN_KW},
  {"value", m_value, 0, 1, NULL},
  {"__call__", m_value, 0, 1, NULL},
  {"on", m_on, 0, 0, NULL},
  {"off", m_off, 0, 0, NULL},
  {"high", m_on, 0, 0, NULL},
  {"low", m_off, 0, 0, NULL},
  {"toggle", m_toggle, 0, 0, NULL},
  {"mode", m_mode, 0, 1, NULL},
  {"pull", m_pull, 0, 1, NULL},
  {"irq", m_irq, 0, 2, "handler trigger debounce"},
  {"name", m_name, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const TypeConst pin_consts[] = {
  {"IN", HAL_PIN_IN}, {"OUT", HAL_PIN_OUT}, {"OPEN_DRAIN", HAL_PIN_OPEN_DRAIN}, {"PULL_UP", HAL_PULL_UP},
  {"PULL_DOWN", HAL_PULL_DOWN}, {"IRQ_RISING", HAL_EDGE_RISING}, {"IRQ_FALLING", HAL_EDGE_FALLING}, {NULL, 0},
};
static const ObjBuiltin pin_make_builtin = {{&builtin_type}, "Pin", pin_make, 1, 3, PIN_KW};
const Type machine_pin_type = {{&type_type}, "Pin", NULL, NULL, pin_methods, .print = pin_print,
                               .make = &pin_make_builtin, .consts = pin_consts};

/* ---- the irq object ------------------------------------------------------------------------ */

#define AS_IRQ(v) ((ObjPinIrq *)AS_OBJ(v))

/* flags(): the edge being handled (IRQ_RISING or IRQ_FALLING) */
static Value m_irq_flags(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc;
  return INT_VAL(AS_IRQ(args[0])->flags);
}

/* trigger() -> the edges asked for; trigger(t) changes the record */
static Value m_irq_trigger(VM *vm, int argc, Value *args) {
  vint t;
  if (argc < 2 || IS_NONE(args[1])) return INT_VAL(AS_IRQ(args[0])->trigger);
  if (!machine_int_arg(vm, args[1], "trigger", 0, HAL_EDGE_RISING | HAL_EDGE_FALLING, &t)) return EXC_VAL;
  AS_IRQ(args[0])->trigger = (uint8_t)t;
  return NONE_VAL;
}

static const MethodDef irq_methods[] = {
  {"flags", m_irq_flags, 0, 0, NULL},
  {"trigger", m_irq_trigger, 0, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type machine_pin_irq_type = {{&type_type}, "irq", NULL, NULL, irq_methods};
