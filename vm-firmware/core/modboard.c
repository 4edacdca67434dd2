/* board: the board the program runs on, by its own names. Every pin name and alias of the
 * board's definition (boards/<id>.json, hal_board) is a machine.Pin here, set up when first
 * used: board.LED.on(), Pin(board.BUTTON, Pin.IN). The link's own pins are left out. The pins
 * are found when asked for (the module's __getattr__ and __dir__, PEP 562), not stored. NAME is
 * the board's id ('virtual', 'nucleo_f401re'); UART(), I2C(), SPI() open its default buses. */
#include <string.h>

#include "call.h"
#include "machine.h"

/* machine.UART(id) & co. for the board's default bus of that kind. */
static Value default_bus(VM *vm, const char *cls, int id) {
  Value name = str_intern(vm, "machine", 7), m, type;
  if (name == EXC_VAL || (m = module_import(vm, AS_STR(name))) == EXC_VAL) return EXC_VAL;
  type = IS_MODULE(m) && (name = str_intern(vm, cls, strlen(cls))) != EXC_VAL ? dict_get_str(AS_MODULE(m)->dict, AS_STR(name)) : UNBOUND_VAL;
  if (id == 0 || type == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_ValueError, "no %s on %s", cls, hal_board.id);
  name = INT_VAL(id);
  return vm_call(vm, type, 1, &name);
}

/* The board's default UART. */
static Value m_uart(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return default_bus(vm, "UART", hal_board.default_uart);
}

/* The board's default I2C bus. */
static Value m_i2c(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return default_bus(vm, "I2C", hal_board.default_i2c);
}

/* The board's default SPI bus. */
static Value m_spi(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return default_bus(vm, "SPI", hal_board.default_spi);
}

/* The pin called name (a pin's name or an alias; not the link's own), or -1. */
static int pin_named(const char *name) {
  int i, pin = -1;
  for (i = 0; i < hal_board.pin_count && pin < 0; i++)
    if (strcmp(hal_board.pins[i].name, name) == 0) pin = i;
  for (i = 0; i < hal_board.alias_count && pin < 0; i++)
    if (strcmp(hal_board.aliases[i].name, name) == 0) pin = hal_board.aliases[i].pin;
  return pin >= 0 && !(hal_board.pins[pin].caps & HAL_CAP_LINK) ? pin : -1;
}

/* __getattr__(name) (PEP 562): board.LED, board.D13 are made on demand, so the module holds no
 * entry per pin (a board has dozens: the heap of a small board is better spent). */
static Value m_getattr(VM *vm, int argc, Value *args) {
  int pin;
  (void)argc;
  if (!IS_STR(args[0])) return vm_raise_fmt(vm, &exc_TypeError, "attribute name must be string, not '%t'", args[0]);
  pin = pin_named(AS_STR(args[0])->chars);
  if (pin < 0) return vm_raise_fmt(vm, &exc_AttributeError, "module 'board' has no attribute '%s'", AS_STR(args[0])->chars);
  return machine_pin_object(pin);
}

static bool add_name(VM *vm, Value list, const char *name) {
  Value s = str_from_cstr(vm, name);
  return s != EXC_VAL && list_append(vm, AS_LIST(list), s);
}

/* __dir__(): the module's names, then every pin's name and alias */
static Value m_dir(VM *vm, int argc, Value *args) {
  static const char *const names[] = {"NAME", "UART", "I2C", "SPI", "__name__", "__doc__"};
  Value list = list_new(vm, 0);
  size_t i;
  int p;
  bool ok = true;
  (void)argc; (void)args;
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  for (i = 0; i < sizeof names / sizeof names[0] && ok; i++) ok = add_name(vm, list, names[i]);
  for (p = 0; p < hal_board.pin_count && ok; p++)
    if (!(hal_board.pins[p].caps & HAL_CAP_LINK)) ok = add_name(vm, list, hal_board.pins[p].name);
  for (p = 0; p < hal_board.alias_count && ok; p++)
    if (!(hal_board.pins[hal_board.aliases[p].pin].caps & HAL_CAP_LINK)) ok = add_name(vm, list, hal_board.aliases[p].name);
  vm_pop_root(vm);
  return ok ? list : EXC_VAL;
}

static const ObjBuiltin board_functions[] = {
  {{&builtin_type}, "UART", m_uart, 0, 0, NULL},
  {{&builtin_type}, "I2C", m_i2c, 0, 0, NULL},
  {{&builtin_type}, "SPI", m_spi, 0, 0, NULL},
  {{&builtin_type}, "__getattr__", m_getattr, 1, 1, NULL},
  {{&builtin_type}, "__dir__", m_dir, 0, 0, NULL},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* modules.c's table of module functions: none, they go in with board_fill's keys */
const ObjBuiltin board_no_functions[] = {{{&builtin_type}, NULL, NULL, 0, 0, NULL}};

/* NAME and the functions, as keys that are not interned (see machine_fill). machine is
 * imported too (as `import board` did when board was Python), so board.UART() finds its
 * classes. */
bool board_fill(VM *vm, ObjDict *d, MachinePut put) {
  Value v = str_from_cstr(vm, hal_board.id);
  const ObjBuiltin *f;
  (void)put;
  if (v == EXC_VAL || !machine_put(vm, d, "NAME", v)) return false;
  for (f = board_functions; f->name != NULL; f++)
    if (!machine_put(vm, d, f->name, OBJ_VAL(f))) return false;
  v = str_intern(vm, "machine", 7);
  return v != EXC_VAL && module_import(vm, AS_STR(v)) != EXC_VAL;
}
