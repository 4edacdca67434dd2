/* atexit: functions to call when the program ends (vm_finish), last registered first. They are
 * kept in the module's own dict (_handlers: a list of (func, args, kwargs) tuples), so nothing
 * is spent on them until a program imports atexit. */
#include <string.h>

#include "vm.h"
#if VIPER_HAS_ATEXIT   /* config.h: the level leaves it out (level_stubs.c answers for it) */

static Value handlers_of(VM *vm, ObjDict *module_dict) {
  Value key = str_intern(vm, "_handlers", 9);
  return key == EXC_VAL ? EXC_VAL : dict_get_str(module_dict, AS_STR(key));
}

/* The atexit module's dict when the program imported it, else NULL. */
static ObjDict *atexit_dict(VM *vm) {
  Value key, m;
  if (vm->modules == NULL || (key = str_intern(vm, "atexit", 6)) == EXC_VAL) return NULL;
  m = dict_get_str(vm->modules, AS_STR(key));
  return IS_MODULE(m) ? AS_MODULE(m)->dict : NULL;
}

/* register(func, *args, **kwargs) -> func */
static Value m_register(VM *vm, int argc, Value *args) {
  ObjDict *d = atexit_dict(vm);
  Value list, entry, rest;
  if (d == NULL || !IS_LIST(list = handlers_of(vm, d))) return vm_raise(vm, &exc_RuntimeError, "atexit is not imported");
  rest = tuple_new(vm, (uint32_t)(argc - 1));
  if (rest == EXC_VAL) return EXC_VAL;
  memcpy(AS_TUPLE(rest)->items, args + 1, (size_t)(argc - 1) * sizeof(Value));
  vm_push_root(vm, rest);
  entry = tuple_new(vm, 3);
  vm_pop_root(vm);
  if (entry == EXC_VAL) return EXC_VAL;
  AS_TUPLE(entry)->items[0] = args[0];
  AS_TUPLE(entry)->items[1] = rest;
  AS_TUPLE(entry)->items[2] = NATIVE_KW(args, argc, 0) == UNBOUND_VAL ? NONE_VAL : NATIVE_KW(args, argc, 0);
  vm_push_root(vm, entry);
  if (!list_append(vm, AS_LIST(list), entry)) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return args[0];
}

/* unregister(func): every registration of func goes */
static Value m_unregister(VM *vm, int argc, Value *args) {
  ObjDict *d = atexit_dict(vm);
  Value list;
  uint32_t i, k = 0;
  (void)argc;
  if (d == NULL || !IS_LIST(list = handlers_of(vm, d))) return NONE_VAL;
  for (i = 0; i < AS_LIST(list)->len; i++) {
    Value e = AS_LIST(list)->items[i];
    if (!value_equal(vm, AS_TUPLE(e)->items[0], args[0])) AS_LIST(list)->items[k++] = e;
  }
  AS_LIST(list)->len = k;
  return NONE_VAL;
}

const ObjBuiltin atexit_functions[] = {
  {{&builtin_type}, "register", m_register, 1, -1, NATIVE_KW_DICT},
  {{&builtin_type}, "unregister", m_unregister, 1, 1, NULL},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

bool atexit_fill(VM *vm, ObjDict *d) {
  Value list = list_new(vm, 0), key;
  bool ok;
  if (list == EXC_VAL) return false;
  vm_push_root(vm, list);
  key = str_intern(vm, "_handlers", 9);
  ok = key != EXC_VAL && dict_set(vm, d, key, list);
  vm_pop_root(vm);
  return ok;
}

/* One handler, with its keywords passed by name. */
static Value call_entry(VM *vm, Value entry) {
  Value fn = AS_TUPLE(entry)->items[0], rest = AS_TUPLE(entry)->items[1], kw = AS_TUPLE(entry)->items[2];
  Value argv[16], names;
  uint32_t n = AS_TUPLE(rest)->len, k = 0, i;
  if (!IS_DICT(kw) || AS_DICT(kw)->live == 0) return vm_call(vm, fn, (int)n, AS_TUPLE(rest)->items);
  if (n + AS_DICT(kw)->live > 16) return vm_raise(vm, &exc_TypeError, "too many arguments for an atexit function");
  memcpy(argv, AS_TUPLE(rest)->items, n * sizeof(Value));
  names = tuple_new(vm, AS_DICT(kw)->live);
  if (names == EXC_VAL) return EXC_VAL;
  for (i = 0; i < AS_DICT(kw)->used; i++) {
    DictEntry *e = &AS_DICT(kw)->entries[i];
    if (e->key == DELETED_VAL) continue;
    AS_TUPLE(names)->items[k++] = e->key;
    argv[n++] = e->value;
  }
  vm_push_root(vm, names);
  fn = vm_call_kw(vm, fn, (int)n, argv, (int)k, AS_TUPLE(names));
  vm_pop_root(vm);
  return fn;
}

/* The program has ended: call the handlers, newest first; what one raises is reported. */
void atexit_run(VM *vm) {
  ObjDict *d = atexit_dict(vm);
  Value list;
  RaiseState saved;
  if (d == NULL || !IS_LIST(list = handlers_of(vm, d))) return;
  raise_state_save(vm, &saved);
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, saved.exc);
  vm_push_root(vm, saved.handling);
  vm_push_root(vm, list);
  while (AS_LIST(list)->len > 0) {
    Value entry = AS_LIST(list)->items[--AS_LIST(list)->len];
    vm_push_root(vm, entry);
    vm->exc = NONE_VAL;
    if (call_entry(vm, entry) == EXC_VAL) traceback_report_ignored(vm, AS_TUPLE(entry)->items[0], vm->frame_count);
    vm_pop_root(vm);
  }
  gc_root_restore(vm, mark);
  raise_state_restore(vm, &saved);   /* the program's own uncaught exception, still to be printed */
}
#endif   /* VIPER_HAS_ATEXIT */
