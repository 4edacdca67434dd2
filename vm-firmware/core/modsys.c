/* The parts of sys beyond the constants (modules.c fills those): the standard streams, whose
 * write() goes where print() writes (stdout) or where tracebacks go (stderr), and their binary
 * .buffer; sys.modules, getsizeof, intern, exc_info. */
#include <string.h>

#include "port.h"
#include "vm.h"

/* sys.stdin/stdout/stderr (fd 0, 1, 2) and their .buffer: const objects, as there is one of each. */
typedef struct ObjStream { Obj obj; uint8_t fd; bool binary; } ObjStream;

static const ObjStream streams[6] = {
  {{&textio_type}, 0, false}, {{&textio_type}, 1, false}, {{&textio_type}, 2, false},
  {{&bufreader_type}, 0, true}, {{&fileio_type}, 1, true}, {{&fileio_type}, 2, true},
};

void vm_error_write(VM *vm, const char *text, size_t len) {
  if (vm->write_err != NULL) vm->write_err(vm->write_err_ctx, text, len);
  else port_error_write(text, len);
}

static void stream_out(VM *vm, int fd, const char *text, size_t len) {
  if (fd == 2) vm_error_write(vm, text, len);
  else if (vm->write != NULL) vm->write(vm->write_ctx, text, len);
}

/* s.write(text) -> the count written (characters for text, bytes for .buffer) */
static Value m_write(VM *vm, int argc, Value *args) {
  const ObjStream *s = (const ObjStream *)AS_OBJ(args[0]);
  Value v = args[1];
  (void)argc;
  if (s->fd == 0) return vm_raise(vm, &exc_OSError, "not writable");   /* CPython: io.UnsupportedOperation */
  if (s->binary) {
    if (!IS_BYTESLIKE(v)) return vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", v);
    stream_out(vm, s->fd, (const char *)AS_BYTES(v)->data, AS_BYTES(v)->len);
    return INT_VAL((vint)AS_BYTES(v)->len);
  }
  if (!IS_STR(v)) return vm_raise_fmt(vm, &exc_TypeError, "write() argument must be str, not %t", v);
  stream_out(vm, s->fd, AS_STR(v)->chars, AS_STR(v)->len);
  return INT_VAL((vint)AS_STR(v)->nchars);
}

static Value m_flush(VM *vm, int argc, Value *args) { (void)vm; (void)argc; (void)args; return NONE_VAL; }

/* s.readline(): a line of input with its newline ("" at the end of input) */
static Value m_readline(VM *vm, int argc, Value *args) {
  char buf[256];
  long n;
  (void)argc;
  if (((const ObjStream *)AS_OBJ(args[0]))->fd != 0) return vm_raise(vm, &exc_OSError, "not readable");
  if (vm->read == NULL) return str_new(vm, "", 0);
  n = vm->read(vm->read_ctx, buf, sizeof buf - 1);
  if (n == -2) { vm->interrupt = true; return vm_raise(vm, &exc_KeyboardInterrupt, NULL); }
  if (n < 0) return str_new(vm, "", 0);
  buf[n++] = '\n';
  return str_new(vm, buf, (size_t)n);
}

static Value m_fileno(VM *vm, int argc, Value *args) { (void)vm; (void)argc; return INT_VAL(((const ObjStream *)AS_OBJ(args[0]))->fd); }
static Value m_isatty(VM *vm, int argc, Value *args) { (void)vm; (void)argc; (void)args; return FALSE_VAL; }

static const MethodDef stream_methods[] = {
  {"write", m_write, 1, 1, NULL},
  {"flush", m_flush, 0, 0, NULL},
  {"readline", m_readline, 0, 0, NULL},
  {"fileno", m_fileno, 0, 0, NULL},
  {"isatty", m_isatty, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type textio_type = {{&type_type}, "TextIOWrapper", NULL, NULL, stream_methods, .getattr = stream_getattr};
const Type fileio_type = {{&type_type}, "FileIO", NULL, NULL, stream_methods, .getattr = stream_getattr};   /* CPython's, unbuffered */
const Type bufreader_type = {{&type_type}, "BufferedReader", NULL, NULL, stream_methods, .getattr = stream_getattr};

/* Data attributes of a stream (its getattr slot): .buffer, .name, .mode, .encoding. */
Value stream_getattr(VM *vm, Value v, ObjStr *name) {
  const ObjStream *s = (const ObjStream *)AS_OBJ(v);
  static const char *const names[3] = {"<stdin>", "<stdout>", "<stderr>"};
  if (!s->binary && strcmp(name->chars, "buffer") == 0) return OBJ_VAL(&streams[3 + s->fd]);
  if (strcmp(name->chars, "name") == 0) return str_from_cstr(vm, names[s->fd]);
  if (strcmp(name->chars, "mode") == 0)
    return str_from_cstr(vm, s->fd == 0 ? (s->binary ? "rb" : "r") : (s->binary ? "wb" : "w"));
  if (!s->binary && strcmp(name->chars, "encoding") == 0) return str_from_cstr(vm, "utf-8");
  return UNBOUND_VAL;
}

/* The builder's text through write (a callable), or EXC_VAL. */
static Value write_sb(VM *vm, Value write) {
  Value text = vm_sb_to_str(vm);
  return text == EXC_VAL ? EXC_VAL : vm_call(vm, write, 1, &text);
}

/* print(..., file=f): to a standard stream in one piece; to any other object through
 * f.write(), called for each argument, separator and end as CPython does; then f.flush() when
 * flush is true. */
Value sys_print_to(VM *vm, Value file, int argc, Value *args, const char *sep, size_t nsep, const char *end,
                   size_t nend, Value flush) {
  Value write;
  int i;
  if (IS_STREAM_TYPE(value_type(file))) {
    Value text;
    vm_sb_reset(vm);
    for (i = 0; i < argc; i++) {
      if (i > 0) vm_sb_add(vm, sep, nsep);
      value_write(vm, args[i], false);
    }
    vm_sb_add(vm, end, nend);
    if ((text = vm_sb_to_str(vm)) == EXC_VAL) return EXC_VAL;
    return m_write(vm, 2, (Value[]){file, text}) == EXC_VAL ? EXC_VAL : NONE_VAL;
  }
  write = value_getattr(vm, file, AS_STR(str_intern(vm, "write", 5)));
  if (write == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, write);
  for (i = 0; i <= argc; i++) {
    if (i > 0 && i < argc) {
      vm_sb_reset(vm);
      vm_sb_add(vm, sep, nsep);
      if (write_sb(vm, write) == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    }
    vm_sb_reset(vm);
    if (i < argc) value_write(vm, args[i], false);
    else vm_sb_add(vm, end, nend);
    if (write_sb(vm, write) == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  if (flush != UNBOUND_VAL && value_truthy(flush)) {
    Value f = value_getattr(vm, file, AS_STR(str_intern(vm, "flush", 5)));
    if (f == EXC_VAL || vm_call(vm, f, 0, NULL) == EXC_VAL) return EXC_VAL;
  }
  return NONE_VAL;
}

/* ---- functions -------------------------------------------------------------------------- */

/* getsizeof(obj): the bytes the object takes in the heap (its block, and the block of its items
 * for the containers that keep them apart); a fixed word for values not in the heap. */
static Value m_getsizeof(VM *vm, int argc, Value *args) {
  Value v = args[0];
  size_t n = mem_size_of(vm, v);
  (void)argc;
  if (IS_LIST(v)) n += mem_size_of_raw(vm, AS_LIST(v)->items);
  else if (IS_DICT(v)) n += mem_size_of_raw(vm, AS_DICT(v)->entries);
  else if (IS_ANYSET(v)) n += mem_size_of_raw(vm, AS_SET(v)->table);
  else if (IS_BYTESLIKE(v)) n += mem_size_of_raw(vm, AS_BYTES(v)->data);
  else if (IS_INSTANCE(v) && ((ObjInstance *)AS_OBJ(v))->dict != NULL)
    n += mem_size_of(vm, OBJ_VAL(((ObjInstance *)AS_OBJ(v))->dict));
  return INT_VAL((vint)(n == 0 ? sizeof(Value) : n));
}

static Value m_intern(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!IS_STR(args[0])) return vm_raise_fmt(vm, &exc_TypeError, "intern() argument must be str, not %t", args[0]);
  return str_intern(vm, AS_STR(args[0])->chars, AS_STR(args[0])->len);
}

/* exc_info(): (type, value, traceback) of the exception being handled, or three Nones. */
static Value m_exc_info(VM *vm, int argc, Value *args) {
  Value exc = vm->handling, t, tb;
  (void)argc; (void)args;
  t = tuple_new(vm, 3);
  if (t == EXC_VAL || !is_exception_value(exc)) return t;
  vm_push_root(vm, t);
  tb = traceback_new(vm, exc);
  vm_pop_root(vm);
  if (tb == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = OBJ_VAL(value_type(exc));
  AS_TUPLE(t)->items[1] = exc;
  AS_TUPLE(t)->items[2] = tb;
  return t;
}

static Value m_exception(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return is_exception_value(vm->handling) ? vm->handling : NONE_VAL;
}

/* getrecursionlimit(): the running thread's limit of nested calls (1000 on the host's main thread, as CPython). */
static Value m_getrecursionlimit(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return INT_VAL(vm->max_frames);
}

const ObjBuiltin sys_more_functions[] = {
  {{&builtin_type}, "getrecursionlimit", m_getrecursionlimit, 0, 0, NULL},
  {{&builtin_type}, "getsizeof", m_getsizeof, 1, 2, NULL},
  {{&builtin_type}, "intern", m_intern, 1, 1, NULL},
  {{&builtin_type}, "exc_info", m_exc_info, 0, 0, NULL},
  {{&builtin_type}, "exception", m_exception, 0, 0, NULL},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* The streams and sys.modules into sys's dict (the functions above go in by modules.c). */
bool sys_fill_streams(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value)) {
  static const char *const names[6] = {"stdin", "stdout", "stderr", "__stdin__", "__stdout__", "__stderr__"};
  int i;
  for (i = 0; i < 6; i++)
    if (!put(vm, d, names[i], OBJ_VAL(&streams[i % 3]))) return false;
  if (vm->modules == NULL) {
    Value m = dict_new(vm);
    if (m == EXC_VAL) return false;
    vm->modules = AS_DICT(m);
  }
  return put(vm, d, "modules", OBJ_VAL(vm->modules));
}
