/* board: the board the program runs on, by its own names. Every pin name and alias of the
 * board's definition (boards/<id>.json, hal_board) is a machine.Pin here, set up when first
 * used: board.LED.on(), Pin(board.BUTTON, Pin.IN). The link's own pins are left out. NAME is
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

const ObjBuiltin board_functions[] = {
  {{&builtin_type}, "UART", m_uart, 0, 0, NULL},
  {{&builtin_type}, "I2C", m_i2c, 0, 0, NULL},
  {{&builtin_type}, "SPI", m_spi, 0, 0, NULL},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* NAME, then the pins by name, then the aliases. machine is imported too (as `import board`
 * did when board was Python), so board.UART() finds its classes. */
bool board_fill(VM *vm, ObjDict *d, MachinePut put) {
  Value v = str_from_cstr(vm, hal_board.id);
  int i;
  if (v == EXC_VAL || !put(vm, d, "NAME", v)) return false;
  for (i = 0; i < hal_board.pin_count; i++)
    if (!(hal_board.pins[i].caps & HAL_CAP_LINK) && !put(vm, d, hal_board.pins[i].name, machine_pin_object(i))) return false;
  for (i = 0; i < hal_board.alias_count; i++) {
    int pin = hal_board.aliases[i].pin;
    if (!(hal_board.pins[pin].caps & HAL_CAP_LINK) && !put(vm, d, hal_board.aliases[i].name, machine_pin_object(pin)))
      return false;
  }
  v = str_intern(vm, "machine", 7);
  return v != EXC_VAL && module_import(vm, AS_STR(v)) != EXC_VAL;
}
