/* Exceptions: the built-in class hierarchy (const types in flash) and raising. An exception
 * value is an ObjException, or a bare exception type when there is no message (this is how
 * MemoryError is raised without allocating). */
#include <stdarg.h>
#include <string.h>

#include "vm.h"

void exc_chain_trace(VM *vm, const ExcChain *c) {
  gc_mark_value(vm, c->cause);
  gc_mark_value(vm, c->context);
  gc_mark_value(vm, c->tb);
}

void exception_trace(VM *vm, Obj *obj) {
  gc_mark_value(vm, ((ObjException *)obj)->msg);
  exc_chain_trace(vm, &((ObjException *)obj)->chain);
}

void exc_chain_init(ExcChain *c) {
  c->cause = c->context = c->tb = NONE_VAL;
  c->suppress_context = false;
}

#define EXC_TYPE(name, parent) \
  const Type exc_##name = {{&type_type}, #name, parent, exception_trace, NULL}

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

bool vm_exc_pending_is(VM *vm, const Type *base) {
  Value e = vm->exc;
  return IS_OBJ(e) && type_is_subtype(IS_TYPE(e, &type_type) ? (const Type *)AS_OBJ(e) : OBJ_TYPE(e), base);
}

Value exception_new(VM *vm, const Type *type, Value msg) {
  ObjException *e;
  vm_push_root(vm, msg);
  e = (ObjException *)mem_alloc(vm, sizeof(ObjException), true);
  vm_pop_root(vm);
  if (e == NULL) return OBJ_VAL(&exc_MemoryError);
  e->obj.type = type;
  e->msg = msg;
  exc_chain_init(&e->chain);
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

ExcChain *exception_chain(Value exc) {
  const Type *t;
  if (!IS_OBJ(exc) || IS_TYPE(exc, &type_type)) return NULL;
  t = OBJ_TYPE(exc);
  if (IS_CLASS_TYPE(t))   /* a Python exception class's instances carry the chain after their fields */
    return ((const ObjClass *)t)->builtin_base != NULL ? (ExcChain *)((ObjInstance *)AS_OBJ(exc) + 1) : NULL;
  return type_is_exception(t) ? &((ObjException *)AS_OBJ(exc))->chain : NULL;
}

Value exc_chain_getattr(Value exc, const ObjStr *name) {
  const ExcChain *c = exception_chain(exc);
  if (c == NULL || name->len < 9 || name->chars[0] != '_') return UNBOUND_VAL;
  if (strcmp(name->chars, "__cause__") == 0) return c->cause;
  if (strcmp(name->chars, "__context__") == 0) return c->context;
  if (strcmp(name->chars, "__suppress_context__") == 0) return BOOL_VAL(c->suppress_context);
  return UNBOUND_VAL;
}

/* e.args, StopIteration.value, the chain; UNBOUND_VAL for anything else. */
Value exception_getattr(VM *vm, Value exc, ObjStr *name) {
  Value msg = ((ObjException *)AS_OBJ(exc))->msg, chained = exc_chain_getattr(exc, name);
  if (chained != UNBOUND_VAL) return chained;
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
void vm_format_exception(VM *vm) { vm_format_exception_value(vm, vm->exc); }

/* ": " and str(exc) by the class's own __str__, which runs with no exception pending and leaves
 * the recorded traceback as it was. */
static void write_by_own_str(VM *vm, Value exc) {
  Value pending = vm->exc, traceback_exc = vm->traceback_exc;
  TraceEntry saved[VIPER_TRACEBACK_MAX];
  int count = vm->traceback_count, omitted = vm->traceback_omitted;
  size_t at = vm->sb_len;
  memcpy(saved, vm->traceback, sizeof saved);
  vm_push_root(vm, pending);
  vm->exc = NONE_VAL;
  vm_sb_add(vm, ": ", 2);
  if (!class_write(vm, exc, false)) {
    vm->sb_len = at;
    vm_sb_cstr(vm, ": <exception str() failed>");
  } else if (vm->sb_len == at + 2) {
    vm->sb_len = at;   /* str() is empty: the type alone */
  }
  vm_pop_root(vm);
  vm->exc = pending;
  vm->traceback_exc = traceback_exc;
  vm->traceback_count = count;
  vm->traceback_omitted = omitted;
  memcpy(vm->traceback, saved, sizeof saved);
}

void vm_format_exception_value(VM *vm, Value exc) {
  Value own_str;
  vm_sb_reset(vm);
  vm_sb_cstr(vm, exception_type_name(exc));
  own_str = IS_INSTANCE(exc) ? str_intern(vm, "__str__", 7) : UNBOUND_VAL;
  if (IS_STR(own_str) && class_lookup(OBJ_TYPE(exc), AS_STR(own_str)) != UNBOUND_VAL) {
    write_by_own_str(vm, exc);
    return;
  }
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
  vm_sb_reset(vm);
  if (!vm_exc_pending_is(vm, &exc_SystemExit)) return -1;
  if (!IS_TYPE(exc, &type_type)) code = ((ObjException *)AS_OBJ(exc))->msg;
  if (IS_TUPLE(code) && AS_TUPLE(code)->len == 1) code = AS_TUPLE(code)->items[0];
  if (IS_NONE(code)) return 0;
  if (IS_INTLIKE(code)) return (int)(AS_INTLIKE(code) & 0xFF);
  value_write(vm, code, false);
  return 1;
}

const char *const exc_chained_text[3] = {
  "",
  "\nThe above exception was the direct cause of the following exception:\n\n",
  "\nDuring handling of the above exception, another exception occurred:\n\n",
};

int vm_exception_chain(VM *vm, Value *chain, uint8_t *how, int max) {
  Value e = vm->exc;
  int n = 0, i;
  while (n < max) {
    const ExcChain *c = exception_chain(e);
    chain[n++] = e;
    if (c == NULL) break;
    if (!IS_NONE(c->cause)) { how[n - 1] = EXC_CHAINED_CAUSE; e = c->cause; }
    else if (!IS_NONE(c->context) && !c->suppress_context) { how[n - 1] = EXC_CHAINED_CONTEXT; e = c->context; }
    else break;
    for (i = 0; i < n; i++) if (chain[i] == e) break;   /* a cycle: stop */
    if (i < n) break;
  }
  /* found newest first: turn it round, and the links with it */
  for (i = 0; i < n / 2; i++) { Value t = chain[i]; chain[i] = chain[n - 1 - i]; chain[n - 1 - i] = t; }
  for (i = 0; i < (n - 1) / 2; i++) { uint8_t t = how[i]; how[i] = how[n - 2 - i]; how[n - 2 - i] = t; }
  return n;
}

int vm_exception_frames(VM *vm, Value exc, TraceEntry *out) {
  const ExcChain *c;
  uint32_t i, n;
  if (exc == vm->exc) {
    memcpy(out, vm->traceback, (size_t)vm->traceback_count * sizeof(TraceEntry));
    return vm->traceback_count;
  }
  c = exception_chain(exc);
  if (c == NULL || !IS_TUPLE(c->tb)) return 0;
  n = AS_TUPLE(c->tb)->len / 2;
  if (n > VIPER_TRACEBACK_MAX) n = VIPER_TRACEBACK_MAX;
  for (i = 0; i < n; i++) {
    out[i].code = (ObjCode *)AS_OBJ(AS_TUPLE(c->tb)->items[2 * i]);
    out[i].pc = (uint32_t)AS_INT(AS_TUPLE(c->tb)->items[2 * i + 1]);
  }
  return (int)n;
}
