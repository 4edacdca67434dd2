/* What a smaller feature level (config.h: VIPER_LEVEL) leaves out, answered here: the types stay
 * (as names the rest of the core compares against, never instantiated), and every way to make
 * one raises NotImplementedError saying what the level lacks, never crashes. The compiler
 * refuses such programs first when it knows the board (compiler/src/warnings/levels.ts). */
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

#if !VIPER_HAS_SET || !VIPER_HAS_BYTES || !VIPER_HAS_ARRAY || !VIPER_HAS_MEMORYVIEW
static Value missing(VM *vm, const char *what) {
  return vm_raise_fmt(vm, &exc_NotImplementedError, "%s not available in this VM (%s level)", what, VIPER_LEVEL_NAME);
}
#endif

/* ---- sets --------------------------------------------------------------------------------- */
#if !VIPER_HAS_SET
const Type set_type = {{&type_type}, "set", NULL, NULL, NULL};
const Type frozenset_type = {{&type_type}, "frozenset", NULL, NULL, NULL};
const Type set_iter_type = {{&type_type}, "set_iterator", NULL, NULL, NULL};
Value set_new(VM *vm, const Type *type) { (void)type; return missing(vm, "sets are"); }
Value set_from(VM *vm, const Type *type, Value iterable) { (void)type; (void)iterable; return missing(vm, "sets are"); }
bool set_add(VM *vm, ObjSet *s, Value key) { (void)s; (void)key; missing(vm, "sets are"); return false; }
bool set_update(VM *vm, ObjSet *s, Value iterable) { (void)s; (void)iterable; missing(vm, "sets are"); return false; }
bool set_equal(VM *vm, ObjSet *a, ObjSet *b) { (void)vm; (void)a; (void)b; return false; }
Value set_compare(VM *vm, int op, Value a, Value b) { (void)op; (void)a; (void)b; return missing(vm, "sets are"); }
Value set_binary(VM *vm, int op, Value a, Value b) { (void)vm; (void)op; (void)a; (void)b; return UNBOUND_VAL; }
#endif

/* ---- bytes and bytearray ------------------------------------------------------------------ */
#if !VIPER_HAS_BYTES
const Type bytes_type = {{&type_type}, "bytes", NULL, NULL, NULL};
const Type bytearray_type = {{&type_type}, "bytearray", NULL, NULL, NULL};
const Type bytes_iter_type = {{&type_type}, "bytes_iterator", NULL, NULL, NULL};
const Type exc_UnicodeError = {{&type_type}, "UnicodeError", &exc_ValueError, exception_trace, NULL,
    .print = exception_write, .getattr = exception_getattr};
const Type exc_UnicodeDecodeError = {{&type_type}, "UnicodeDecodeError", &exc_UnicodeError, exception_trace, NULL,
    .print = exception_write, .getattr = exception_getattr};
const MethodDef bytes_class_methods[] = {{NULL, NULL, 0, 0, NULL}};
Value bytes_new(VM *vm, const Type *type, const uint8_t *data, uint32_t len) {
  (void)type; (void)data; (void)len;
  return missing(vm, "bytes are");
}
Value bytes_make(VM *vm, const Type *type, int argc, Value *args) { (void)type; (void)argc; (void)args; return missing(vm, "bytes are"); }
Value bytes_binary(VM *vm, int op, Value a, Value b) { (void)vm; (void)op; (void)a; (void)b; return UNBOUND_VAL; }
int bytes_compare(const ObjBytes *a, const ObjBytes *b) { (void)a; (void)b; return 0; }
Value bytes_encode_str(VM *vm, Value s, Value encoding, Value errors) {
  (void)s; (void)encoding; (void)errors;
  return missing(vm, "bytes (str.encode) are");
}
#endif

/* ---- the buffer protocol: bytes only when there is no memoryview ------------------------- */
#if !VIPER_HAS_MEMORYVIEW
const Type memoryview_type = {{&type_type}, "memoryview", NULL, NULL, NULL};
Value memview_make(VM *vm, int argc, Value *args) { (void)argc; (void)args; return missing(vm, "memoryview is"); }
bool memview_equal(VM *vm, Value a, Value b) { (void)vm; (void)a; (void)b; return false; }
bool buffer_get(VM *vm, Value v, Buffer *b) {
  (void)vm;
  if (IS_INSTANCE(v) && class_builtin_value(v) != UNBOUND_VAL) v = class_builtin_value(v);   /* a subclass's value */
#if VIPER_HAS_BYTES
  return bytes_buffer(v, b);
#else
  (void)b;
  return false;
#endif
}
void buffer_copy(const Buffer *b, uint8_t *dst) { if (b->len) memcpy(dst, b->data, (size_t)b->len * b->itemsize); }
Value buffer_getattr(VM *vm, Value v, ObjStr *name) { (void)vm; (void)v; (void)name; return UNBOUND_VAL; }
#endif

/* ---- array -------------------------------------------------------------------------------- */
#if !VIPER_HAS_ARRAY
const Type array_type = {{&type_type}, "array", NULL, NULL, NULL};
Value array_make(VM *vm, int argc, Value *args) { (void)argc; (void)args; return missing(vm, "array is"); }
Value array_binary(VM *vm, int op, Value a, Value b) { (void)vm; (void)op; (void)a; (void)b; return UNBOUND_VAL; }
Value array_compare(VM *vm, int op, Value a, Value b) { (void)vm; (void)op; (void)a; (void)b; return UNBOUND_VAL; }
bool array_equal(VM *vm, Value a, Value b) { (void)vm; (void)a; (void)b; return false; }
#endif

/* ---- weakref and atexit: the modules are gone (import fails), the collector's hooks stay ---- */
#if !VIPER_HAS_WEAKREF
void weakref_mark_roots(VM *vm) { (void)vm; }
void weakref_clear_dead(VM *vm) { (void)vm; }
void weakref_run_callbacks(VM *vm) { (void)vm; }
#endif
#if !VIPER_HAS_ATEXIT
void atexit_run(VM *vm) { (void)vm; }
#endif
