/* The interpreter: frames, calls and the dispatch loop. The loop is written with CASE/NEXT
 * macros so VIPER_COMPUTED_GOTO picks a jump table (GCC "labels as values") or a switch. */
#include <math.h>
#include <string.h>

#include "bytecode.h"
#include "gen/image_format.h"
#include "loader.h"
#include "port.h"
#include "vm.h"

bool mem_init(VM *vm, void *heap, size_t size);

/* ==== setup ============================================================================== */

bool vm_init(VM *vm, void *heap, size_t heap_size, VmWriteFn write, void *write_ctx) {
  Value d;
  memset(vm, 0, sizeof *vm);
  vm->exc = NONE_VAL;
  vm->memory_error = NONE_VAL;
  vm->handling = NONE_VAL;
  vm->traceback_exc = NONE_VAL;
  vm->stop_value = NONE_VAL;
  vm->write = write;
  vm->write_ctx = write_ctx;
  vm->poll_countdown = VIPER_POLL_INTERVAL;
  if (!mem_init(vm, heap, heap_size)) return false;
  vm->stack = (Value *)mem_alloc(vm, VIPER_STACK_VALUES * sizeof(Value), false);
  if (vm->stack == NULL) return false;
  vm->sp = vm->stack;
  vm->stack_end = vm->stack + VIPER_STACK_VALUES;
  vm->gc_ready = true;
  d = dict_new(vm);
  if (d == EXC_VAL) return false;
  vm->builtins = AS_DICT(d);
  d = dict_new(vm);
  if (d == EXC_VAL) return false;
  vm->globals = AS_DICT(d);
  d = exception_new(vm, &exc_MemoryError, NONE_VAL);
  if (!IS_OBJ(d)) return false;
  vm->memory_error = d;
  return builtins_init(vm) && class_init(vm);
}

void vm_set_poll(VM *vm, VmPollFn poll, void *ctx) {
  vm->poll = poll;
  vm->poll_ctx = ctx;
}

/* ==== errors ============================================================================= */

static Value binary_type_error(VM *vm, int op, Value a, Value b) {
  static const char *const symbols[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"};
  int base = op & ~BINOP_INPLACE;
  if (base == BINOP_MUL && (IS_STR(a) || IS_LIST(a) || IS_TUPLE(a) || IS_BYTESLIKE(a) || IS_STR(b) || IS_LIST(b) ||
                            IS_TUPLE(b) || IS_BYTESLIKE(b)))
    return vm_raise_fmt(vm, &exc_TypeError, "can't multiply sequence by non-int of type '%t'",
                        IS_STR(a) || IS_LIST(a) || IS_TUPLE(a) || IS_BYTESLIKE(a) ? b : a);
  if ((base == BINOP_ADD) && (IS_STR(a) || IS_LIST(a) || IS_TUPLE(a)))
    return vm_raise_fmt(vm, &exc_TypeError, "can only concatenate %t (not \"%t\") to %t", a, b, a);
  if (base == BINOP_POW)
    return vm_raise_fmt(vm, &exc_TypeError, "unsupported operand type(s) for %s: '%t' and '%t'",
                        (op & BINOP_INPLACE) ? "**=" : "** or pow()", a, b);
  return vm_raise_fmt(vm, &exc_TypeError, "unsupported operand type(s) for %s%s: '%t' and '%t'",
                      symbols[base], (op & BINOP_INPLACE) ? "=" : "", a, b);
}

static bool is_number(Value v) { return IS_INTLIKE(v) || IS_FLOAT(v); }
static double as_double(Value v) { return IS_FLOAT(v) ? AS_FLOAT(v) : (double)AS_INTLIKE(v); }

static Value binary_op(VM *vm, int op, Value a, Value b) {
  int base = op & ~BINOP_INPLACE;
  if (IS_INTLIKE(a) && IS_INTLIKE(b)) {
    if (IS_BOOL(a) && IS_BOOL(b) && (base == BINOP_AND || base == BINOP_OR || base == BINOP_XOR))
      return BOOL_VAL(int_binary(vm, base, AS_INTLIKE(a), AS_INTLIKE(b)) == INT_VAL(1));   /* bool & bool is a bool */
    return int_binary(vm, base, AS_INTLIKE(a), AS_INTLIKE(b));
  }
  if (is_number(a) && is_number(b)) {
    if (base <= BINOP_POW) return float_binary(vm, base, as_double(a), as_double(b));
    return binary_type_error(vm, op, a, b);
  }
  if (base == BINOP_ADD) {
    if (IS_STR(a) && IS_STR(b)) return str_concat(vm, AS_STR(a), AS_STR(b));
    if (IS_LIST(a) && IS_LIST(b)) {
      if (op & BINOP_INPLACE) {   /* l += m extends l itself */
        uint32_t i, n = AS_LIST(b)->len;
        for (i = 0; i < n; i++)
          if (!list_append(vm, AS_LIST(a), AS_LIST(b)->items[i])) return EXC_VAL;
        return a;
      }
      return list_concat(vm, AS_LIST(a), AS_LIST(b));
    }
    if (IS_TUPLE(a) && IS_TUPLE(b)) return tuple_concat(vm, AS_TUPLE(a), AS_TUPLE(b));
  }
  if (base == BINOP_MUL) {
    Value seq = a, n = b;
    if (IS_INTLIKE(a)) { seq = b; n = a; }
    if (IS_INTLIKE(n)) {
      if (IS_STR(seq)) return str_repeat(vm, AS_STR(seq), AS_INTLIKE(n));
      if (IS_LIST(seq)) return list_repeat(vm, AS_LIST(seq), AS_INTLIKE(n));
      if (IS_TUPLE(seq)) return tuple_repeat(vm, AS_TUPLE(seq), AS_INTLIKE(n));
    }
  }
  { Value r = lib_binary(vm, op, a, b); if (r != UNBOUND_VAL) return r; }   /* bigint, set, bytes, str % */
  if (IS_INSTANCE(a) || IS_INSTANCE(b)) {
    Value r = class_binary(vm, op, a, b);
    if (r != UNBOUND_VAL) return r;
  }
  return binary_type_error(vm, op, a, b);
}

Value vm_binary_add(VM *vm, Value a, Value b) { return binary_op(vm, BINOP_ADD, a, b); }
Value vm_binary_op(VM *vm, int op, Value a, Value b) { return binary_op(vm, op, a, b); }

static Value unary_op(VM *vm, int op, Value a) {
  static const char *const symbols[] = {"-", "+", "not", "~"};
  if (op == UNOP_NOT) {
    if (IS_INSTANCE(a)) {
      int t = class_truthy(vm, a);
      return t < 0 ? EXC_VAL : BOOL_VAL(!t);
    }
    return BOOL_VAL(!value_truthy(a));
  }
  if (IS_INSTANCE(a)) {
    static const char *const names[] = {"__neg__", "__pos__", "__not__", "__invert__"};
    Value r = class_call_dunder(vm, a, names[op], 0, NULL);
    if (r != UNBOUND_VAL) return r;
    if (class_builtin_value(a) != UNBOUND_VAL) a = class_builtin_value(a);   /* class Flags(int) */
  }
  if (IS_INTLIKE(a)) {
    vint i = AS_INTLIKE(a);
    if (op == UNOP_NEG) return INT_FITS(-i) ? INT_VAL(-i) : bigint_unary(vm, op, a);
    if (op == UNOP_POS) return INT_VAL(i);
    return INT_VAL(~i);
  }
  if (IS_BIGINT(a)) return bigint_unary(vm, op, a);
  if (IS_FLOAT(a) && op != UNOP_INVERT) return op == UNOP_NEG ? float_new(vm, -AS_FLOAT(a)) : a;
  return vm_raise_fmt(vm, &exc_TypeError, "bad operand type for unary %s: '%t'", symbols[op], a);
}

Value vm_unary_op(VM *vm, int op, Value a) { return unary_op(vm, op, a); }

static bool poll_hook(VM *vm) {
  vm->poll_countdown = VIPER_POLL_INTERVAL;
  if (vm->gen_finalize != NULL) gen_run_finalizers(vm);   /* a safe point: the state is saved */
  if (vm->poll != NULL && vm->poll(vm->poll_ctx)) vm->interrupt = true;
  return vm->interrupt;
}

/* ==== calls ============================================================================== */

static Value arg_count_error(VM *vm, const char *name, int min, int max, int given) {
  if (min == max)
    return vm_raise_fmt(vm, &exc_TypeError, "%s() takes exactly %d argument%s (%d given)", name, min,
                        min == 1 ? "" : "s", given);
  if (given < min)
    return vm_raise_fmt(vm, &exc_TypeError, "%s() takes at least %d argument%s (%d given)", name, min,
                        min == 1 ? "" : "s", given);
  return vm_raise_fmt(vm, &exc_TypeError, "%s() takes at most %d argument%s (%d given)", name, max,
                      max == 1 ? "" : "s", given);
}

/* "'a', 'b' and 'c'" of the parameter slots in [from, to) that are still unbound, into a str. */
static Value missing_names(VM *vm, ObjCode *code, Value *slots, int from, int to, int *count) {
  int i, n = 0, k = 0;
  for (i = from; i < to; i++) n += slots[i] == UNBOUND_VAL;
  vm_sb_reset(vm);
  for (i = from; i < to; i++) {
    if (slots[i] != UNBOUND_VAL) continue;
    if (k > 0) vm_sb_cstr(vm, n == 2 ? " and " : (k == n - 1 ? ", and " : ", "));
    vm_sb_add(vm, "'", 1);
    vm_sb_cstr(vm, AS_STR(code->local_names[i])->chars);
    vm_sb_add(vm, "'", 1);
    k++;
  }
  *count = n;
  return vm_sb_to_str(vm);
}

static bool missing_error(VM *vm, ObjCode *code, Value *slots, int from, int to, const char *kind) {
  int n;
  Value names = missing_names(vm, code, slots, from, to, &n);
  if (names == EXC_VAL) return false;
  vm_push_root(vm, names);
  vm_raise_fmt(vm, &exc_TypeError, "%s() missing %d required %s argument%s: %s", code->qualname->chars, n, kind,
               n == 1 ? "" : "s", AS_STR(names)->chars);
  vm_pop_root(vm);
  return false;
}

static bool too_many_error(VM *vm, ObjFunction *fn, int given, int nkw, ObjTuple *kwnames) {
  ObjCode *code = fn->code;
  int ndef = IS_TUPLE(fn->defaults) ? (int)AS_TUPLE(fn->defaults)->len : 0, kwonly = 0, i, j;
  Value takes;
  for (i = 0; i < nkw; i++)
    for (j = code->argcount; j < code->argcount + code->kwonlyargcount; j++)
      if (IS_STR(kwnames->items[i]) && str_equal(AS_STR(code->local_names[j]), AS_STR(kwnames->items[i]))) kwonly++;
  vm_sb_reset(vm);
  if (ndef > 0) {
    vm_sb_cstr(vm, "from ");
    int_write(vm, code->argcount - ndef);
    vm_sb_cstr(vm, " to ");
  }
  int_write(vm, code->argcount);
  vm_sb_cstr(vm, code->argcount == 1 && ndef == 0 ? " positional argument" : " positional arguments");
  takes = vm_sb_to_str(vm);
  if (takes == EXC_VAL) return false;
  vm_push_root(vm, takes);
  if (kwonly > 0)
    vm_raise_fmt(vm, &exc_TypeError, "%s() takes %s but %d positional argument%s (and %d keyword-only argument%s) were given",
                 code->qualname->chars, AS_STR(takes)->chars, given, given == 1 ? "" : "s", kwonly, kwonly == 1 ? "" : "s");
  else
    vm_raise_fmt(vm, &exc_TypeError, "%s() takes %s but %d %s given", code->qualname->chars, AS_STR(takes)->chars, given,
                 given == 1 ? "was" : "were");
  vm_pop_root(vm);
  return false;
}

/* Bind the general way: keywords, defaults, *args, **kwargs. The argc values at slots[0..) are
 * npos positional ones then the keyword values named by kwnames. vm->sp is slots + argc. */
static bool bind_args(VM *vm, ObjFunction *fn, Value *slots, int argc, int nkw, ObjTuple *kwnames) {
  ObjCode *code = fn->code;
  int npos = argc - nkw, nargs = code->argcount, nparams = nargs + code->kwonlyargcount, i, j;
  int top = code->nlocals > argc ? code->nlocals : argc;
  Value *kwvals = slots + top, *v;
  Value *varargs_slot = (code->flags & CODE_FLAG_VARARGS) ? &slots[nparams] : NULL;
  Value *varkw_slot = (code->flags & CODE_FLAG_VARKEYWORDS) ? &slots[nparams + (varargs_slot != NULL)] : NULL;
  Value extra;
  if (kwvals + nkw + code->stacksize > vm->stack_end) {
    vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  /* Keyword values move above the locals; every slot in between is reset. */
  memmove(kwvals, slots + npos, (size_t)nkw * sizeof(Value));
  for (v = slots + npos; v < kwvals; v++) *v = UNBOUND_VAL;
  vm->sp = kwvals + nkw;
  if (npos > nargs) {
    if (varargs_slot == NULL) return too_many_error(vm, fn, npos, nkw, kwnames);
    extra = tuple_new(vm, (uint32_t)(npos - nargs));
    if (extra == EXC_VAL) return false;
    memcpy(AS_TUPLE(extra)->items, slots + nargs, (size_t)(npos - nargs) * sizeof(Value));
    for (i = nargs; i < npos; i++) slots[i] = UNBOUND_VAL;
    *varargs_slot = extra;
  } else if (varargs_slot != NULL) {
    extra = tuple_new(vm, 0);
    if (extra == EXC_VAL) return false;
    *varargs_slot = extra;
  }
  if (varkw_slot != NULL) {
    extra = dict_new(vm);
    if (extra == EXC_VAL) return false;
    *varkw_slot = extra;
  }
  for (i = 0; i < nkw; i++) {
    Value name = kwnames->items[i];
    if (!IS_STR(name)) { vm_raise(vm, &exc_TypeError, "keywords must be strings"); return false; }
    for (j = code->posonlyargcount; j < nparams; j++)
      if (str_equal(AS_STR(code->local_names[j]), AS_STR(name))) break;
    if (j < nparams) {
      if (slots[j] != UNBOUND_VAL) {
        vm_raise_fmt(vm, &exc_TypeError, "%s() got multiple values for argument '%s'", code->qualname->chars,
                     AS_STR(name)->chars);
        return false;
      }
      slots[j] = kwvals[i];
    } else if (varkw_slot != NULL) {
      if (!dict_set(vm, AS_DICT(*varkw_slot), name, kwvals[i])) return false;
    } else {
      for (j = 0; j < code->posonlyargcount; j++)
        if (str_equal(AS_STR(code->local_names[j]), AS_STR(name))) break;
      if (j < code->posonlyargcount)
        vm_raise_fmt(vm, &exc_TypeError,
                     "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                     code->qualname->chars, AS_STR(name)->chars);
      else
        vm_raise_fmt(vm, &exc_TypeError, "%s() got an unexpected keyword argument '%s'", code->qualname->chars,
                     AS_STR(name)->chars);
      return false;
    }
  }
  /* Defaults fill the positional parameters still unbound; then keyword-only defaults. */
  {
    int ndef = IS_TUPLE(fn->defaults) ? (int)AS_TUPLE(fn->defaults)->len : 0, first = nargs - ndef;
    bool missing = false;
    for (i = npos < nargs ? npos : nargs; i < nargs; i++) {
      if (slots[i] != UNBOUND_VAL) continue;
      if (i >= first && i - first < ndef) slots[i] = AS_TUPLE(fn->defaults)->items[i - first];
      else missing = true;
    }
    if (missing) return missing_error(vm, code, slots, 0, nargs, "positional");
    for (i = nargs; i < nparams; i++) {
      if (slots[i] != UNBOUND_VAL) continue;
      if (IS_DICT(fn->kwdefaults)) {
        Value d = dict_get_str(AS_DICT(fn->kwdefaults), AS_STR(code->local_names[i]));
        if (d != UNBOUND_VAL) { slots[i] = d; continue; }
      }
      missing = true;
    }
    if (missing) return missing_error(vm, code, slots, nargs, nparams, "keyword-only");
  }
  vm->sp = slots + code->nlocals;
  return true;
}

/* Push a frame for function fn whose argc arguments are below vm->sp (the last nkw of them
 * keywords named by kwnames). The function itself is in the slot below the arguments. */
static bool push_frame(VM *vm, ObjFunction *fn, int argc, int nkw, ObjTuple *kwnames) {
  ObjCode *code = fn->code;
  Frame *f;
  Value *slots = vm->sp - argc, *v;
  if (vm->frame_count >= VIPER_MAX_FRAMES || slots + code->nlocals + code->stacksize > vm->stack_end) {
    vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  if (nkw == 0 && argc == code->argcount && code->kwonlyargcount == 0 &&
      (code->flags & (CODE_FLAG_VARARGS | CODE_FLAG_VARKEYWORDS)) == 0) {
    for (v = vm->sp; v < slots + code->nlocals; v++) *v = UNBOUND_VAL;
    vm->sp = slots + code->nlocals;
  } else {
    bool ok;
    if (kwnames != NULL) vm_push_root(vm, OBJ_VAL(kwnames));
    ok = bind_args(vm, fn, slots, argc, nkw, kwnames);
    if (kwnames != NULL) vm_pop_root(vm);
    if (!ok) return false;
  }
  f = &vm->frames[vm->frame_count++];
  f->code = code;
  f->ip = code->code;
  f->slots = slots;
  f->globals = fn->globals;
  f->ns = fn->globals;
  f->nblocks = 0;
  return true;
}

/* The index of keyword `name` in a native's space-separated kw list, or -1; *count gets the
 * number of names in the list. */
static int native_kw_index(const char *kw, const ObjStr *name, int *count) {
  int index = 0, found = -1;
  const char *p = kw;
  while (*p != '\0') {
    const char *q = p;
    while (*q != '\0' && *q != ' ') q++;
    if (found < 0 && name != NULL && (size_t)(q - p) == name->len && memcmp(p, name->chars, name->len) == 0)
      found = index;
    index++;
    p = *q == ' ' ? q + 1 : q;
  }
  *count = index;
  return found;
}

/* Call native fn with keywords: lay out [self] positional args, then one slot per kw name, in
 * fresh stack space above vm->sp (see NativeFn). args[-1] may be overwritten. */
static Value call_native_kw(VM *vm, const char *fname, NativeFn fn, const char *kw, Value self, int npos,
                            Value *args, int nkw, ObjTuple *kwnames) {
  int nslots = 0, i, has_self = self != UNBOUND_VAL;
  Value *area = vm->sp, *saved = vm->sp, r;
  if (kw == NULL) return vm_raise_fmt(vm, &exc_TypeError, "%s() takes no keyword arguments", fname);
  native_kw_index(kw, NULL, &nslots);
  if (area + has_self + npos + nslots > vm->stack_end)
    return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  if (has_self) *area++ = self;
  memcpy(area, args, (size_t)npos * sizeof(Value));
  for (i = 0; i < nslots; i++) area[npos + i] = UNBOUND_VAL;
  vm->sp = area + npos + nslots;
  if (strcmp(kw, NATIVE_KW_DICT) == 0 && nkw > 0) {   /* all keywords in one dict, like **kwargs */
    Value d = dict_new(vm);
    if (d == EXC_VAL) { vm->sp = saved; return EXC_VAL; }
    area[npos] = d;
    for (i = 0; i < nkw; i++) {
      if (!IS_STR(kwnames->items[i])) { vm->sp = saved; return vm_raise(vm, &exc_TypeError, "keywords must be strings"); }
      if (!dict_set(vm, AS_DICT(d), kwnames->items[i], args[npos + i])) { vm->sp = saved; return EXC_VAL; }
    }
    nkw = 0;
  }
  for (i = 0; i < nkw; i++) {
    Value name = kwnames->items[i];
    int n, k = IS_STR(name) ? native_kw_index(kw, AS_STR(name), &n) : -1;
    if (k < 0) {
      vm->sp = saved;
      if (!IS_STR(name)) return vm_raise(vm, &exc_TypeError, "keywords must be strings");
      return vm_raise_fmt(vm, &exc_TypeError, "'%s' is an invalid keyword argument for %s()", AS_STR(name)->chars, fname);
    }
    if (area[npos + k] != UNBOUND_VAL) {
      vm->sp = saved;
      return vm_raise_fmt(vm, &exc_TypeError, "%s() got multiple values for argument '%s'", fname, AS_STR(name)->chars);
    }
    area[npos + k] = args[npos + i];
  }
  r = fn(vm, npos + has_self, area - has_self);
  vm->sp = saved;
  return r;
}

/* Call a native callable with the argc values at args (the callee is at args[-1]); the last
 * nkw of them are keywords named by kwnames. */
static Value call_native(VM *vm, Value callee, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  int npos = argc - nkw;
  if (IS_BUILTIN(callee)) {
    const ObjBuiltin *b = AS_BUILTIN(callee);
    if (npos < b->min_args || (b->max_args >= 0 && npos > b->max_args))
      return arg_count_error(vm, b->name, b->min_args, b->max_args, npos);
    if (nkw > 0) return call_native_kw(vm, b->name, b->fn, b->kw, UNBOUND_VAL, npos, args, nkw, kwnames);
    if (b->kw != NULL) {   /* every keyword slot is UNBOUND_VAL */
      int nslots, i;
      Value *saved = vm->sp, r;
      native_kw_index(b->kw, NULL, &nslots);
      if (args + argc + nslots > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
      for (i = 0; i < nslots; i++) args[argc + i] = UNBOUND_VAL;
      vm->sp = args + argc + nslots;
      r = b->fn(vm, argc, args);
      vm->sp = saved;
      return r;
    }
    return b->fn(vm, argc, args);
  }
  if (IS_TYPE(callee, &bound_method_type) || IS_TYPE(callee, &method_descr_type)) {
    ObjBoundMethod *bm = (ObjBoundMethod *)AS_OBJ(callee);
    const MethodDef *m = bm->method;
    Value self = bm->self;
    if (OBJ_TYPE(callee) == &method_descr_type) {   /* list.append(lst, x): the first argument is self */
      if (npos < 1)
        return vm_raise_fmt(vm, &exc_TypeError, "unbound method %s.%s() needs an argument",
                            ((const Type *)AS_OBJ(bm->self))->name, m->name);
      self = descr_self(vm, bm, args[0]);
      if (self == UNBOUND_VAL) return EXC_VAL;
      args++;
      argc--;
      npos--;
    }
    if (npos < m->min_args || npos > m->max_args) {
      vm_sb_reset(vm);
      return arg_count_error(vm, m->name, m->min_args, m->max_args, npos);
    }
    if (nkw > 0 || m->kw != NULL) return call_native_kw(vm, m->name, m->fn, m->kw, self, npos, args, nkw, kwnames);
    args[-1] = self;   /* the callee slot becomes self */
    return m->fn(vm, argc + 1, args - 1);
  }
  if (IS_PYCLASS(callee)) return class_instantiate(vm, (ObjClass *)AS_OBJ(callee), argc, args, nkw, kwnames);
  if (IS_INSTANCE(callee)) {
    Value f = class_lookup(value_type(callee), AS_STR(str_intern(vm, "__call__", 8)));
    if (f != UNBOUND_VAL) {
      Value m = method_new(vm, callee, f);
      if (m == EXC_VAL) return EXC_VAL;
      return vm_call_kw(vm, m, argc, args, nkw, kwnames);
    }
  }
  if (IS_TYPE(callee, &method_type)) {
    Value *base = vm->sp, r;
    int i;
    if (vm->sp + argc + 2 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    *vm->sp++ = ((ObjMethod *)AS_OBJ(callee))->self;
    for (i = 0; i < argc; i++) *vm->sp++ = args[i];
    r = vm_call_kw(vm, ((ObjMethod *)AS_OBJ(callee))->fn, argc + 1, base, nkw, kwnames);
    vm->sp = base;
    return r;
  }
  if (IS_TYPE(callee, &type_type)) {
    extern Value type_call(VM *vm, const Type *type, int argc, Value *args);
    const Type *type = (const Type *)AS_OBJ(callee);
    if (nkw > 0) {
      ObjStr *kw0 = IS_STR(kwnames->items[0]) ? AS_STR(kwnames->items[0]) : NULL;
      if (type == &dict_type && npos <= 1) {   /* dict(mapping, **kw) */
        Value d = type_call(vm, type, npos, args);
        int i;
        if (d == EXC_VAL) return EXC_VAL;
        vm_push_root(vm, d);
        for (i = 0; i < nkw; i++)
          if (!dict_set(vm, AS_DICT(d), kwnames->items[i], args[npos + i])) { vm_pop_root(vm); return EXC_VAL; }
        vm_pop_root(vm);
        return d;
      }
      if (type == &enumerate_type && npos + nkw <= 2) {   /* enumerate(iterable=it, start=n) */
        Value a[2] = {UNBOUND_VAL, INT_VAL(0)};
        int i;
        if (npos > 0) a[0] = args[0];
        if (npos > 1) a[1] = args[1];
        for (i = 0; i < nkw; i++) {
          ObjStr *k = IS_STR(kwnames->items[i]) ? AS_STR(kwnames->items[i]) : NULL;
          int slot = k == NULL ? -1 : strcmp(k->chars, "iterable") == 0 ? 0 : strcmp(k->chars, "start") == 0 ? 1 : -1;
          if (slot < 0 || slot < npos)
            return vm_raise_fmt(vm, &exc_TypeError, slot < 0 ? "'%s' is an invalid keyword argument for enumerate()" :
                                "argument for enumerate() given by name ('%s') and position (%d)", k != NULL ? k->chars : "?", slot + 1);
          a[slot] = args[npos + i];
        }
        if (a[0] == UNBOUND_VAL) return vm_raise(vm, &exc_TypeError, "enumerate() missing required argument 'iterable' (pos 1)");
        return type_call(vm, type, 2, a);   /* a's values are still on the VM stack in args */
      }
      /* int(x, base=b): the keyword is the second positional parameter */
      if (nkw == 1 && npos == 1 && kw0 != NULL &&
          ((type == &int_type && strcmp(kw0->chars, "base") == 0) ||
           (type == &enumerate_type && strcmp(kw0->chars, "start") == 0)))
        return type_call(vm, type, 2, args);
      return vm_raise_fmt(vm, &exc_TypeError, "%s() takes no keyword arguments", type->name);
    }
    return type_call(vm, type, argc, args);
  }
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not callable", callee);
}

static Value value_delitem(VM *vm, Value obj, Value key);
Value vm_delitem(VM *vm, Value obj, Value key) { return value_delitem(vm, obj, key); }

/* del obj[key] for lists (an index or a slice) and dicts. */
static Value value_delitem(VM *vm, Value obj, Value key) {
  if (IS_INSTANCE(obj)) return class_setitem(vm, obj, key, UNBOUND_VAL);
  if (IS_TYPE(obj, &bytearray_type)) return bytes_setitem(vm, obj, key, UNBOUND_VAL);
  if (IS_TYPE(obj, &array_type)) return array_setitem(vm, obj, key, UNBOUND_VAL);
  if (IS_LIST(obj)) {
    ObjList *l = AS_LIST(obj);
    uint32_t k;
    if (IS_SLICE(key)) {
      vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)l->len, &start, &stop, &step), i, w = 0;
      if (n < 0) return EXC_VAL;
      if (step < 0) { start = start + (n - 1) * step; step = -step; }
      for (i = 0; i < (vint)l->len; i++) {
        bool gone = n > 0 && i >= start && (i - start) % step == 0 && (i - start) / step < n;
        if (!gone) l->items[w++] = l->items[i];
      }
      l->len = (uint32_t)w;
      return NONE_VAL;
    }
    if (!seq_index(vm, key, l->len, "list", &k)) return EXC_VAL;
    memmove(l->items + k, l->items + k + 1, (l->len - k - 1) * sizeof(Value));
    l->len--;
    return NONE_VAL;
  }
  if (IS_DICT(obj)) {
    bool found;
    if (!dict_delete(vm, AS_DICT(obj), key, &found)) return EXC_VAL;
    if (!found) return vm_raise_value(vm, &exc_KeyError, key);
    return NONE_VAL;
  }
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object does not support item deletion", obj);
}

static void deref_error(VM *vm, ObjCode *code, uint32_t slot, Value cell) {
  if (!IS_TYPE(cell, &cell_type)) { vm_raise(vm, &exc_TypeError, "local slot does not hold a cell"); return; }
  vm_raise_fmt(vm, &exc_NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
               AS_STR(code->local_names[slot])->chars);
}

/* Unpack the iterable at vm->sp[-1] into before (+ a list of the rest + after when starred)
 * values, the first on top. */
static bool unpack_iterable(VM *vm, uint32_t before, uint32_t after, bool starred) {
  Value *base = vm->sp - 1, it, v, rest;
  uint32_t n = 0, i, want = before + after;
  it = value_iter(vm, *base);
  if (it == EXC_VAL) {
    if (IS_TYPE(vm->exc, &exc_TypeError))
      vm_raise_fmt(vm, &exc_TypeError, "cannot unpack non-iterable %t object", *base);
    return false;
  }
  *base = it;   /* the iterator replaces the iterable; items go above it */
  if (base + 2 + want > vm->stack_end) { vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded"); return false; }
  for (;;) {
    if (!starred && n == want) {
      v = value_iter_next(vm, it);
      if (v == EXC_VAL) return false;
      if (v != STOP_VAL) { vm_raise_fmt(vm, &exc_ValueError, "too many values to unpack (expected %d)", (int)want); return false; }
      break;
    }
    if (starred && n == before) break;
    v = value_iter_next(vm, it);
    if (v == EXC_VAL) return false;
    if (v == STOP_VAL) {
      if (starred) vm_raise_fmt(vm, &exc_ValueError, "not enough values to unpack (expected at least %d, got %d)", (int)want, (int)n);
      else vm_raise_fmt(vm, &exc_ValueError, "not enough values to unpack (expected %d, got %d)", (int)want, (int)n);
      return false;
    }
    base[1 + n++] = v;
    vm->sp = base + 1 + n;
  }
  if (starred) {
    uint32_t len;
    rest = list_new(vm, 0);
    if (rest == EXC_VAL) return false;
    base[1 + n] = rest;
    vm->sp = base + 2 + n;
    for (;;) {
      v = value_iter_next(vm, it);
      if (v == EXC_VAL) return false;
      if (v == STOP_VAL) break;
      if (!list_append(vm, AS_LIST(rest), v)) return false;
    }
    len = AS_LIST(rest)->len;
    if (len < after) {
      vm_raise_fmt(vm, &exc_ValueError, "not enough values to unpack (expected at least %d, got %d)", (int)want, (int)(n + len));
      return false;
    }
    /* The last `after` items of the rest become separate values. */
    for (i = 0; i < after; i++) base[2 + n + i] = AS_LIST(rest)->items[len - after + i];
    AS_LIST(rest)->len = len - after;
    n += 1 + after;
  }
  /* base[1..n] in order → base[0..n-1] reversed (first on top). */
  for (i = 0; i < n; i++) base[i] = base[1 + i];
  for (i = 0; i < n / 2; i++) { v = base[i]; base[i] = base[n - 1 - i]; base[n - 1 - i] = v; }
  vm->sp = base + n;
  return true;
}

/* ==== the loop =========================================================================== */

#define READ_U16() (ip += 2, (uint32_t)(ip[-2] | (ip[-1] << 8)))
#define READ_I16() ((int16_t)READ_U16())
#define PUSH(v)    (*sp++ = (v))
#define POP()      (*--sp)
#define PEEK(n)    (sp[-1 - (n)])
#define SAVE()     (frame->ip = ip, vm->sp = sp)
#define LOAD()     (frame = &vm->frames[vm->frame_count - 1], ip = frame->ip, sp = vm->sp, \
                    consts = frame->code->consts, locals = frame->slots)
#define THROW()    do { SAVE(); goto error; } while (0)
#define CHECK(v)   do { if ((v) == EXC_VAL) goto error; } while (0)
#define NAME(i)    (AS_STR(frame->code->names[i]))

#if VIPER_COMPUTED_GOTO
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#define CASE(name) op_##name:
#define NEXT()     goto *dispatch[*ip++]
#define LOOP_BEGIN NEXT();
#define LOOP_END
#else
#define CASE(name) case OP_##name:
#define NEXT()     continue
#define LOOP_BEGIN for (;;) { switch (*ip++) {
#define LOOP_END   default: port_fatal("invalid opcode"); } }
#endif

static Value run_class_body(VM *vm, Value fn, ObjDict *ns);
static Value import_module(VM *vm, ObjStr *name);

/* Run frames until the frame at depth `base` returns; its value goes to *result. */
static VmResult run(VM *vm, int base, Value *result) {
  Frame *frame;
  const uint8_t *ip;
  Value *sp, *consts, *locals;
  int call_argc = 0, call_nkw = 0, call_roots = 0;   /* shared by CALL_KW and CALL_EX */
  ObjTuple *call_names = NULL;
  Value yield_value = NONE_VAL;
#if VIPER_COMPUTED_GOTO
  static const void *const dispatch[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = &&op_##name,
    VIPER_OPCODES(X)
#undef X
  };
#endif
  LOAD();
  /* Natives and dunder calls that run Python code again may hold temporary roots meanwhile:
   * nesting that would exhaust them is a RecursionError, never an overflow. */
  if (vm->nroots > VIPER_TEMP_ROOTS - 8) {
    vm->throw_pending = false;
    SAVE();
    vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    goto error;
  }
  if (vm->throw_pending) {   /* generator.throw(): raise at the point where it was suspended */
    vm->throw_pending = false;
    goto error;
  }
  LOOP_BEGIN

  CASE(NOP) NEXT();
  CASE(POP_TOP) sp--; NEXT();
  CASE(DUP_TOP) { Value v = PEEK(0); PUSH(v); NEXT(); }
  CASE(ROT_TWO) { Value v = sp[-1]; sp[-1] = sp[-2]; sp[-2] = v; NEXT(); }
  CASE(ROT_THREE) { Value v = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = v; NEXT(); }
  CASE(LOAD_NONE) PUSH(NONE_VAL); NEXT();
  CASE(LOAD_TRUE) PUSH(TRUE_VAL); NEXT();
  CASE(LOAD_FALSE) PUSH(FALSE_VAL); NEXT();
  CASE(LOAD_SMALL_INT) { vint i = READ_I16(); PUSH(INT_VAL(i)); NEXT(); }
  CASE(LOAD_CONST) { uint32_t i = READ_U16(); PUSH(consts[i]); NEXT(); }
  CASE(LOAD_FAST) {
    uint32_t i = READ_U16();
    Value v = locals[i];
    if (v == UNBOUND_VAL) {
      SAVE();
      vm_raise_fmt(vm, &exc_UnboundLocalError,
                   "cannot access local variable '%s' where it is not associated with a value",
                   AS_STR(frame->code->local_names[i])->chars);
      goto error;
    }
    PUSH(v);
    NEXT();
  }
  CASE(STORE_FAST) { uint32_t i = READ_U16(); locals[i] = POP(); NEXT(); }
  CASE(DELETE_FAST) {
    uint32_t i = READ_U16();
    if (locals[i] == UNBOUND_VAL) {
      SAVE();
      vm_raise_fmt(vm, &exc_UnboundLocalError,
                   "cannot access local variable '%s' where it is not associated with a value",
                   AS_STR(frame->code->local_names[i])->chars);
      goto error;
    }
    locals[i] = UNBOUND_VAL;
    NEXT();
  }
  CASE(LOAD_GLOBAL) {
    ObjStr *name = NAME(READ_U16());
    Value v = dict_get_str(frame->globals, name);
    if (v == UNBOUND_VAL) v = dict_get_str(vm->builtins, name);
    if (v == UNBOUND_VAL) {
      SAVE();
      vm_raise_fmt(vm, &exc_NameError, "name '%s' is not defined", name->chars);
      goto error;
    }
    PUSH(v);
    NEXT();
  }
  CASE(LOAD_NAME) {
    ObjStr *name = NAME(READ_U16());
    Value v = dict_get_str(frame->ns, name);
    if (v == UNBOUND_VAL && frame->ns != frame->globals) v = dict_get_str(frame->globals, name);
    if (v == UNBOUND_VAL) v = dict_get_str(vm->builtins, name);
    if (v == UNBOUND_VAL) {
      SAVE();
      vm_raise_fmt(vm, &exc_NameError, "name '%s' is not defined", name->chars);
      goto error;
    }
    PUSH(v);
    NEXT();
  }
  CASE(STORE_GLOBAL) {
    ObjStr *name = NAME(READ_U16());
    SAVE();
    if (!dict_set(vm, frame->globals, OBJ_VAL(name), PEEK(0))) goto error;
    sp--;
    NEXT();
  }
  CASE(STORE_NAME) {
    ObjStr *name = NAME(READ_U16());
    SAVE();
    if (!dict_set(vm, frame->ns, OBJ_VAL(name), PEEK(0))) goto error;
    sp--;
    NEXT();
  }
  CASE(DELETE_GLOBAL)
  CASE(DELETE_NAME) {
    ObjStr *name = NAME(READ_U16());
    bool found;
    SAVE();
    if (!dict_delete(vm, ip[-3] == OP_DELETE_NAME ? frame->ns : frame->globals, OBJ_VAL(name), &found)) goto error;
    if (!found) {
      vm_raise_fmt(vm, &exc_NameError, "name '%s' is not defined", name->chars);
      goto error;
    }
    NEXT();
  }
  CASE(LOAD_ATTR) {
    ObjStr *name = NAME(READ_U16());
    Value v;
    Value obj = PEEK(0);
    SAVE();
    v = IS_INSTANCE(obj) ? class_getattr(vm, obj, name) : value_getattr(vm, obj, name);   /* instances: no detour */
    CHECK(v);
    sp[-1] = v;
    NEXT();
  }
  CASE(STORE_ATTR) {
    ObjStr *name = NAME(READ_U16());
    SAVE();
    CHECK(value_setattr(vm, sp[-1], name, sp[-2]));
    sp -= 2;
    NEXT();
  }
  CASE(BINARY_OP) {
    int op = *ip++;
    Value b = sp[-1], a = sp[-2], r;
    if (IS_INT(a) && IS_INT(b)) {
      vint x = AS_INT(a), y = AS_INT(b), z;
      switch (op & ~BINOP_INPLACE) {
      case BINOP_ADD: z = x + y; if (INT_FITS(z)) { sp[-2] = INT_VAL(z); sp--; NEXT(); } break;
      case BINOP_SUB: z = x - y; if (INT_FITS(z)) { sp[-2] = INT_VAL(z); sp--; NEXT(); } break;
      case BINOP_AND: sp[-2] = INT_VAL(x & y); sp--; NEXT();
      case BINOP_OR: sp[-2] = INT_VAL(x | y); sp--; NEXT();
      default: break;
      }
    }
    SAVE();
    r = binary_op(vm, op, a, b);
    CHECK(r);
    sp[-2] = r;
    sp--;
    NEXT();
  }
  CASE(UNARY_OP) {
    int op = *ip++;
    Value r;
    SAVE();
    r = unary_op(vm, op, PEEK(0));
    CHECK(r);
    sp[-1] = r;
    NEXT();
  }
  CASE(COMPARE_OP) {
    int op = *ip++;
    Value b = sp[-1], a = sp[-2], r;
    if (IS_INT(a) && IS_INT(b)) {
      vint x = AS_INT(a), y = AS_INT(b);
      bool t;
      switch (op) {
      case CMP_LT: t = x < y; break;
      case CMP_LE: t = x <= y; break;
      case CMP_EQ: case CMP_IS: t = x == y; break;
      case CMP_NE: case CMP_IS_NOT: t = x != y; break;
      case CMP_GT: t = x > y; break;
      case CMP_GE: t = x >= y; break;
      default: goto slow_compare;
      }
      sp[-2] = BOOL_VAL(t);
      sp--;
      NEXT();
    }
  slow_compare:
    SAVE();
    if ((IS_INSTANCE(a) || IS_INSTANCE(b)) && op <= CMP_GE) r = class_compare(vm, op, a, b);
    else r = value_compare(vm, op, a, b);
    CHECK(r);
    sp[-2] = r;
    sp--;
    NEXT();
  }
  CASE(BINARY_SUBSCR) {
    Value r;
    Value key = sp[-1], obj = sp[-2];
    if (IS_LIST(obj) && IS_INT(key)) {
      vint i = AS_INT(key), n = (vint)AS_LIST(obj)->len;
      if (i < 0) i += n;
      if (i >= 0 && i < n) { sp[-2] = AS_LIST(obj)->items[i]; sp--; NEXT(); }
    }
    SAVE();
    r = value_getitem(vm, obj, key);
    CHECK(r);
    sp[-2] = r;
    sp--;
    NEXT();
  }
  CASE(STORE_SUBSCR) {
    SAVE();
    CHECK(value_setitem(vm, sp[-2], sp[-1], sp[-3]));
    sp -= 3;
    NEXT();
  }
  CASE(BUILD_TUPLE) {
    uint32_t n = READ_U16();
    Value t;
    SAVE();
    t = tuple_new(vm, n);
    CHECK(t);
    if (n) memcpy(AS_TUPLE(t)->items, sp - n, n * sizeof(Value));
    sp -= n;
    PUSH(t);
    NEXT();
  }
  CASE(BUILD_LIST) {
    uint32_t n = READ_U16();
    Value l;
    SAVE();
    l = list_new(vm, n);
    CHECK(l);
    if (n) memcpy(AS_LIST(l)->items, sp - n, n * sizeof(Value));
    sp -= n;
    PUSH(l);
    NEXT();
  }
  CASE(BUILD_DICT) {
    uint32_t n = READ_U16(), i;
    Value d;
    SAVE();
    d = dict_new(vm);
    CHECK(d);
    vm_push_root(vm, d);
    for (i = 0; i < n; i++) {
      if (!dict_set(vm, AS_DICT(d), sp[-2 * (int)n + 2 * (int)i], sp[-2 * (int)n + 2 * (int)i + 1])) {
        vm_pop_root(vm);
        goto error;
      }
    }
    vm_pop_root(vm);
    sp -= 2 * n;
    PUSH(d);
    NEXT();
  }
  CASE(GET_ITER) {
    Value it;
    SAVE();
    it = value_iter(vm, PEEK(0));
    CHECK(it);
    sp[-1] = it;
    NEXT();
  }
  CASE(FOR_ITER) {
    int16_t off = READ_I16();
    Value it = PEEK(0), v;
    if (IS_TYPE(it, &range_iter_type)) {
      ObjIter *r = AS_ITER(it);
      vint i = r->index;
      if (r->step > 0 ? i < r->stop : i > r->stop) {
        r->index = i + r->step;
        PUSH(INT_VAL(i));
        NEXT();
      }
      v = STOP_VAL;
    } else {
      SAVE();
      v = value_iter_next(vm, it);
      CHECK(v);
    }
    if (v == STOP_VAL) { sp--; ip += off; NEXT(); }
    PUSH(v);
    NEXT();
  }
  CASE(JUMP) {
    int16_t off = READ_I16();
    ip += off;
    if (off < 0 && --vm->poll_countdown == 0) {
      SAVE();
      if (poll_hook(vm)) { vm_raise(vm, &exc_KeyboardInterrupt, NULL); goto error; }
    }
    NEXT();
  }
  CASE(POP_JUMP_IF_FALSE) {
    int16_t off = READ_I16();
    Value v = POP();
    if (IS_INSTANCE(v)) {
      int t;
      SAVE();
      t = class_truthy(vm, v);
      if (t < 0) goto error;
      if (!t) ip += off;
      NEXT();
    }
    if (v == FALSE_VAL || (v != TRUE_VAL && !value_truthy(v))) ip += off;
    NEXT();
  }
  CASE(POP_JUMP_IF_TRUE) {
    int16_t off = READ_I16();
    Value v = POP();
    if (IS_INSTANCE(v)) {
      int t;
      SAVE();
      t = class_truthy(vm, v);
      if (t < 0) goto error;
      if (t) ip += off;
      NEXT();
    }
    if (v == TRUE_VAL || (v != FALSE_VAL && value_truthy(v))) ip += off;
    NEXT();
  }
  CASE(JUMP_IF_FALSE_OR_POP) {
    int16_t off = READ_I16();
    int t;
    if (IS_INSTANCE(PEEK(0))) { SAVE(); t = class_truthy(vm, PEEK(0)); if (t < 0) goto error; }
    else t = value_truthy(PEEK(0));
    if (!t) ip += off; else sp--;
    NEXT();
  }
  CASE(JUMP_IF_TRUE_OR_POP) {
    int16_t off = READ_I16();
    int t;
    if (IS_INSTANCE(PEEK(0))) { SAVE(); t = class_truthy(vm, PEEK(0)); if (t < 0) goto error; }
    else t = value_truthy(PEEK(0));
    if (t) ip += off; else sp--;
    NEXT();
  }
  CASE(CALL) {
    int argc = *ip++;
    Value callee = sp[-argc - 1], r;
    SAVE();
    if (--vm->poll_countdown == 0 && poll_hook(vm)) {
      vm_raise(vm, &exc_KeyboardInterrupt, NULL);
      goto error;
    }
    if (IS_TYPE(callee, &method_type)) {
      if (sp + 1 > vm->stack_end) { vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded"); goto error; }
      memmove(sp - argc + 1, sp - argc, (size_t)argc * sizeof(Value));
      sp[-argc] = ((ObjMethod *)AS_OBJ(callee))->self;
      callee = sp[-argc - 1] = ((ObjMethod *)AS_OBJ(callee))->fn;
      sp++;
      argc++;
      SAVE();
    }
    if (IS_FUNCTION(callee)) {
      if (!push_frame(vm, AS_FUNCTION(callee), argc, 0, NULL)) goto error;
      LOAD();
      NEXT();
    }
    r = call_native(vm, callee, argc, sp - argc, 0, NULL);
    CHECK(r);
    sp -= argc;
    sp[-1] = r;
    NEXT();
  }
  CASE(CALL_KW) {
    int argc = *ip++, nkw;
    Value names = POP();
    if (!IS_TUPLE(names) || AS_TUPLE(names)->len > (uint32_t)argc) {
      SAVE();
      vm_raise(vm, &exc_TypeError, "bad keyword names in a call");
      goto error;
    }
    nkw = (int)AS_TUPLE(names)->len;
    call_argc = argc;
    call_nkw = nkw;
    call_names = AS_TUPLE(names);
    call_roots = 0;
    goto call_general;
  }
  CASE(CALL_EX) {
    int has_kw = *ip++;
    Value kwd = has_kw ? sp[-1] : NONE_VAL, seq = sp[-1 - has_kw], *dest = sp - 1 - has_kw;
    uint32_t npos, nkw = 0, i, k;
    SAVE();
    if (!IS_LIST(seq) && !IS_TUPLE(seq)) {
      seq = value_iter(vm, seq);   /* f(*iterable): collect it into a tuple first */
      CHECK(seq);
      vm_push_root(vm, seq);
      {
        Value t = call_native(vm, OBJ_VAL(&tuple_type), 1, &vm->roots[vm->nroots - 1], 0, NULL);
        vm_pop_root(vm);
        CHECK(t);
        seq = t;
      }
    }
    vm_push_root(vm, seq);
    vm_push_root(vm, kwd);
    call_roots = 2;
    call_names = NULL;
    if (has_kw) {
      Value t;
      if (!IS_DICT(kwd)) { vm->nroots -= 2; vm_raise_fmt(vm, &exc_TypeError, "argument after ** must be a mapping, not %t", kwd); goto error; }
      nkw = AS_DICT(kwd)->live;
      t = tuple_new(vm, nkw);
      if (t == EXC_VAL) { vm->nroots -= 2; goto error; }
      vm_push_root(vm, t);
      call_roots = 3;
      call_names = AS_TUPLE(t);
    }
    npos = IS_LIST(seq) ? AS_LIST(seq)->len : AS_TUPLE(seq)->len;
    if (dest + npos + nkw + 1 > vm->stack_end) {
      vm->nroots -= call_roots;
      vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
      goto error;
    }
    if (npos > 0) memcpy(dest, IS_LIST(seq) ? AS_LIST(seq)->items : AS_TUPLE(seq)->items, npos * sizeof(Value));
    for (i = 0, k = 0; has_kw && i < AS_DICT(kwd)->used; i++) {
      DictEntry *e = &AS_DICT(kwd)->entries[i];
      if (e->key == DELETED_VAL) continue;
      call_names->items[k] = e->key;
      dest[npos + k] = e->value;
      k++;
    }
    sp = dest + npos + nkw;
    call_argc = (int)(npos + nkw);
    call_nkw = (int)nkw;
    goto call_general;
  }
  call_general: {
    Value callee = sp[-call_argc - 1], r;
    if (IS_TYPE(callee, &method_type)) {
      if (sp + 1 > vm->stack_end) { vm->nroots -= call_roots; SAVE(); vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded"); goto error; }
      memmove(sp - call_argc + 1, sp - call_argc, (size_t)call_argc * sizeof(Value));
      sp[-call_argc] = ((ObjMethod *)AS_OBJ(callee))->self;
      callee = sp[-call_argc - 1] = ((ObjMethod *)AS_OBJ(callee))->fn;
      sp++;
      call_argc++;
    }
    SAVE();
    if (IS_FUNCTION(callee)) {
      bool ok = push_frame(vm, AS_FUNCTION(callee), call_argc, call_nkw, call_names);
      vm->nroots -= call_roots;
      if (!ok) goto error;
      LOAD();
      NEXT();
    }
    r = call_native(vm, callee, call_argc, sp - call_argc, call_nkw, call_names);
    vm->nroots -= call_roots;
    CHECK(r);
    sp -= call_argc;
    sp[-1] = r;
    NEXT();
  }
  CASE(LIST_APPEND) {
    SAVE();
    if (!IS_LIST(sp[-2])) { vm_raise(vm, &exc_TypeError, "LIST_APPEND needs a list"); goto error; }
    if (!list_append(vm, AS_LIST(sp[-2]), sp[-1])) goto error;
    sp--;
    NEXT();
  }
  CASE(LIST_EXTEND) {
    Value it, v;
    SAVE();
    if (!IS_LIST(sp[-2])) { vm_raise(vm, &exc_TypeError, "LIST_EXTEND needs a list"); goto error; }
    if (IS_TUPLE(sp[-1]) || IS_LIST(sp[-1])) {
      uint32_t i, n = IS_TUPLE(sp[-1]) ? AS_TUPLE(sp[-1])->len : AS_LIST(sp[-1])->len;
      for (i = 0; i < n; i++)
        if (!list_append(vm, AS_LIST(sp[-2]), IS_TUPLE(sp[-1]) ? AS_TUPLE(sp[-1])->items[i] : AS_LIST(sp[-1])->items[i]))
          goto error;
      sp--;
      NEXT();
    }
    it = value_iter(vm, sp[-1]);
    if (it == EXC_VAL) {
      if (IS_TYPE(vm->exc, &exc_TypeError))
        vm_raise_fmt(vm, &exc_TypeError, "Value after * must be an iterable, not %t", sp[-1]);
      goto error;
    }
    sp[-1] = it;
    for (;;) {
      v = value_iter_next(vm, it);
      CHECK(v);
      if (v == STOP_VAL) break;
      if (!list_append(vm, AS_LIST(sp[-2]), v)) goto error;
    }
    sp--;
    NEXT();
  }
  CASE(LIST_TO_TUPLE) {
    ObjList *l;
    Value t;
    SAVE();
    if (!IS_LIST(sp[-1])) { vm_raise(vm, &exc_TypeError, "LIST_TO_TUPLE needs a list"); goto error; }
    l = AS_LIST(sp[-1]);
    t = tuple_new(vm, l->len);
    CHECK(t);
    if (l->len) memcpy(AS_TUPLE(t)->items, l->items, l->len * sizeof(Value));
    sp[-1] = t;
    NEXT();
  }
  CASE(SET_UPDATE) {
    SAVE();
    if (!IS_TYPE(sp[-2], &set_type)) { vm_raise(vm, &exc_TypeError, "SET_UPDATE needs a set"); goto error; }
    if (!set_update(vm, AS_SET(sp[-2]), sp[-1])) goto error;
    sp--;
    NEXT();
  }
  CASE(DICT_MERGE) {
    int in_call = *ip++;
    Value src = sp[-1], dst = sp[-2];
    uint32_t i;
    SAVE();
    if (!IS_DICT(dst)) { vm_raise(vm, &exc_TypeError, "DICT_MERGE needs a dict"); goto error; }
    if (!IS_DICT(src)) {
      if (in_call) vm_raise_fmt(vm, &exc_TypeError, "argument after ** must be a mapping, not %t", src);
      else vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not a mapping", src);
      goto error;
    }
    for (i = 0; i < AS_DICT(src)->used; i++) {
      DictEntry *e = &AS_DICT(src)->entries[i];
      if (e->key == DELETED_VAL) continue;
      if (in_call) {
        Value old;
        if (!IS_STR(e->key)) { vm_raise(vm, &exc_TypeError, "keywords must be strings"); goto error; }
        old = dict_get(vm, AS_DICT(dst), e->key);
        CHECK(old);
        if (old != UNBOUND_VAL) {
          Value f = sp[-4];
          const char *fname = IS_FUNCTION(f) ? AS_FUNCTION(f)->code->qualname->chars
                              : IS_BUILTIN(f) ? AS_BUILTIN(f)->name : value_type(f)->name;
          vm_raise_fmt(vm, &exc_TypeError, "%s() got multiple values for keyword argument '%s'", fname,
                       AS_STR(e->key)->chars);
          goto error;
        }
      }
      if (!dict_set(vm, AS_DICT(dst), e->key, e->value)) goto error;
    }
    sp--;
    NEXT();
  }
  CASE(SET_FUNCTION_ATTR) {
    int which = *ip++;
    Value f = sp[-1], v = sp[-2];
    if (!IS_FUNCTION(f)) { SAVE(); vm_raise(vm, &exc_TypeError, "SET_FUNCTION_ATTR needs a function"); goto error; }
    if (which == FUNC_ATTR_DEFAULTS && IS_TUPLE(v)) AS_FUNCTION(f)->defaults = v;
    else if (which == FUNC_ATTR_KWDEFAULTS && IS_DICT(v)) AS_FUNCTION(f)->kwdefaults = v;
    else if (which == FUNC_ATTR_CLOSURE && IS_TUPLE(v)) AS_FUNCTION(f)->closure = v;
    else { SAVE(); vm_raise(vm, &exc_TypeError, "bad function attribute"); goto error; }
    sp[-2] = f;
    sp--;
    NEXT();
  }
  CASE(UNPACK_SEQUENCE) {
    uint32_t n = READ_U16(), i;
    Value seq = sp[-1];
    SAVE();
    if ((IS_TUPLE(seq) || IS_LIST(seq))) {
      uint32_t len = IS_TUPLE(seq) ? AS_TUPLE(seq)->len : AS_LIST(seq)->len;
      Value *items = IS_TUPLE(seq) ? AS_TUPLE(seq)->items : AS_LIST(seq)->items;
      if (len != n) {
        if (len < n) vm_raise_fmt(vm, &exc_ValueError, "not enough values to unpack (expected %d, got %d)", (int)n, (int)len);
        else vm_raise_fmt(vm, &exc_ValueError, "too many values to unpack (expected %d)", (int)n);
        goto error;
      }
      sp--;
      for (i = n; i > 0; i--) *sp++ = items[i - 1];
      NEXT();
    }
    if (!unpack_iterable(vm, n, 0, false)) goto error;
    sp = vm->sp;
    NEXT();
  }
  CASE(UNPACK_EX) {
    uint32_t arg = READ_U16();
    SAVE();
    if (!unpack_iterable(vm, arg & 0xFF, arg >> 8, true)) goto error;
    sp = vm->sp;
    NEXT();
  }
  CASE(FORMAT_VALUE) {
    int conversion = *ip++;
    Value r;
    SAVE();
    r = builtins_format_value(vm, sp - 2, conversion);
    CHECK(r);
    sp -= 2;
    PUSH(r);
    NEXT();
  }
  CASE(BUILD_SLICE) {
    int n = *ip++;
    Value r;
    SAVE();
    r = slice_new(vm, sp[-n], sp[-n + 1], n == 3 ? sp[-1] : NONE_VAL);
    CHECK(r);
    sp -= n;
    PUSH(r);
    NEXT();
  }
  CASE(MAKE_CELL) {
    uint32_t i = READ_U16();
    Value c;
    SAVE();
    c = cell_new(vm, locals[i]);
    CHECK(c);
    locals[i] = c;
    NEXT();
  }
  CASE(LOAD_DEREF) {
    uint32_t i = READ_U16();
    Value c = locals[i];
    if (!IS_TYPE(c, &cell_type) || ((ObjCell *)AS_OBJ(c))->value == UNBOUND_VAL) {
      SAVE();
      deref_error(vm, frame->code, i, c);
      goto error;
    }
    PUSH(((ObjCell *)AS_OBJ(c))->value);
    NEXT();
  }
  CASE(STORE_DEREF) {
    uint32_t i = READ_U16();
    Value c = locals[i];
    if (!IS_TYPE(c, &cell_type)) { SAVE(); deref_error(vm, frame->code, i, c); goto error; }
    ((ObjCell *)AS_OBJ(c))->value = POP();
    NEXT();
  }
  CASE(DELETE_DEREF) {
    uint32_t i = READ_U16();
    Value c = locals[i];
    if (!IS_TYPE(c, &cell_type) || ((ObjCell *)AS_OBJ(c))->value == UNBOUND_VAL) {
      SAVE();
      deref_error(vm, frame->code, i, c);
      goto error;
    }
    ((ObjCell *)AS_OBJ(c))->value = UNBOUND_VAL;
    NEXT();
  }
  CASE(LOAD_CLOSURE) {
    uint32_t i = READ_U16();
    if (!IS_TYPE(locals[i], &cell_type)) { SAVE(); deref_error(vm, frame->code, i, locals[i]); goto error; }
    PUSH(locals[i]);
    NEXT();
  }
  CASE(COPY_FREE_VARS) {
    uint32_t n = READ_U16(), i, first = frame->code->nlocals - n;
    Value fn = locals[-1], closure;
    closure = IS_FUNCTION(fn) ? AS_FUNCTION(fn)->closure : NONE_VAL;
    if (!IS_TUPLE(closure) || AS_TUPLE(closure)->len != n) {
      SAVE();
      vm_raise(vm, &exc_TypeError, "function has the wrong closure");
      goto error;
    }
    for (i = 0; i < n; i++) locals[first + i] = AS_TUPLE(closure)->items[i];
    NEXT();
  }
  CASE(GEN_START) {
    Value fn = locals[-1], g;
    ObjGenerator *gen;
    uint32_t n = (uint32_t)(sp - locals), cap = frame->code->nlocals + frame->code->stacksize;
    SAVE();
    if (!IS_FUNCTION(fn)) { vm_raise(vm, &exc_RuntimeError, "GEN_START outside a function"); goto error; }
    gen = (ObjGenerator *)obj_alloc(vm, &generator_type, sizeof(ObjGenerator));
    if (gen == NULL) goto error;
    gen->fn = AS_FUNCTION(fn);
    gen->saved = NULL;
    gen->nsaved = 0;
    gen->state = GEN_CREATED;
    gen->nblocks = 0;
    gen->queued = 0;
    gen->next_final = NULL;
    gen->ip = (uint32_t)(ip - frame->code->code);
    g = OBJ_VAL(gen);
    vm_push_root(vm, g);
    gen->saved = (Value *)raw_alloc(vm, (cap ? cap : 1) * sizeof(Value));
    vm_pop_root(vm);
    if (gen->saved == NULL) goto error;
    memcpy(gen->saved, locals, n * sizeof(Value));
    gen->nsaved = (uint16_t)n;
    PUSH(g);
    goto do_return;
  }
  CASE(YIELD_VALUE) {
    yield_value = POP();
    goto do_yield;
  }
  CASE(YIELD_FROM) {
    Value v = sp[-1], it = sp[-2], r, ret = NONE_VAL;
    SAVE();
    if (IS_GENERATOR(it)) r = gen_resume(vm, (ObjGenerator *)AS_OBJ(it), v, false, &ret);
    else if (!IS_NONE(v) || IS_INSTANCE(it)) r = gen_delegate_send(vm, it, v, &ret);
    else r = value_iter_next(vm, it);
    CHECK(r);
    if (r == STOP_VAL) { sp -= 2; PUSH(ret); NEXT(); }
    sp--;             /* resuming pushes the sent value and runs YIELD_FROM again */
    ip--;
    yield_value = r;
    goto do_yield;
  }
  do_yield: {
    Value g = locals[-1];
    ObjGenerator *gen;
    uint32_t n = (uint32_t)(sp - locals), i;
    SAVE();
    if (!IS_GENERATOR(g) || vm->frame_count - 1 != base) { vm_raise(vm, &exc_RuntimeError, "yield outside a generator"); goto error; }
    gen = (ObjGenerator *)AS_OBJ(g);
    memcpy(gen->saved, locals, n * sizeof(Value));
    gen->nsaved = (uint16_t)n;
    gen->ip = (uint32_t)(ip - frame->code->code);
    gen->nblocks = frame->nblocks;
    for (i = 0; i < frame->nblocks; i++) {
      gen->blocks[2 * i] = frame->blocks[i].handler;
      gen->blocks[2 * i + 1] = frame->blocks[i].level;
    }
    vm->frame_count--;
    vm->sp = frame->slots;
    vm->gen_yielded = true;
    *result = yield_value;
    return VM_OK;
  }
  CASE(LIST_APPEND_AT) {
    uint32_t n = READ_U16();
    Value v = POP(), l = sp[-(int)n];
    SAVE();
    if (!IS_LIST(l)) { vm_raise(vm, &exc_TypeError, "LIST_APPEND_AT needs a list"); goto error; }
    if (!list_append(vm, AS_LIST(l), v)) goto error;
    NEXT();
  }
  CASE(SET_ADD_AT) {
    uint32_t n = READ_U16();
    Value v = sp[-1], st = sp[-1 - (int)n];
    SAVE();
    if (!IS_SET(st)) { vm_raise(vm, &exc_TypeError, "SET_ADD_AT needs a set"); goto error; }
    if (!set_add(vm, AS_SET(st), v)) goto error;
    sp--;
    NEXT();
  }
  CASE(MAP_ADD_AT) {
    uint32_t n = READ_U16();
    Value d = sp[-2 - (int)n];
    SAVE();
    if (!IS_DICT(d)) { vm_raise(vm, &exc_TypeError, "MAP_ADD_AT needs a dict"); goto error; }
    if (!dict_set(vm, AS_DICT(d), sp[-2], sp[-1])) goto error;
    sp -= 2;
    NEXT();
  }
  CASE(BUILD_SET) {
    uint32_t n = READ_U16(), i;
    Value st;
    SAVE();
    st = set_new(vm, &set_type);
    CHECK(st);
    vm_push_root(vm, st);
    for (i = 0; i < n; i++)
      if (!set_add(vm, AS_SET(st), sp[-(int)n + (int)i])) { vm_pop_root(vm); goto error; }
    vm_pop_root(vm);
    sp -= n;
    PUSH(st);
    NEXT();
  }
  CASE(WITH_EXCEPT) {
    Value argv[3], r;
    argv[1] = sp[-1];
    argv[0] = OBJ_VAL(IS_TYPE(argv[1], &type_type) ? (const Type *)AS_OBJ(argv[1]) : value_type(argv[1]));
    argv[2] = NONE_VAL;
    SAVE();
    r = vm_call(vm, sp[-3], 3, argv);
    CHECK(r);
    if (IS_INSTANCE(r)) {
      int t = class_truthy(vm, r);
      if (t < 0) goto error;
      r = BOOL_VAL(t);
    }
    PUSH(r);
    NEXT();
  }
  CASE(LOAD_METHOD) {
    ObjStr *name = NAME(READ_U16());
    Value obj = sp[-1], v;
    if (IS_INSTANCE(obj) && !(((const ObjClass *)OBJ_TYPE(obj))->hooks & CLASS_HOOK_GETATTRIBUTE)) {
      ObjInstance *o = (ObjInstance *)AS_OBJ(obj);
      Value attr = class_lookup(o->obj.type, name);
      if (IS_FUNCTION(attr) && (o->dict == NULL || dict_get_str(o->dict, name) == UNBOUND_VAL)) {
        sp[-1] = attr;
        PUSH(obj);
        NEXT();
      }
    }
    SAVE();
    v = IS_INSTANCE(obj) ? class_getattr(vm, obj, name) : value_getattr(vm, obj, name);   /* instances: no detour */
    CHECK(v);
    sp[-1] = v;
    PUSH(UNBOUND_VAL);
    NEXT();
  }
  CASE(CALL_METHOD) {
    int argc = *ip++;
    if (sp[-argc - 1] == UNBOUND_VAL) {   /* an ordinary callable: drop the marker */
      memmove(sp - argc - 1, sp - argc, (size_t)argc * sizeof(Value));
      sp--;
    } else {
      argc++;                             /* function, self, args */
    }
    {
      Value callee = sp[-argc - 1], r;
      SAVE();
      if (--vm->poll_countdown == 0 && poll_hook(vm)) {
        vm_raise(vm, &exc_KeyboardInterrupt, NULL);
        goto error;
      }
      if (IS_FUNCTION(callee)) {
        if (!push_frame(vm, AS_FUNCTION(callee), argc, 0, NULL)) goto error;
        LOAD();
        NEXT();
      }
      if (IS_TYPE(callee, &method_type)) {
        r = vm_call(vm, callee, argc, sp - argc);
      } else {
        r = call_native(vm, callee, argc, sp - argc, 0, NULL);
      }
      CHECK(r);
      sp -= argc;
      sp[-1] = r;
      NEXT();
    }
  }
  CASE(IMPORT_NAME) {
    ObjStr *name = NAME(READ_U16());
    Value m;
    SAVE();
    m = import_module(vm, name);
    CHECK(m);
    PUSH(m);
    NEXT();
  }
  CASE(IMPORT_FROM) {
    ObjStr *name = NAME(READ_U16());
    Value m = sp[-1], v;
    SAVE();
    v = IS_MODULE(m) ? dict_get_str(AS_MODULE(m)->dict, name) : UNBOUND_VAL;
    if (v == UNBOUND_VAL) {
      Value mn = IS_MODULE(m) ? dict_get_str(AS_MODULE(m)->dict, AS_STR(str_intern(vm, "__name__", 8))) : UNBOUND_VAL;
      vm_raise_fmt(vm, &exc_ImportError, "cannot import name '%s' from '%s' (unknown location)", name->chars,
                   IS_STR(mn) ? AS_STR(mn)->chars : "?");
      goto error;
    }
    PUSH(v);
    NEXT();
  }
  CASE(IMPORT_STAR) {
    /* The module stays on the stack (a root) until every name is copied. */
    Value m = sp[-1], all;
    ObjDict *src;
    uint32_t i;
    SAVE();
    if (!IS_MODULE(m)) { vm_raise(vm, &exc_TypeError, "IMPORT_STAR needs a module"); goto error; }
    src = AS_MODULE(m)->dict;
    all = str_intern(vm, "__all__", 7);
    CHECK(all);
    all = dict_get_str(src, AS_STR(all));
    if (all == UNBOUND_VAL) {
      for (i = 0; i < src->used; i++) {
        DictEntry *e = &src->entries[i];
        if (e->key == DELETED_VAL || !IS_STR(e->key) || AS_STR(e->key)->chars[0] == '_') continue;
        if (!dict_set(vm, frame->ns, e->key, e->value)) goto error;
      }
    } else {
      if (!IS_LIST(all) && !IS_TUPLE(all)) { vm_raise_fmt(vm, &exc_TypeError, "%t object is not a list of names", all); goto error; }
      for (i = 0; i < (IS_LIST(all) ? AS_LIST(all)->len : AS_TUPLE(all)->len); i++) {
        Value name = IS_LIST(all) ? AS_LIST(all)->items[i] : AS_TUPLE(all)->items[i], v;
        if (!IS_STR(name)) { vm_raise_fmt(vm, &exc_TypeError, "Item in __all__ must be str, not %t", name); goto error; }
        v = dict_get_str(src, AS_STR(name));
        if (v == UNBOUND_VAL) {
          Value mn = dict_get_str(src, AS_STR(str_intern(vm, "__name__", 8)));
          vm_raise_fmt(vm, &exc_AttributeError, "module '%s' has no attribute '%s'", IS_STR(mn) ? AS_STR(mn)->chars : "?",
                       AS_STR(name)->chars);
          goto error;
        }
        if (!dict_set(vm, frame->ns, name, v)) goto error;
      }
    }
    sp--;
    NEXT();
  }
  CASE(BUILD_CLASS) {
    int nbases = *ip++;
    Value body = sp[-nbases - 2], name = sp[-nbases - 1], bases, ns, cls, cell;
    SAVE();
    if (!IS_STR(name)) { vm_raise(vm, &exc_TypeError, "class name must be a str"); goto error; }
    if (sp + 3 > vm->stack_end) { vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded"); goto error; }
    bases = tuple_new(vm, (uint32_t)nbases);
    CHECK(bases);
    memcpy(AS_TUPLE(bases)->items, sp - nbases, (size_t)nbases * sizeof(Value));
    /* bases, ns and the cell live on the VM stack above the operands while the body runs */
    sp[0] = bases;
    vm->sp = sp + 1;
    ns = dict_new(vm);
    if (ns == EXC_VAL) { vm->sp = sp; goto error; }
    sp[1] = ns;
    vm->sp = sp + 2;
    cell = run_class_body(vm, body, AS_DICT(ns));
    if (cell == EXC_VAL) { vm->sp = sp; goto error; }
    sp[2] = cell;
    vm->sp = sp + 3;
    cls = class_new(vm, name, bases, AS_DICT(ns));
    vm->sp = sp;
    CHECK(cls);
    if (IS_TYPE(cell, &cell_type)) ((ObjCell *)AS_OBJ(cell))->value = cls;
    sp -= nbases + 1;
    sp[-1] = cls;
    NEXT();
  }
  CASE(SETUP_FINALLY) {
    int16_t off = READ_I16();
    if (frame->nblocks >= VIPER_MAX_BLOCKS) {
      SAVE();
      vm_raise(vm, &exc_RuntimeError, "too many nested try blocks");
      goto error;
    }
    frame->blocks[frame->nblocks].handler = (uint16_t)((ip + off) - frame->code->code);
    frame->blocks[frame->nblocks].level = (uint16_t)(sp - (locals + frame->code->nlocals));
    frame->nblocks++;
    NEXT();
  }
  CASE(POP_BLOCK) {
    if (frame->nblocks == 0) { SAVE(); vm_raise(vm, &exc_RuntimeError, "POP_BLOCK without a block"); goto error; }
    frame->nblocks--;
    NEXT();
  }
  CASE(POP_EXCEPT) {
    vm->handling = POP();
    NEXT();
  }
  CASE(JUMP_IF_NOT_EXC_MATCH) {
    int16_t off = READ_I16();
    Value want = sp[-1], exc = sp[-2];
    int m;
    SAVE();
    m = exception_matches(vm, exc, want);
    if (m < 0) goto error;
    sp -= 2;
    if (!m) ip += off;
    NEXT();
  }
  CASE(RAISE) {
    int n = *ip++;
    Value exc;
    SAVE();
    if (n == 0) {
      if (!is_exception_value(vm->handling)) { vm_raise(vm, &exc_RuntimeError, "No active exception to reraise"); goto error; }
      vm->exc = vm->handling;
      goto error;
    }
    exc = make_exception(vm, sp[-n]);
    if (exc == EXC_VAL) goto error;
    if (n == 2) {   /* raise exc from cause */
      Value cause = sp[-1];
      ExcChain *chain;
      sp[-2] = exc;   /* kept on the stack while the cause is made */
      if (!IS_NONE(cause) && (cause = make_exception(vm, cause)) == EXC_VAL) goto error;
      if ((chain = exception_chain(exc)) != NULL) {
        chain->cause = cause;
        chain->suppress_context = true;
      }
    }
    vm->exc = exc;
    goto error;
  }
  CASE(RERAISE) {
    Value exc = sp[-1];
    vm->handling = sp[-2];
    sp -= 2;
    SAVE();
    if (!is_exception_value(exc)) { vm_raise(vm, &exc_RuntimeError, "RERAISE of a non-exception"); goto error; }
    vm->exc = exc;
    goto error_unwind;
  }
  CASE(DELETE_SUBSCR) {
    SAVE();
    CHECK(value_delitem(vm, sp[-2], sp[-1]));
    sp -= 2;
    NEXT();
  }
  CASE(DELETE_ATTR) {
    ObjStr *name = NAME(READ_U16());
    SAVE();
    CHECK(value_setattr(vm, sp[-1], name, UNBOUND_VAL));
    sp--;
    NEXT();
  }
  CASE(MAKE_FUNCTION) {
    uint32_t i = READ_U16();
    Value f;
    SAVE();
    f = function_new(vm, frame->code->codes[i], frame->globals);
    CHECK(f);
    PUSH(f);
    NEXT();
  }
  CASE(RETURN_VALUE) do_return: {
    Value r = POP();
    vm->frame_count--;
    if (vm->frame_count == base) {
      vm->sp = frame->slots;
      *result = r;
      return VM_OK;
    }
    vm->sp = frame->slots - 1;   /* drop the callee and the arguments */
    *vm->sp++ = r;
    LOAD();
    NEXT();
  }

  LOOP_END

error:
  /* Record where a new exception comes from, every frame included (also those of the runs
   * that called this one from C); the same exception passing through keeps its record. */
  if (vm->exc != vm->traceback_exc) {
    chain_to_handled(vm);
    record_traceback(vm, 0);
    vm->traceback_exc = vm->exc;
  }
error_unwind:
  /* A stop request is never caught: the program ends. */
  if (!(vm->interrupt && IS_TYPE(vm->exc, &exc_KeyboardInterrupt))) {
    while (vm->frame_count > base) {
      Frame *f = &vm->frames[vm->frame_count - 1];
      if (f->nblocks > 0) {
        Block b = f->blocks[--f->nblocks];
        Value exc = vm->exc;
        sp = f->slots + f->code->nlocals + b.level;
        if (vm->exc == vm->traceback_exc) vm->traceback_caught_at = vm->frame_count - 1;
        *sp++ = vm->handling;
        *sp++ = exc;
        vm->handling = exc;
        vm->exc = NONE_VAL;
        f->ip = f->code->code + b.handler;
        vm->sp = sp;
        LOAD();
        NEXT();
      }
      vm->frame_count--;
    }
  }
  vm->frame_count = base;
  return IS_TYPE(vm->exc, &exc_KeyboardInterrupt) && vm->interrupt ? VM_STOPPED : VM_EXCEPTION;
}

#if VIPER_COMPUTED_GOTO
#pragma GCC diagnostic pop
#endif

/* ==== entry points ======================================================================= */

Value vm_call(VM *vm, Value callable, int argc, Value *args) { return vm_call_kw(vm, callable, argc, args, 0, NULL); }

Value vm_call_kw(VM *vm, Value callable, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  Value result = NONE_VAL, *saved = vm->sp;
  int i;
  if (vm->sp + argc + 2 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = callable;
  if (IS_TYPE(callable, &method_type)) {   /* a bound Python method: self goes first */
    ObjMethod *m = (ObjMethod *)AS_OBJ(callable);
    saved[0] = m->fn;
    *vm->sp++ = m->self;
    callable = m->fn;
    for (i = 0; i < argc; i++) *vm->sp++ = args[i];
    argc++;
  } else {
    for (i = 0; i < argc; i++) *vm->sp++ = args[i];
  }
  if (IS_FUNCTION(callable)) {
    int base = vm->frame_count;
    if (!push_frame(vm, AS_FUNCTION(callable), argc, nkw, kwnames)) { vm->sp = saved; return EXC_VAL; }
    if (run(vm, base, &result) != VM_OK) { vm->sp = saved; return EXC_VAL; }
    vm->sp = saved;
    return result;
  }
  result = call_native(vm, callable, argc, saved + 1, nkw, kwnames);
  vm->sp = saved;
  return result;
}

Value gen_resume(VM *vm, ObjGenerator *gen, Value value, bool throw, Value *ret) {
  ObjCode *code = gen->fn->code;
  Value *saved_sp = vm->sp, result = NONE_VAL;
  Frame *f;
  int base, i;
  VmResult status;
  if (ret != NULL) *ret = NONE_VAL;
  if (gen->state == GEN_RUNNING) return vm_raise(vm, &exc_ValueError, "generator already executing");
  if (gen->state == GEN_DONE) {
    if (throw) { vm->exc = value; return EXC_VAL; }
    return STOP_VAL;
  }
  if (gen->state == GEN_CREATED && !throw && !IS_NONE(value))
    return vm_raise(vm, &exc_TypeError, "can't send non-None value to a just-started generator");
  if (vm->frame_count >= VIPER_MAX_FRAMES || vm->sp + 2 + code->nlocals + code->stacksize > vm->stack_end)
    return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = OBJ_VAL(gen);
  f = &vm->frames[vm->frame_count];
  f->slots = vm->sp;
  memcpy(vm->sp, gen->saved, gen->nsaved * sizeof(Value));
  vm->sp += gen->nsaved;
  if (gen->state == GEN_SUSPENDED && !throw) *vm->sp++ = value;
  f->code = code;
  f->ip = code->code + gen->ip;
  f->globals = gen->fn->globals;
  f->ns = gen->fn->globals;
  f->nblocks = gen->nblocks;
  for (i = 0; i < gen->nblocks; i++) {
    f->blocks[i].handler = gen->blocks[2 * i];
    f->blocks[i].level = gen->blocks[2 * i + 1];
  }
  base = vm->frame_count++;
  gen->state = GEN_RUNNING;
  if (throw) { vm->exc = value; vm->throw_pending = true; }
  vm->gen_yielded = false;
  status = run(vm, base, &result);
  vm->sp = saved_sp;
  if (status != VM_OK) {
    gen->state = GEN_DONE;
    gen->nsaved = 0;
    if (status == VM_EXCEPTION && vm_exc_pending_is(vm, &exc_StopIteration)) stop_iteration_escaped(vm, base);
    return EXC_VAL;
  }
  if (vm->gen_yielded) {
    vm->gen_yielded = false;
    gen->state = GEN_SUSPENDED;
    return result;
  }
  gen->state = GEN_DONE;
  gen->nsaved = 0;
  if (ret != NULL) *ret = result;
  vm->stop_value = result;   /* next() reads it at once (no allocation in between) */
  return STOP_VAL;
}

/* import name: a module imported before, else one of this image's modules (run now, in its own
 * globals, registered first so circular imports see it), else a built-in module. */
static Value import_module(VM *vm, ObjStr *name) {
  Value m, code;
  if (vm->modules == NULL) {
    Value d = dict_new(vm);
    if (d == EXC_VAL) return EXC_VAL;
    vm->modules = AS_DICT(d);
  }
  m = dict_get_str(vm->modules, name);
  if (m != UNBOUND_VAL) return m;
  code = vm->module_codes != NULL ? dict_get_str(vm->module_codes, name) : UNBOUND_VAL;
  if (code != UNBOUND_VAL) {
    ObjCode *c = AS_CODE(code);
    Value result, *saved = vm->sp, *v;
    Frame *f;
    int base = vm->frame_count;
    bool found;
    m = module_new(vm, name->chars);
    if (m == EXC_VAL) return EXC_VAL;
    if (!dict_set(vm, vm->modules, OBJ_VAL(name), m)) return EXC_VAL;
    if (vm->frame_count >= VIPER_MAX_FRAMES || vm->sp + 1 + c->nlocals + c->stacksize > vm->stack_end)
      return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    *vm->sp++ = m;   /* the slot below the frame holds the module */
    f = &vm->frames[vm->frame_count++];
    f->code = c;
    f->ip = c->code;
    f->slots = vm->sp;
    f->globals = AS_MODULE(m)->dict;
    f->ns = f->globals;
    f->nblocks = 0;
    for (v = vm->sp; v < vm->sp + c->nlocals; v++) *v = UNBOUND_VAL;
    vm->sp += c->nlocals;
    if (run(vm, base, &result) != VM_OK) {
      Value exc = vm->exc;
      vm->sp = saved;
      vm_push_root(vm, exc);
      dict_delete(vm, vm->modules, OBJ_VAL(name), &found);
      vm_pop_root(vm);
      vm->exc = exc;
      return EXC_VAL;
    }
    vm->sp = saved;
    return m;
  }
  m = module_builtin(vm, name);
  if (m == EXC_VAL) return EXC_VAL;
  if (m == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_ModuleNotFoundError, "No module named '%s'", name->chars);
  vm_push_root(vm, m);
  if (!dict_set(vm, vm->modules, OBJ_VAL(name), m)) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return m;
}

/* Run function fn (no arguments) with ns as its LOAD_NAME/STORE_NAME namespace: a class body. */
static Value run_class_body(VM *vm, Value fn, ObjDict *ns) {
  Value result = NONE_VAL, *saved = vm->sp;
  int base = vm->frame_count;
  if (!IS_FUNCTION(fn)) return vm_raise(vm, &exc_TypeError, "class body is not a function");
  if (vm->sp + 1 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = fn;
  if (!push_frame(vm, AS_FUNCTION(fn), 0, 0, NULL)) { vm->sp = saved; return EXC_VAL; }
  vm->frames[vm->frame_count - 1].ns = ns;
  if (run(vm, base, &result) != VM_OK) { vm->sp = saved; return EXC_VAL; }
  vm->sp = saved;
  return result;
}

VmResult vm_run_image(VM *vm, const uint8_t *image, size_t len) {
  ObjCode *main_code;
  Frame *f;
  Value result, *v;
  VmResult status;
  if (!image_load(vm, image, len)) {
    vm->traceback_count = 0;
    return VM_EXCEPTION;
  }
  {
    Value key = str_intern(vm, "__name__", 8), val;
    if (key == EXC_VAL) return VM_EXCEPTION;
    vm_push_root(vm, key);
    val = str_from_cstr(vm, "__main__");
    vm_pop_root(vm);
    if (val == EXC_VAL || !dict_set(vm, vm->globals, key, val)) return VM_EXCEPTION;
  }
  main_code = vm->codes[vm->main_code];
  if (vm->stack + main_code->nlocals + main_code->stacksize > vm->stack_end) {
    vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    return VM_EXCEPTION;
  }
  f = &vm->frames[0];
  f->code = main_code;
  f->ip = main_code->code;
  f->slots = vm->stack;
  f->globals = vm->globals;
  f->ns = vm->globals;
  f->nblocks = 0;
  for (v = vm->stack; v < vm->stack + main_code->nlocals; v++) *v = UNBOUND_VAL;
  vm->sp = vm->stack + main_code->nlocals;
  vm->frame_count = 1;
  status = run(vm, 0, &result);
  return status;
}
