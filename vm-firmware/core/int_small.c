/* bigint.c's interface for a level without big ints (config.h: VIPER_HAS_BIGINT 0): every int is
 * a small int, and a result that leaves the small range raises OverflowError instead of growing
 * (int.c calls bigint_binary only then, or with operands whose result fits). */
#include <math.h>

#include "gen/opcodes.h"
#include "vm.h"
#if !VIPER_HAS_BIGINT

const Type bigint_type = {{&type_type}, "int", NULL, NULL, NULL};   /* never made: a name only */

static Value overflow(VM *vm) {
  return vm_raise_fmt(vm, &exc_OverflowError, "int too large (this VM's %s level has no big ints)", VIPER_LEVEL_NAME);
}

static Value fits(VM *vm, bool over, vint r) { return over || !INT_FITS(r) ? overflow(vm) : INT_VAL(r); }

Value bigint_binary(VM *vm, int op, Value a, Value b) {
  vint x = AS_INTLIKE(a), y = AS_INTLIKE(b), r = 0;
  bool over;
  switch (op) {
  case BINOP_ADD: over = __builtin_add_overflow(x, y, &r); return fits(vm, over, r);
  case BINOP_SUB: over = __builtin_sub_overflow(x, y, &r); return fits(vm, over, r);
  case BINOP_MUL: over = __builtin_mul_overflow(x, y, &r); return fits(vm, over, r);
  case BINOP_LSHIFT:
    if (y < 0) return vm_raise(vm, &exc_ValueError, "negative shift count");
    if (x == 0) return INT_VAL(0);
    if (y >= (vint)(sizeof(vint) * 8 - 1)) return overflow(vm);
    over = __builtin_mul_overflow(x, (vint)1 << y, &r);
    return fits(vm, over, r);
  case BINOP_FLOORDIV:   /* VINT_MIN // -1 */
  case BINOP_POW: return overflow(vm);
  default: return int_binary(vm, op, x, y);   /* the others never leave the range */
  }
}

Value bigint_unary(VM *vm, int op, Value a) {
  vint x = AS_INTLIKE(a);
  if (op == UNOP_NEG) return fits(vm, false, -x);   /* VINT_MIN's negation is outside */
  if (op == UNOP_INVERT) return INT_VAL(~x);
  return a;
}

Value int_number_binary(VM *vm, int op, Value a, Value b) {
  if (IS_INTLIKE(a) && IS_INTLIKE(b)) return bigint_binary(vm, op, a, b);
  if ((IS_INTLIKE(a) || IS_FLOAT(a)) && (IS_INTLIKE(b) || IS_FLOAT(b))) {
    if (op > BINOP_POW) return UNBOUND_VAL;
    return float_binary(vm, op, IS_FLOAT(a) ? AS_FLOAT(a) : (double)AS_INTLIKE(a),
                        IS_FLOAT(b) ? AS_FLOAT(b) : (double)AS_INTLIKE(b));
  }
  return UNBOUND_VAL;
}

/* a * b mod m without leaving the range: doubling (m's magnitude is below VINT_MAX / 2). */
static vint mulmod(vint a, vint b, vint m) {
  vint r = 0;
  while (b > 0) {
    if (b & 1) r = (r + a) % m;
    a = (a + a) % m;
    b >>= 1;
  }
  return r;
}

Value int_powmod(VM *vm, Value a, Value b, Value m) {
  vint base = AS_INTLIKE(a), e = AS_INTLIKE(b), mod = AS_INTLIKE(m), r = 1, am;
  if (mod == 0) return vm_raise(vm, &exc_ValueError, "pow() 3rd argument cannot be 0");
  am = mod < 0 ? -mod : mod;
  if (am > VINT_MAX / 2) return overflow(vm);
  base %= am;
  if (base < 0) base += am;
  if (e < 0) {   /* the inverse of base modulo am (extended Euclid), raised to -e */
    vint r0 = am, r1 = base, s0 = 0, s1 = 1;
    while (r1 != 0) {
      vint q = r0 / r1, t = r0 - q * r1;
      r0 = r1; r1 = t;
      t = s0 - q * s1; s0 = s1; s1 = t;
    }
    if (r0 != 1) return vm_raise(vm, &exc_ValueError, "base is not invertible for the given modulus");
    base = s0 % am;
    if (base < 0) base += am;
    e = -e;
  }
  for (r = 1 % am; e > 0; e >>= 1) {
    if (e & 1) r = mulmod(r, base, am);
    base = mulmod(base, base, am);
  }
  if (mod < 0 && r != 0) r -= am;   /* the result takes the modulus's sign */
  return INT_VAL(r);
}

int int_compare(Value a, Value b) { return AS_INTLIKE(a) < AS_INTLIKE(b) ? -1 : AS_INTLIKE(a) > AS_INTLIKE(b); }
int int_compare_float(Value a, double f) { return float_compare_int(AS_INTLIKE(a), f); }

bool int_to_double(VM *vm, Value a, double *out) {
  (void)vm;
  *out = IS_FLOAT(a) ? AS_FLOAT(a) : (double)AS_INTLIKE(a);
  return true;
}

Value int_from_u64(VM *vm, bool neg, uint64_t mag) {
  if (!neg && mag <= (uint64_t)VINT_MAX) return INT_VAL((vint)mag);
  if (neg && mag <= (uint64_t)VINT_MAX + 1u) return INT_VAL((vint)(0 - (uintptr_t)mag));
  return overflow(vm);
}

Value int_from_double(VM *vm, double d) {
  d = trunc(d);
  if (d >= (double)VINT_MIN && d < -(double)VINT_MIN) return fits(vm, false, (vint)d);
  return overflow(vm);
}

Value bigint_from_le_bytes(VM *vm, bool neg, const uint8_t *bytes, uint32_t n) {
  uint64_t m = 0;
  while (n > 0 && bytes[n - 1] == 0) n--;
  if (n > 8) return overflow(vm);
  while (n-- > 0) m = (m << 8) | bytes[n];
  return int_from_u64(vm, neg, m);
}

Value bigint_parse(VM *vm, const char *s, size_t len, int base, bool neg) {
  (void)s; (void)len; (void)base; (void)neg;
  return overflow(vm);   /* int.c parses whatever fits itself */
}

uint32_t int_bit_length(Value v) {
  vint x = AS_INTLIKE(v);
  uintptr_t m = x < 0 ? (uintptr_t)0 - (uintptr_t)x : (uintptr_t)x;
  uint32_t n = 0;
  while (m != 0) { n++; m >>= 1; }
  return n;
}

void int_write_base(VM *vm, Value v, int base) {
  static const char digits[] = "0123456789abcdef";
  char buf[sizeof(vint) * 8 + 1];
  vint x = AS_INTLIKE(v);
  uintptr_t m = x < 0 ? (uintptr_t)0 - (uintptr_t)x : (uintptr_t)x;
  size_t i = sizeof buf;
  do { buf[--i] = digits[m % (uintptr_t)base]; m /= (uintptr_t)base; } while (m != 0);
  if (x < 0) buf[--i] = '-';
  vm_sb_add(vm, buf + i, sizeof buf - i);
}

int64_t int_hash(Value v) {   /* CPython's: the value modulo 2**61 - 1, keeping its sign */
  int64_t x = (int64_t)AS_INTLIKE(v), h;
  const int64_t mod = ((int64_t)1 << 61) - 1;
  h = x < 0 ? -((-x) % mod) : x % mod;
  return h == -1 ? -2 : h;
}

bool int_to_i64(Value v, int64_t *out) {
  *out = (int64_t)AS_INTLIKE(v);
  return true;
}

#endif   /* !VIPER_HAS_BIGINT */
