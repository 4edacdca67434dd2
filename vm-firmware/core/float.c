/* float: IEEE-754 doubles, boxed. repr is CPython's: the shortest digit string that reads back
 * to the same double (Steele & White / Burger & Dybvig free-format printing over a small
 * fixed-size bignum, so no stdio and no heap). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

Value float_new(VM *vm, double d) {
  ObjFloat *f = (ObjFloat *)obj_alloc(vm, &float_type, sizeof(ObjFloat));
  if (f == NULL) return EXC_VAL;
  f->value = d;
  return OBJ_VAL(f);
}

/* ==== arithmetic ========================================================================= */

Value float_binary(VM *vm, int op, double a, double b) {
  double r, mod, div;
  switch (op) {
  case BINOP_ADD: r = a + b; break;
  case BINOP_SUB: r = a - b; break;
  case BINOP_MUL: r = a * b; break;
  case BINOP_TRUEDIV:
    if (b == 0.0) return vm_raise(vm, &exc_ZeroDivisionError, "float division by zero");
    r = a / b;
    break;
  case BINOP_FLOORDIV:
  case BINOP_MOD:
    if (b == 0.0)
      return vm_raise(vm, &exc_ZeroDivisionError,
                      op == BINOP_MOD ? "float modulo" : "float floor division by zero");
    mod = fmod(a, b);
    div = (a - mod) / b;
    if (mod != 0.0) {
      if ((b < 0) != (mod < 0)) { mod += b; div -= 1.0; }
    } else {
      mod = copysign(0.0, b);
    }
    if (op == BINOP_MOD) { r = mod; break; }
    if (div != 0.0) {
      r = floor(div);
      if (div - r > 0.5) r += 1.0;
    } else {
      r = copysign(0.0, a / b);
    }
    break;
  case BINOP_POW:
    if (a == 0.0 && b < 0.0)
      return vm_raise(vm, &exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (a < 0.0 && b != floor(b) && isfinite(b))
      return vm_raise(vm, &exc_ValueError, "complex results are not supported");
    r = pow(a, b);
    if (isinf(r) && isfinite(a) && isfinite(b))
      return vm_raise(vm, &exc_OverflowError, "(34, 'Numerical result out of range')");
    break;
  default:
    return EXC_VAL;
  }
  return float_new(vm, r);
}

/* -1 if i < f, 0 if equal, 1 if i > f, 2 if f is nan. Exact for every small int. */
int float_compare_int(vint i, double f) {
  double fl;
  vint fi;
  if (isnan(f)) return 2;
  if (f >= 9223372036854775808.0) return -1;
  if (f < -9223372036854775808.0) return 1;
  fl = floor(f);
  if (fl >= 9223372036854775807.0 || fl <= -9223372036854775807.0) return fl > 0 ? -1 : 1;
  fi = (vint)(long long)fl;
  if (sizeof(vint) < sizeof(long long)) {
    long long li = (long long)fl;
    if (li > (long long)VINT_MAX) return -1;
    if (li < (long long)VINT_MIN) return 1;
    fi = (vint)li;
  }
  if (i < fi) return -1;
  if (i > fi) return 1;
  return f > fl ? -1 : 0;
}

Value float_to_int(VM *vm, double d) {
  double t;
  if (isnan(d)) return vm_raise(vm, &exc_ValueError, "cannot convert float NaN to integer");
  if (isinf(d)) return vm_raise(vm, &exc_OverflowError, "cannot convert float infinity to integer");
  t = trunc(d);
  if (t >= -(double)VINT_MIN || t < (double)VINT_MIN) return int_from_double(vm, t);
  return INT_VAL((vint)(long long)t);
}

static bool ci_equal(const char *a, size_t n, const char *b) {
  size_t i;
  if (strlen(b) != n) return false;
  for (i = 0; i < n; i++) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != b[i]) return false;
  }
  return true;
}

Value float_from_str(VM *vm, ObjStr *s) {
  const char *p = s->chars, *end = s->chars + s->len;
  const char *q;
  char *stop;
  double sign = 1.0, d;
  size_t i;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r')) end--;
  q = p;
  if (q < end && (*q == '+' || *q == '-')) { if (*q == '-') sign = -1.0; q++; }
  if (ci_equal(q, (size_t)(end - q), "inf") || ci_equal(q, (size_t)(end - q), "infinity"))
    return float_new(vm, sign * HUGE_VAL);
  if (ci_equal(q, (size_t)(end - q), "nan")) return float_new(vm, sign * NAN);
  for (i = 0; q + i < end; i++) {
    char c = q[i];
    if (c == '_') {   /* only between two digits */
      if (i == 0 || q + i + 1 >= end || !(q[i - 1] >= '0' && q[i - 1] <= '9') || !(q[i + 1] >= '0' && q[i + 1] <= '9'))
        goto bad;
      continue;
    }
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
      goto bad;
  }
  if (p == end) goto bad;
  if (memchr(p, '_', (size_t)(end - p)) != NULL) {
    char buf[128];
    size_t n = 0;
    const char *c;
    if ((size_t)(end - p) >= sizeof buf) goto bad;
    for (c = p; c < end; c++)
      if (*c != '_') buf[n++] = *c;
    buf[n] = '\0';
    d = strtod(buf, &stop);
    if (stop != buf + n) goto bad;
    return float_new(vm, d);
  }
  d = strtod(p, &stop);
  if (stop != end) goto bad;
  return float_new(vm, d);
bad:
  return vm_raise_fmt(vm, &exc_ValueError, "could not convert string to float: %v", OBJ_VAL(s));
}

/* ==== shortest repr ====================================================================== */

#define BIG_WORDS 40
typedef struct Big { int n; uint32_t w[BIG_WORDS]; } Big;

static void big_set(Big *b, uint64_t v) {
  b->n = 0;
  while (v != 0) { b->w[b->n++] = (uint32_t)v; v >>= 32; }
}

static void big_mul_small(Big *b, uint32_t m) {
  uint64_t carry = 0;
  int i;
  for (i = 0; i < b->n; i++) {
    uint64_t t = (uint64_t)b->w[i] * m + carry;
    b->w[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry != 0 && b->n < BIG_WORDS) b->w[b->n++] = (uint32_t)carry;
}

static void big_shl(Big *b, int bits) {
  int words = bits / 32, shift = bits % 32, i;
  if (b->n == 0) return;
  if (shift != 0) {
    uint32_t carry = 0;
    for (i = 0; i < b->n; i++) {
      uint32_t w = b->w[i];
      b->w[i] = (w << shift) | carry;
      carry = w >> (32 - shift);
    }
    if (carry != 0 && b->n < BIG_WORDS) b->w[b->n++] = carry;
  }
  if (words > 0 && b->n + words <= BIG_WORDS) {
    for (i = b->n - 1; i >= 0; i--) b->w[i + words] = b->w[i];
    for (i = 0; i < words; i++) b->w[i] = 0;
    b->n += words;
  }
}

static void big_mul_pow10(Big *b, int k) {
  while (k >= 9) { big_mul_small(b, 1000000000u); k -= 9; }
  while (k-- > 0) big_mul_small(b, 10u);
}

static int big_cmp(const Big *a, const Big *b) {
  int i;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (i = a->n - 1; i >= 0; i--)
    if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
  return 0;
}

static void big_add(Big *out, const Big *a, const Big *b) {
  uint64_t carry = 0;
  int n = a->n > b->n ? a->n : b->n, i;
  for (i = 0; i < n; i++) {
    uint64_t t = carry + (i < a->n ? a->w[i] : 0u) + (i < b->n ? b->w[i] : 0u);
    out->w[i] = (uint32_t)t;
    carry = t >> 32;
  }
  out->n = n;
  if (carry != 0 && n < BIG_WORDS) out->w[out->n++] = (uint32_t)carry;
}

static void big_sub(Big *a, const Big *b) {   /* a -= b, a >= b */
  int64_t borrow = 0;
  int i;
  for (i = 0; i < a->n; i++) {
    int64_t t = (int64_t)a->w[i] - (i < b->n ? b->w[i] : 0u) - borrow;
    borrow = t < 0;
    a->w[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
  }
  while (a->n > 0 && a->w[a->n - 1] == 0) a->n--;
}

/* Shortest digits of v > 0: v ~= 0.DIGITS x 10^decpt. Returns the digit count. */
static int shortest_digits(double v, char *digits, int *decpt) {
  uint64_t bits, f;
  int e, biased, k, n = 0;
  bool even;
  Big r, s, mp, mm, t;
  memcpy(&bits, &v, sizeof bits);
  biased = (int)((bits >> 52) & 0x7FF);
  f = bits & (((uint64_t)1 << 52) - 1);
  if (biased == 0) e = -1074;
  else { f |= (uint64_t)1 << 52; e = biased - 1075; }
  even = (f & 1) == 0;
  if (e >= 0) {
    bool boundary = f == ((uint64_t)1 << 52);
    big_set(&r, f); big_shl(&r, e + (boundary ? 2 : 1));
    big_set(&s, boundary ? 4 : 2);
    big_set(&mp, 1); big_shl(&mp, e + (boundary ? 1 : 0));
    big_set(&mm, 1); big_shl(&mm, e);
  } else {
    bool boundary = biased > 1 && f == ((uint64_t)1 << 52);
    big_set(&r, f); big_shl(&r, boundary ? 2 : 1);
    big_set(&s, 1); big_shl(&s, (boundary ? 2 : 1) - e);
    big_set(&mp, boundary ? 2 : 1);
    big_set(&mm, 1);
  }
  k = (int)ceil(log10(v) - 1e-10);
  if (k >= 0) big_mul_pow10(&s, k);
  else { big_mul_pow10(&r, -k); big_mul_pow10(&mp, -k); big_mul_pow10(&mm, -k); }
  big_add(&t, &r, &mp);
  if (even ? big_cmp(&t, &s) >= 0 : big_cmp(&t, &s) > 0) { big_mul_small(&s, 10); k++; }
  *decpt = k;
  for (;;) {
    int d = 0;
    bool low, high;
    big_mul_small(&r, 10); big_mul_small(&mp, 10); big_mul_small(&mm, 10);
    while (big_cmp(&r, &s) >= 0) { big_sub(&r, &s); d++; }
    low = even ? big_cmp(&r, &mm) <= 0 : big_cmp(&r, &mm) < 0;
    big_add(&t, &r, &mp);
    high = even ? big_cmp(&t, &s) >= 0 : big_cmp(&t, &s) > 0;
    if (low && high) {   /* both d and d + 1 read back: the nearer, ties to the even digit */
      int c;
      big_add(&t, &r, &r);
      c = big_cmp(&t, &s);
      if (c > 0 || (c == 0 && (d & 1))) d++;
    } else if (high) {
      d++;
    }
    digits[n++] = (char)('0' + d);
    if (low || high || n >= 17) break;
  }
  return n;
}

size_t float_format(double d, char *buf) {
  char digits[20];
  int nd, decpt, i;
  size_t len = 0;
  if (isnan(d)) { memcpy(buf, "nan", 4); return 3; }
  if (signbit(d)) { buf[len++] = '-'; d = -d; }
  if (isinf(d)) { memcpy(buf + len, "inf", 4); return len + 3; }
  if (d == 0.0) { memcpy(buf + len, "0.0", 4); return len + 3; }
  nd = shortest_digits(d, digits, &decpt);
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      buf[len++] = '0'; buf[len++] = '.';
      for (i = decpt; i < 0; i++) buf[len++] = '0';
      for (i = 0; i < nd; i++) buf[len++] = digits[i];
    } else {
      for (i = 0; i < decpt; i++) buf[len++] = i < nd ? digits[i] : '0';
      buf[len++] = '.';
      if (nd > decpt) for (i = decpt; i < nd; i++) buf[len++] = digits[i];
      else buf[len++] = '0';
    }
  } else {
    int exp = decpt - 1, ae;
    buf[len++] = digits[0];
    if (nd > 1) {
      buf[len++] = '.';
      for (i = 1; i < nd; i++) buf[len++] = digits[i];
    }
    buf[len++] = 'e';
    buf[len++] = exp < 0 ? '-' : '+';
    ae = exp < 0 ? -exp : exp;
    if (ae >= 100) buf[len++] = (char)('0' + ae / 100);
    buf[len++] = (char)('0' + (ae / 10) % 10);
    buf[len++] = (char)('0' + ae % 10);
  }
  buf[len] = '\0';
  return len;
}

void float_write(VM *vm, double d) {
  char buf[40];
  size_t n = float_format(d, buf);
  vm_sb_add(vm, buf, n);
}

static Value m_is_integer(VM *vm, int argc, Value *args) {
  double d = AS_FLOAT(args[0]);
  (void)vm; (void)argc;
  return BOOL_VAL(isfinite(d) && d == floor(d));
}

static Value m_as_integer_ratio(VM *vm, int argc, Value *args) {
  double d = AS_FLOAT(args[0]), m;
  int e;
  Value num, den, t;
  (void)argc;
  if (isinf(d)) return vm_raise(vm, &exc_OverflowError, "cannot convert Infinity to integer ratio");
  if (isnan(d)) return vm_raise(vm, &exc_ValueError, "cannot convert NaN to integer ratio");
  m = frexp(d, &e);
  while (m != floor(m)) { m *= 2.0; e--; }
  num = int_from_double(vm, m);
  if (num == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, num);
  if (e > 0) {
    num = bigint_binary(vm, BINOP_LSHIFT, num, INT_VAL(e));
    den = INT_VAL(1);
  } else {
    den = bigint_binary(vm, BINOP_LSHIFT, INT_VAL(1), INT_VAL(-e));
  }
  if (num == EXC_VAL || den == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  vm->roots[vm->nroots - 1] = num;
  vm_push_root(vm, den);
  t = tuple_new(vm, 2);
  vm->nroots -= 2;
  if (t == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = num;
  AS_TUPLE(t)->items[1] = den;
  return t;
}

static Value m_fconjugate(VM *vm, int argc, Value *args) { (void)vm; (void)argc; return args[0]; }

static Value m_hex(VM *vm, int argc, Value *args) {
  double d = AS_FLOAT(args[0]), m;
  int e, i;
  char buf[40];
  size_t n = 0;
  static const char hx[] = "0123456789abcdef";
  (void)argc;
  if (isnan(d)) return str_from_cstr(vm, "nan");
  if (isinf(d)) return str_from_cstr(vm, d > 0 ? "inf" : "-inf");
  if (signbit(d)) buf[n++] = '-';
  d = fabs(d);
  if (d == 0.0) return str_from_cstr(vm, signbit(AS_FLOAT(args[0])) ? "-0x0.0p+0" : "0x0.0p+0");
  m = frexp(d, &e);   /* d = m * 2^e, m in [0.5, 1) */
  m *= 2.0;
  e -= 1;
  if (e < -1022) { m = ldexp(m, e + 1022); e = -1022; }   /* subnormal */
  buf[n++] = '0'; buf[n++] = 'x';
  buf[n++] = (char)('0' + (int)m);
  m -= floor(m);
  buf[n++] = '.';
  for (i = 0; i < 13; i++) {
    int dgt;
    m *= 16.0;
    dgt = (int)m;
    buf[n++] = hx[dgt];
    m -= dgt;
  }
  buf[n++] = 'p';
  buf[n++] = e < 0 ? '-' : '+';
  {
    char tmp[8];
    int k = 0, ae = e < 0 ? -e : e;
    do { tmp[k++] = (char)('0' + ae % 10); ae /= 10; } while (ae);
    while (k) buf[n++] = tmp[--k];
  }
  return str_new(vm, buf, n);
}

static const MethodDef float_methods[] = {
  {"is_integer", m_is_integer, 0, 0, NULL},
  {"as_integer_ratio", m_as_integer_ratio, 0, 0, NULL},
  {"conjugate", m_fconjugate, 0, 0, NULL},
  {"hex", m_hex, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type float_type = {{&type_type}, "float", NULL, NULL, float_methods};
