/* int: small ints only, unboxed in the Value (see value.h). A result that does not fit raises
 * OverflowError("integer too large"): never a wrapped, wrong answer. */
#include "gen/opcodes.h"
#include "vm.h"

static Value too_large(VM *vm) { return vm_raise(vm, &exc_OverflowError, "integer too large"); }

static Value checked(VM *vm, vint r) { return INT_FITS(r) ? INT_VAL(r) : too_large(vm); }

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
  vint r;
  switch (op) {
  case BINOP_ADD: return checked(vm, a + b);
  case BINOP_SUB: return checked(vm, a - b);
  case BINOP_MUL: return mul_fits(a, b, &r) ? INT_VAL(r) : too_large(vm);
  case BINOP_TRUEDIV:
    if (b == 0) return vm_raise(vm, &exc_ZeroDivisionError, "division by zero");
    return float_binary(vm, op, (double)a, (double)b);
  case BINOP_FLOORDIV:
    if (b == 0) return vm_raise(vm, &exc_ZeroDivisionError, "integer division or modulo by zero");
    return checked(vm, floor_div(a, b));
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
      if (b & 1) { if (!mul_fits(r, a, &r)) return too_large(vm); }
      b >>= 1;
      if (b > 0 && !mul_fits(a, a, &a)) return too_large(vm);
    }
    return INT_VAL(r);
  case BINOP_LSHIFT:
    if (b < 0) return vm_raise(vm, &exc_ValueError, "negative shift count");
    if (a == 0) return INT_VAL(0);
    if (b >= VINT_BITS) return too_large(vm);
    r = (vint)((uintptr_t)a << b);
    if ((r >> b) != a || !INT_FITS(r)) return too_large(vm);
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

Value int_from_str(VM *vm, const char *s, size_t len, int base) {
  size_t i = 0, end = len;
  bool neg = false, digits = false;
  uintptr_t acc = 0;
  while (i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
  while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n' || s[end - 1] == '\r')) end--;
  if (i < end && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  for (; i < end; i++) {
    char c = s[i];
    int d;
    if (c == '_' && digits && i + 1 < end && s[i + 1] != '_') continue;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    else break;
    if (d >= base) break;
    if (acc > ((uintptr_t)VINT_MAX + 1u - (uintptr_t)d) / (uintptr_t)base) return too_large(vm);
    acc = acc * (uintptr_t)base + (uintptr_t)d;
    digits = true;
  }
  if (!digits || i != end) {
    Value str = str_new(vm, s, len);
    if (str == EXC_VAL) return EXC_VAL;
    return vm_raise_fmt(vm, &exc_ValueError, "invalid literal for int() with base %d: %v", base, str);
  }
  if (!neg && acc > (uintptr_t)VINT_MAX) return too_large(vm);
  return INT_VAL(neg ? (vint)(0 - acc) : (vint)acc);
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

const Type int_type = {{&type_type}, "int", NULL, NULL, NULL};
const Type bool_type = {{&type_type}, "bool", NULL, NULL, NULL};
const Type none_type = {{&type_type}, "NoneType", NULL, NULL, NULL};
const Type ellipsis_type = {{&type_type}, "ellipsis", NULL, NULL, NULL};
const Type type_type = {{&type_type}, "type", NULL, NULL, NULL};
