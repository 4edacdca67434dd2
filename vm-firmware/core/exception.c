/* Exceptions: the built-in class hierarchy (const types in flash), raising, matching, chaining
 * and the text of tracebacks. The pending exception (vm->exc) is always an instance: a class is
 * instantiated when raised, and a full heap raises the MemoryError instance made at start. */
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
  const Type exc_##name = {{&type_type}, #name, parent, exception_trace, NULL, .print = exception_write, .getattr = exception_getattr}

/* CPython 3.11's hierarchy (less the exception groups). SystemExit lives in modules.c beside
 * sys.exit, UnicodeError and UnicodeDecodeError in bytes.c beside decode(). */
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
EXC_TYPE(FloatingPointError, &exc_ArithmeticError);
EXC_TYPE(LookupError, &exc_Exception);
EXC_TYPE(IndexError, &exc_LookupError);
EXC_TYPE(KeyError, &exc_LookupError);
EXC_TYPE(AttributeError, &exc_Exception);
EXC_TYPE(MemoryError, &exc_Exception);
EXC_TYPE(RuntimeError, &exc_Exception);
EXC_TYPE(RecursionError, &exc_RuntimeError);
EXC_TYPE(NotImplementedError, &exc_RuntimeError);
EXC_TYPE(StopIteration, &exc_Exception);
EXC_TYPE(StopAsyncIteration, &exc_Exception);
EXC_TYPE(AssertionError, &exc_Exception);
EXC_TYPE(BufferError, &exc_Exception);
EXC_TYPE(EOFError, &exc_Exception);
EXC_TYPE(ReferenceError, &exc_Exception);
EXC_TYPE(SystemError, &exc_Exception);
EXC_TYPE(SyntaxError, &exc_Exception);
EXC_TYPE(IndentationError, &exc_SyntaxError);
EXC_TYPE(TabError, &exc_IndentationError);
EXC_TYPE(UnicodeEncodeError, &exc_UnicodeError);
EXC_TYPE(UnicodeTranslateError, &exc_UnicodeError);
EXC_TYPE(OSError, &exc_Exception);
EXC_TYPE(BlockingIOError, &exc_OSError);
EXC_TYPE(ChildProcessError, &exc_OSError);
EXC_TYPE(ConnectionError, &exc_OSError);
EXC_TYPE(BrokenPipeError, &exc_ConnectionError);
EXC_TYPE(ConnectionAbortedError, &exc_ConnectionError);
EXC_TYPE(ConnectionRefusedError, &exc_ConnectionError);
EXC_TYPE(ConnectionResetError, &exc_ConnectionError);
EXC_TYPE(FileExistsError, &exc_OSError);
EXC_TYPE(FileNotFoundError, &exc_OSError);
EXC_TYPE(InterruptedError, &exc_OSError);
EXC_TYPE(IsADirectoryError, &exc_OSError);
EXC_TYPE(NotADirectoryError, &exc_OSError);
EXC_TYPE(PermissionError, &exc_OSError);
EXC_TYPE(ProcessLookupError, &exc_OSError);
EXC_TYPE(TimeoutError, &exc_OSError);
EXC_TYPE(Warning, &exc_Exception);
EXC_TYPE(UserWarning, &exc_Warning);
EXC_TYPE(DeprecationWarning, &exc_Warning);
EXC_TYPE(PendingDeprecationWarning, &exc_Warning);
EXC_TYPE(SyntaxWarning, &exc_Warning);
EXC_TYPE(RuntimeWarning, &exc_Warning);
EXC_TYPE(FutureWarning, &exc_Warning);
EXC_TYPE(ImportWarning, &exc_Warning);
EXC_TYPE(UnicodeWarning, &exc_Warning);
EXC_TYPE(BytesWarning, &exc_Warning);
EXC_TYPE(ResourceWarning, &exc_Warning);
EXC_TYPE(EncodingWarning, &exc_Warning);

/* The exception classes builtins_init names (besides those the builtins table lists). */
const Type *const exc_builtin_types[] = {
  &exc_GeneratorExit, &exc_ImportError, &exc_ModuleNotFoundError, &exc_FloatingPointError,
  &exc_StopAsyncIteration, &exc_BufferError, &exc_EOFError, &exc_ReferenceError, &exc_SystemError,
  &exc_SyntaxError, &exc_IndentationError, &exc_TabError, &exc_UnicodeEncodeError,
  &exc_UnicodeTranslateError, &exc_OSError, &exc_BlockingIOError, &exc_ChildProcessError,
  &exc_ConnectionError, &exc_BrokenPipeError, &exc_ConnectionAbortedError, &exc_ConnectionRefusedError,
  &exc_ConnectionResetError, &exc_FileExistsError, &exc_FileNotFoundError, &exc_InterruptedError,
  &exc_IsADirectoryError, &exc_NotADirectoryError, &exc_PermissionError, &exc_ProcessLookupError,
  &exc_TimeoutError, &exc_Warning, &exc_UserWarning, &exc_DeprecationWarning,
  &exc_PendingDeprecationWarning, &exc_SyntaxWarning, &exc_RuntimeWarning, &exc_FutureWarning,
  &exc_ImportWarning, &exc_UnicodeWarning, &exc_BytesWarning, &exc_ResourceWarning,
  &exc_EncodingWarning, NULL,
};

/* OSError(errno, strerror) makes the subclass for that errno, as CPython does (Linux numbers). */
static const struct { uint8_t errnum; const Type *type; } oserror_by_errno[] = {
  {1, &exc_PermissionError}, {2, &exc_FileNotFoundError}, {3, &exc_ProcessLookupError},
  {4, &exc_InterruptedError}, {10, &exc_ChildProcessError}, {11, &exc_BlockingIOError},
  {13, &exc_PermissionError}, {17, &exc_FileExistsError}, {20, &exc_NotADirectoryError},
  {21, &exc_IsADirectoryError}, {32, &exc_BrokenPipeError}, {103, &exc_ConnectionAbortedError},
  {104, &exc_ConnectionResetError}, {108, &exc_BrokenPipeError}, {110, &exc_TimeoutError},
  {111, &exc_ConnectionRefusedError}, {114, &exc_BlockingIOError}, {115, &exc_BlockingIOError},
};

/* The message field of an exception made with these arguments: None (no arguments), the
 * argument itself (one that is not a tuple), else the tuple of them (e.args). */
Value exception_args_value(VM *vm, int argc, const Value *args) {
  Value t;
  if (argc == 0) return NONE_VAL;
  if (argc == 1 && !IS_TUPLE(args[0])) return args[0];
  t = tuple_new(vm, (uint32_t)argc);
  if (t == EXC_VAL) return EXC_VAL;
  memcpy(AS_TUPLE(t)->items, args, (size_t)argc * sizeof(Value));
  return t;
}

/* A built-in exception class called with these arguments. */
Value exception_make(VM *vm, const Type *type, int argc, const Value *args) {
  Value msg;
  if (type == &exc_OSError && argc >= 2 && argc <= 5 && IS_INT(args[0])) {
    size_t i;
    for (i = 0; i < sizeof oserror_by_errno / sizeof oserror_by_errno[0]; i++)
      if (oserror_by_errno[i].errnum == AS_INT(args[0])) { type = oserror_by_errno[i].type; break; }
  }
  msg = exception_args_value(vm, argc, args);
  if (msg == EXC_VAL) return EXC_VAL;
  return exception_new(vm, type, msg);
}

bool type_is_subtype(const Type *t, const Type *base) {
  if (IS_CLASS_TYPE(t)) return type_in_mro(t, base);   /* a Python class: its MRO */
  for (; t != NULL; t = t->parent)
    if (t == base) return true;
  return false;
}

bool type_is_exception(const Type *t) { return type_is_subtype(t, &exc_BaseException); }

bool vm_exc_pending_is(VM *vm, const Type *base) {
  return IS_OBJ(vm->exc) && type_is_subtype(OBJ_TYPE(vm->exc), base);
}

/* The MemoryError instance raised when there is no room for another: its chain is cleared each
 * time, as it is shared. */
static Value memory_error(VM *vm) {
  if (!IS_OBJ(vm->memory_error)) return NONE_VAL;   /* only while vm_init makes it */
  exc_chain_init(&((ObjException *)AS_OBJ(vm->memory_error))->chain);
  return vm->memory_error;
}

Value exception_new(VM *vm, const Type *type, Value msg) {
  ObjException *e;
  vm_push_root(vm, msg);
  e = (ObjException *)mem_alloc(vm, sizeof(ObjException), true);
  vm_pop_root(vm);
  if (e == NULL) return memory_error(vm);
  e->obj.type = type;
  e->msg = msg;
  exc_chain_init(&e->chain);
  return OBJ_VAL(e);
}

/* Raise type(msg): msg is its one argument (a tuple too, as KeyError(key) for a tuple key). */
Value vm_raise_value(VM *vm, const Type *type, Value msg) {
  if (IS_TUPLE(msg)) {
    RootMark mark = gc_root_mark(vm);
    vm_push_root(vm, msg);
    msg = exception_args_value(vm, 1, &gc_root_at(vm, mark, 0));
    gc_root_restore(vm, mark);
    if (msg == EXC_VAL) return EXC_VAL;
  }
  vm->exc = exception_new(vm, type, msg);
  return EXC_VAL;
}

Value vm_raise(VM *vm, const Type *type, const char *msg) {
  Value s;
  if (msg == NULL) return vm_raise_value(vm, type, NONE_VAL);
  s = str_from_cstr(vm, msg);
  if (s == EXC_VAL) return EXC_VAL;   /* MemoryError already set */
  return vm_raise_value(vm, type, s);
}

Value vm_raise_fmt(VM *vm, const Type *type, const char *fmt, ...) {
  va_list ap;
  const char *p;
  Value s;
  RootMark mark = gc_root_mark(vm);
  /* Root every value argument first: writing the text allocates. */
  va_start(ap, fmt);
  for (p = fmt; *p != '\0'; p++) {
    if (*p != '%' || p[1] == '\0') continue;
    switch (*++p) {
    case 's': (void)va_arg(ap, const char *); break;
    case 'd': (void)va_arg(ap, int); break;
    case 'v': case 't': {
      Value v = va_arg(ap, Value);
      if (vm->nroots < vm->max_roots) vm_push_root(vm, v);
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
  gc_root_restore(vm, mark);
  if (s == EXC_VAL) return EXC_VAL;
  return vm_raise_value(vm, type, s);
}

ExcChain *exception_chain(Value exc) {
  const Type *t;
  if (!IS_OBJ(exc)) return NULL;
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

/* The argument count and the arguments of exc (msg is None, one value or their tuple). */
static uint32_t exc_argv(const Value *msg, const Value **argv) {
  *argv = msg;
  if (IS_NONE(*msg)) return 0;
  if (IS_TUPLE(*msg)) { *argv = AS_TUPLE(*msg)->items; return AS_TUPLE(*msg)->len; }
  return 1;
}

/* An OSError with (errno, strerror[, filename[, winerror[, filename2]]]): its argument count,
 * else 0. */
static uint32_t oserror_argc(Value exc, Value msg) {
  const Value *argv;
  uint32_t n = exc_argv(&msg, &argv);
  return n >= 2 && n <= 5 && type_is_subtype(OBJ_TYPE(exc), &exc_OSError) ? n : 0;
}

/* e.args (as CPython, an OSError's args stop at strerror), errno, strerror, filename,
 * filename2, StopIteration.value, SystemExit.code, the chain; UNBOUND_VAL for anything else. */
Value exception_getattr(VM *vm, Value exc, ObjStr *name) {
  Value msg = ((ObjException *)AS_OBJ(exc))->msg, chained = exc_chain_getattr(exc, name);
  uint32_t os_n = oserror_argc(exc, msg);
  if (chained != UNBOUND_VAL) return chained;
  if (strcmp(name->chars, "args") == 0) {
    Value t;
    if (IS_TUPLE(msg) && (os_n < 3)) return msg;
    t = tuple_new(vm, IS_NONE(msg) ? 0 : os_n >= 3 ? 2 : 1);
    if (t != EXC_VAL && !IS_NONE(msg)) {
      if (os_n >= 3) memcpy(AS_TUPLE(t)->items, AS_TUPLE(msg)->items, 2 * sizeof(Value));
      else AS_TUPLE(t)->items[0] = msg;
    }
    return t;
  }
  if ((strcmp(name->chars, "value") == 0 && type_is_subtype(OBJ_TYPE(exc), &exc_StopIteration)) ||
      (strcmp(name->chars, "code") == 0 && type_is_subtype(OBJ_TYPE(exc), &exc_SystemExit)))
    return IS_TUPLE(msg) && AS_TUPLE(msg)->len > 0 ? AS_TUPLE(msg)->items[0] : msg;
  if (type_is_subtype(OBJ_TYPE(exc), &exc_OSError)) {
    static const char *const fields[] = {"errno", "strerror", "filename", "winerror", "filename2"};
    uint32_t i;
    for (i = 0; i < 5; i++)
      if (strcmp(name->chars, fields[i]) == 0) {
        if (i == 3) return UNBOUND_VAL;   /* Windows only */
        return i < os_n ? AS_TUPLE(msg)->items[i] : NONE_VAL;
      }
  }
  return UNBOUND_VAL;
}

const char *exception_type_name(Value exc) { return OBJ_TYPE(exc)->name; }

/* str() or repr() of a built-in exception (or of an instance of a Python subclass without its
 * own __str__/__repr__): CPython's forms, KeyError's repr of its key, OSError's "[Errno n] …". */
void exception_write(VM *vm, Value exc, bool repr) {
  const Type *t = OBJ_TYPE(exc);
  Value msg = ((ObjException *)AS_OBJ(exc))->msg;
  const Value *argv;
  uint32_t n = exc_argv(&((ObjException *)AS_OBJ(exc))->msg, &argv), os_n = oserror_argc(exc, msg), i;
  if (repr) {
    vm_sb_cstr(vm, t->name);
    vm_sb_add(vm, "(", 1);
    if (os_n >= 3) n = 2;
    for (i = 0; i < n; i++) {
      if (i > 0) vm_sb_add(vm, ", ", 2);
      value_write(vm, argv[i], true);
    }
    vm_sb_add(vm, ")", 1);
    return;
  }
  if (os_n > 0) {
    vm_sb_cstr(vm, "[Errno ");
    value_write(vm, argv[0], false);
    vm_sb_cstr(vm, "] ");
    value_write(vm, argv[1], false);
    if (os_n >= 3) {
      vm_sb_add(vm, ": ", 2);
      value_write(vm, argv[2], true);
      if (os_n == 5) {
        vm_sb_cstr(vm, " -> ");
        value_write(vm, argv[4], true);
      }
    }
    return;
  }
  if (n == 1) value_write(vm, argv[0], type_is_subtype(t, &exc_KeyError));
  else if (n > 1) value_write(vm, msg, false);
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
  {
    size_t at = vm->sb_len;
    vm_sb_add(vm, ": ", 2);
    exception_write(vm, exc, false);
    if (vm->sb_len == at + 2) vm->sb_len = at;   /* str() is empty: the type alone */
  }
}

/* An uncaught SystemExit ends a program quietly, as in CPython: -1 when vm->exc is another
 * exception, else the exit status (None: 0, an int: its low byte, anything else: 1, with its
 * str() left in the string builder for the host to print; vm->sb_len is 0 when there is none). */
int vm_exit_status(VM *vm) {
  Value exc = vm->exc, code = NONE_VAL;
  vm_sb_reset(vm);
  if (!vm_exc_pending_is(vm, &exc_SystemExit)) return -1;
  code = ((ObjException *)AS_OBJ(exc))->msg;
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

/* ==== raising and catching, for the interpreter loop ===================================== */

/* Record the frames from depth base up as the traceback of the exception being raised. */
void record_traceback(VM *vm, int base) {
  int i, n = vm->frame_count - base, half = VIPER_TRACEBACK_MAX / 2, k = 0;
  vm->traceback_count = 0;
  vm->traceback_omitted = 0;
  for (i = base; i < vm->frame_count; i++) {
    Frame *f = &vm->frames[i];
    int pos = i - base;
    if (n > VIPER_TRACEBACK_MAX && pos >= half && pos < n - half) { vm->traceback_omitted++; continue; }
    vm->traceback[k].code = f->code;
    vm->traceback[k].pc = (uint32_t)(f->ip - f->code->code) - 1;
    k++;
  }
  vm->traceback_count = k;
}

/* An exception instance (what vm->exc and vm->handling hold when they are not None). */
bool is_exception_value(Value v) { return IS_OBJ(v) && type_is_exception(OBJ_TYPE(v)); }

/* Is exception exc an instance of want (a class or a tuple of classes)? -1: TypeError. */
int exception_matches(VM *vm, Value exc, Value want) {
  if (IS_TUPLE(want)) {
    uint32_t i;
    for (i = 0; i < AS_TUPLE(want)->len; i++) {
      int m = exception_matches(vm, exc, AS_TUPLE(want)->items[i]);
      if (m != 0) return m;
    }
    return 0;
  }
  if (!IS_TYPE(want, &type_type) || !type_is_exception((const Type *)AS_OBJ(want))) {
    vm_raise(vm, &exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
  }
  return type_is_subtype(OBJ_TYPE(exc), (const Type *)AS_OBJ(want));
}

/* The exception `raise v` raises: an instance as is, a class instantiated with no arguments. */
Value make_exception(VM *vm, Value v) {
  if (IS_TYPE(v, &type_type) && type_is_exception((const Type *)AS_OBJ(v))) {
    v = vm_call(vm, v, 0, NULL);
    if (v == EXC_VAL) return EXC_VAL;   /* a __new__ may return anything: check what it made */
  }
  if (IS_OBJ(v) && type_is_exception(OBJ_TYPE(v)) && OBJ_TYPE(v) != &type_type) return v;
  return vm_raise(vm, &exc_TypeError, "exceptions must derive from BaseException");
}

/* The frames the exception traceback[] was recorded for went through, from the frame that
 * caught it on (as CPython keeps them): a tuple of (code, pc) pairs. */
static Value traceback_tuple(VM *vm) {
  int from = vm->traceback_omitted == 0 && vm->traceback_caught_at < vm->traceback_count ? vm->traceback_caught_at : 0, i;
  Value t = tuple_new(vm, (uint32_t)(2 * (vm->traceback_count - from)));
  if (t == EXC_VAL) return NONE_VAL;
  for (i = from; i < vm->traceback_count; i++) {
    AS_TUPLE(t)->items[2 * (i - from)] = OBJ_VAL(vm->traceback[i].code);
    AS_TUPLE(t)->items[2 * (i - from) + 1] = INT_VAL((vint)vm->traceback[i].pc);
  }
  return t;
}

/* A new exception (vm->exc) raised while another is being handled gets it as __context__; the
 * handled one keeps its traceback, which the new one's recording is about to replace. */
void chain_to_handled(VM *vm) {
  Value handled = vm->handling;
  ExcChain *c, *h;
  if (!is_exception_value(handled) || handled == vm->exc) return;
  c = exception_chain(vm->exc);
  if (c == NULL) return;
  c->context = handled;
  h = exception_chain(handled);
  if (h != NULL && vm->traceback_exc == handled && IS_NONE(h->tb)) h->tb = traceback_tuple(vm);
  for (; h != NULL; h = exception_chain(h->context))   /* no cycles: cut the chain where it loops */
    if (h->context == vm->exc) { h->context = NONE_VAL; break; }
}

/* PEP 479: a StopIteration leaving a generator's frame (at depth base) becomes a RuntimeError
 * whose cause it is, so it cannot end a loop over the generator silently. */
void stop_iteration_escaped(VM *vm, int base, const char *kind) {
  Value stop = vm->exc, err;
  ExcChain *c = exception_chain(stop), *e;
  if (c != NULL && vm->traceback_exc == stop && IS_NONE(c->tb)) {
    vm->traceback_caught_at = base;   /* its traceback starts in the generator */
    c->tb = traceback_tuple(vm);
  }
  vm_push_root(vm, stop);
  vm_raise_fmt(vm, &exc_RuntimeError, "%s raised StopIteration", kind);
  vm_pop_root(vm);
  err = vm->exc;
  if (err == vm->memory_error || (e = exception_chain(err)) == NULL) return;
  e->cause = stop;
  e->context = stop;
  e->suppress_context = true;
}

/* The loop's error path: a new exception (not one passing through, which keeps its record)
 * gets its context and the traceback of every frame, also those of the runs that called this
 * one from C. */
void exception_raised(VM *vm) {
  if (vm->exc == vm->traceback_exc) return;
  chain_to_handled(vm);
  record_traceback(vm, 0);
  vm->traceback_exc = vm->exc;
}

/* raise exc from cause: the cause (None, or what `raise cause` would raise) becomes
 * exc.__cause__ and hides the context. exc must be rooted by the caller. */
bool exception_set_cause(VM *vm, Value exc, Value cause) {
  ExcChain *chain;
  if (!IS_NONE(cause) && (cause = make_exception(vm, cause)) == EXC_VAL) return false;
  if ((chain = exception_chain(exc)) != NULL) {
    chain->cause = cause;
    chain->suppress_context = true;
  }
  return true;
}

void raise_state_save(VM *vm, RaiseState *s) {
  s->exc = vm->exc;
  s->handling = vm->handling;
  s->traceback_exc = vm->traceback_exc;
  s->count = vm->traceback_count;
  s->omitted = vm->traceback_omitted;
  s->caught_at = vm->traceback_caught_at;
  memcpy(s->traceback, vm->traceback, sizeof s->traceback);
}

void raise_state_restore(VM *vm, const RaiseState *s) {
  vm->exc = s->exc;
  vm->handling = s->handling;
  vm->traceback_exc = s->traceback_exc;
  vm->traceback_count = s->count;
  vm->traceback_omitted = s->omitted;
  vm->traceback_caught_at = s->caught_at;
  memcpy(vm->traceback, s->traceback, sizeof s->traceback);
}
