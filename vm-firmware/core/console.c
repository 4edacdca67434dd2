/* The console's built-ins: input() reads a line through the host's VmReadFn (the link's STDIN
 * frames, or a terminal), and __displayhook__ echoes the repr of a REPL expression the way
 * Python's interactive prompt does (the compiler's 'single' mode calls it). */
#include <string.h>

#include "vm.h"

#define CONSOLE_LINE_MAX 256

static Value bi_input(VM *vm, int argc, Value *args) {
  char line[CONSOLE_LINE_MAX];
  long n;
  if (argc == 1) {
    vm_sb_reset(vm);
    value_write(vm, args[0], false);
    if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
    if (vm->write != NULL && vm->sb_len > 0) vm->write(vm->write_ctx, vm->sb, vm->sb_len);
  }
  if (vm->read == NULL) return vm_raise(vm, &exc_RuntimeError, "input() has no console to read from");
  n = vm->read(vm->read_ctx, line, sizeof line);
  if (n == -2) {
    vm->interrupt = true;
    return vm_raise(vm, &exc_KeyboardInterrupt, NULL);
  }
  if (n < 0) return vm_raise(vm, &exc_RuntimeError, "EOF when reading a line");
  return str_new(vm, line, (size_t)n);
}

static Value bi_displayhook(VM *vm, int argc, Value *args) {
  Value key;
  (void)argc;
  if (IS_NONE(args[0])) return NONE_VAL;
  vm_sb_reset(vm);
  value_write(vm, args[0], true);
  vm_sb_add(vm, "\n", 1);
  if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
  if (vm->write != NULL) vm->write(vm->write_ctx, vm->sb, vm->sb_len);
  key = str_intern(vm, "_", 1);   /* like the interactive prompt: _ is the last value */
  if (key == EXC_VAL || !dict_set(vm, vm->globals, key, args[0])) return EXC_VAL;
  return NONE_VAL;
}

static const ObjBuiltin b_input = {.obj = {&builtin_type}, .name = "input", .fn = bi_input, .min_args = 0, .max_args = 1};
static const ObjBuiltin b_displayhook = {.obj = {&builtin_type}, .name = "__displayhook__", .fn = bi_displayhook,
                                         .min_args = 1, .max_args = 1};

bool console_init(VM *vm, VmReadFn read, void *read_ctx) {
  static const ObjBuiltin *const table[] = {&b_input, &b_displayhook};
  size_t i;
  vm->read = read;
  vm->read_ctx = read_ctx;
  for (i = 0; i < sizeof table / sizeof table[0]; i++) {
    Value key = str_intern(vm, table[i]->name, strlen(table[i]->name));
    if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, OBJ_VAL(table[i]))) return false;
  }
  return true;
}
