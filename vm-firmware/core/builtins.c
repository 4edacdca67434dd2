/* Built-in functions (const objects in flash) and calling built-in types: int("5"),
 * str(x), ValueError("..."). */
#include <math.h>
#include <string.h>

#include "gen/opcodes.h"
#include "gen/image_format.h"
#include "vm.h"

static Value write_line(VM *vm) {
  if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
  if (vm->write != NULL) vm->write(vm->write_ctx, vm->sb, vm->sb_len);
  return NONE_VAL;
}

static bool need_index(VM *vm, Value v, vint *out) {
  if (IS_INSTANCE(v)) {   /* __index__ */
    Value i = value_index(vm, v);
    if (i == EXC_VAL) return false;
    if (i != UNBOUND_VAL) v = i;
  }
  if (IS_INTLIKE(v)) { *out = AS_INTLIKE(v); return true; }
  if (IS_BIGINT(v)) {
    vm_raise(vm, &exc_OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
  return false;
}

/* sep/end of print(): None or str */
static bool print_text(VM *vm, Value v, const char *name, const char *dflt, const char **s, size_t *n) {
  if (v == UNBOUND_VAL || IS_NONE(v)) { *s = dflt; *n = strlen(dflt); return true; }
  if (!IS_STR(v)) {
    vm_raise_fmt(vm, &exc_TypeError, "%s must be None or a string, not %t", name, v);
    return false;
  }
  *s = AS_STR(v)->chars;
  *n = AS_STR(v)->len;
  return true;
}

static Value bi_print(VM *vm, int argc, Value *args) {
  int i;
  const char *sep, *end;
  size_t nsep, nend;
  if (!print_text(vm, NATIVE_KW(args, argc, 0), "sep", " ", &sep, &nsep)) return EXC_VAL;
  if (!print_text(vm, NATIVE_KW(args, argc, 1), "end", "\n", &end, &nend)) return EXC_VAL;
  if (NATIVE_KW(args, argc, 2) != UNBOUND_VAL && !IS_NONE(NATIVE_KW(args, argc, 2)))   /* file= */
    return sys_print_to(vm, NATIVE_KW(args, argc, 2), argc, args, sep, nsep, end, nend, NATIVE_KW(args, argc, 3));
  vm_sb_reset(vm);
  for (i = 0; i < argc; i++) {
    if (i > 0) vm_sb_add(vm, sep, nsep);
    value_write(vm, args[i], false);
  }
  vm_sb_add(vm, end, nend);
  return write_line(vm);
}

static Value bi_len(VM *vm, int argc, Value *args) { (void)argc; return value_len(vm, args[0]); }

static Value bi_repr(VM *vm, int argc, Value *args) {
  (void)argc;
  vm_sb_reset(vm);
  value_write(vm, args[0], true);
  return vm_sb_to_str(vm);
}

void sb_ascii_escape(VM *vm, uint32_t start);

static Value bi_ascii(VM *vm, int argc, Value *args) {
  (void)argc;
  vm_sb_reset(vm);
  value_write(vm, args[0], true);
  sb_ascii_escape(vm, 0);
  return vm_sb_to_str(vm);
}

static Value bi_abs(VM *vm, int argc, Value *args) {
  Value v = args[0];
  (void)argc;
  if (IS_INSTANCE(v)) {
    Value r = value_number_special(vm, v, "__abs__", 0, NULL);
    if (r != UNBOUND_VAL) return r;
  }
  if (IS_ANYINT(v)) {
    if (IS_BOOL(v)) return INT_VAL(AS_INTLIKE(v));
    if (int_compare(v, INT_VAL(0)) < 0) return IS_INT(v) && INT_FITS(-AS_INT(v)) ? INT_VAL(-AS_INT(v)) : bigint_unary(vm, UNOP_NEG, v);
    return v;
  }
  if (IS_FLOAT(v)) return float_new(vm, fabs(AS_FLOAT(v)));
  return vm_raise_fmt(vm, &exc_TypeError, "bad operand type for abs(): '%t'", v);
}

/* min/max(iterable, *, key=None, default=...) and min/max(a, b, *args, key=None) */
static Value min_max(VM *vm, int argc, Value *args, int op, const char *name) {
  Value key = NATIVE_KW(args, argc, 0), dflt = NATIVE_KW(args, argc, 1);
  Value best = UNBOUND_VAL, best_key = UNBOUND_VAL, it, v, k;
  RootMark mark = gc_root_mark(vm);
  int i = 0;
  if (argc == 0) return vm_raise_fmt(vm, &exc_TypeError, "%s expected at least 1 argument, got 0", name);
  if (key != UNBOUND_VAL && IS_NONE(key)) key = UNBOUND_VAL;
  if (argc > 1 && dflt != UNBOUND_VAL)
    return vm_raise_fmt(vm, &exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
  it = argc > 1 ? NONE_VAL : value_iter(vm, args[0]);
  if (it == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, it);
  vm_push_root(vm, best);
  vm_push_root(vm, best_key);
  for (;;) {
    if (argc > 1) {
      if (i >= argc) break;
      v = args[i++];
    } else {
      v = value_iter_next(vm, it);
      if (v == STOP_VAL) break;
      if (v == EXC_VAL) goto fail;
    }
    k = v;
    if (key != UNBOUND_VAL) {
      vm_push_root(vm, v);
      k = vm_call(vm, key, 1, &v);
      vm_pop_root(vm);
      if (k == EXC_VAL) goto fail;
    }
    if (best == UNBOUND_VAL) {
      best = v;
      best_key = k;
    } else {
      Value better = value_compare(vm, op, k, best_key);
      if (better == EXC_VAL) goto fail;
      if (better == TRUE_VAL) { best = v; best_key = k; }
    }
    gc_root_at(vm, mark, 1) = best;
    gc_root_at(vm, mark, 2) = best_key;
  }
  gc_root_restore(vm, mark);
  if (best == UNBOUND_VAL) {
    if (dflt != UNBOUND_VAL) return dflt;
    return vm_raise_fmt(vm, &exc_ValueError, "%s() arg is an empty sequence", name);
  }
  return best;
fail:
  gc_root_restore(vm, mark);
  return EXC_VAL;
}

static Value bi_min(VM *vm, int argc, Value *args) { return min_max(vm, argc, args, CMP_LT, "min"); }
static Value bi_max(VM *vm, int argc, Value *args) { return min_max(vm, argc, args, CMP_GT, "max"); }

static Value bi_sum(VM *vm, int argc, Value *args) {
  Value total = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0), it, v;
  RootMark mark = gc_root_mark(vm);
  if (total == UNBOUND_VAL) total = INT_VAL(0);
  if (IS_STR(total)) return vm_raise(vm, &exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  it = value_iter(vm, args[0]);
  if (it == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, it);
  vm_push_root(vm, total);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL) goto fail;
    if (IS_INT(total) && IS_INT(v) && INT_FITS(AS_INT(total) + AS_INT(v))) {
      total = INT_VAL(AS_INT(total) + AS_INT(v));
    } else {
      total = vm_binary_add(vm, total, v);
      if (total == EXC_VAL) goto fail;
    }
    gc_root_at(vm, mark, 1) = total;
  }
  gc_root_restore(vm, mark);
  return total;
fail:
  gc_root_restore(vm, mark);
  return EXC_VAL;
}

/* any/all */
static Value any_all(VM *vm, Value iterable, bool want) {
  Value it = value_iter(vm, iterable), v;
  if (it == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, it);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    if (value_truthy(v) == want) { vm_pop_root(vm); return BOOL_VAL(want); }
  }
  vm_pop_root(vm);
  return BOOL_VAL(!want);
}

static Value bi_any(VM *vm, int argc, Value *args) { (void)argc; return any_all(vm, args[0], true); }
static Value bi_all(VM *vm, int argc, Value *args) { (void)argc; return any_all(vm, args[0], false); }

static Value bi_ord(VM *vm, int argc, Value *args) {
  ObjStr *s;
  const uint8_t *p;
  uint32_t cp;
  (void)argc;
  if (IS_TYPE(args[0], &bytes_type) || IS_TYPE(args[0], &bytearray_type)) {
    ObjBytes *b = AS_BYTES(args[0]);
    if (b->len != 1)
      return vm_raise_fmt(vm, &exc_TypeError, "ord() expected a character, but string of length %d found", (int)b->len);
    return INT_VAL(b->data[0]);
  }
  if (!IS_STR(args[0])) return vm_raise_fmt(vm, &exc_TypeError, "ord() expected string of length 1, but %t found", args[0]);
  s = AS_STR(args[0]);
  if (s->nchars != 1)
    return vm_raise_fmt(vm, &exc_TypeError, "ord() expected a character, but string of length %d found", (int)s->nchars);
  p = (const uint8_t *)s->chars;
  if (p[0] < 0x80) cp = p[0];
  else if (p[0] < 0xE0) cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  else if (p[0] < 0xF0) cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  else cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
  return INT_VAL((vint)cp);
}

static Value bi_chr(VM *vm, int argc, Value *args) {
  vint cp;
  char b[4];
  (void)argc;
  if (!need_index(vm, args[0], &cp)) return EXC_VAL;
  if (cp < 0 || cp > 0x10FFFF) return vm_raise(vm, &exc_ValueError, "chr() arg not in range(0x110000)");
  if (cp < 0x80) { b[0] = (char)cp; return str_new(vm, b, 1); }
  if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); return str_new(vm, b, 2); }
  if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F));
    return str_new(vm, b, 3);
  }
  b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F));
  return str_new(vm, b, 4);
}

static bool is_instance_of(const Type *t, const Type *want) {
  if (want == &int_type && t == &bool_type) return true;
  if (want == &object_type) return true;
  return type_is_subtype(t, want);
}

/* isinstance/issubclass: cls may be a type or a (nested) tuple of them. */
static Value check_class(VM *vm, const Type *t, Value cls, const char *fname) {
  if (IS_TUPLE(cls)) {
    uint32_t i;
    for (i = 0; i < AS_TUPLE(cls)->len; i++) {
      Value r = check_class(vm, t, AS_TUPLE(cls)->items[i], fname);
      if (r != FALSE_VAL) return r;
    }
    return FALSE_VAL;
  }
  if (!IS_TYPE(cls, &type_type))
    return vm_raise_fmt(vm, &exc_TypeError, "%s() arg 2 must be a type, a tuple of types, or a union", fname);
  return BOOL_VAL(is_instance_of(t, (const Type *)AS_OBJ(cls)));
}

static Value bi_isinstance(VM *vm, int argc, Value *args) {
  (void)argc;
  return check_class(vm, IS_PYCLASS(args[0]) ? (const Type *)AS_OBJ(class_meta(args[0])) : value_type(args[0]), args[1], "isinstance");
}

static Value bi_issubclass(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!IS_TYPE(args[0], &type_type)) return vm_raise(vm, &exc_TypeError, "issubclass() arg 1 must be a class");
  return check_class(vm, (const Type *)AS_OBJ(args[0]), args[1], "issubclass");
}

static Value bi_hash(VM *vm, int argc, Value *args) {
  int64_t h;
  (void)argc;
  if (!value_hash64(vm, args[0], &h)) return EXC_VAL;
  return int_from_u64(vm, h < 0, h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h);
}

static Value bi_id(VM *vm, int argc, Value *args) {
  (void)argc;
  return int_from_u64(vm, false, (uint64_t)(uintptr_t)args[0]);
}

static Value int_text(VM *vm, Value v, int base, const char *prefix) {
  bool neg;
  if (IS_INSTANCE(v)) {   /* __index__ */
    Value i = value_index(vm, v);
    if (i == EXC_VAL) return EXC_VAL;
    if (i != UNBOUND_VAL) v = i;
  }
  if (!IS_ANYINT(v)) return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
  if (IS_BOOL(v)) v = INT_VAL(AS_INTLIKE(v));
  neg = int_compare(v, INT_VAL(0)) < 0;
  vm_sb_reset(vm);
  if (neg) vm_sb_add(vm, "-", 1);
  vm_sb_cstr(vm, prefix);
  if (neg) {
    v = bigint_unary(vm, UNOP_NEG, v);
    if (v == EXC_VAL) return EXC_VAL;
  }
  int_write_base(vm, v, base);
  return vm_sb_to_str(vm);
}

static Value bi_hex(VM *vm, int argc, Value *args) { (void)argc; return int_text(vm, args[0], 16, "0x"); }
static Value bi_oct(VM *vm, int argc, Value *args) { (void)argc; return int_text(vm, args[0], 8, "0o"); }
static Value bi_bin(VM *vm, int argc, Value *args) { (void)argc; return int_text(vm, args[0], 2, "0b"); }

static Value binop(VM *vm, int op, Value a, Value b) {
  if (IS_ANYINT(a) && IS_ANYINT(b)) {
    if (IS_INTLIKE(a) && IS_INTLIKE(b)) return int_binary(vm, op, AS_INTLIKE(a), AS_INTLIKE(b));
    return bigint_binary(vm, op, a, b);
  }
  if ((IS_ANYINT(a) || IS_FLOAT(a)) && (IS_ANYINT(b) || IS_FLOAT(b))) {
    double x, y;
    if (!int_to_double(vm, a, &x) || !int_to_double(vm, b, &y)) return EXC_VAL;
    return float_binary(vm, op, x, y);
  }
  return UNBOUND_VAL;
}

static Value bi_divmod(VM *vm, int argc, Value *args) {
  Value q, r, t;
  RootMark mark;
  (void)argc;
  if (IS_INSTANCE(args[0]) || IS_INSTANCE(args[1])) {   /* __divmod__, __rdivmod__ */
    if (IS_INSTANCE(args[0])) {
      r = value_number_special(vm, args[0], "__divmod__", 1, &args[1]);
      if (r != UNBOUND_VAL && r != OBJ_VAL(&not_implemented_obj)) return r;
    }
    if (IS_INSTANCE(args[1])) {
      r = value_number_special(vm, args[1], "__rdivmod__", 1, &args[0]);
      if (r != UNBOUND_VAL && r != OBJ_VAL(&not_implemented_obj)) return r;
    }
    if (class_builtin_value(args[0]) != UNBOUND_VAL) args[0] = class_builtin_value(args[0]);   /* class Price(int) */
    if (class_builtin_value(args[1]) != UNBOUND_VAL) args[1] = class_builtin_value(args[1]);
  }
  q = binop(vm, BINOP_FLOORDIV, args[0], args[1]);
  if (q == UNBOUND_VAL)
    return vm_raise_fmt(vm, &exc_TypeError, "unsupported operand type(s) for divmod(): '%t' and '%t'", args[0], args[1]);
  if (q == EXC_VAL) return EXC_VAL;
  mark = gc_root_mark(vm);
  vm_push_root(vm, q);
  r = binop(vm, BINOP_MOD, args[0], args[1]);
  vm_push_root(vm, r);
  t = r == EXC_VAL ? EXC_VAL : tuple_new(vm, 2);
  gc_root_restore(vm, mark);
  if (t == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = q;
  AS_TUPLE(t)->items[1] = r;
  return t;
}

static Value bi_pow(VM *vm, int argc, Value *args) {
  Value mod = argc > 2 ? args[2] : NATIVE_KW(args, argc, 0), r;
  if (mod != UNBOUND_VAL && !IS_NONE(mod)) {
    if (!IS_ANYINT(args[0]) || !IS_ANYINT(args[1]) || !IS_ANYINT(mod))
      return vm_raise(vm, &exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return int_powmod(vm, args[0], args[1], mod);
  }
  r = binop(vm, BINOP_POW, args[0], args[1]);
  if (r == UNBOUND_VAL && (IS_INSTANCE(args[0]) || IS_INSTANCE(args[1])))
    return vm_binary_op(vm, BINOP_POW, args[0], args[1]);   /* __pow__, __rpow__ */
  if (r == UNBOUND_VAL)
    return vm_raise_fmt(vm, &exc_TypeError, "unsupported operand type(s) for ** or pow(): '%t' and '%t'", args[0], args[1]);
  return r;
}

/* round(x[, ndigits]): half to even, exact on the binary value (like CPython). */
static Value bi_round(VM *vm, int argc, Value *args) {
  Value x = args[0], nd = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0);
  vint n;
  if (nd == UNBOUND_VAL) nd = NONE_VAL;
  if (IS_INSTANCE(x)) {   /* __round__(), __round__(ndigits) */
    Value r = value_number_special(vm, x, "__round__", IS_NONE(nd) ? 0 : 1, &nd);
    if (r != UNBOUND_VAL) return r;
  }
  if (IS_ANYINT(x)) {
    Value p, r, half, q = EXC_VAL;
    RootMark mark;
    int c;
    if (IS_BOOL(x)) x = INT_VAL(AS_INTLIKE(x));
    if (IS_NONE(nd)) return x;
    if (!need_index(vm, nd, &n)) return EXC_VAL;
    if (n >= 0) return x;
    if (n < -400) return INT_VAL(0);
    p = bigint_binary(vm, BINOP_POW, INT_VAL(10), INT_VAL(-n));
    if (p == EXC_VAL) return EXC_VAL;
    mark = gc_root_mark(vm);
    vm_push_root(vm, p);
    r = bigint_binary(vm, BINOP_MOD, x, p);
    if (r == EXC_VAL) goto round_out;
    vm_push_root(vm, r);
    q = bigint_binary(vm, BINOP_SUB, x, r);   /* rounded down */
    if (q == EXC_VAL) goto round_out;
    vm_push_root(vm, q);
    half = bigint_binary(vm, BINOP_ADD, r, r);
    if (half == EXC_VAL) { q = EXC_VAL; goto round_out; }
    c = int_compare(half, p);
    if (c == 0) {   /* tie: to the even multiple */
      Value k = bigint_binary(vm, BINOP_FLOORDIV, q, p);
      if (k == EXC_VAL) { q = EXC_VAL; goto round_out; }
      c = (int_hash(k) & 1) ? 1 : -1;
    }
    if (c > 0) q = bigint_binary(vm, BINOP_ADD, q, p);
  round_out:
    gc_root_restore(vm, mark);
    return q;
  }
  if (IS_FLOAT(x)) {
    double d = AS_FLOAT(x), r;
    if (IS_NONE(nd)) {
      if (isnan(d)) return vm_raise(vm, &exc_ValueError, "cannot convert float NaN to integer");
      if (isinf(d)) return vm_raise(vm, &exc_OverflowError, "cannot convert float infinity to integer");
      r = floor(d);
      if (d - r > 0.5 || (d - r == 0.5 && fmod(r, 2.0) != 0.0)) r += 1.0;
      return float_to_int(vm, r);
    }
    if (!need_index(vm, nd, &n)) return EXC_VAL;
    if (isnan(d) || isinf(d) || d == 0.0) return x;
    if (n > 330) return x;
    if (n < -330) return float_new(vm, copysign(0.0, d));
    {
      /* format with n digits (exact, half-even) and read back, like CPython's dtoa path */
      char spec[16];
      size_t k = 0;
      vint m = n < 0 ? 0 : n;
      Value text;
      if (n < 0) {
        double p = pow(10.0, (double)-n), y = d / p, z = floor(y);
        if (y - z > 0.5 || (y - z == 0.5 && fmod(z, 2.0) != 0.0)) z += 1.0;
        return float_new(vm, copysign(z * p, d));
      }
      spec[k++] = '.';
      if (m >= 100) spec[k++] = (char)('0' + m / 100);
      if (m >= 10) spec[k++] = (char)('0' + (m / 10) % 10);
      spec[k++] = (char)('0' + m % 10);
      spec[k++] = 'f';
      vm_sb_reset(vm);
      if (!format_append(vm, x, spec, k)) return EXC_VAL;
      text = vm_sb_to_str(vm);
      if (text == EXC_VAL) return EXC_VAL;
      return float_from_str(vm, AS_STR(text));
    }
  }
  return vm_raise_fmt(vm, &exc_TypeError, "type %t doesn't define __round__ method", x);
}

bool value_callable(VM *vm, Value v) {
  if (IS_INSTANCE(v)) return class_lookup(value_type(v), AS_STR(str_intern(vm, "__call__", 8))) != UNBOUND_VAL;
  if (IS_FUNCTION(v) || IS_BUILTIN(v) || IS_TYPE(v, &bound_method_type) || IS_TYPE(v, &type_type) ||
      IS_TYPE(v, &method_descr_type) || IS_TYPE(v, &method_type))
    return true;
  return IS_OBJ(v) && OBJ_TYPE(v)->methods != NULL &&   /* a native object with __call__ (machine.Pin) */
         methods_find(OBJ_TYPE(v)->methods, AS_STR(str_intern(vm, "__call__", 8))) != NULL;
}

static Value bi_callable(VM *vm, int argc, Value *args) {
  (void)argc;
  return BOOL_VAL(value_callable(vm, args[0]));
}

static Value bi_iter(VM *vm, int argc, Value *args) { (void)argc; return value_iter(vm, args[0]); }

static Value bi_next(VM *vm, int argc, Value *args) {
  Value v;
  if (IS_INSTANCE(args[0])) {   /* __next__ alone makes an iterator; its StopIteration goes on as raised */
    v = class_call_dunder(vm, args[0], "__next__", 0, NULL);
    if (v == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not an iterator", args[0]);
    if (v == EXC_VAL && argc > 1 && vm_exc_pending_is(vm, &exc_StopIteration)) { vm->exc = NONE_VAL; return args[1]; }
    return v;
  }
  v = value_iter(vm, args[0]);
  if (v != args[0]) {   /* only an iterator is its own iterator */
    if (v == EXC_VAL) vm->exc = NONE_VAL;
    return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not an iterator", args[0]);
  }
  vm->stop_value = NONE_VAL;
  v = value_iter_next(vm, args[0]);
  if (v == STOP_VAL) {
    Value ret = vm->stop_value;   /* a generator's return value */
    vm->stop_value = NONE_VAL;
    if (argc > 1) return args[1];
    if (!IS_NONE(ret)) return vm_raise_value(vm, &exc_StopIteration, ret);
    return vm_raise(vm, &exc_StopIteration, NULL);
  }
  return v;
}

static Value bi_format(VM *vm, int argc, Value *args) {
  vm_sb_reset(vm);
  if (argc > 1) {
    if (!IS_STR(args[1])) return vm_raise_fmt(vm, &exc_TypeError, "format() argument 2 must be str, not %t", args[1]);
    if (!format_append(vm, args[0], AS_STR(args[1])->chars, AS_STR(args[1])->len)) return EXC_VAL;
  } else if (!format_append(vm, args[0], "", 0)) {
    return EXC_VAL;
  }
  return vm_sb_to_str(vm);
}

/* FORMAT_VALUE: an f-string field. `slots` (value, spec) are on the VM stack, so they stay
 * alive while the conversion and the formatting allocate. conversion: 0 none, 1 str, 2 repr, 3 ascii. */
Value builtins_format_value(VM *vm, Value *slots, int conversion) {
  if (conversion != 0) {
    Value converted;
    if (conversion == 1) {
      vm_sb_reset(vm);
      value_write(vm, slots[0], false);
      converted = vm_sb_to_str(vm);
    } else {
      converted = (conversion == 2 ? bi_repr : bi_ascii)(vm, 1, slots);
    }
    if (converted == EXC_VAL) return EXC_VAL;
    slots[0] = converted;
  }
  return bi_format(vm, 2, slots);
}

static Value bi_sorted(VM *vm, int argc, Value *args) {
  Value list = value_to_list(vm, args[0]), key = NATIVE_KW(args, argc, 0), rev = NATIVE_KW(args, argc, 1), r;
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  r = list_sort(vm, AS_LIST(list), key == UNBOUND_VAL ? NONE_VAL : key, rev != UNBOUND_VAL && value_truthy(rev));
  vm_pop_root(vm);
  return r == EXC_VAL ? EXC_VAL : list;
}

/* ---- attributes ------------------------------------------------------------------------ */

static bool need_name(VM *vm, Value v) {
  if (IS_STR(v)) return true;
  vm_raise_fmt(vm, &exc_TypeError, "attribute name must be string, not '%t'", v);
  return false;
}

static Value bi_getattr(VM *vm, int argc, Value *args) {
  Value r;
  if (!need_name(vm, args[1])) return EXC_VAL;
  r = value_getattr(vm, args[0], AS_STR(args[1]));
  if (r == EXC_VAL && argc > 2 && vm_exc_pending_is(vm, &exc_AttributeError)) {
    vm->exc = NONE_VAL;
    return args[2];
  }
  return r;
}

static Value bi_hasattr(VM *vm, int argc, Value *args) {
  Value r;
  (void)argc;
  if (!need_name(vm, args[1])) return EXC_VAL;
  r = value_getattr(vm, args[0], AS_STR(args[1]));
  if (r == EXC_VAL) {
    if (vm_exc_pending_is(vm, &exc_AttributeError)) {
      vm->exc = NONE_VAL;
      return FALSE_VAL;
    }
    return EXC_VAL;
  }
  return TRUE_VAL;
}

static Value bi_setattr(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!need_name(vm, args[1])) return EXC_VAL;
  return value_setattr(vm, args[0], AS_STR(args[1]), args[2]);
}

static Value bi_delattr(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!need_name(vm, args[1])) return EXC_VAL;
  return value_setattr(vm, args[0], AS_STR(args[1]), UNBOUND_VAL);
}

/* dir(): the names bound in the caller's scope, sorted. A function's are its bound locals; a
 * module's or a class body's are its namespace's keys. */
static Value dir_scope(VM *vm) {
  const Frame *f = &vm->frames[vm->frame_count - 1];
  Value list, r;
  uint16_t i;
  if ((f->code->flags & CODE_FLAG_MODULE) || f->ns != f->globals) list = value_to_list(vm, OBJ_VAL(f->ns));
  else {
    list = list_new(vm, 0);
    for (i = 0; list != EXC_VAL && i < f->code->nlocals; i++) {
      Value v = f->slots[i];
      if (IS_TYPE(v, &cell_type)) v = ((ObjCell *)AS_OBJ(v))->value;
      if (v != UNBOUND_VAL && !list_append(vm, AS_LIST(list), f->code->local_names[i])) list = EXC_VAL;
    }
  }
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  r = list_sort(vm, AS_LIST(list), NONE_VAL, false);
  vm_pop_root(vm);
  return r == EXC_VAL ? EXC_VAL : list;
}

/* globals(): the caller's module namespace. */
static Value bi_globals(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return OBJ_VAL(vm->frames[vm->frame_count - 1].globals);
}

/* locals(): a module's or class body's namespace itself; in a function a new dict of its bound
 * locals (and the free variables it reads), as CPython's snapshot. */
static Value bi_locals(VM *vm, int argc, Value *args) {
  const Frame *f = &vm->frames[vm->frame_count - 1];
  Value d;
  uint16_t i;
  (void)argc; (void)args;
  if ((f->code->flags & CODE_FLAG_MODULE) || f->ns != f->globals) return OBJ_VAL(f->ns);
  d = dict_new(vm);
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  for (i = 0; i < f->code->nlocals; i++) {
    Value v = f->slots[i];
    if (IS_TYPE(v, &cell_type)) v = ((ObjCell *)AS_OBJ(v))->value;
    if (v != UNBOUND_VAL && !dict_set(vm, AS_DICT(d), f->code->local_names[i], v)) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  return d;
}

/* vars(): locals(); vars(obj): obj.__dict__. */
static Value bi_vars(VM *vm, int argc, Value *args) {
  Value key, d;
  if (argc == 0) return bi_locals(vm, 0, args);
  key = str_intern(vm, "__dict__", 8);
  if (key == EXC_VAL) return EXC_VAL;
  d = value_getattr(vm, args[0], AS_STR(key));
  if (d == EXC_VAL && vm_exc_pending_is(vm, &exc_AttributeError)) {
    vm->exc = NONE_VAL;
    return vm_raise(vm, &exc_TypeError, "vars() argument must have __dict__ attribute");
  }
  return d;
}

static Value bi_dir(VM *vm, int argc, Value *args) {
  const Type *t;
  const MethodDef *m;
  Value list, r;
  if (argc == 0) return dir_scope(vm);
  if (IS_INSTANCE(args[0]) || IS_PYCLASS(args[0])) return class_dir(vm, args[0]);
  if (IS_MODULE(args[0])) {   /* its namespace's names */
    list = module_dir(vm, args[0]);
    if (list == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, list);
    r = list_sort(vm, AS_LIST(list), NONE_VAL, false);
    vm_pop_root(vm);
    return r == EXC_VAL ? EXC_VAL : list;
  }
  t = IS_TYPE(args[0], &type_type) ? (const Type *)AS_OBJ(args[0]) : value_type(args[0]);
  list = list_new(vm, 0);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  for (; t != NULL; t = t->parent) {
    const TypeConst *c;
    for (m = t->methods; m != NULL && m->name != NULL; m++) {
      Value name = str_from_cstr(vm, m->name);
      if (name == EXC_VAL || !list_append(vm, AS_LIST(list), name)) { vm_pop_root(vm); return EXC_VAL; }
    }
    for (c = t->consts; c != NULL && c->name != NULL; c++) {   /* SPI.MSB */
      Value name = str_from_cstr(vm, c->name);
      if (name == EXC_VAL || !list_append(vm, AS_LIST(list), name)) { vm_pop_root(vm); return EXC_VAL; }
    }
  }
  r = list_sort(vm, AS_LIST(list), NONE_VAL, false);
  vm_pop_root(vm);
  return r == EXC_VAL ? EXC_VAL : list;
}

/* ---- calling types --------------------------------------------------------------------- */

static Value collect(VM *vm, Value iterable, bool as_tuple) {
  Value list = list_new(vm, 0), it, v;
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  it = value_iter(vm, iterable);
  if (it == EXC_VAL) goto fail;
  vm_push_root(vm, it);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !list_append(vm, AS_LIST(list), v)) { vm_pop_root(vm); goto fail; }
  }
  vm_pop_root(vm);
  if (as_tuple) {
    Value t = tuple_new(vm, AS_LIST(list)->len);
    if (t == EXC_VAL) goto fail;
    if (AS_LIST(list)->len) memcpy(AS_TUPLE(t)->items, AS_LIST(list)->items, AS_LIST(list)->len * sizeof(Value));
    list = t;
  }
  vm_pop_root(vm);
  return list;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value make_int(VM *vm, int argc, Value *args) {
  Value v;
  if (argc == 0) return INT_VAL(0);
  v = args[0];
  if (IS_INSTANCE(v) && argc == 1) {   /* __int__, __index__, __trunc__, or an int subclass's value */
    static const char *const names[] = {"__int__", "__index__", "__trunc__"};
    size_t i;
    for (i = 0; i < 3; i++) {
      Value r = class_call_dunder(vm, v, names[i], 0, NULL);
      if (r == UNBOUND_VAL) continue;
      if (r != EXC_VAL && !IS_ANYINT(r) && !IS_ANYINT(class_builtin_value(r)))
        return vm_raise_fmt(vm, &exc_TypeError, "%s returned non-int (type %t)", names[i], r);
      return r == EXC_VAL || IS_ANYINT(r) ? (IS_BOOL(r) ? INT_VAL(AS_INTLIKE(r)) : r) : class_builtin_value(r);
    }
  }
  if (class_builtin_value(v) != UNBOUND_VAL) v = class_builtin_value(v);
  if (argc == 2) {
    vint base;
    if (!IS_STR(v) && !IS_BYTESLIKE(v)) return vm_raise(vm, &exc_TypeError, "int() can't convert non-string with explicit base");
    if (!need_index(vm, args[1], &base)) return EXC_VAL;
    if ((base < 2 && base != 0) || base > 36) return vm_raise(vm, &exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    if (IS_BYTESLIKE(v)) return int_from_str(vm, (const char *)AS_BYTES(v)->data, AS_BYTES(v)->len, (int)base);
    return int_from_str(vm, AS_STR(v)->chars, AS_STR(v)->len, (int)base);
  }
  if (IS_INTLIKE(v)) return INT_VAL(AS_INTLIKE(v));
  if (IS_BIGINT(v)) return v;
  if (IS_FLOAT(v)) return float_to_int(vm, AS_FLOAT(v));
  {
    Buffer b;   /* bytes, bytearray, memoryview, array: their bytes as text */
    if (buffer_get(vm, v, &b) && b.stride == (int32_t)b.itemsize)
      return int_from_str(vm, (const char *)b.data, (size_t)b.len * b.itemsize, 10);
  }
  if (IS_STR(v)) return int_from_str(vm, AS_STR(v)->chars, AS_STR(v)->len, 10);
  return vm_raise_fmt(vm, &exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, not '%t'", v);
}

static Value make_float(VM *vm, int argc, Value *args) {
  Value v;
  if (argc == 0) return float_new(vm, 0.0);
  v = args[0];
  if (IS_INSTANCE(v)) {   /* __float__, __index__, or a float/int subclass's value */
    Value r = class_call_dunder(vm, v, "__float__", 0, NULL);
    if (r != UNBOUND_VAL) {
      if (r != EXC_VAL && !IS_FLOAT(r)) return vm_raise_fmt(vm, &exc_TypeError, "%t.__float__ returned non-float (type %t)", v, r);
      return r;
    }
    r = value_index(vm, v);
    if (r == EXC_VAL) return EXC_VAL;
    if (r != UNBOUND_VAL) v = r;
    else if (class_builtin_value(v) != UNBOUND_VAL) v = class_builtin_value(v);
  }
  if (IS_FLOAT(v)) return v;
  if (IS_INTLIKE(v)) return float_new(vm, (double)AS_INTLIKE(v));
  if (IS_BIGINT(v)) {
    double d;
    if (!int_to_double(vm, v, &d)) return EXC_VAL;
    return float_new(vm, d);
  }
  if (IS_STR(v)) return float_from_str(vm, AS_STR(v));
  return vm_raise_fmt(vm, &exc_TypeError, "float() argument must be a string or a real number, not '%t'", v);
}

static Value make_range(VM *vm, int argc, Value *args) {
  vint a = 0, b, c = 1;
  if (argc == 1) {
    if (!need_index(vm, args[0], &b)) return EXC_VAL;
  } else {
    if (!need_index(vm, args[0], &a) || !need_index(vm, args[1], &b)) return EXC_VAL;
    if (argc == 3 && !need_index(vm, args[2], &c)) return EXC_VAL;
  }
  return range_new(vm, a, b, c);
}

static Value make_dict(VM *vm, int argc, Value *args) {
  Value d = dict_new(vm);
  bool ok;
  if (d == EXC_VAL || argc == 0) return d;
  vm_push_root(vm, d);
  ok = dict_update(vm, AS_DICT(d), args[0]);
  vm_pop_root(vm);
  return ok ? d : EXC_VAL;
}

Value type_call(VM *vm, const Type *type, int argc, Value *args);
Value type_call(VM *vm, const Type *type, int argc, Value *args) {
  int max = 1;
  if (type == &range_type) {
    if (argc < 1 || argc > 3) {
      if (argc == 0) return vm_raise(vm, &exc_TypeError, "range expected at least 1 argument, got 0");
      return vm_raise_fmt(vm, &exc_TypeError, "range expected at most 3 arguments, got %d", argc);
    }
    return make_range(vm, argc, args);
  }
  if (type_is_exception(type)) return exception_make(vm, type, argc, args);
  if (type == &enumerate_type || type == &zip_type || type == &map_type || type == &filter_type ||
      type == &reversed_type)
    return iter_make(vm, type, argc, args);
  if (type == &memoryview_type) return memview_make(vm, argc, args);
  if (type == &array_type) return array_make(vm, argc, args);
  if (type == &bytes_type || type == &bytearray_type) {
    if (argc > 3) return vm_raise_fmt(vm, &exc_TypeError, "%s() takes at most 3 arguments (%d given)", type->name, argc);
    return bytes_make(vm, type, argc, args);
  }
  if (type == &str_type && argc >= 2) {
    if (argc > 3) return vm_raise_fmt(vm, &exc_TypeError, "str() takes at most 3 arguments (%d given)", argc);
    if (!IS_BYTESLIKE(args[0])) return vm_raise_fmt(vm, &exc_TypeError, "decoding to str: need a bytes-like object, %t found", args[0]);
    return str_new(vm, (const char *)AS_BYTES(args[0])->data, AS_BYTES(args[0])->len);
  }
  if (type == &function_type) {   /* types.FunctionType(code, globals[, name[, argdefs]]) */
    Value f;
    if (argc < 2 || argc > 4) return vm_raise_fmt(vm, &exc_TypeError, "function() takes from 2 to 4 positional arguments (%d given)", argc);
    if (!IS_TYPE(args[0], &code_type)) return vm_raise_fmt(vm, &exc_TypeError, "function() argument 'code' must be code, not %t", args[0]);
    if (!IS_DICT(args[1])) return vm_raise_fmt(vm, &exc_TypeError, "function() argument 'globals' must be dict, not %t", args[1]);
    if (argc > 2 && !IS_NONE(args[2]) && !IS_STR(args[2])) return vm_raise(vm, &exc_TypeError, "arg 3 (name) must be None or string");
    if (argc > 3 && !IS_NONE(args[3]) && !IS_TUPLE(args[3])) return vm_raise(vm, &exc_TypeError, "arg 4 (defaults) must be None or tuple");
    f = function_new(vm, AS_CODE(args[0]), AS_DICT(args[1]));
    if (f == EXC_VAL) return EXC_VAL;
    if (argc > 3) AS_FUNCTION(f)->defaults = args[3];
    if (argc > 2 && IS_STR(args[2])) {   /* the new name, kept as an assigned __name__ */
      Value meta, key;
      vm_push_root(vm, f);
      meta = dict_new(vm);
      if (meta == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
      AS_FUNCTION(f)->meta = AS_DICT(meta);
      key = str_intern(vm, "__name__", 8);
      if (key == EXC_VAL || !dict_set(vm, AS_DICT(meta), key, args[2])) { vm_pop_root(vm); return EXC_VAL; }
      vm_pop_root(vm);
    }
    return f;
  }
  if (type == &object_type) {
    if (argc > 0) return vm_raise(vm, &exc_TypeError, "object() takes no arguments");
    {
      Obj *o = obj_alloc(vm, &object_type, sizeof(Obj));
      return o == NULL ? EXC_VAL : OBJ_VAL(o);
    }
  }
  if (type == &slice_type) {
    if (argc < 1 || argc > 3) return vm_raise_fmt(vm, &exc_TypeError, "slice expected at most 3 arguments, got %d", argc);
    if (argc == 1) return slice_new(vm, NONE_VAL, args[0], NONE_VAL);
    return slice_new(vm, args[0], args[1], argc > 2 ? args[2] : NONE_VAL);
  }
  if (type == &set_type || type == &frozenset_type) {
    if (argc > 1) return vm_raise_fmt(vm, &exc_TypeError, "%s expected at most 1 argument, got %d", type->name, argc);
    if (type == &frozenset_type && argc == 1 && IS_FROZENSET(args[0])) return args[0];
    return set_from(vm, type, argc ? args[0] : UNBOUND_VAL);
  }
  if (type == &int_type) max = 2;
  if (type == &type_type) max = 3;
  if (argc > max)
    return vm_raise_fmt(vm, &exc_TypeError, "%s() takes at most %d argument%s (%d given)", type->name, max,
                        max == 1 ? "" : "s", argc);
  if (type == &int_type) return make_int(vm, argc, args);
  if (type == &float_type) return make_float(vm, argc, args);
  if (type == &bool_type) {
    if (argc > 0 && IS_INSTANCE(args[0])) {   /* __bool__, then __len__ */
      int t = class_truthy(vm, args[0]);
      return t < 0 ? EXC_VAL : BOOL_VAL(t);
    }
    return argc == 0 ? FALSE_VAL : BOOL_VAL(value_truthy(args[0]));
  }
  if (type == &str_type) {
    if (argc == 0) return str_new(vm, "", 0);
    if (IS_STR(args[0])) return args[0];
    vm_sb_reset(vm);
    value_write(vm, args[0], false);
    return vm_sb_to_str(vm);
  }
  if (type == &list_type) return argc == 0 ? list_new(vm, 0) : collect(vm, args[0], false);
  if (type == &tuple_type) {
    if (argc == 0) return tuple_new(vm, 0);
    if (IS_TUPLE(args[0])) return args[0];
    return collect(vm, args[0], true);
  }
  if (type == &dict_type) return make_dict(vm, argc, args);
  if (type == &type_type && argc == 1) return IS_PYCLASS(args[0]) ? class_meta(args[0]) : OBJ_VAL(value_type(args[0]));
  if (type == &type_type && argc == 3) {   /* type(name, bases, dict): a class made at run time */
    if (!IS_STR(args[0]) || !IS_TUPLE(args[1]) || !(IS_DICT(args[2]) || IS_INSTANCE(args[2])))
      return vm_raise(vm, &exc_TypeError, "type.__new__() argument 1 must be str, 2 tuple, 3 dict");
    {
      Value ns = args[2];
      if (IS_INSTANCE(ns)) {   /* a mapping of Python (OrderedDict): its items() */
        Value key = str_intern(vm, "items", 5), items;
        items = key == EXC_VAL ? EXC_VAL : value_getattr(vm, ns, AS_STR(key));
        if (items == EXC_VAL) return EXC_VAL;
        vm_push_root(vm, items);
        ns = vm_call(vm, items, 0, NULL);
        vm_pop_root(vm);
        if (ns == EXC_VAL) return EXC_VAL;
      }
      vm_push_root(vm, ns);
      ns = vm_call(vm, OBJ_VAL(&dict_type), 1, &ns);   /* the class gets a copy */
      vm_pop_root(vm);
      return ns == EXC_VAL ? EXC_VAL : class_build(vm, args[0], args[1], AS_DICT(ns), UNBOUND_VAL);
    }
  }
  if (type == &type_type) return vm_raise(vm, &exc_TypeError, "type() takes 1 or 3 arguments");
  return vm_raise_fmt(vm, &exc_TypeError, "cannot create '%s' instances", type->name);
}

/* ---- the table ------------------------------------------------------------------------- */

#define BUILTIN(cname, pyname, min, max) \
  static const ObjBuiltin b_##cname = {{&builtin_type}, pyname, bi_##cname, min, max, NULL}
#define BUILTIN_KW(cname, pyname, min, max, kw) \
  static const ObjBuiltin b_##cname = {{&builtin_type}, pyname, bi_##cname, min, max, kw}

BUILTIN_KW(print, "print", 0, -1, "sep end file flush");
BUILTIN(len, "len", 1, 1);
BUILTIN(repr, "repr", 1, 1);
BUILTIN(ascii, "ascii", 1, 1);
BUILTIN(abs, "abs", 1, 1);
BUILTIN_KW(min, "min", 0, -1, "key default");
BUILTIN_KW(max, "max", 0, -1, "key default");
BUILTIN_KW(sum, "sum", 1, 2, "start");
BUILTIN(any, "any", 1, 1);
BUILTIN(all, "all", 1, 1);
BUILTIN(ord, "ord", 1, 1);
BUILTIN(chr, "chr", 1, 1);
BUILTIN(isinstance, "isinstance", 2, 2);
BUILTIN(issubclass, "issubclass", 2, 2);
BUILTIN(hash, "hash", 1, 1);
BUILTIN(id, "id", 1, 1);
BUILTIN(hex, "hex", 1, 1);
BUILTIN(oct, "oct", 1, 1);
BUILTIN(bin, "bin", 1, 1);
BUILTIN(divmod, "divmod", 2, 2);
BUILTIN_KW(pow, "pow", 2, 3, "mod");
BUILTIN_KW(round, "round", 1, 2, "ndigits");
BUILTIN(callable, "callable", 1, 1);
BUILTIN(iter, "iter", 1, 1);
BUILTIN(next, "next", 1, 2);
BUILTIN(format, "format", 1, 2);
BUILTIN_KW(sorted, "sorted", 1, 1, "key reverse");
BUILTIN(getattr, "getattr", 2, 3);
BUILTIN(hasattr, "hasattr", 2, 2);
BUILTIN(setattr, "setattr", 3, 3);
BUILTIN(delattr, "delattr", 2, 2);
BUILTIN(dir, "dir", 0, 1);
BUILTIN(globals, "globals", 0, 0);
BUILTIN(locals, "locals", 0, 0);
BUILTIN(vars, "vars", 0, 1);

const Type object_type = {{&type_type}, "object", NULL, NULL, NULL};

static const Obj *const builtin_table[] = {
  &b_print.obj, &b_len.obj, &b_repr.obj, &b_ascii.obj, &b_abs.obj, &b_min.obj, &b_max.obj, &b_sum.obj,
  &b_any.obj, &b_all.obj, &b_ord.obj, &b_chr.obj, &b_isinstance.obj, &b_issubclass.obj, &b_hash.obj,
  &b_id.obj, &b_hex.obj, &b_oct.obj, &b_bin.obj, &b_divmod.obj, &b_pow.obj, &b_round.obj,
  &b_callable.obj, &b_iter.obj, &b_next.obj, &b_format.obj, &b_sorted.obj, &b_getattr.obj,
  &b_hasattr.obj, &b_setattr.obj, &b_delattr.obj, &b_dir.obj, &b_globals.obj, &b_locals.obj, &b_vars.obj,
  &set_type.base, &frozenset_type.base, &bytes_type.base, &bytearray_type.base, &enumerate_type.base,
  &zip_type.base, &map_type.base, &filter_type.base, &reversed_type.base, &object_type.base,
  &slice_type.base, &exc_SystemExit.base, &exc_UnicodeError.base, &exc_UnicodeDecodeError.base, &exc_UnicodeEncodeError.base, &memoryview_type.base,
  &int_type.base, &float_type.base, &str_type.base, &bool_type.base, &list_type.base,
  &tuple_type.base, &dict_type.base, &range_type.base, &type_type.base,
  &exc_BaseException.base, &exc_Exception.base, &exc_TypeError.base, &exc_ValueError.base,
  &exc_NameError.base, &exc_UnboundLocalError.base, &exc_ZeroDivisionError.base,
  &exc_ArithmeticError.base, &exc_LookupError.base, &exc_IndexError.base, &exc_KeyError.base,
  &exc_AttributeError.base, &exc_OverflowError.base, &exc_MemoryError.base,
  &exc_RecursionError.base, &exc_RuntimeError.base, &exc_StopIteration.base,
  &exc_KeyboardInterrupt.base, &exc_NotImplementedError.base, &exc_AssertionError.base,
};

static bool put_builtin(VM *vm, ObjDict *d, const char *name, Value v) {
  Value key = str_intern(vm, name, strlen(name));
  return key != EXC_VAL && dict_set(vm, d, key, v);
}

bool thread_builtins_init(VM *vm, bool (*put)(VM *, ObjDict *, const char *, Value));   /* modthread.c */

bool builtins_init(VM *vm) {
  size_t i;
  if (!thread_builtins_init(vm, put_builtin)) return false;
  for (i = 0; i < sizeof builtin_table / sizeof builtin_table[0]; i++) {
    const Obj *o = builtin_table[i];
    const char *name = o->type == &builtin_type ? ((const ObjBuiltin *)o)->name : ((const Type *)o)->name;
    Value key = str_intern(vm, name, strlen(name));
    if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, OBJ_VAL(o))) return false;
  }
  for (i = 0; exc_builtin_types[i] != NULL; i++) {
    const Type *t = exc_builtin_types[i];
    Value key = str_intern(vm, t->name, strlen(t->name));
    if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, OBJ_VAL(t))) return false;
  }
  {
    Value key = str_intern(vm, "Ellipsis", 8);
    if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, ELLIPSIS_VAL)) return false;
  }
  {   /* EnvironmentError and IOError: other names of OSError */
    static const char *const aliases[] = {"EnvironmentError", "IOError"};
    for (i = 0; i < 2; i++) {
      Value key = str_intern(vm, aliases[i], strlen(aliases[i]));
      if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, OBJ_VAL(&exc_OSError))) return false;
    }
  }
  return true;
}
