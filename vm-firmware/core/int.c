/* int: small ints, unboxed in the Value (see value.h). A result that does not fit is computed
 * again by bigint.c, which returns an arbitrary-precision int. */
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

#define PROMOTE() bigint_binary(vm, op, INT_VAL(a0), INT_VAL(b0))

/* a * b, or false when |a*b| exceeds the small int range. */
static bool mul_fits(vint a, vint b, vint *out) {
  uintptr_t ua = a < 0 ? (uintptr_t)0 - (uintptr_t)a : (uintptr_t)a;
  uintptr_t ub = b < 0 ? (uintptr_t)0 - (uintptr_t)b : (uintptr_t)b;
  uintptr_t p;
  if (ua != 0 && ub > (uintptr_t)VINT_MAX / ua) return false;
  p = ua * ub;
  if (p > (uintptr_t)VINT_MAX) return false;
  *out = ((a < 0) != (b < 0)) ? -(vint)p : (vint)p;
  return true;
}

static vint floor_div(vint a, vint b) {
  vint q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

static vint floor_mod(vint a, vint b) {
  vint m = a % b;
  if (m != 0 && ((m < 0) != (b < 0))) m += b;
  return m;
}

Value int_binary(VM *vm, int op, vint a, vint b) {
  vint r, a0 = a, b0 = b;
  switch (op) {
  case BINOP_ADD: r = a + b; return INT_FITS(r) ? INT_VAL(r) : PROMOTE();
  case BINOP_SUB: r = a - b; return INT_FITS(r) ? INT_VAL(r) : PROMOTE();
  case BINOP_MUL: return mul_fits(a, b, &r) ? INT_VAL(r) : PROMOTE();
  case BINOP_TRUEDIV:
    if (b == 0) return vm_raise(vm, &exc_ZeroDivisionError, "division by zero");
    return float_binary(vm, op, (double)a, (double)b);
  case BINOP_FLOORDIV:
    if (b == 0) return vm_raise(vm, &exc_ZeroDivisionError, "integer division or modulo by zero");
    r = floor_div(a, b);
    return INT_FITS(r) ? INT_VAL(r) : PROMOTE();
  case BINOP_MOD:
    if (b == 0) return vm_raise(vm, &exc_ZeroDivisionError, "integer modulo by zero");
    return INT_VAL(floor_mod(a, b));
  case BINOP_POW:
    if (b < 0) {
      if (a == 0)
        return vm_raise(vm, &exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
      return float_binary(vm, op, (double)a, (double)b);
    }
    r = 1;
    while (b > 0) {
      if (b & 1) { if (!mul_fits(r, a, &r)) return PROMOTE(); }
      b >>= 1;
      if (b > 0 && !mul_fits(a, a, &a)) return PROMOTE();
    }
    return INT_VAL(r);
  case BINOP_LSHIFT:
    if (b < 0) return vm_raise(vm, &exc_ValueError, "negative shift count");
    if (a == 0) return INT_VAL(0);
    if (b >= VINT_BITS) return PROMOTE();
    r = (vint)((uintptr_t)a << b);
    if ((r >> b) != a || !INT_FITS(r)) return PROMOTE();
    return INT_VAL(r);
  case BINOP_RSHIFT:
    if (b < 0) return vm_raise(vm, &exc_ValueError, "negative shift count");
    if (b >= VINT_BITS) return INT_VAL(a < 0 ? -1 : 0);
    return INT_VAL(a >> b);   /* arithmetic shift on every compiler we target */
  case BINOP_AND: return INT_VAL(a & b);
  case BINOP_OR: return INT_VAL(a | b);
  case BINOP_XOR: return INT_VAL(a ^ b);
  default: return EXC_VAL;
  }
}

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* int(s, base) with CPython's rules: whitespace, sign, 0x/0o/0b prefixes (base 0 or the
 * matching base), single underscores between digits; base 0 rejects leading zeros. */
Value int_from_str(VM *vm, const char *s, size_t len, int base) {
  size_t i = 0, end = len, start;
  bool neg = false, big = false, prefixed = false;
  uintptr_t acc = 0;
  int given = base;
  while (i < end && is_ws(s[i])) i++;
  while (end > i && is_ws(s[end - 1])) end--;
  if (i < end && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i + 1 < end && s[i] == '0') {
    char p = (char)(s[i + 1] | 0x20);
    int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (pb != 0 && (base == 0 || base == pb)) { base = pb; i += 2; prefixed = true; }
  }
  if (base == 0) base = 10;
  start = i;
  if (prefixed && i < end && s[i] == '_') i++, start++;
  if (i >= end) goto bad;
  for (; i < end; i++) {
    int d;
    if (s[i] == '_') {
      if (i == start || i + 1 >= end || s[i + 1] == '_') goto bad;
      continue;
    }
    d = digit_value(s[i]);
    if (d >= base) goto bad;
    if (!big) {
      if (acc > ((uintptr_t)VINT_MAX - (uintptr_t)d) / (uintptr_t)base) big = true;
      else acc = acc * (uintptr_t)base + (uintptr_t)d;
    }
  }
  if (given == 0 && !prefixed) {   /* base 0: "0_0" and "000" are fine, "012" is not */
    for (i = start; i < end; i++)
      if (s[i] != '0' && s[i] != '_') break;
    if (s[start] == '0' && i < end) goto bad;
  }
  if (big) return bigint_parse(vm, s + start, end - start, base, neg);
  return INT_VAL(neg ? -(vint)acc : (vint)acc);
bad: {
    Value str = str_new(vm, s, len);
    if (str == EXC_VAL) return EXC_VAL;
    return vm_raise_fmt(vm, &exc_ValueError, "invalid literal for int() with base %d: %v", given, str);
  }
}

void int_write(VM *vm, vint i) {
  char buf[24];
  int n = 0, k;
  char out[24];
  uintptr_t u = i < 0 ? (uintptr_t)0 - (uintptr_t)i : (uintptr_t)i;
  do {
    buf[n++] = (char)('0' + (int)(u % 10u));
    u /= 10u;
  } while (u != 0);
  k = 0;
  if (i < 0) out[k++] = '-';
  while (n > 0) out[k++] = buf[--n];
  vm_sb_add(vm, out, (size_t)k);
}

/* ---- methods (shared by bigints and bools) ---------------------------------------------- */

static Value m_bit_length(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc;
  return INT_VAL((vint)int_bit_length(IS_BOOL(args[0]) ? INT_VAL(AS_INTLIKE(args[0])) : args[0]));
}

static Value m_bit_count(VM *vm, int argc, Value *args) {
  Value v = IS_BOOL(args[0]) ? INT_VAL(AS_INTLIKE(args[0])) : args[0];
  RootMark mark;
  vint n = 0;
  (void)argc;
  if (int_compare(v, INT_VAL(0)) < 0) v = bigint_unary(vm, UNOP_NEG, v);
  if (v == EXC_VAL) return EXC_VAL;
  mark = gc_root_mark(vm);
  vm_push_root(vm, v);
  while (int_compare(v, INT_VAL(0)) != 0) {
    Value low = bigint_binary(vm, BINOP_AND, v, INT_VAL(0xFFFF));
    vint x;
    if (low == EXC_VAL) { v = EXC_VAL; break; }
    for (x = AS_INT(low); x; x &= x - 1) n++;
    v = bigint_binary(vm, BINOP_RSHIFT, v, INT_VAL(16));
    if (v == EXC_VAL) break;
    gc_root_at(vm, mark, 0) = v;
  }
  gc_root_restore(vm, mark);
  return v == EXC_VAL ? EXC_VAL : INT_VAL(n);
}

static Value m_conjugate(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc;
  return IS_BOOL(args[0]) ? INT_VAL(AS_INTLIKE(args[0])) : args[0];
}

static bool byteorder_little(VM *vm, Value v, bool *little) {
  if (v == UNBOUND_VAL) { *little = false; return true; }
  if (IS_STR(v) && strcmp(AS_STR(v)->chars, "little") == 0) { *little = true; return true; }
  if (IS_STR(v) && strcmp(AS_STR(v)->chars, "big") == 0) { *little = false; return true; }
  vm_raise(vm, &exc_ValueError, "byteorder must be either 'little' or 'big'");
  return false;
}

/* int.to_bytes(length=1, byteorder='big', *, signed=False) */
static Value m_to_bytes(VM *vm, int argc, Value *args) {
  Value lenv = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0), orderv = argc > 2 ? args[2] : NATIVE_KW(args, argc, 1);
  Value sgn = NATIVE_KW(args, argc, 2), v = IS_BOOL(args[0]) ? INT_VAL(AS_INTLIKE(args[0])) : args[0], r;
  bool little, is_signed = sgn != UNBOUND_VAL && value_truthy(sgn), neg;
  vint len = 1, i;
  if (lenv != UNBOUND_VAL) {
    if (!IS_INTLIKE(lenv)) return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", lenv);
    len = AS_INTLIKE(lenv);
  }
  if (len < 0) return vm_raise(vm, &exc_ValueError, "length argument must be non-negative");
  if (!byteorder_little(vm, orderv, &little)) return EXC_VAL;
  neg = int_compare(v, INT_VAL(0)) < 0;
  if (neg && !is_signed) return vm_raise(vm, &exc_OverflowError, "can't convert negative int to unsigned");
  {
    uint32_t bits = int_bit_length(v);
    bool fits = is_signed ? (neg ? bits <= (uint32_t)len * 8 : bits < (uint32_t)len * 8) : bits <= (uint32_t)len * 8;
    if (neg && is_signed && bits == (uint32_t)len * 8) {   /* -2^(8n-1) fits, others of that length do not */
      Value p = bigint_binary(vm, BINOP_LSHIFT, INT_VAL(1), INT_VAL(len * 8 - 1));
      Value m = p == EXC_VAL ? EXC_VAL : bigint_unary(vm, UNOP_NEG, p);
      if (m == EXC_VAL) return EXC_VAL;
      fits = int_compare(v, m) == 0;
    }
    if (!fits) return vm_raise(vm, &exc_OverflowError, "int too big to convert");
  }
  if (neg) {   /* two's complement: v + 2^(8*len) */
    Value p = bigint_binary(vm, BINOP_LSHIFT, INT_VAL(1), INT_VAL(len * 8));
    if (p == EXC_VAL) return EXC_VAL;
    v = bigint_binary(vm, BINOP_ADD, v, p);
    if (v == EXC_VAL) return EXC_VAL;
  }
  vm_push_root(vm, v);
  r = bytes_new(vm, &bytes_type, NULL, (uint32_t)len);
  vm_pop_root(vm);
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  for (i = 0; i < len; i++) {
    Value byte = bigint_binary(vm, BINOP_AND, v, INT_VAL(255));
    if (byte == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    AS_BYTES(r)->data[little ? i : len - 1 - i] = (uint8_t)AS_INT(byte);
    vm_push_root(vm, v);
    v = bigint_binary(vm, BINOP_RSHIFT, v, INT_VAL(8));
    vm_pop_root(vm);
    if (v == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  return r;
}

/* int.from_bytes(bytes, byteorder='big', *, signed=False); args[0] is the int type */
static Value m_from_bytes(VM *vm, int argc, Value *args) {
  Value orderv = argc > 2 ? args[2] : NATIVE_KW(args, argc, 0), sgn = NATIVE_KW(args, argc, 1), src = args[1], v;
  bool little;
  uint32_t n, i;
  const uint8_t *d;
  if (!byteorder_little(vm, orderv, &little)) return EXC_VAL;
  if (!IS_BYTESLIKE(src)) {
    src = bytes_make(vm, &bytes_type, 1, &args[1]);
    if (src == EXC_VAL) return EXC_VAL;
  }
  vm_push_root(vm, src);
  n = AS_BYTES(src)->len;
  d = AS_BYTES(src)->data;
  {
    Value tmp = bytes_new(vm, &bytes_type, NULL, n);
    if (tmp == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    d = AS_BYTES(src)->data;
    for (i = 0; i < n; i++) AS_BYTES(tmp)->data[i] = little ? d[i] : d[n - 1 - i];
    vm_push_root(vm, tmp);   /* the result's allocation may collect */
    v = bigint_from_le_bytes(vm, false, AS_BYTES(tmp)->data, n);
    vm_pop_root(vm);
  }
  if (v != EXC_VAL && sgn != UNBOUND_VAL && value_truthy(sgn) && n > 0 &&
      (AS_BYTES(src)->data[little ? n - 1 : 0] & 0x80)) {
    Value p;
    vm_push_root(vm, v);
    p = bigint_binary(vm, BINOP_LSHIFT, INT_VAL(1), INT_VAL((vint)n * 8));
    v = p == EXC_VAL ? EXC_VAL : bigint_binary(vm, BINOP_SUB, v, p);
    vm_pop_root(vm);
  }
  vm_pop_root(vm);
  return v;
}

const MethodDef int_class_methods[] = {
  {"from_bytes", m_from_bytes, 1, 2, "byteorder signed"},
  {NULL, NULL, 0, 0, NULL},
};

static const MethodDef int_methods[] = {
  {"bit_length", m_bit_length, 0, 0, NULL},
  {"bit_count", m_bit_count, 0, 0, NULL},
  {"conjugate", m_conjugate, 0, 0, NULL},
  {"to_bytes", m_to_bytes, 0, 2, "length byteorder signed"},
  {"from_bytes", m_from_bytes, 1, 2, "byteorder signed"},
  {NULL, NULL, 0, 0, NULL},
};

const Type int_type = {{&type_type}, "int", NULL, NULL, int_methods};
const Type bool_type = {{&type_type}, "bool", &int_type, NULL, NULL};   /* bool is a subclass of int */
const Type none_type = {{&type_type}, "NoneType", NULL, NULL, NULL};
const Type ellipsis_type = {{&type_type}, "ellipsis", NULL, NULL, NULL};
/* cls[key] calls the class's __class_getitem__ (a classmethod, decorated or not); a built-in type
 * subscripted in an annotation (list[int]) stands for itself: Viper keeps no generic aliases. */
/* The class's metaclass's own dunder called on the class (len(Color), iter(Color), x in Color,
 * Color[k] for an enum); UNBOUND_VAL when no metaclass of the class defines it. */
static Value meta_dunder(VM *vm, Value cls, const char *dunder, int argc, Value arg) {
  Value meta = class_meta(cls), name, f, argv[2];
  if (!IS_PYCLASS(meta)) return UNBOUND_VAL;
  name = str_intern(vm, dunder, strlen(dunder));
  if (name == EXC_VAL) return EXC_VAL;
  f = class_lookup((const Type *)AS_OBJ(meta), AS_STR(name));
  if (f == UNBOUND_VAL) return UNBOUND_VAL;
  argv[0] = cls;
  argv[1] = arg;
  return vm_call(vm, f, 1 + argc, argv);
}

static Value type_len(VM *vm, Value cls) {
  Value r = meta_dunder(vm, cls, "__len__", 0, NONE_VAL);
  if (r != UNBOUND_VAL) return r;
  return vm_raise(vm, &exc_TypeError, "object of type 'type' has no len()");
}

static Value type_iter(VM *vm, Value cls) {
  Value r = meta_dunder(vm, cls, "__iter__", 0, NONE_VAL);
  if (r != UNBOUND_VAL) return r;
  return vm_raise(vm, &exc_TypeError, "'type' object is not iterable");
}

static Value type_contains(VM *vm, Value cls, Value item) {
  Value r = meta_dunder(vm, cls, "__contains__", 1, item);
  if (r == EXC_VAL) return EXC_VAL;
  if (r != UNBOUND_VAL) return BOOL_VAL(value_truthy(r));
  return vm_raise(vm, &exc_TypeError, "argument of type 'type' is not iterable");
}

static Value type_getitem(VM *vm, Value cls, Value key) {
  Value name, f, argv[2];
  if (!IS_PYCLASS(cls)) return cls;
  f = meta_dunder(vm, cls, "__getitem__", 1, key);
  if (f != UNBOUND_VAL) return f;
  name = str_intern(vm, "__class_getitem__", 17);
  if (name == EXC_VAL) return EXC_VAL;
  if (class_lookup((const Type *)AS_OBJ(cls), AS_STR(name)) == UNBOUND_VAL)
    return vm_raise_fmt(vm, &exc_TypeError, "type '%s' is not subscriptable", ((const Type *)AS_OBJ(cls))->name);
  f = value_getattr(vm, cls, AS_STR(name));
  if (f == EXC_VAL) return EXC_VAL;
  argv[0] = cls;
  argv[1] = key;
  if (IS_FUNCTION(f)) return vm_call(vm, f, 2, argv);
  return vm_call(vm, f, 1, argv + 1);
}

const Type type_type = {{&type_type}, "type", NULL, class_trace, NULL,
    .print = type_print, .getitem = type_getitem, .getattr = type_getattr, .len = type_len,
    .getiter = type_iter, .contains = type_contains};   /* traces Python classes */
