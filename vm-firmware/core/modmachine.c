/* The machine module (MicroPython's machine): its functions, its classes (Pin, ADC, PWM, Timer
 * in machine_*.c; UART, I2C, SPI from modmachine_bus.c's machine_bus_fill()), and what they
 * share: the table of how the program uses each pin, and the checks that name a pin as the
 * program wrote it and the board by its id. All native and const: importing machine costs the
 * heap its module dict only. */
#include <string.h>

#include "gen/link_protocol.h"
#include "machine.h"
#include "thread.h"

/* modmachine_bus.c puts UART, I2C and SPI into the module. Weak until that file is built in: a
 * build without it has a machine module without buses. */
bool machine_bus_fill(VM *vm, ObjDict *d, MachinePut put) __attribute__((weak));
bool machine_bus_fill(VM *vm, ObjDict *d, MachinePut put) {
  (void)vm; (void)d; (void)put;
  return true;
}

int8_t machine_pin_use[MACHINE_MAX_PINS];
int8_t machine_pin_pull[MACHINE_MAX_PINS];

void machine_reset(void) {
  memset(machine_pin_use, MACHINE_USE_NONE, sizeof machine_pin_use);
  memset(machine_pin_pull, HAL_PULL_NONE, sizeof machine_pin_pull);
  machine_timers_reset();
  hal_reset();
  machine_events_reset();
  link_board_clear();
}

/* ==== arguments and pins ================================================================= */

bool machine_int_arg(VM *vm, Value v, const char *what, vint lo, vint hi, vint *out) {
  if (!IS_INTLIKE(v)) { vm_raise_fmt(vm, &exc_TypeError, "%s must be an int, not %t", what, v); return false; }
  *out = AS_INTLIKE(v);
  if (*out < lo || *out > hi) {
    vm_raise_fmt(vm, &exc_ValueError, "%s out of range %d..%d", what, (int)lo, (int)hi);
    return false;
  }
  return true;
}

static int refuse_link_pin(VM *vm, int pin, const char *as_written) {
  if (!(hal_board.pins[pin].caps & HAL_CAP_LINK)) return pin;
  vm_raise_fmt(vm, &exc_ValueError, "pin %s is used by the link to the IDE", as_written);
  return -1;
}

int machine_pin_arg(VM *vm, Value id) {
  int pin = -1, i;
  if (IS_MACHINE_PIN(id)) return machine_pin_of(id);   /* checked when it was made */
  if (IS_STR(id)) {
    const char *name = AS_STR(id)->chars;
    for (i = 0; i < hal_board.pin_count && pin < 0; i++)
      if (strcmp(hal_board.pins[i].name, name) == 0) pin = i;
    for (i = 0; i < hal_board.alias_count && pin < 0; i++)
      if (strcmp(hal_board.aliases[i].name, name) == 0) pin = hal_board.aliases[i].pin;
    if (pin < 0) { vm_raise_fmt(vm, &exc_ValueError, "pin %s not on %s", name, hal_board.id); return -1; }
    return refuse_link_pin(vm, pin, name);
  }
  if (!IS_INTLIKE(id)) { vm_raise_fmt(vm, &exc_TypeError, "pin id must be a name or a number, not %t", id); return -1; }
  if (AS_INTLIKE(id) < 0 || AS_INTLIKE(id) >= hal_board.pin_count) {
    vm_raise_fmt(vm, &exc_ValueError, "pin %d not on %s", (int)AS_INTLIKE(id), hal_board.id);
    return -1;
  }
  pin = (int)AS_INTLIKE(id);
  return refuse_link_pin(vm, pin, hal_board.pins[pin].name);
}

Value machine_raise_no_cap(VM *vm, int pin, uint8_t cap, const char *what) {
  int i;
  bool first = true;
  Value msg;
  vm_sb_reset(vm);
  vm_sb_cstr(vm, "pin ");
  vm_sb_cstr(vm, hal_board.pins[pin].name);
  vm_sb_cstr(vm, " has no ");
  vm_sb_cstr(vm, what);
  vm_sb_cstr(vm, " (");
  vm_sb_cstr(vm, what);
  vm_sb_cstr(vm, " pins: ");
  for (i = 0; i < hal_board.pin_count; i++) {
    if (!(hal_board.pins[i].caps & cap) || (hal_board.pins[i].caps & HAL_CAP_LINK)) continue;
    if (!first) vm_sb_cstr(vm, ", ");
    vm_sb_cstr(vm, hal_board.pins[i].name);
    first = false;
  }
  if (first) vm_sb_cstr(vm, "none");
  vm_sb_cstr(vm, ")");
  msg = vm_sb_to_str(vm);
  return msg == EXC_VAL ? EXC_VAL : vm_raise_value(vm, &exc_ValueError, msg);
}

void machine_pin_release(int pin) {
  if (machine_pin_use[pin] == MACHINE_USE_PWM) hal_pwm_off(pin);
}

int machine_pin_mode(int pin) {
  return machine_pin_use[pin] >= HAL_PIN_IN && machine_pin_use[pin] <= HAL_PIN_OPEN_DRAIN ? machine_pin_use[pin] : -1;
}

static uint8_t link_mode(int mode) {
  return mode == HAL_PIN_IN ? PIN_MODE_INPUT : mode == HAL_PIN_OUT ? PIN_MODE_OUTPUT : PIN_MODE_OPEN_DRAIN;
}

bool machine_pin_setup(VM *vm, int pin, Value mode_v, Value pull_v) {
  vint mode = -1, pull = -1;
  if ((!IS_NONE(mode_v) && !machine_int_arg(vm, mode_v, "mode", -1, HAL_PIN_OPEN_DRAIN, &mode)) ||
      (!IS_NONE(pull_v) && !machine_int_arg(vm, pull_v, "pull", -1, HAL_PULL_DOWN, &pull)))
    return false;
  if (mode < 0) mode = machine_pin_mode(pin) >= 0 ? machine_pin_mode(pin) : HAL_PIN_IN;
  if (pull < 0) pull = machine_pin_pull[pin];
  machine_pin_release(pin);
  hal_pin_setup(pin, (HalPinMode)mode, (HalPull)pull);
  machine_pin_use[pin] = (int8_t)mode;
  machine_pin_pull[pin] = (int8_t)pull;
  link_board_pin(pin, link_mode((int)mode), 0);
  link_board_changed();
  return true;
}

void machine_pin_write(int pin, bool level) {
  hal_pin_write(pin, level ? 1 : 0);
  link_board_changed();
}

/* ==== the module's functions ============================================================= */

static Value m_irq_dropped(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc; (void)args;
  return INT_VAL((vint)machine_events_dropped());
}

static Value m_unique_id(VM *vm, int argc, Value *args) {
  uint8_t id[32];
  (void)argc; (void)args;
  return bytes_new(vm, &bytes_type, id, (uint32_t)hal_unique_id(id, sizeof id));
}

/* A hard reset; where the port cannot (the Virtual board), the program ends as if it had. */
static Value m_reset(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  hal_board_reset();
  return vm_raise_value(vm, &exc_SystemExit, NONE_VAL);
}

/* The CPU's clock in Hz. */
static Value m_freq(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc; (void)args;
  return INT_VAL((vint)hal_cpu_freq());
}

/* Let other threads (the callbacks' dispatcher) run for a moment, as a CPU waits for an interrupt. */
static Value m_idle(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return thread_wait(vm, 1) ? NONE_VAL : EXC_VAL;
}

#define FN(cname, min, max) {{&builtin_type}, #cname, m_##cname, min, max, NULL}
static const ObjBuiltin functions[] = {
  FN(unique_id, 0, 0), FN(reset, 0, 0), FN(freq, 0, 0), FN(idle, 0, 0), FN(irq_dropped, 0, 0),
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};
/* modules.c's table of module functions: none, they go in with machine_fill's keys */
const ObjBuiltin machine_functions[] = {{{&builtin_type}, NULL, NULL, 0, 0, NULL}};

bool machine_put(VM *vm, ObjDict *d, const char *name, Value v) {
  Value key;
  bool ok;
  vm_push_root(vm, v);
  key = str_new(vm, name, strlen(name));
  ok = key != EXC_VAL && dict_set(vm, d, key, v);
  vm_pop_root(vm);
  return ok;
}

/* The module's names go in as keys that are not interned: a program's own names fill the VM's
 * table of interned names, whose next doubling may not fit a small heap; lookups compare text. */
bool machine_fill(VM *vm, ObjDict *d, MachinePut put) {
  const ObjBuiltin *f;
  (void)put;
  for (f = functions; f->name != NULL; f++)
    if (!machine_put(vm, d, f->name, OBJ_VAL(f))) return false;
  return machine_put(vm, d, "Pin", OBJ_VAL(&machine_pin_type)) && machine_put(vm, d, "ADC", OBJ_VAL(&machine_adc_type)) &&
         machine_put(vm, d, "PWM", OBJ_VAL(&machine_pwm_type)) && machine_put(vm, d, "Timer", OBJ_VAL(&machine_timer_type)) &&
         machine_bus_fill(vm, d, machine_put);
}
