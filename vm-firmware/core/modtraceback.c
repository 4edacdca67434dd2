/* traceback: the text of an exception and the frames it went through, as CPython's traceback
 * module writes it (less the quoted source lines: the board has no source). format_exc() and
 * print_exc() use the exception being handled; the frames of a handled exception are the VM's
 * record of it (vm->traceback) from the frame that caught it on, or those kept with it once a
 * later exception chained to it. sys.tracebacklimit limits them as in CPython. The "Exception
 * ignored in" report of a failing weakref callback is written here too. */
#include <string.h>

#include "port.h"
#include "vm.h"

/* ---- traceback objects (sys.exc_info()[2]): they stand for their exception's frames ------ */

typedef struct ObjTraceback { Obj obj; Value exc; } ObjTraceback;

static void tb_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjTraceback *)obj)->exc); }
const Type traceback_type = {{&type_type}, "traceback", NULL, tb_trace, NULL};

Value traceback_new(VM *vm, Value exc) {
  ObjTraceback *tb = (ObjTraceback *)obj_alloc(vm, &traceback_type, sizeof(ObjTraceback));
  if (tb == NULL) return EXC_VAL;
  tb->exc = exc;
  return OBJ_VAL(tb);
}

/* ---- formatting -------------------------------------------------------------------------- */

/* The frames exc went through: the VM's record when it is the exception last raised (from the
 * frame that caught it, or from depth when it is still pending), else the frames kept with it. */
static int frames_of(VM *vm, Value exc, int depth, TraceEntry *out) {
  if (exc == vm->traceback_exc) {
    int from = exc == vm->exc ? depth : vm->traceback_caught_at;
    if (vm->traceback_omitted != 0 || from < 0 || from >= vm->traceback_count) from = 0;
    memcpy(out, vm->traceback + from, (size_t)(vm->traceback_count - from) * sizeof(TraceEntry));
    return vm->traceback_count - from;
  }
  if (exc == vm->exc) return 0;   /* vm_exception_frames would give the record of another */
  return vm_exception_frames(vm, exc, out);
}

/* sys.tracebacklimit, when the program set it to an int (negative counts as 0); -1: unset. */
static vint sys_limit(VM *vm) {
  Value sys, v, key;
  if (vm->modules == NULL || (key = str_intern(vm, "sys", 3)) == EXC_VAL) return -1;
  sys = dict_get_str(vm->modules, AS_STR(key));
  if (!IS_MODULE(sys) || (key = str_intern(vm, "tracebacklimit", 14)) == EXC_VAL) return -1;
  v = dict_get_str(AS_MODULE(sys)->dict, AS_STR(key));
  if (!IS_INTLIKE(v)) return -1;
  return AS_INTLIKE(v) < 0 ? 0 : AS_INTLIKE(v);
}

/* The builder's text as a new str appended to list (a root). */
static bool add_sb(VM *vm, Value list) {
  Value s = vm_sb_to_str(vm);
  return s != EXC_VAL && list_append(vm, AS_LIST(list), s);
}

static bool add_cstr(VM *vm, Value list, const char *text) {
  vm_sb_reset(vm);
  vm_sb_cstr(vm, text);
  return add_sb(vm, list);
}

/* One exception: the header and its frames (when there are any left after limit) and its line. */
static bool format_one(VM *vm, Value list, Value exc, Value limit, bool frames, int depth) {
  TraceEntry entries[VIPER_TRACEBACK_MAX];
  int n = frames ? frames_of(vm, exc, depth, entries) : 0, first = 0, i;
  if (IS_INTLIKE(limit)) {
    vint l = AS_INTLIKE(limit);
    if (l >= 0 && l < n) n = (int)l;
    else if (l < 0 && -l < n) first = n + (int)l;
  } else {
    vint l = sys_limit(vm);
    if (l >= 0 && l < n) n = (int)l;
  }
  if (n > first && !add_cstr(vm, list, "Traceback (most recent call last):\n")) return false;
  for (i = first; i < n; i++) {
    vm_sb_reset(vm);
    vm_sb_cstr(vm, "  File \"");
    vm_sb_cstr(vm, entries[i].code->file->chars);
    vm_sb_cstr(vm, "\", line ");
    int_write(vm, (vint)code_line_at(entries[i].code, entries[i].pc));
    vm_sb_cstr(vm, ", in ");
    vm_sb_cstr(vm, entries[i].code->name->chars);
    vm_sb_add(vm, "\n", 1);
    if (!add_sb(vm, list)) return false;
  }
  vm_format_exception_value(vm, exc);
  vm_sb_add(vm, "\n", 1);
  return add_sb(vm, list);
}

/* CPython's traceback.format_exception(): a list of strs, oldest exception of the chain first. */
static Value format_list(VM *vm, Value exc, Value limit, bool chain, bool frames, int depth) {
  Value list, links[VIPER_CHAIN_MAX];
  uint8_t how[VIPER_CHAIN_MAX];
  int n = 0, i, j;
  if (!is_exception_value(exc)) {   /* nothing handled: "NoneType: None" */
    list = list_new(vm, 0);
    if (list == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, list);
    vm_sb_reset(vm);
    vm_sb_cstr(vm, value_type(exc)->name);
    vm_sb_cstr(vm, ": ");
    value_write(vm, exc, false);
    vm_sb_add(vm, "\n", 1);
    if (!add_sb(vm, list)) { vm_pop_root(vm); return EXC_VAL; }
    vm_pop_root(vm);
    return list;
  }
  links[n++] = exc;
  while (chain && n < VIPER_CHAIN_MAX) {   /* newest first: what caused it, or what it interrupted */
    const ExcChain *c = exception_chain(links[n - 1]);
    Value next;
    if (c == NULL) break;
    if (!IS_NONE(c->cause)) { how[n - 1] = EXC_CHAINED_CAUSE; next = c->cause; }
    else if (!IS_NONE(c->context) && !c->suppress_context) { how[n - 1] = EXC_CHAINED_CONTEXT; next = c->context; }
    else break;
    for (j = 0; j < n && links[j] != next; j++) {}
    if (j < n) break;
    links[n++] = next;
  }
  list = list_new(vm, 0);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  for (i = n - 1; i >= 0; i--) {   /* every link is reachable from exc, which the caller holds */
    if (!format_one(vm, list, links[i], limit, frames, depth) ||
        (i > 0 && !add_cstr(vm, list, exc_chained_text[how[i - 1]]))) {
      vm_pop_root(vm);
      return EXC_VAL;
    }
  }
  vm_pop_root(vm);
  return list;
}

static void error_write_list(VM *vm, Value list) {
  uint32_t i;
  for (i = 0; i < AS_LIST(list)->len; i++)
    vm_error_write(vm, AS_STR(AS_LIST(list)->items[i])->chars, AS_STR(AS_LIST(list)->items[i])->len);
}

/* The pending exception, raised by a callback that ran from C at frame depth depth, reported
 * on stderr and dropped, as CPython does for what weakref callbacks and finalizers raise. */
void traceback_report_ignored(VM *vm, Value where, int depth) {
  Value exc = vm->exc, list;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, exc);
  vm_push_root(vm, where);
  vm->exc = NONE_VAL;
  vm_sb_reset(vm);
  vm_sb_cstr(vm, "Exception ignored in: ");
  if (IS_INSTANCE(where)) {   /* its own __repr__ could fail in turn: the class name is enough */
    vm_sb_cstr(vm, "<");
    vm_sb_cstr(vm, value_type(where)->name);
    vm_sb_cstr(vm, " object>");
  } else {
    value_write(vm, where, true);
  }
  vm_sb_add(vm, "\n", 1);
  vm_error_write(vm, vm->sb, vm->sb_len);
  vm->exc = exc;
  list = format_list(vm, exc, NONE_VAL, true, true, depth);
  if (list != EXC_VAL) error_write_list(vm, list);
  gc_root_restore(vm, mark);
  vm->exc = NONE_VAL;
}

/* The pending exception, raised by a callback the VM called at frame depth depth (a Pin.irq
 * handler), reported on stderr as traceback.print_exception() writes it, and dropped. */
void traceback_report(VM *vm, int depth) {
  Value exc = vm->exc, list;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, exc);
  list = format_list(vm, exc, NONE_VAL, true, true, depth);
  if (list != EXC_VAL) {
    error_write_list(vm, list);
  } else {   /* no room to format it (a MemoryError on a full heap): its name at least */
    const char *name = exception_type_name(exc);
    vm_error_write(vm, name, strlen(name));
    vm_error_write(vm, "\n", 1);
  }
  gc_root_restore(vm, mark);
  vm->exc = NONE_VAL;
}

/* The pending exception, which ended the thread called name, reported on stderr as CPython's
 * threading.excepthook does, and dropped. */
void traceback_report_thread(VM *vm, Value name) {
  Value exc = vm->exc, list;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, exc);
  vm->exc = NONE_VAL;
  vm_sb_reset(vm);
  vm_sb_cstr(vm, "Exception in thread ");
  vm_sb_add(vm, AS_STR(name)->chars, AS_STR(name)->len);
  vm_sb_cstr(vm, ":\n");
  list = vm_sb_to_str(vm);   /* one piece with the traceback: other threads' output stays apart */
  if (list != EXC_VAL) {
    vm_push_root(vm, list);
    vm->exc = exc;
    list = format_list(vm, exc, NONE_VAL, true, true, 0);
    if (list != EXC_VAL) {
      vm_error_write(vm, AS_STR(gc_root_at(vm, mark, 1))->chars, AS_STR(gc_root_at(vm, mark, 1))->len);
      error_write_list(vm, list);
    }
  }
  gc_root_restore(vm, mark);
  vm->exc = NONE_VAL;
}

/* ---- the module's functions ------------------------------------------------------------- */

/* The parameter at position pos, given positionally or as keyword slot kw; dflt when neither. */
static Value param(int argc, Value *args, int pos, int kw, Value dflt) {
  if (argc > pos) return args[pos];
  return NATIVE_KW(args, argc, kw) != UNBOUND_VAL ? NATIVE_KW(args, argc, kw) : dflt;
}

/* Where print_* write: stderr (file None), else file.write(text) for each piece. */
static Value write_list(VM *vm, Value list, Value file) {
  uint32_t i;
  Value write;
  if (IS_NONE(file)) { error_write_list(vm, list); return NONE_VAL; }
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, list);
  write = value_getattr(vm, file, AS_STR(str_intern(vm, "write", 5)));
  if (write == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  vm_push_root(vm, write);
  for (i = 0; i < AS_LIST(list)->len; i++) {
    Value s = AS_LIST(list)->items[i];
    if (vm_call(vm, write, 1, &s) == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
  }
  gc_root_restore(vm, mark);
  return NONE_VAL;
}

static Value join(VM *vm, Value list) {
  uint32_t i;
  Value s;
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);   /* the builder grows by allocating */
  vm_sb_reset(vm);
  for (i = 0; i < AS_LIST(list)->len; i++)
    vm_sb_add(vm, AS_STR(AS_LIST(list)->items[i])->chars, AS_STR(AS_LIST(list)->items[i])->len);
  s = vm_sb_to_str(vm);
  vm_pop_root(vm);
  return s;
}

/* format_exc(limit=None, chain=True) */
static Value m_format_exc(VM *vm, int argc, Value *args) {
  Value limit = param(argc, args, 0, 0, NONE_VAL), chain = param(argc, args, 1, 1, TRUE_VAL);
  return join(vm, format_list(vm, vm->handling, limit, value_truthy(chain), true, 0));
}

/* print_exc(limit=None, file=None, chain=True) */
static Value m_print_exc(VM *vm, int argc, Value *args) {
  Value limit = param(argc, args, 0, 0, NONE_VAL), file = param(argc, args, 1, 1, NONE_VAL);
  Value chain = param(argc, args, 2, 2, TRUE_VAL), list;
  list = format_list(vm, vm->handling, limit, value_truthy(chain), true, 0);
  return list == EXC_VAL ? EXC_VAL : write_list(vm, list, file);
}

/* The exception of (exc, /, value, tb): the value when given (the old three-argument form),
 * else exc. *frames: false when tb was given as None (CPython prints no frames then). */
static Value exception_arg(VM *vm, int argc, Value *args, bool *frames) {
  Value value = param(argc, args, 1, 0, UNBOUND_VAL), tb = param(argc, args, 2, 1, UNBOUND_VAL);
  Value exc = value != UNBOUND_VAL ? value : args[0];
  *frames = !IS_NONE(tb);
  if (!is_exception_value(exc) && !IS_NONE(exc))
    return vm_raise_fmt(vm, &exc_TypeError, "Exception expected for value, %t found", exc);
  return exc;
}

/* format_exception(exc, /, value, tb, limit=None, chain=True) */
static Value m_format_exception(VM *vm, int argc, Value *args) {
  bool frames;
  Value exc = exception_arg(vm, argc, args, &frames);
  if (exc == EXC_VAL) return EXC_VAL;
  return format_list(vm, exc, param(argc, args, 3, 2, NONE_VAL), value_truthy(param(argc, args, 4, 3, TRUE_VAL)), frames, 0);
}

/* print_exception(exc, /, value, tb, limit=None, file=None, chain=True) */
static Value m_print_exception(VM *vm, int argc, Value *args) {
  bool frames;
  Value exc = exception_arg(vm, argc, args, &frames), list;
  if (exc == EXC_VAL) return EXC_VAL;
  list = format_list(vm, exc, param(argc, args, 3, 2, NONE_VAL), value_truthy(param(argc, args, 5, 4, TRUE_VAL)), frames, 0);
  return list == EXC_VAL ? EXC_VAL : write_list(vm, list, param(argc, args, 4, 3, NONE_VAL));
}

/* format_exception_only(exc, /, value) */
static Value m_format_exception_only(VM *vm, int argc, Value *args) {
  bool frames;
  Value exc = exception_arg(vm, argc, args, &frames);
  if (exc == EXC_VAL) return EXC_VAL;
  return format_list(vm, exc, NONE_VAL, false, false, 0);
}

const ObjBuiltin traceback_functions[] = {
  {{&builtin_type}, "format_exc", m_format_exc, 0, 2, "limit chain"},
  {{&builtin_type}, "print_exc", m_print_exc, 0, 3, "limit file chain"},
  {{&builtin_type}, "format_exception", m_format_exception, 1, 5, "value tb limit chain"},
  {{&builtin_type}, "print_exception", m_print_exception, 1, 6, "value tb limit file chain"},
  {{&builtin_type}, "format_exception_only", m_format_exception_only, 1, 2, "value"},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};
