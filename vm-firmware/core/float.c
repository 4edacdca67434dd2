/* float: IEEE-754 doubles, boxed. repr is CPython's: the shortest digit string that reads back
 * to the same double (Steele & White / Burger & Dybvig free-format printing over a small
 * fixed-size bignum, so no stdio and no heap). */
#include <float.h>
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
    if (a == 0.0 && b < 0.0 && isfinite(b))   /* 0.0 ** -inf is inf */
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

/* ==== shortest repr ====================================================================== */

/* Bignums over storage the caller gives: repr's fit 40 words on the stack, a parse's hard case
 * takes about 90 from the heap. */
#define BIG_WORDS 40
typedef struct Big { int n, cap; uint32_t *w; } Big;

static void big_init(Big *b, uint32_t *store, int cap) { b->n = 0; b->cap = cap; b->w = store; }

static void big_set(Big *b, uint64_t v) {
  b->n = 0;
  while (v != 0) { b->w[b->n++] = (uint32_t)v; v >>= 32; }
}

static void big_copy(Big *out, const Big *a) {
  out->n = a->n;
  memcpy(out->w, a->w, (size_t)a->n * sizeof(uint32_t));
}

/* b = b * m + add */
static void big_mul_add(Big *b, uint32_t m, uint32_t add) {
  uint64_t carry = add;
  int i;
  for (i = 0; i < b->n; i++) {
    uint64_t t = (uint64_t)b->w[i] * m + carry;
    b->w[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry != 0 && b->n < b->cap) b->w[b->n++] = (uint32_t)carry;
}

static void big_mul_small(Big *b, uint32_t m) { big_mul_add(b, m, 0); }

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
    if (carry != 0 && b->n < b->cap) b->w[b->n++] = carry;
  }
  if (words > 0 && b->n + words <= b->cap) {
    for (i = b->n - 1; i >= 0; i--) b->w[i + words] = b->w[i];
    for (i = 0; i < words; i++) b->w[i] = 0;
    b->n += words;
  }
}

static void big_mul_pow10(Big *b, int k) {
  while (k >= 9) { big_mul_small(b, 1000000000u); k -= 9; }
  while (k-- > 0) big_mul_small(b, 10u);
}

static void big_mul_pow5(Big *b, int k) {
  while (k >= 13) { big_mul_small(b, 1220703125u); k -= 13; }   /* 5^13 */
  while (k-- > 0) big_mul_small(b, 5u);
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
  if (carry != 0 && n < out->cap) out->w[out->n++] = (uint32_t)carry;
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
  uint32_t store[5][BIG_WORDS];
  big_init(&r, store[0], BIG_WORDS); big_init(&s, store[1], BIG_WORDS);
  big_init(&mp, store[2], BIG_WORDS); big_init(&mm, store[3], BIG_WORDS);
  big_init(&t, store[4], BIG_WORDS);
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

/* ==== parsing ============================================================================ */

/* float(str) rounds to the nearest double, ties to even, for every decimal string, with no
 * help from the C library (whose strtod is not correctly rounded everywhere, and reads the
 * locale's decimal point). Easy cases are one exact double operation; the rest start from an
 * estimate a few units in the last place off and step it until an exact bignum comparison
 * with the halfway points on either side says it is the nearest (Clinger's Algorithm R). */

#define PARSE_DIGITS 780   /* more than the 767 significant digits of any halfway point */
#define PARSE_WORDS  92    /* D * 5^1105 shifted, the biggest number a comparison makes */

static const double pow10_exact[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Sign of D * 10^e10 - n * 2^e2, with d the scratch for D's copy and r for the other side. */
static int compare_halfway(const Big *D, int e10, uint64_t n, int e2, Big *d, Big *r) {
  int e_left = e10, e_right = e2;
  big_copy(d, D);
  big_set(r, n);
  if (e10 >= 0) big_mul_pow5(d, e10);   /* 10^e = 5^e * 2^e: the 2s join the shift below */
  else big_mul_pow5(r, -e10);
  if (e_left > e_right) big_shl(d, e_left - e_right);
  else big_shl(r, e_right - e_left);
  return big_cmp(d, r);
}

/* The double nearest D * 10^e10 (D > 0), from the estimate x. */
static double refine(const Big *D, int e10, double x, Big *d, Big *r) {
  for (;;) {
    uint64_t bits, m;
    int biased, k, c;
    memcpy(&bits, &x, sizeof bits);
    biased = (int)(bits >> 52);
    m = bits & (((uint64_t)1 << 52) - 1);
    if (biased == 0) k = -1074;
    else { m |= (uint64_t)1 << 52; k = biased - 1075; }
    /* above the halfway point to the next double up (at it, to the even one) */
    c = compare_halfway(D, e10, 2 * m + 1, k - 1, d, r);
    if (c > 0 || (c == 0 && (m & 1))) {
      bits++;
      memcpy(&x, &bits, sizeof x);
      if (isinf(x)) return x;
      continue;
    }
    if (m == 0) return x;
    /* below the halfway point to the next double down; below a power of two they are closer */
    if (biased > 1 && m == (uint64_t)1 << 52) c = compare_halfway(D, e10, 4 * m - 1, k - 2, d, r);
    else c = compare_halfway(D, e10, 2 * m - 1, k - 1, d, r);
    if (c < 0 || (c == 0 && (m & 1))) {
      bits--;
      memcpy(&x, &bits, sizeof x);
      continue;
    }
    return x;
  }
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A decimal being read: its significant digits go into D, nine at a time. */
typedef struct Decimal {
  Big D;
  uint64_t top;        /* the first 19 significant digits */
  int ntop, nd;        /* digits in top, significant digits in D */
  long e10;            /* the value is D * 10^e10 */
  bool nonzero_dropped;
  uint32_t chunk;      /* digits not yet in D, and how many */
  int nchunk;
} Decimal;

static const uint32_t pow10_u32[10] = {1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u,
                                       10000000u, 100000000u, 1000000000u};

static void push_digit(Decimal *dec, int digit) {
  if (dec->ntop < 19) { dec->top = dec->top * 10 + (uint64_t)digit; dec->ntop++; }
  dec->chunk = dec->chunk * 10 + (uint32_t)digit;
  if (++dec->nchunk == 9) {
    big_mul_add(&dec->D, 1000000000u, dec->chunk);
    dec->chunk = 0;
    dec->nchunk = 0;
  }
  dec->nd++;
}

static void add_digit(Decimal *dec, int digit, bool after_point) {
  if (dec->nd == 0 && digit == 0) {   /* a leading zero */
    if (after_point) dec->e10--;
    return;
  }
  if (dec->nd >= PARSE_DIGITS) {   /* only whether they were all zeros matters */
    if (digit != 0) dec->nonzero_dropped = true;
    if (!after_point) dec->e10++;
    return;
  }
  push_digit(dec, digit);
  if (after_point) dec->e10--;
}

/* Digits with single underscores between them, from *pp, each to dec (if not NULL); false if
 * there is none. */
static bool scan_digits(const char **pp, const char *end, Decimal *dec, bool after_point) {
  const char *p = *pp;
  if (p >= end || !is_digit(*p)) return false;
  for (;;) {
    if (dec != NULL) add_digit(dec, *p - '0', after_point);
    p++;
    if (p < end && *p == '_' && p + 1 < end && is_digit(p[1])) p++;
    else if (p >= end || !is_digit(*p)) break;
  }
  *pp = p;
  return true;
}

/* [+-] digits [. [digits]] | [+-] . digits, then [e [+-] digits]: the whole of [p, end).
 * 1 when it is one (the value in *out), 0 when it is not, -1 on MemoryError. */
static int parse_decimal(VM *vm, const char *p, const char *end, double *out) {
  Decimal dec;
  uint32_t store[PARSE_WORDS];
  bool neg = false, any;
  long exp = 0;
  double x;
  memset(&dec, 0, sizeof dec);
  big_init(&dec.D, store, PARSE_WORDS);
  if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
  any = scan_digits(&p, end, &dec, false);
  if (p < end && *p == '.') {
    p++;
    if (scan_digits(&p, end, &dec, true)) any = true;
  }
  if (!any) return 0;
  if (p < end && (*p == 'e' || *p == 'E')) {
    bool eneg = false;
    const char *q;
    p++;
    if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
    q = p;
    if (!scan_digits(&p, end, NULL, false)) return 0;
    for (; q < p; q++)
      if (is_digit(*q) && exp < 100000000L) exp = exp * 10 + (*q - '0');
    if (eneg) exp = -exp;
  }
  if (p != end) return 0;
  if (dec.nonzero_dropped) {   /* a 1 after the kept digits: between the same halfway points */
    push_digit(&dec, 1);
    dec.e10--;
  }
  if (dec.nchunk > 0) big_mul_add(&dec.D, pow10_u32[dec.nchunk], dec.chunk);
  dec.e10 += exp;
  if (dec.nd == 0) x = 0.0;
  else if (dec.e10 + dec.nd > 310) x = HUGE_VAL;
  else if (dec.e10 + dec.nd < -324) x = 0.0;
  else if (dec.nd <= 15 && dec.e10 >= -22 && dec.e10 <= 22) {   /* both exact: one rounding */
    x = (double)dec.top;
    x = dec.e10 < 0 ? x / pow10_exact[-dec.e10] : x * pow10_exact[dec.e10];
  } else {
    long e = dec.e10 + (dec.nd - dec.ntop);   /* top * 10^e estimates the value */
    uint32_t *scratch;
    Big d, r;
    x = (double)dec.top;
    for (; e >= 22; e -= 22) x *= 1e22;
    for (; e <= -22; e += 22) x /= 1e22;
    x = e < 0 ? x / pow10_exact[-e] : x * pow10_exact[e];
    if (isinf(x)) x = DBL_MAX;
    scratch = (uint32_t *)raw_alloc(vm, 2 * PARSE_WORDS * sizeof(uint32_t));
    if (scratch == NULL) return -1;
    big_init(&d, scratch, PARSE_WORDS);
    big_init(&r, scratch + PARSE_WORDS, PARSE_WORDS);
    x = refine(&dec.D, (int)dec.e10, x, &d, &r);
    mem_free(vm, scratch);
  }
  *out = neg ? -x : x;
  return 1;
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

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Value float_from_str(VM *vm, ObjStr *s) {
  const char *p = s->chars, *end = s->chars + s->len, *q;
  double sign = 1.0, d;
  while (p < end && is_space(*p)) p++;
  while (end > p && is_space(end[-1])) end--;
  q = p;
  if (q < end && (*q == '+' || *q == '-')) { if (*q == '-') sign = -1.0; q++; }
  if (ci_equal(q, (size_t)(end - q), "inf") || ci_equal(q, (size_t)(end - q), "infinity"))
    return float_new(vm, sign * HUGE_VAL);
  if (ci_equal(q, (size_t)(end - q), "nan")) return float_new(vm, sign * NAN);
  switch (parse_decimal(vm, p, end, &d)) {
  case 1: return float_new(vm, d);
  case -1: return EXC_VAL;
  default: break;
  }
  return vm_raise_fmt(vm, &exc_ValueError, "could not convert string to float: %v", OBJ_VAL(s));
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
  RootMark mark;
  (void)argc;
  if (isinf(d)) return vm_raise(vm, &exc_OverflowError, "cannot convert Infinity to integer ratio");
  if (isnan(d)) return vm_raise(vm, &exc_ValueError, "cannot convert NaN to integer ratio");
  m = frexp(d, &e);
  while (m != floor(m)) { m *= 2.0; e--; }
  num = int_from_double(vm, m);
  if (num == EXC_VAL) return EXC_VAL;
  mark = gc_root_mark(vm);
  vm_push_root(vm, num);
  if (e > 0) {
    num = bigint_binary(vm, BINOP_LSHIFT, num, INT_VAL(e));
    den = INT_VAL(1);
  } else {
    den = bigint_binary(vm, BINOP_LSHIFT, INT_VAL(1), INT_VAL(-e));
  }
  if (num == EXC_VAL || den == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
  gc_root_at(vm, mark, 0) = num;
  vm_push_root(vm, den);
  t = tuple_new(vm, 2);
  gc_root_restore(vm, mark);
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

/* CPython's numeric hash: the value modulo 2^61 - 1, so equal ints and floats agree. */
static bool float_hash(VM *vm, Value f, int64_t *out) {
  const uint64_t mod = ((uint64_t)1 << 61) - 1;
  uint64_t x = 0;
  int e, sign = 1;
  double m, v = AS_FLOAT(f);
  (void)vm;
  if (isinf(v)) { *out = v > 0 ? 314159 : -314159; return true; }
  if (isnan(v)) { *out = 0; return true; }
  m = frexp(v, &e);
  if (m < 0) { sign = -1; m = -m; }
  while (m != 0.0) {
    uint64_t y;
    x = ((x << 28) & mod) | x >> (61 - 28);
    m *= 268435456.0;
    e -= 28;
    y = (uint64_t)m;
    m -= (double)y;
    x += y;
    if (x >= mod) x -= mod;
  }
  e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
  x = ((x << e) & mod) | x >> (61 - e);
  if (sign < 0) x = (uint64_t)0 - x;
  if (x == (uint64_t)-1) x = (uint64_t)-2;
  *out = (int64_t)x;
  return true;
}

static void float_print(VM *vm, Value v, bool repr) { (void)repr; float_write(vm, AS_FLOAT(v)); }

const Type float_type = {{&type_type}, "float", NULL, NULL, float_methods,
    .print = float_print, .hash = float_hash};
