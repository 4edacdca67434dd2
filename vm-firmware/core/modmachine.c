/* _machine: the natives under the library's machine and board modules (compiler/lib/machine.py,
 * board.py, which give them MicroPython's classes: Pin, ADC, PWM, Timer). Pins are indexes into
 * the board's table (hal_board); names and aliases are looked up here, so every error names the
 * pin as the program wrote it and the board by its id. The buses (UART, I2C, SPI) come from
 * modmachine_bus.c's machine_bus_fill(). */
#include <string.h>

#include "gen/link_protocol.h"
#include "machine.h"
#include "thread.h"

/* modmachine_bus.c puts UART, I2C and SPI into the module. Weak until that file is built in: a
 * build without it has a machine module without buses. */
bool machine_bus_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value)) __attribute__((weak));
bool machine_bus_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value)) {
  (void)vm; (void)d; (void)put;
  return true;
}

#define MAX_PINS 256
#define MAX_TIMERS 16

/* How the program set each pin up: a HalPinMode, or one of these. */
enum { USE_NONE = -1, USE_PWM = 10, USE_ADC = 11 };
static int8_t pin_use[MAX_PINS];
static int8_t pin_pull[MAX_PINS];
static bool timer_claimed[MAX_TIMERS];

void machine_reset(void) {
  memset(pin_use, USE_NONE, sizeof pin_use);
  memset(pin_pull, HAL_PULL_NONE, sizeof pin_pull);
  memset(timer_claimed, 0, sizeof timer_claimed);
  hal_reset();
  machine_events_reset();
  link_board_clear();
}

/* ==== arguments ========================================================================== */

static bool int_arg(VM *vm, Value v, const char *what, vint lo, vint hi, vint *out) {
  if (!IS_INTLIKE(v)) { vm_raise_fmt(vm, &exc_TypeError, "%s must be an int, not %t", what, v); return false; }
  *out = AS_INTLIKE(v);
  if (*out < lo || *out > hi) {
    vm_raise_fmt(vm, &exc_ValueError, "%s out of range %d..%d", what, (int)lo, (int)hi);
    return false;
  }
  return true;
}

/* A pin number checked by Python already (machine.py keeps what pin_find returned). */
static int pin_index(VM *vm, Value v) {
  vint pin;
  return int_arg(vm, v, "pin", 0, (vint)hal_board.pin_count - 1, &pin) ? (int)pin : -1;
}

/* The pin a name, alias or number stands for; -1 with ValueError when the board lacks it or
 * the link to the IDE owns it. */
static int pin_lookup(VM *vm, Value id) {
  int pin = -1, i;
  if (IS_STR(id)) {
    const char *name = AS_STR(id)->chars;
    for (i = 0; i < hal_board.pin_count && pin < 0; i++)
      if (strcmp(hal_board.pins[i].name, name) == 0) pin = i;
    for (i = 0; i < hal_board.alias_count && pin < 0; i++)
      if (strcmp(hal_board.aliases[i].name, name) == 0) pin = hal_board.aliases[i].pin;
    if (pin < 0) { vm_raise_fmt(vm, &exc_ValueError, "pin %s not on %s", name, hal_board.id); return -1; }
    if (hal_board.pins[pin].caps & HAL_CAP_LINK) {
      vm_raise_fmt(vm, &exc_ValueError, "pin %s is used by the link to the IDE", name);
      return -1;
    }
    return pin;
  }
  if (!IS_INTLIKE(id)) { vm_raise_fmt(vm, &exc_TypeError, "pin id must be a name or a number, not %t", id); return -1; }
  if (AS_INTLIKE(id) < 0 || AS_INTLIKE(id) >= hal_board.pin_count) {
    vm_raise_fmt(vm, &exc_ValueError, "pin %d not on %s", (int)AS_INTLIKE(id), hal_board.id);
    return -1;
  }
  pin = (int)AS_INTLIKE(id);
  if (hal_board.pins[pin].caps & HAL_CAP_LINK) {
    vm_raise_fmt(vm, &exc_ValueError, "pin %s is used by the link to the IDE", hal_board.pins[pin].name);
    return -1;
  }
  return pin;
}

/* "pin D2 has no ADC (ADC pins: A0, A1, A2, A3)" */
static Value raise_no_cap(VM *vm, int pin, uint8_t cap, const char *what) {
  int i;
  bool first = true;
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
  {
    Value msg = vm_sb_to_str(vm);
    return msg == EXC_VAL ? EXC_VAL : vm_raise_value(vm, &exc_ValueError, msg);
  }
}

/* A pin leaves PWM (or ADC) when set up as something else. */
static void pin_release(int pin) {
  if (pin_use[pin] == USE_PWM) hal_pwm_off(pin);
}

static uint8_t link_mode(int use) {
  return use == HAL_PIN_IN ? PIN_MODE_INPUT : use == HAL_PIN_OUT ? PIN_MODE_OUTPUT
         : use == HAL_PIN_OPEN_DRAIN ? PIN_MODE_OPEN_DRAIN : use == USE_PWM ? PIN_MODE_PWM
         : use == USE_ADC ? PIN_MODE_ADC : PIN_MODE_UNUSED;
}

/* ==== pins =============================================================================== */

/* pin_find(id) -> the pin's number (id: a name, an alias or a number) */
static Value m_pin_find(VM *vm, int argc, Value *args) {
  int pin = pin_lookup(vm, args[0]);
  (void)argc;
  return pin < 0 ? EXC_VAL : INT_VAL(pin);
}

static Value m_pin_name(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  (void)argc;
  return pin < 0 ? EXC_VAL : str_from_cstr(vm, hal_board.pins[pin].name);
}

/* pin_init(pin, mode, pull): mode and pull -1 keep what the pin had (an unused pin: IN, no pull) */
static Value m_pin_init(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  vint mode, pull;
  (void)argc;
  if (pin < 0 || !int_arg(vm, args[1], "mode", -1, HAL_PIN_OPEN_DRAIN, &mode) ||
      !int_arg(vm, args[2], "pull", -1, HAL_PULL_DOWN, &pull))
    return EXC_VAL;
  if (mode < 0) mode = pin_use[pin] >= HAL_PIN_IN && pin_use[pin] <= HAL_PIN_OPEN_DRAIN ? pin_use[pin] : HAL_PIN_IN;
  if (pull < 0) pull = pin_pull[pin];
  pin_release(pin);
  hal_pin_setup(pin, (HalPinMode)mode, (HalPull)pull);
  pin_use[pin] = (int8_t)mode;
  pin_pull[pin] = (int8_t)pull;
  link_board_pin(pin, link_mode((int)mode), 0);
  link_board_changed();
  return NONE_VAL;
}

/* pin_state(pin) -> (mode, pull); mode -1 while the program has not set the pin up as a GPIO */
static Value m_pin_state(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  Value t;
  (void)argc;
  if (pin < 0 || (t = tuple_new(vm, 2)) == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = INT_VAL(pin_use[pin] <= HAL_PIN_OPEN_DRAIN ? pin_use[pin] : -1);
  AS_TUPLE(t)->items[1] = INT_VAL(pin_pull[pin]);
  return t;
}

static Value m_pin_read(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  (void)argc;
  return pin < 0 ? EXC_VAL : INT_VAL(hal_pin_read(pin) ? 1 : 0);
}

static Value m_pin_write(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  (void)argc;
  if (pin < 0) return EXC_VAL;
  hal_pin_write(pin, value_truthy(args[1]) ? 1 : 0);
  link_board_changed();
  return NONE_VAL;
}

/* pin_irq(pin, edges, debounce_ms): edges 0 turns the pin's events off */
static Value m_pin_irq(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  vint edges, debounce;
  (void)argc;
  if (pin < 0 || !int_arg(vm, args[1], "trigger", 0, HAL_EDGE_RISING | HAL_EDGE_FALLING, &edges) ||
      !int_arg(vm, args[2], "debounce", 0, 65535, &debounce))
    return EXC_VAL;
  if (pin >= VIPER_EVENT_PINS && edges != 0) return vm_raise(vm, &exc_ValueError, "this pin cannot interrupt");
  machine_events_pin(pin, (unsigned)edges, (uint32_t)debounce);
  hal_pin_irq(pin, (unsigned)edges);
  return NONE_VAL;
}

/* ==== ADC and PWM ======================================================================== */

static Value m_adc_init(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  (void)argc;
  if (pin < 0) return EXC_VAL;
  if (!(hal_board.pins[pin].caps & HAL_CAP_ADC)) return raise_no_cap(vm, pin, HAL_CAP_ADC, "ADC");
  pin_release(pin);
  hal_adc_setup(pin);
  pin_use[pin] = USE_ADC;
  link_board_pin(pin, PIN_MODE_ADC, 0);
  link_board_changed();
  return NONE_VAL;
}

static Value m_adc_read(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  uint16_t v;
  (void)argc;
  if (pin < 0) return EXC_VAL;
  if (pin_use[pin] != USE_ADC) return vm_raise_fmt(vm, &exc_ValueError, "pin %s is no longer an ADC input", hal_board.pins[pin].name);
  v = hal_adc_read_u16(pin);
  link_board_pin(pin, PIN_MODE_ADC, v);
  link_board_changed();
  return INT_VAL(v);
}

static Value m_adc_vref_uv(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc; (void)args;
  return INT_VAL((vint)hal_adc_vref_uv());
}

/* pwm_init(pin, freq_hz): ValueError naming the range when the pin's timer cannot give freq_hz */
static Value m_pwm_init(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  const char *why;
  (void)argc;
  if (pin < 0) return EXC_VAL;
  if (!(hal_board.pins[pin].caps & HAL_CAP_PWM)) return raise_no_cap(vm, pin, HAL_CAP_PWM, "PWM");
  if (!IS_INTLIKE(args[1]) || AS_INTLIKE(args[1]) <= 0 || AS_INTLIKE(args[1]) > 0x7FFFFFFF) {
    why = hal_pwm_setup(pin, 0);   /* the HAL's message names the range */
    return vm_raise(vm, &exc_ValueError, why != NULL ? why : "PWM frequency out of range");
  }
  why = hal_pwm_setup(pin, (uint32_t)AS_INTLIKE(args[1]));
  if (why != NULL) return vm_raise(vm, &exc_ValueError, why);
  if (pin_use[pin] != USE_PWM) link_board_pin(pin, PIN_MODE_PWM, 0);
  pin_use[pin] = USE_PWM;
  link_board_changed();
  return NONE_VAL;
}

static Value m_pwm_duty(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  vint duty;
  (void)argc;
  if (pin < 0 || !int_arg(vm, args[1], "duty_u16", 0, 65535, &duty)) return EXC_VAL;
  if (pin_use[pin] != USE_PWM) return vm_raise(vm, &exc_ValueError, "PWM is off: call init() first");
  hal_pwm_duty(pin, (uint16_t)duty);
  link_board_pin(pin, PIN_MODE_PWM, (uint16_t)duty);
  link_board_changed();
  return NONE_VAL;
}

static Value m_pwm_deinit(VM *vm, int argc, Value *args) {
  int pin = pin_index(vm, args[0]);
  (void)argc;
  if (pin < 0) return EXC_VAL;
  if (pin_use[pin] == USE_PWM) {
    hal_pwm_off(pin);
    pin_use[pin] = USE_NONE;
    link_board_pin(pin, PIN_MODE_UNUSED, 0);
    link_board_changed();
  }
  return NONE_VAL;
}

/* ==== timers ============================================================================= */

static int timer_count(void) {
  int n = hal_timer_count();
  return n > MAX_TIMERS ? MAX_TIMERS : n;
}

/* timer_claim(id) -> id; -1: a free one */
static Value m_timer_claim(VM *vm, int argc, Value *args) {
  int n = timer_count(), i;
  (void)argc;
  if (!IS_INTLIKE(args[0])) return vm_raise_fmt(vm, &exc_TypeError, "Timer id must be an int, not %t", args[0]);
  if (AS_INTLIKE(args[0]) == -1) {
    for (i = n - 1; i >= 0; i--)   /* from the top: explicit ids usually start at 0 */
      if (!timer_claimed[i]) { timer_claimed[i] = true; return INT_VAL(i); }
    return vm_raise_fmt(vm, &exc_ValueError, "no free Timer: %s has %d", hal_board.id, n);
  }
  if (AS_INTLIKE(args[0]) < 0 || AS_INTLIKE(args[0]) >= n)
    return vm_raise_fmt(vm, &exc_ValueError, "no Timer %d on %s (Timer ids: 0..%d, or -1)", (int)AS_INTLIKE(args[0]),
                        hal_board.id, n - 1);
  timer_claimed[AS_INTLIKE(args[0])] = true;
  return args[0];
}

/* timer_start(id, period_us, periodic) */
static Value m_timer_start(VM *vm, int argc, Value *args) {
  vint id, period;
  (void)argc;
  if (!int_arg(vm, args[0], "Timer id", 0, timer_count() - 1, &id) ||
      !int_arg(vm, args[1], "period (us)", 1, 0x7FFFFFFF, &period))
    return EXC_VAL;
  machine_events_open();
  if (!hal_timer_start((int)id, (uint32_t)period, value_truthy(args[2])))
    return vm_raise(vm, &exc_ValueError, "this Timer cannot have that period");
  return NONE_VAL;
}

static Value m_timer_stop(VM *vm, int argc, Value *args) {
  vint id;
  (void)argc;
  if (!int_arg(vm, args[0], "Timer id", 0, timer_count() - 1, &id)) return EXC_VAL;
  hal_timer_stop((int)id);
  return NONE_VAL;
}

static Value m_timer_release(VM *vm, int argc, Value *args) {
  vint id;
  (void)argc;
  if (!int_arg(vm, args[0], "Timer id", 0, timer_count() - 1, &id)) return EXC_VAL;
  hal_timer_stop((int)id);
  timer_claimed[id] = false;
  return NONE_VAL;
}

/* ==== events, the chip, the board ======================================================== */

static Value m_next_event(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return machine_events_next(vm);
}

static Value m_detach_events(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc; (void)args;
  machine_events_detach();
  return NONE_VAL;
}

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

static Value m_freq(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc; (void)args;
  return INT_VAL((vint)hal_cpu_freq());
}

/* Let other threads (the callbacks' dispatcher) run for a moment, as a CPU waits for an interrupt. */
static Value m_idle(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return thread_wait(vm, 1) ? NONE_VAL : EXC_VAL;
}

static Value m_board_id(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return str_from_cstr(vm, hal_board.id);
}

/* board_names() -> the pins' names, then the aliases (the link's own pins left out) */
static Value m_board_names(VM *vm, int argc, Value *args) {
  Value list, name;
  int i;
  (void)argc; (void)args;
  if ((list = list_new(vm, 0)) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  for (i = 0; i < hal_board.pin_count + hal_board.alias_count; i++) {
    bool alias = i >= hal_board.pin_count;
    int pin = alias ? hal_board.aliases[i - hal_board.pin_count].pin : i;
    if (hal_board.pins[pin].caps & HAL_CAP_LINK) continue;
    name = str_from_cstr(vm, alias ? hal_board.aliases[i - hal_board.pin_count].name : hal_board.pins[i].name);
    if (name == EXC_VAL || !list_append(vm, AS_LIST(list), name)) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  return list;
}

/* default_bus(kind) -> the board's default UART (1), I2C (2) or SPI (3) id; 0: none */
static Value m_default_bus(VM *vm, int argc, Value *args) {
  vint kind;
  (void)argc;
  if (!int_arg(vm, args[0], "bus kind", HAL_BUS_UART, HAL_BUS_SPI, &kind)) return EXC_VAL;
  return INT_VAL(kind == HAL_BUS_UART ? hal_board.default_uart : kind == HAL_BUS_I2C ? hal_board.default_i2c
                                                                                      : hal_board.default_spi);
}

#define FN(cname, min, max) {{&builtin_type}, #cname, m_##cname, min, max, NULL}
const ObjBuiltin machine_functions[] = {
  FN(pin_find, 1, 1), FN(pin_name, 1, 1), FN(pin_init, 3, 3), FN(pin_state, 1, 1), FN(pin_read, 1, 1),
  FN(pin_write, 2, 2), FN(pin_irq, 3, 3), FN(adc_init, 1, 1), FN(adc_read, 1, 1), FN(adc_vref_uv, 0, 0),
  FN(pwm_init, 2, 2), FN(pwm_duty, 2, 2), FN(pwm_deinit, 1, 1), FN(timer_claim, 1, 1), FN(timer_start, 3, 3),
  FN(timer_stop, 1, 1), FN(timer_release, 1, 1), FN(next_event, 0, 0), FN(detach_events, 0, 0),
  FN(irq_dropped, 0, 0), FN(unique_id, 0, 0), FN(reset, 0, 0), FN(freq, 0, 0), FN(idle, 0, 0),
  FN(board_id, 0, 0), FN(board_names, 0, 0), FN(default_bus, 1, 1),
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

bool machine_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value)) {
  return put(vm, d, "EVENT_QUEUE", INT_VAL(VIPER_EVENT_QUEUE)) && machine_bus_fill(vm, d, put);
}
