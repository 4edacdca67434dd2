/* Exceptions: the built-in class hierarchy (const types in flash) and raising. An exception
 * value is an ObjException, or a bare exception type when there is no message (this is how
 * MemoryError is raised without allocating). */
#include <stdarg.h>
#include <string.h>

#include "vm.h"

static void exc_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjException *)obj)->msg); }

#define EXC_TYPE(name, parent) \
  const Type exc_##name = {{&type_type}, #name, parent, exc_trace, NULL}

EXC_TYPE(BaseException, NULL);
EXC_TYPE(Exception, &exc_BaseException);
EXC_TYPE(KeyboardInterrupt, &exc_BaseException);
EXC_TYPE(GeneratorExit, &exc_BaseException);
EXC_TYPE(ImportError, &exc_Exception);
EXC_TYPE(ModuleNotFoundError, &exc_ImportError);
EXC_TYPE(TypeError, &exc_Exception);
EXC_TYPE(ValueError, &exc_Exception);
EXC_TYPE(NameError, &exc_Exception);
EXC_TYPE(UnboundLocalError, &exc_NameError);
EXC_TYPE(ArithmeticError, &exc_Exception);
EXC_TYPE(ZeroDivisionError, &exc_ArithmeticError);
EXC_TYPE(OverflowError, &exc_ArithmeticError);
EXC_TYPE(LookupError, &exc_Exception);
EXC_TYPE(IndexError, &exc_LookupError);
EXC_TYPE(KeyError, &exc_LookupError);
EXC_TYPE(AttributeError, &exc_Exception);
EXC_TYPE(MemoryError, &exc_Exception);
EXC_TYPE(RuntimeError, &exc_Exception);
EXC_TYPE(RecursionError, &exc_RuntimeError);
EXC_TYPE(NotImplementedError, &exc_RuntimeError);
EXC_TYPE(StopIteration, &exc_Exception);
EXC_TYPE(AssertionError, &exc_Exception);

bool type_is_subtype(const Type *t, const Type *base) {
  if (IS_CLASS_TYPE(t)) return type_in_mro(t, base);   /* a Python class: its MRO */
  for (; t != NULL; t = t->parent)
    if (t == base) return true;
  return false;
}

bool type_is_exception(const Type *t) { return type_is_subtype(t, &exc_BaseException); }

Value exception_new(VM *vm, const Type *type, Value msg) {
  ObjException *e;
  vm_push_root(vm, msg);
  e = (ObjException *)mem_alloc(vm, sizeof(ObjException), true);
  vm_pop_root(vm);
  if (e == NULL) return OBJ_VAL(&exc_MemoryError);
  e->obj.type = type;
  e->msg = msg;
  return OBJ_VAL(e);
}

Value vm_raise_value(VM *vm, const Type *type, Value msg) {
  vm->exc = exception_new(vm, type, msg);
  return EXC_VAL;
}

Value vm_raise(VM *vm, const Type *type, const char *msg) {
  Value s;
  if (msg == NULL) {
    vm->exc = OBJ_VAL(type);
    return EXC_VAL;
  }
  s = str_from_cstr(vm, msg);
  if (s == EXC_VAL) return EXC_VAL;   /* MemoryError already set */
  return vm_raise_value(vm, type, s);
}

Value vm_raise_fmt(VM *vm, const Type *type, const char *fmt, ...) {
  va_list ap;
  const char *p;
  Value s;
  int pushed = 0;
  /* Root every value argument first: writing the text allocates. */
  va_start(ap, fmt);
  for (p = fmt; *p != '\0'; p++) {
    if (*p != '%' || p[1] == '\0') continue;
    switch (*++p) {
    case 's': (void)va_arg(ap, const char *); break;
    case 'd': (void)va_arg(ap, int); break;
    case 'v': case 't': {
      Value v = va_arg(ap, Value);
      if (vm->nroots < VIPER_TEMP_ROOTS) { vm_push_root(vm, v); pushed++; }
      break;
    }
    default: break;
    }
  }
  va_end(ap);
  vm_sb_reset(vm);
  va_start(ap, fmt);
  for (p = fmt; *p != '\0'; p++) {
    if (*p != '%' || p[1] == '\0') { vm_sb_add(vm, p, 1); continue; }
    switch (*++p) {
    case 's': vm_sb_cstr(vm, va_arg(ap, const char *)); break;
    case 'd': int_write(vm, (vint)va_arg(ap, int)); break;
    case 'v': value_write(vm, va_arg(ap, Value), true); break;
    case 't': vm_sb_cstr(vm, value_type(va_arg(ap, Value))->name); break;
    default: vm_sb_add(vm, p, 1); break;
    }
  }
  va_end(ap);
  s = vm_sb_to_str(vm);
  vm->nroots -= pushed;
  if (s == EXC_VAL) return EXC_VAL;
  return vm_raise_value(vm, type, s);
}

/* e.args, StopIteration.value; UNBOUND_VAL for anything else. */
Value exception_getattr(VM *vm, Value exc, ObjStr *name) {
  Value msg = ((ObjException *)AS_OBJ(exc))->msg;
  if (strcmp(name->chars, "args") == 0) {
    Value t;
    if (IS_TUPLE(msg)) return msg;
    t = tuple_new(vm, IS_NONE(msg) ? 0 : 1);
    if (t != EXC_VAL && !IS_NONE(msg)) AS_TUPLE(t)->items[0] = msg;
    return t;
  }
  if (strcmp(name->chars, "value") == 0 && type_is_subtype(OBJ_TYPE(exc), &exc_StopIteration))
    return IS_TUPLE(msg) && AS_TUPLE(msg)->len > 0 ? AS_TUPLE(msg)->items[0] : msg;
  return UNBOUND_VAL;
}

const char *exception_type_name(Value exc) {
  if (IS_TYPE(exc, &type_type)) return ((const Type *)AS_OBJ(exc))->name;
  return OBJ_TYPE(exc)->name;
}

/* "Type: message" (or "Type" alone) into the string builder. */
void vm_format_exception(VM *vm) {
  Value exc = vm->exc;
  vm_sb_reset(vm);
  vm_sb_cstr(vm, exception_type_name(exc));
  if (!IS_TYPE(exc, &type_type)) {
    ObjException *e = (ObjException *)AS_OBJ(exc);
    if (e->obj.type == &exc_KeyError) {
      vm_sb_add(vm, ": ", 2);
      value_write(vm, e->msg, true);
    } else if (!IS_NONE(e->msg) && !(IS_STR(e->msg) && AS_STR(e->msg)->len == 0)) {
      vm_sb_add(vm, ": ", 2);
      value_write(vm, e->msg, false);
    }
  }
}

/* An uncaught SystemExit ends a program quietly, as in CPython: -1 when vm->exc is another
 * exception, else the exit status (None: 0, an int: its low byte, anything else: 1, with its
 * str() left in the string builder for the host to print; vm->sb_len is 0 when there is none). */
int vm_exit_status(VM *vm) {
  Value exc = vm->exc, code = NONE_VAL;
  const Type *t = IS_TYPE(exc, &type_type) ? (const Type *)AS_OBJ(exc) : OBJ_TYPE(exc);
  vm_sb_reset(vm);
  if (!type_is_subtype(t, &exc_SystemExit)) return -1;
  if (!IS_TYPE(exc, &type_type)) code = ((ObjException *)AS_OBJ(exc))->msg;
  if (IS_TUPLE(code) && AS_TUPLE(code)->len == 1) code = AS_TUPLE(code)->items[0];
  if (IS_NONE(code)) return 0;
  if (IS_INTLIKE(code)) return (int)(AS_INTLIKE(code) & 0xFF);
  value_write(vm, code, false);
  return 1;
}
