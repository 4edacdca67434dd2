/* The interpreter: the dispatch loop (calls and binding are in call.c). The loop is written with CASE/NEXT
 * macros so VIPER_COMPUTED_GOTO picks a jump table (GCC "labels as values") or a switch. */
#include <math.h>
#include <string.h>

#include "bytecode.h"
#include "call.h"
#include "debug.h"
#include "gen/image_format.h"
#include "gen/link_protocol.h"
#include "loader.h"
#include "port.h"
#include "thread.h"
#include "vm.h"

bool mem_init(VM *vm, void *heap, size_t size);

/* ==== setup ============================================================================== */

bool vm_init(VM *vm, void *heap, size_t heap_size, VmWriteFn write, void *write_ctx) {
  Value d;
  size_t stack_values;
  memset(vm, 0, sizeof *vm);
  vm->exc = NONE_VAL;
  vm->memory_error = NONE_VAL;
  vm->handling = NONE_VAL;
  vm->traceback_exc = NONE_VAL;
  vm->stop_value = NONE_VAL;
  vm->write = write;
  vm->write_ctx = write_ctx;
  vm->poll_countdown = VIPER_POLL_INTERVAL;
  vm->frames = vm->main_frames;
  vm->max_frames = VIPER_MAX_FRAMES;
  vm->roots = vm->main_roots;
  vm->max_roots = VIPER_TEMP_ROOTS;
  if (!mem_init(vm, heap, heap_size)) return false;
  /* At most a quarter of the heap: a host VM emulating a board's small heap (--heap 32k) keeps
   * room for the program, as the board does with its own VIPER_STACK_VALUES. */
  stack_values = VIPER_STACK_VALUES;
  if (stack_values > heap_size / 4 / sizeof(Value)) stack_values = heap_size / 4 / sizeof(Value);
  vm->stack = (Value *)mem_alloc(vm, stack_values * sizeof(Value), false);
  if (vm->stack == NULL) return false;
  vm->sp = vm->stack;
  vm->stack_end = vm->stack + stack_values;
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

/* A safe point (the loop saved its state): STOP, other threads, pending finalizers. */
static bool poll_hook(VM *vm) {
  vm->poll_countdown = VIPER_POLL_INTERVAL;
  /* a thread of higher priority is ready, or an equal may be waiting for its turn */
  if (vm->switch_wanted || (vm->threads != NULL && thread_slice_over(vm))) thread_yield(vm);
  if (vm->gen_finalize != NULL) gen_run_finalizers(vm);
  if (vm->weak_pending != NULL) weakref_run_callbacks(vm);
  if (vm->poll != NULL && vm->poll(vm->poll_ctx) && !vm->interrupt) thread_interrupt(vm);
  return vm->interrupt;
}

static Value value_delitem(VM *vm, Value obj, Value key);
Value vm_delitem(VM *vm, Value obj, Value key) { return value_delitem(vm, obj, key); }

/* del obj[key]: the setitem slot with no value. */
static Value value_delitem(VM *vm, Value obj, Value key) {
  if (IS_OBJ(obj) && OBJ_TYPE(obj)->setitem != NULL) return OBJ_TYPE(obj)->setitem(vm, obj, key, UNBOUND_VAL);
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
                    consts = frame->code->consts, locals = frame->slots, PICK_TABLE())
#define THROW()    do { SAVE(); goto error; } while (0)
#define CHECK(v)   do { if ((v) == EXC_VAL) goto error; } while (0)
#define NAME(i)    (AS_STR(frame->code->names[i]))

/* The debugger (debug.h): the computed-goto loop runs from one of two tables, chosen where it
 * polls, calls and returns; every entry of the checking one goes to debug_check, which reports
 * the line event and then jumps to the real handler. Without a debugger attached nothing is
 * checked per instruction. The switch loop checks a flag per instruction instead. */
#if VIPER_COMPUTED_GOTO
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#define CASE(name) op_##name:
#define NEXT()     goto *table[*ip++]
#define NEXT_FROM_OUTSIDE() NEXT()
#define LOOP_BEGIN NEXT();
#define LOOP_END
#if VIPER_DEBUGGER
#define PICK_TABLE() (table = debug_checking ? checking : dispatch)
#else
#define PICK_TABLE() ((void)0)
#endif
#else
#define CASE(name) case OP_##name:
#define NEXT()     continue
#define NEXT_FROM_OUTSIDE() goto next_op   /* continue would be the unwinding loop's */
#if VIPER_DEBUGGER
#define LOOP_BEGIN for (;;) { next_op: if (debug_checking) { ip++; goto debug_check; } resume_op: switch (*ip++) {
#else
#define LOOP_BEGIN for (;;) { next_op: switch (*ip++) {
#endif
#define LOOP_END   default: port_fatal("invalid opcode"); } }
#define PICK_TABLE() ((void)0)
#endif

/* call.h: run frames until the frame at depth `base` returns; its value goes to *result. */
VmResult vm_execute(VM *vm, int base, Value *result) {
  Frame *frame;
  const uint8_t *ip;
  Value *sp, *consts, *locals;
  int call_argc = 0, call_nkw = 0;   /* shared by CALL_KW and CALL_EX */
  RootMark call_mark = 0;             /* CALL_EX's roots are held until the call is made */
  RootMark roots_at_entry = gc_root_mark(vm);   /* and found there again at every exit */
  ObjTuple *call_names = NULL;
  Value yield_value = NONE_VAL;
#if VIPER_COMPUTED_GOTO
  static const void *const dispatch[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = &&op_##name,
    VIPER_OPCODES(X)
#undef X
  };
  const void *const *table = dispatch;
#if VIPER_DEBUGGER
  static const void *const checking[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = &&debug_check,
    VIPER_OPCODES(X)
#undef X
  };
#endif
#endif
  LOAD();
  /* Natives and dunder calls that run Python code again may hold temporary roots meanwhile:
   * nesting that would exhaust them is a RecursionError, never an overflow. */
  if (roots_at_entry > vm->max_roots - 8) {
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
    for (i = 0; i < n; i++)
      if (!dict_set(vm, AS_DICT(d), sp[-2 * (int)n + 2 * (int)i], sp[-2 * (int)n + 2 * (int)i + 1])) break;
    gc_root_restore(vm, roots_at_entry);   /* the loop holds no roots of its own here */
    if (i < n) goto error;
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
      PICK_TABLE();
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
      if (!call_push_frame(vm, AS_FUNCTION(callee), argc)) goto error;
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
    call_mark = gc_root_mark(vm);
    goto call_general;
  }
  CASE(CALL_EX) {
    int has_kw = *ip++;
    Value kwd = has_kw ? sp[-1] : NONE_VAL, seq = sp[-1 - has_kw], *dest = sp - 1 - has_kw;
    uint32_t npos, nkw = 0, i, k;
    SAVE();
    call_mark = gc_root_mark(vm);
    if (!IS_LIST(seq) && !IS_TUPLE(seq)) {
      Value t;
      seq = value_iter(vm, seq);   /* f(*iterable): collect it into a tuple first */
      CHECK(seq);
      vm_push_root(vm, seq);
      t = call_native(vm, OBJ_VAL(&tuple_type), 1, &gc_root_at(vm, call_mark, 0), 0, NULL);
      gc_root_restore(vm, call_mark);
      CHECK(t);
      seq = t;
    }
    vm_push_root(vm, seq);
    vm_push_root(vm, kwd);
    call_names = NULL;
    if (has_kw) {
      Value t;
      if (!IS_DICT(kwd)) {   /* any mapping: its keys() and [] */
        Value m = dict_from_mapping(vm, kwd);
        if (m == UNBOUND_VAL) vm_raise_fmt(vm, &exc_TypeError, "argument after ** must be a mapping, not %t", kwd);
        if (m == EXC_VAL || m == UNBOUND_VAL) { gc_root_restore(vm, call_mark); goto error; }
        gc_root_at(vm, call_mark, 1) = kwd = m;
      }
      nkw = AS_DICT(kwd)->live;
      t = tuple_new(vm, nkw);
      if (t == EXC_VAL) { gc_root_restore(vm, call_mark); goto error; }
      vm_push_root(vm, t);
      call_names = AS_TUPLE(t);
    }
    npos = IS_LIST(seq) ? AS_LIST(seq)->len : AS_TUPLE(seq)->len;
    if (dest + npos + nkw + 1 > vm->stack_end) {
      gc_root_restore(vm, call_mark);
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
      if (sp + 1 > vm->stack_end) { gc_root_restore(vm, call_mark); SAVE(); vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded"); goto error; }
      memmove(sp - call_argc + 1, sp - call_argc, (size_t)call_argc * sizeof(Value));
      sp[-call_argc] = ((ObjMethod *)AS_OBJ(callee))->self;
      callee = sp[-call_argc - 1] = ((ObjMethod *)AS_OBJ(callee))->fn;
      sp++;
      call_argc++;
    }
    SAVE();
    if (IS_FUNCTION(callee)) {
      bool ok = call_push_frame_kw(vm, AS_FUNCTION(callee), call_argc, call_nkw, call_names);
      gc_root_restore(vm, call_mark);
      if (!ok) goto error;
      LOAD();
      NEXT();
    }
    r = call_native(vm, callee, call_argc, sp - call_argc, call_nkw, call_names);
    gc_root_restore(vm, call_mark);
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
    if (!IS_DICT(src)) {   /* any mapping: its keys() and [] */
      Value m = dict_from_mapping(vm, src);
      CHECK(m);
      if (m == UNBOUND_VAL) {
        if (in_call) vm_raise_fmt(vm, &exc_TypeError, "argument after ** must be a mapping, not %t", src);
        else vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not a mapping", src);
        goto error;
      }
      sp[-1] = src = m;
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
    gen = (ObjGenerator *)obj_alloc(vm, (frame->code->flags & CODE_FLAG_COROUTINE) ? &coroutine_type : &generator_type,
                                    sizeof(ObjGenerator));
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
  CASE(GET_AWAITABLE) {
    int how = *ip++;
    Value it;
    SAVE();
    it = coro_get_awaitable(vm, PEEK(0), how);
    CHECK(it);
    sp[-1] = it;
    NEXT();
  }
  CASE(YIELD_VALUE) {
    yield_value = POP();
    goto do_yield;
  }
  CASE(YIELD_FROM) {
    Value v = sp[-1], it = sp[-2], r, ret = NONE_VAL;
    SAVE();
    if (IS_GENLIKE(it)) r = gen_resume(vm, (ObjGenerator *)AS_OBJ(it), v, false, &ret);
    else if (!IS_NONE(v) || IS_INSTANCE(it)) r = gen_delegate_send(vm, it, v, &ret);
    else r = gen_delegate_stop(vm, value_iter_next(vm, it), &ret);
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
    if (!IS_GENLIKE(g) || vm->frame_count - 1 != base) { vm_raise(vm, &exc_RuntimeError, "yield outside a generator"); goto error; }
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
    gc_root_check(vm, roots_at_entry);
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
      if (!set_add(vm, AS_SET(st), sp[-(int)n + (int)i])) break;
    gc_root_restore(vm, roots_at_entry);
    if (i < n) goto error;
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
        if (!call_push_frame(vm, AS_FUNCTION(callee), argc)) goto error;
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
    m = module_import(vm, name);
    CHECK(m);
    PUSH(m);
    NEXT();
  }
  CASE(IMPORT_FROM) {
    ObjStr *name = NAME(READ_U16());
    Value m = sp[-1], v;
    SAVE();
    v = IS_MODULE(m) ? dict_get_str(AS_MODULE(m)->dict, name) : value_getattr(vm, m, name);
    if (v == UNBOUND_VAL && IS_MODULE(m)) v = module_getattr(vm, m, name);   /* its __getattr__ (PEP 562) */
    if (v == EXC_VAL) {   /* sys.modules held another object, without that attribute */
      if (vm_exc_pending_is(vm, &exc_AttributeError)) {
        Value mn = value_getattr(vm, m, AS_STR(str_intern(vm, "__name__", 8)));
        vm_raise_fmt(vm, &exc_ImportError, "cannot import name '%s' from '%s' (unknown location)", name->chars,
                     IS_STR(mn) ? AS_STR(mn)->chars : "<unknown module name>");
      }
      goto error;
    }
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
    if (!IS_MODULE(m)) {   /* sys.modules can hold any object: a class, an instance */
      if (module_import_star_object(vm, m, frame->ns) == EXC_VAL) goto error;
      sp--;
      NEXT();
    }
    src = AS_MODULE(m)->dict;
    all = str_intern(vm, "__all__", 7);
    CHECK(all);
    all = dict_get_str(src, AS_STR(all));
    if (all == UNBOUND_VAL) {
      Value done = module_import_star_dir(vm, m, frame->ns);   /* names made on demand (board) */
      CHECK(done);
      if (done != UNBOUND_VAL) {
        sp--;
        NEXT();
      }
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
    cell = call_class_body(vm, body, AS_DICT(ns));
    if (cell == EXC_VAL) { vm->sp = sp; goto error; }
    sp[2] = cell;
    vm->sp = sp + 3;
    cls = class_build(vm, name, bases, AS_DICT(ns), UNBOUND_VAL);
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
      sp[-2] = exc;   /* kept on the stack while the cause is made */
      if (!exception_set_cause(vm, exc, sp[-1])) goto error;
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
      gc_root_check(vm, roots_at_entry);
      return VM_OK;
    }
    vm->sp = frame->slots - 1;   /* drop the callee and the arguments */
    *vm->sp++ = r;
    LOAD();
    NEXT();
  }

  LOOP_END

#if VIPER_DEBUGGER
debug_check:   /* ip is past the opcode of the instruction about to run */
  SAVE();
  {
    int go = debug_line(vm, (uint32_t)(ip - 1 - frame->code->code));
    LOAD();   /* the checking table again, or not */
    if (go < 0) { vm_raise(vm, &exc_KeyboardInterrupt, NULL); goto error; }
  }
#if VIPER_COMPUTED_GOTO
  goto *dispatch[ip[-1]];
#else
  ip--;
  goto resume_op;
#endif
#endif

error:
#if VIPER_DEBUGGER
  if (debug_exceptions & DEBUG_FLAG_BREAK_RAISED) {
    bool fresh = vm->exc != vm->traceback_exc;
    exception_raised(vm);
    if (fresh && !debug_raised(vm)) vm_raise(vm, &exc_KeyboardInterrupt, NULL);
  } else
#endif
  exception_raised(vm);   /* where a new exception comes from (exception.c) */
error_unwind:
#if VIPER_DEBUGGER
  if ((debug_exceptions & DEBUG_FLAG_BREAK_UNCAUGHT) && !debug_unwinding(vm)) vm_raise(vm, &exc_KeyboardInterrupt, NULL);
#endif
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
        NEXT_FROM_OUTSIDE();
      }
      vm->frame_count--;
    }
  }
  vm->frame_count = base;
  gc_root_check(vm, roots_at_entry);
  return IS_TYPE(vm->exc, &exc_KeyboardInterrupt) && vm->interrupt ? VM_STOPPED : VM_EXCEPTION;
}

#if VIPER_COMPUTED_GOTO
#pragma GCC diagnostic pop
#endif

/* ==== entry points ======================================================================= */

Value gen_resume(VM *vm, ObjGenerator *gen, Value value, bool throw, Value *ret) {
  ObjCode *code = gen->fn->code;
  Value *saved_sp = vm->sp, result = NONE_VAL;
  Frame *f;
  int base, i;
  VmResult status;
  if (ret != NULL) *ret = NONE_VAL;
  const char *kind = gen->obj.type->name;   /* generator or coroutine */
  if (gen->state == GEN_RUNNING) return vm_raise_fmt(vm, &exc_ValueError, "%s already executing", kind);
  if (gen->state == GEN_DONE) {
    if (gen->obj.type == &coroutine_type) return vm_raise(vm, &exc_RuntimeError, "cannot reuse already awaited coroutine");
    if (throw) { vm->exc = value; return EXC_VAL; }
    return STOP_VAL;
  }
  if (gen->state == GEN_CREATED && !throw && !IS_NONE(value))
    return vm_raise_fmt(vm, &exc_TypeError, "can't send non-None value to a just-started %s", kind);
  if (vm->frame_count >= vm->max_frames || vm->sp + 2 + code->nlocals + code->stacksize > vm->stack_end)
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
  status = vm_execute(vm, base, &result);
  vm->sp = saved_sp;
  if (status != VM_OK) {
    gen->state = GEN_DONE;
    gen->nsaved = 0;
    if (status == VM_EXCEPTION && vm_exc_pending_is(vm, &exc_StopIteration)) stop_iteration_escaped(vm, base, kind);
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
    key = str_intern(vm, "__doc__", 7);   /* None until the body's docstring (if any) */
    if (key == EXC_VAL || !dict_set(vm, vm->globals, key, NONE_VAL)) return VM_EXCEPTION;
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
  status = vm_execute(vm, 0, &result);
  /* the program ends when its threads do (daemon threads aside), as in CPython */
  if (threads_finish(vm) && status == VM_OK) {
    vm_raise(vm, &exc_KeyboardInterrupt, NULL);
    vm->traceback_count = 0;
    status = VM_STOPPED;
  }
  return status;
}
