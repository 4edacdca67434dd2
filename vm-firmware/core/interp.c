/* The interpreter: frames, calls and the dispatch loop. The loop is written with CASE/NEXT
 * macros so VIPER_COMPUTED_GOTO picks a jump table (GCC "labels as values") or a switch. */
#include <math.h>
#include <string.h>

#include "bytecode.h"
#include "loader.h"
#include "port.h"
#include "vm.h"

bool mem_init(VM *vm, void *heap, size_t size);

/* ==== setup ============================================================================== */

bool vm_init(VM *vm, void *heap, size_t heap_size, VmWriteFn write, void *write_ctx) {
  Value d;
  memset(vm, 0, sizeof *vm);
  vm->exc = NONE_VAL;
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
  return builtins_init(vm);
}

void vm_set_poll(VM *vm, VmPollFn poll, void *ctx) {
  vm->poll = poll;
  vm->poll_ctx = ctx;
}

/* ==== errors ============================================================================= */

static void record_traceback(VM *vm, int base) {
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

static Value binary_type_error(VM *vm, int op, Value a, Value b) {
  static const char *const symbols[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"};
  int base = op & ~BINOP_INPLACE;
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
  if (IS_INTLIKE(a) && IS_INTLIKE(b)) return int_binary(vm, base, AS_INTLIKE(a), AS_INTLIKE(b));
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
  return binary_type_error(vm, op, a, b);
}

Value vm_binary_add(VM *vm, Value a, Value b) { return binary_op(vm, BINOP_ADD, a, b); }

static Value unary_op(VM *vm, int op, Value a) {
  static const char *const symbols[] = {"-", "+", "not", "~"};
  if (op == UNOP_NOT) return BOOL_VAL(!value_truthy(a));
  if (IS_INTLIKE(a)) {
    vint i = AS_INTLIKE(a);
    if (op == UNOP_NEG) return INT_FITS(-i) ? INT_VAL(-i) : vm_raise(vm, &exc_OverflowError, "integer too large");
    if (op == UNOP_POS) return INT_VAL(i);
    return INT_VAL(~i);
  }
  if (IS_FLOAT(a) && op != UNOP_INVERT) return op == UNOP_NEG ? float_new(vm, -AS_FLOAT(a)) : a;
  return vm_raise_fmt(vm, &exc_TypeError, "bad operand type for unary %s: '%t'", symbols[op], a);
}

static bool poll_hook(VM *vm) {
  vm->poll_countdown = VIPER_POLL_INTERVAL;
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

static Value python_arg_error(VM *vm, ObjCode *code, int argc) {
  if (argc > code->argcount)
    return vm_raise_fmt(vm, &exc_TypeError, "%s() takes %d positional argument%s but %d %s given",
                        code->name->chars, code->argcount, code->argcount == 1 ? "" : "s", argc,
                        argc == 1 ? "was" : "were");
  {
    int missing = code->argcount - argc, i;
    vm_sb_reset(vm);
    for (i = argc; i < code->argcount; i++) {
      if (i > argc) vm_sb_cstr(vm, missing == 2 ? " and " : (i == code->argcount - 1 ? ", and " : ", "));
      vm_sb_add(vm, "'", 1);
      vm_sb_cstr(vm, AS_STR(code->local_names[i])->chars);
      vm_sb_add(vm, "'", 1);
    }
    {
      Value names = vm_sb_to_str(vm);
      if (names == EXC_VAL) return EXC_VAL;
      vm_push_root(vm, names);
      vm_raise_fmt(vm, &exc_TypeError, "%s() missing %d required positional argument%s: %s",
                   code->name->chars, missing, missing == 1 ? "" : "s", AS_STR(names)->chars);
      vm_pop_root(vm);
      return EXC_VAL;
    }
  }
}

/* Push a frame for function fn whose arguments are the argc values below vm->sp. */
static bool push_frame(VM *vm, ObjFunction *fn, int argc) {
  ObjCode *code = fn->code;
  Frame *f;
  Value *slots = vm->sp - argc, *v;
  if (argc != code->argcount) { python_arg_error(vm, code, argc); return false; }
  if (vm->frame_count >= VIPER_MAX_FRAMES || slots + code->nlocals + code->stacksize > vm->stack_end) {
    vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  for (v = vm->sp; v < slots + code->nlocals; v++) *v = UNBOUND_VAL;
  vm->sp = slots + code->nlocals;
  f = &vm->frames[vm->frame_count++];
  f->code = code;
  f->ip = code->code;
  f->slots = slots;
  f->globals = fn->globals;
  return true;
}

/* Call a native callable at sp[-argc-1] with the argc values above it. */
static Value call_native(VM *vm, Value callee, int argc, Value *args) {
  if (IS_BUILTIN(callee)) {
    const ObjBuiltin *b = AS_BUILTIN(callee);
    if (argc < b->min_args || (b->max_args >= 0 && argc > b->max_args))
      return arg_count_error(vm, b->name, b->min_args, b->max_args, argc);
    return b->fn(vm, argc, args);
  }
  if (IS_TYPE(callee, &bound_method_type)) {
    ObjBoundMethod *bm = (ObjBoundMethod *)AS_OBJ(callee);
    const MethodDef *m = bm->method;
    if (argc < m->min_args || argc > m->max_args) {
      vm_sb_reset(vm);
      return arg_count_error(vm, m->name, m->min_args, m->max_args, argc);
    }
    args[-1] = bm->self;   /* the callee slot becomes self */
    return m->fn(vm, argc + 1, args - 1);
  }
  if (IS_TYPE(callee, &type_type)) {
    extern Value type_call(VM *vm, const Type *type, int argc, Value *args);
    return type_call(vm, (const Type *)AS_OBJ(callee), argc, args);
  }
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not callable", callee);
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
#define NAME(i)    (AS_STR(vm->names[i]))

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

/* Run frames until the frame at depth `base` returns; its value goes to *result. */
static VmResult run(VM *vm, int base, Value *result) {
  Frame *frame;
  const uint8_t *ip;
  Value *sp, *consts, *locals;
#if VIPER_COMPUTED_GOTO
  static const void *const dispatch[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = &&op_##name,
    VIPER_OPCODES(X)
#undef X
  };
#endif
  LOAD();
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
  CASE(STORE_GLOBAL)
  CASE(STORE_NAME) {
    ObjStr *name = NAME(READ_U16());
    SAVE();
    if (!dict_set(vm, frame->globals, OBJ_VAL(name), PEEK(0))) goto error;
    sp--;
    NEXT();
  }
  CASE(DELETE_GLOBAL)
  CASE(DELETE_NAME) {
    ObjStr *name = NAME(READ_U16());
    bool found;
    SAVE();
    if (!dict_delete(vm, frame->globals, OBJ_VAL(name), &found)) goto error;
    if (!found) {
      vm_raise_fmt(vm, &exc_NameError, "name '%s' is not defined", name->chars);
      goto error;
    }
    NEXT();
  }
  CASE(LOAD_ATTR) {
    ObjStr *name = NAME(READ_U16());
    Value v;
    SAVE();
    v = value_getattr(vm, PEEK(0), name);
    CHECK(v);
    sp[-1] = v;
    NEXT();
  }
  CASE(STORE_ATTR) {
    ObjStr *name = NAME(READ_U16());
    SAVE();
    vm_raise_fmt(vm, &exc_AttributeError, "'%t' object has no attribute '%s'", PEEK(0), name->chars);
    goto error;
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
    r = value_compare(vm, op, a, b);
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
    if (v == FALSE_VAL || (v != TRUE_VAL && !value_truthy(v))) ip += off;
    NEXT();
  }
  CASE(POP_JUMP_IF_TRUE) {
    int16_t off = READ_I16();
    Value v = POP();
    if (v == TRUE_VAL || (v != FALSE_VAL && value_truthy(v))) ip += off;
    NEXT();
  }
  CASE(JUMP_IF_FALSE_OR_POP) {
    int16_t off = READ_I16();
    if (!value_truthy(PEEK(0))) ip += off; else sp--;
    NEXT();
  }
  CASE(JUMP_IF_TRUE_OR_POP) {
    int16_t off = READ_I16();
    if (value_truthy(PEEK(0))) ip += off; else sp--;
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
    if (IS_FUNCTION(callee)) {
      if (!push_frame(vm, AS_FUNCTION(callee), argc)) goto error;
      LOAD();
      NEXT();
    }
    r = call_native(vm, callee, argc, sp - argc);
    CHECK(r);
    sp -= argc;
    sp[-1] = r;
    NEXT();
  }
  CASE(MAKE_FUNCTION) {
    uint32_t i = READ_U16();
    Value f;
    SAVE();
    f = function_new(vm, vm->codes[i], frame->globals);
    CHECK(f);
    PUSH(f);
    NEXT();
  }
  CASE(RETURN_VALUE) {
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
  record_traceback(vm, base);
  vm->frame_count = base;
  return IS_TYPE(vm->exc, &type_type) && AS_OBJ(vm->exc) == (const Obj *)&exc_KeyboardInterrupt && vm->interrupt
             ? VM_STOPPED : VM_EXCEPTION;
}

#if VIPER_COMPUTED_GOTO
#pragma GCC diagnostic pop
#endif

/* ==== entry points ======================================================================= */

Value vm_call(VM *vm, Value callable, int argc, Value *args) {
  Value result = NONE_VAL, *saved = vm->sp;
  int i;
  if (vm->sp + argc + 1 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = callable;
  for (i = 0; i < argc; i++) *vm->sp++ = args[i];
  if (IS_FUNCTION(callable)) {
    int base = vm->frame_count;
    if (!push_frame(vm, AS_FUNCTION(callable), argc)) { vm->sp -= argc + 1; return EXC_VAL; }
    if (run(vm, base, &result) != VM_OK) { vm->sp = saved; return EXC_VAL; }
    vm->sp--;   /* the callee slot */
    return result;
  }
  result = call_native(vm, callable, argc, vm->sp - argc);
  vm->sp -= argc + 1;
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
  for (v = vm->stack; v < vm->stack + main_code->nlocals; v++) *v = UNBOUND_VAL;
  vm->sp = vm->stack + main_code->nlocals;
  vm->frame_count = 1;
  status = run(vm, 0, &result);
  return status;
}
