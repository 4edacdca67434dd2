/* int beyond the small range: arbitrary precision, sign + magnitude in 16-bit digits (so every
 * intermediate fits a 32-bit register on Cortex-M). Small ints promote here when a result
 * overflows and results demote back when they fit (big_norm). Temporaries are heap objects
 * held as roots: the collector never moves anything, so their digit pointers stay valid. */
#include <math.h>
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"
#if VIPER_HAS_BIGINT   /* config.h: the level leaves it out (level_stubs.c answers for it) */

typedef uint16_t digit;
#define DBITS 16
#define DMASK 0xFFFFu

/* A read-only view of any int: small ints are unpacked into buf. n == 0 means zero. */
typedef struct {
  const digit *d;
  uint32_t n;
  bool neg;
  digit buf[sizeof(uintptr_t) / sizeof(digit) + 1];
} Big;

static void view(Value v, Big *b) {
  uintptr_t u;
  vint i;
  if (IS_BIGINT(v)) {
    b->d = AS_BIGINT(v)->d;
    b->n = AS_BIGINT(v)->len;
    b->neg = AS_BIGINT(v)->neg != 0;
    return;
  }
  i = AS_INTLIKE(v);
  u = i < 0 ? (uintptr_t)0 - (uintptr_t)i : (uintptr_t)i;
  b->neg = i < 0;
  b->n = 0;
  while (u != 0) {
    b->buf[b->n++] = (digit)(u & DMASK);
    u >>= DBITS;
  }
  b->d = b->buf;
}

static ObjBigInt *big_alloc(VM *vm, uint32_t n) {
  ObjBigInt *b;
  if (n > 0x00100000u) {
    vm_raise(vm, &exc_MemoryError, NULL);
    return NULL;
  }
  b = (ObjBigInt *)obj_alloc(vm, &bigint_type, offsetof(ObjBigInt, d) + (n ? n : 1) * sizeof(digit));
  if (b != NULL) b->len = n;
  return b;
}

/* Strip leading zeros; a value that fits becomes a small int. */
static Value big_norm(ObjBigInt *b) {
  uint32_t n = b->len;
  while (n > 0 && b->d[n - 1] == 0) n--;
  b->len = n;
  if (n == 0) return INT_VAL(0);
  if (n * DBITS <= sizeof(uintptr_t) * 8) {
    uintptr_t u = 0;
    uint32_t k;
    for (k = n; k > 0; k--) u = (u << DBITS) | b->d[k - 1];
    if (!b->neg && u <= (uintptr_t)VINT_MAX) return INT_VAL((vint)u);
    if (b->neg && u <= (uintptr_t)VINT_MAX + 1u) return INT_VAL((vint)(0 - u));
  }
  return OBJ_VAL(b);
}

static Value big_from_view(VM *vm, const digit *d, uint32_t n, bool neg) {
  ObjBigInt *b = big_alloc(vm, n);
  if (b == NULL) return EXC_VAL;
  if (n) memcpy(b->d, d, n * sizeof(digit));
  b->neg = neg;
  return big_norm(b);
}

/* ==== magnitudes ========================================================================= */

static int mag_cmp(const digit *a, uint32_t na, const digit *b, uint32_t nb) {
  if (na != nb) return na < nb ? -1 : 1;
  while (na-- > 0)
    if (a[na] != b[na]) return a[na] < b[na] ? -1 : 1;
  return 0;
}

/* out[max(na,nb)+1] = a + b */
static void mag_add(const digit *a, uint32_t na, const digit *b, uint32_t nb, digit *out) {
  uint32_t i, n = na > nb ? na : nb, c = 0;
  for (i = 0; i < n; i++) {
    c += (uint32_t)(i < na ? a[i] : 0) + (i < nb ? b[i] : 0);
    out[i] = (digit)c;
    c >>= DBITS;
  }
  out[n] = (digit)c;
}

/* out[na] = a - b, a >= b */
static void mag_sub(const digit *a, uint32_t na, const digit *b, uint32_t nb, digit *out) {
  uint32_t i, borrow = 0;
  for (i = 0; i < na; i++) {
    uint32_t t = (uint32_t)a[i] - (i < nb ? b[i] : 0) - borrow;
    out[i] = (digit)t;
    borrow = (t >> DBITS) & 1u;
  }
}

/* out[na+nb] (zeroed) = a * b */
static void mag_mul(const digit *a, uint32_t na, const digit *b, uint32_t nb, digit *out) {
  uint32_t i, j;
  for (i = 0; i < na; i++) {
    uint32_t c = 0;
    if (a[i] == 0) continue;
    for (j = 0; j < nb; j++) {
      c += (uint32_t)a[i] * b[j] + out[i + j];
      out[i + j] = (digit)c;
      c >>= DBITS;
    }
    out[i + nb] = (digit)c;
  }
}

/* q[na] = a / d, returns a % d */
static uint32_t mag_div1(const digit *a, uint32_t na, uint32_t d, digit *q) {
  uint32_t r = 0, i;
  for (i = na; i-- > 0;) {
    r = (r << DBITS) | a[i];
    q[i] = (digit)(r / d);
    r %= d;
  }
  return r;
}

/* Knuth's algorithm D (after Hacker's Delight divmnu). nb >= 2, b[nb-1] != 0, na >= nb.
 * q[na-nb+1], r[nb]; un[na+1] and vn[nb] are scratch. */
static void mag_divmod(const digit *a, uint32_t na, const digit *b, uint32_t nb, digit *q, digit *r,
                       digit *un, digit *vn) {
  int s = 0;
  uint32_t i;
  int32_t j;
  while (((b[nb - 1] << s) & 0x8000u) == 0) s++;
  for (i = nb - 1; i > 0; i--) vn[i] = (digit)((b[i] << s) | (s ? b[i - 1] >> (DBITS - s) : 0));
  vn[0] = (digit)(b[0] << s);
  un[na] = (digit)(s ? a[na - 1] >> (DBITS - s) : 0);
  for (i = na - 1; i > 0; i--) un[i] = (digit)((a[i] << s) | (s ? a[i - 1] >> (DBITS - s) : 0));
  un[0] = (digit)(a[0] << s);
  for (j = (int32_t)(na - nb); j >= 0; j--) {
    uint32_t num = ((uint32_t)un[j + nb] << DBITS) | un[j + nb - 1];
    uint32_t qhat = num / vn[nb - 1], rhat = num % vn[nb - 1];
    int32_t k, t;
    while (qhat > DMASK || qhat * vn[nb - 2] > ((rhat << DBITS) | un[j + nb - 2])) {
      qhat--;
      rhat += vn[nb - 1];
      if (rhat > DMASK) break;
    }
    k = 0;
    for (i = 0; i < nb; i++) {
      uint32_t p = qhat * vn[i];
      t = (int32_t)un[i + j] - k - (int32_t)(p & DMASK);
      un[i + j] = (digit)t;
      k = (int32_t)(p >> DBITS) - (t >> DBITS);
    }
    t = (int32_t)un[j + nb] - k;
    un[j + nb] = (digit)t;
    q[j] = (digit)qhat;
    if (t < 0) {
      uint32_t c = 0;
      q[j]--;
      for (i = 0; i < nb; i++) {
        c += (uint32_t)un[i + j] + vn[i];
        un[i + j] = (digit)c;
        c >>= DBITS;
      }
      un[j + nb] = (digit)(un[j + nb] + c);
    }
  }
  for (i = 0; i + 1 < nb; i++) r[i] = (digit)((un[i] >> s) | (s ? un[i + 1] << (DBITS - s) : 0));
  r[nb - 1] = (digit)(un[nb - 1] >> s);
}

static uint32_t mag_bits(const digit *d, uint32_t n) {
  uint32_t bits, top;
  if (n == 0) return 0;
  bits = (n - 1) * DBITS;
  for (top = d[n - 1]; top != 0; top >>= 1) bits++;
  return bits;
}

/* ==== signed operations ================================================================== */

static Value add_views(VM *vm, Big *a, Big *b, bool negate_b) {
  bool bneg = b->neg != negate_b;
  uint32_t n = (a->n > b->n ? a->n : b->n) + 1;
  ObjBigInt *r = big_alloc(vm, n);
  if (r == NULL) return EXC_VAL;
  if (a->neg == bneg) {
    mag_add(a->d, a->n, b->d, b->n, r->d);
    r->neg = a->neg;
  } else if (mag_cmp(a->d, a->n, b->d, b->n) >= 0) {
    mag_sub(a->d, a->n, b->d, b->n, r->d);
    r->neg = a->neg;
  } else {
    mag_sub(b->d, b->n, a->d, a->n, r->d);
    r->neg = bneg;
  }
  return big_norm(r);
}

static Value mul_views(VM *vm, Big *a, Big *b) {
  ObjBigInt *r = big_alloc(vm, a->n + b->n);
  if (r == NULL) return EXC_VAL;
  mag_mul(a->d, a->n, b->d, b->n, r->d);
  r->neg = a->neg != b->neg;
  return big_norm(r);
}

/* Floor division and modulo; either out may be NULL. b != 0. */
static bool divmod_views(VM *vm, Big *a, Big *b, Value *qout, Value *rout) {
  ObjBigInt *q, *r, *scratch = NULL;
  uint32_t nq = a->n >= b->n ? a->n - b->n + 2 : 2, i;
  bool adjust;
  q = big_alloc(vm, nq);
  if (q == NULL) return false;
  vm_push_root(vm, OBJ_VAL(q));
  r = big_alloc(vm, b->n + 1);
  if (r == NULL) goto fail;
  vm_push_root(vm, OBJ_VAL(r));
  if (mag_cmp(a->d, a->n, b->d, b->n) < 0) {
    if (a->n) memcpy(r->d, a->d, a->n * sizeof(digit));
  } else if (b->n == 1) {
    r->d[0] = (digit)mag_div1(a->d, a->n, b->d[0], q->d);
  } else {
    scratch = big_alloc(vm, a->n + 1 + b->n);
    if (scratch == NULL) { vm_pop_root(vm); goto fail; }
    mag_divmod(a->d, a->n, b->d, b->n, q->d, r->d, scratch->d, scratch->d + a->n + 1);
  }
  q->neg = a->neg != b->neg;
  r->neg = a->neg;
  for (i = 0; i < r->len && r->d[i] == 0; i++) {}
  adjust = a->neg != b->neg && i < r->len;
  if (adjust) {
    uint32_t c = 1;   /* |q| += 1, r = |b| - r with b's sign */
    for (i = 0; i < q->len && c; i++) {
      c += q->d[i];
      q->d[i] = (digit)c;
      c >>= DBITS;
    }
    {
      uint32_t rn = r->len;
      while (rn > 0 && r->d[rn - 1] == 0) rn--;
      mag_sub(b->d, b->n, r->d, rn, r->d);
      for (i = b->n; i < r->len; i++) r->d[i] = 0;
    }
    r->neg = b->neg;
  }
  vm_pop_root(vm);
  vm_pop_root(vm);
  if (qout != NULL) *qout = big_norm(q);
  if (rout != NULL) *rout = big_norm(r);
  return true;
fail:
  vm_pop_root(vm);
  return false;
}

static Value shift_left(VM *vm, Big *a, uint32_t s) {
  uint32_t whole = s / DBITS, part = s % DBITS, i;
  ObjBigInt *r;
  if (a->n == 0) return INT_VAL(0);
  r = big_alloc(vm, a->n + whole + 1);
  if (r == NULL) return EXC_VAL;
  for (i = 0; i < a->n; i++) {
    uint32_t v = (uint32_t)a->d[i] << part;
    r->d[i + whole] = (digit)(r->d[i + whole] | (v & DMASK));
    r->d[i + whole + 1] = (digit)(v >> DBITS);
  }
  r->neg = a->neg;
  return big_norm(r);
}

/* Magnitude shift right (truncating). */
static Value shift_right_mag(VM *vm, const digit *d, uint32_t n, uint32_t s, bool neg) {
  uint32_t whole = s / DBITS, part = s % DBITS, i;
  ObjBigInt *r;
  if (whole >= n) return INT_VAL(0);
  r = big_alloc(vm, n - whole);
  if (r == NULL) return EXC_VAL;
  for (i = 0; i < n - whole; i++) {
    uint32_t lo = d[i + whole], hi = i + whole + 1 < n ? d[i + whole + 1] : 0;
    r->d[i] = (digit)(((hi << DBITS) | lo) >> part);
  }
  r->neg = neg;
  return big_norm(r);
}

/* Two's complement bitwise &, |, ^ over n digits + sign extension. */
static Value bitwise_views(VM *vm, int op, Big *a, Big *b) {
  uint32_t n = (a->n > b->n ? a->n : b->n) + 1, i, ca = 1, cb = 1, cr = 1;
  ObjBigInt *r = big_alloc(vm, n);
  bool rneg;
  if (r == NULL) return EXC_VAL;
  rneg = op == BINOP_AND ? (a->neg && b->neg) : op == BINOP_OR ? (a->neg || b->neg) : (a->neg != b->neg);
  for (i = 0; i < n; i++) {
    uint32_t x = i < a->n ? a->d[i] : 0, y = i < b->n ? b->d[i] : 0, z;
    if (a->neg) { ca += (~x) & DMASK; x = ca & DMASK; ca >>= DBITS; }
    if (b->neg) { cb += (~y) & DMASK; y = cb & DMASK; cb >>= DBITS; }
    z = op == BINOP_AND ? (x & y) : op == BINOP_OR ? (x | y) : (x ^ y);
    if (rneg) { cr += (~z) & DMASK; z = cr & DMASK; cr >>= DBITS; }
    r->d[i] = (digit)z;
  }
  r->neg = rneg;
  return big_norm(r);
}

static Value too_big_pow(VM *vm) { return vm_raise(vm, &exc_MemoryError, NULL); }

static Value pow_values(VM *vm, Value a, Value b) {
  Value result = INT_VAL(1), base = a;
  RootMark mark;
  vint e;
  if (IS_BIGINT(b)) {
    if (AS_BIGINT(b)->neg) {
      double x, y;
      if (!int_to_double(vm, a, &x) || !int_to_double(vm, b, &y)) return EXC_VAL;
      return float_binary(vm, BINOP_POW, x, y);
    }
    if (a == INT_VAL(0) || a == INT_VAL(1)) return a;
    if (a == INT_VAL(-1)) return (AS_BIGINT(b)->d[0] & 1) ? a : INT_VAL(1);
    return too_big_pow(vm);
  }
  e = AS_INTLIKE(b);
  if (e < 0) {
    double x;
    if (IS_INTLIKE(a) && AS_INTLIKE(a) == 0)
      return vm_raise(vm, &exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (!int_to_double(vm, a, &x)) return EXC_VAL;
    return float_binary(vm, BINOP_POW, x, (double)e);
  }
  mark = gc_root_mark(vm);
  vm_push_root(vm, result);
  vm_push_root(vm, base);
  while (e > 0) {
    if (e & 1) {
      result = bigint_binary(vm, BINOP_MUL, result, base);
      if (result == EXC_VAL) break;
      gc_root_at(vm, mark, 0) = result;
    }
    e >>= 1;
    if (e > 0) {
      base = bigint_binary(vm, BINOP_MUL, base, base);
      if (base == EXC_VAL) { result = EXC_VAL; break; }
      gc_root_at(vm, mark, 1) = base;
    }
  }
  gc_root_restore(vm, mark);
  return result;
}

/* a / b correctly rounded (round-half-even), like CPython. */
static Value true_divide(VM *vm, Value a, Value b) {
  Big x, y;
  int32_t shift;
  uint32_t bx, by;
  Value num, den, q, r;
  RootMark mark;
  uint64_t m = 0;
  uint32_t i;
  double d;
  view(a, &x);
  view(b, &y);
  if (y.n == 0) return vm_raise(vm, &exc_ZeroDivisionError, "division by zero");
  bx = mag_bits(x.d, x.n);
  by = mag_bits(y.d, y.n);
  if (bx <= 53 && by <= 53) {
    double fx, fy;
    int_to_double(vm, a, &fx);
    int_to_double(vm, b, &fy);
    return float_new(vm, fx / fy);
  }
  if (x.n == 0) return float_new(vm, (x.neg != y.neg) ? -0.0 : 0.0);
  shift = 55 - ((int32_t)bx - (int32_t)by);   /* quotient gets 55 or 56 bits */
  mark = gc_root_mark(vm);
  vm_push_root(vm, a);
  vm_push_root(vm, b);
  {
    Big ax, ay;
    view(a, &ax);
    view(b, &ay);
    ax.neg = ay.neg = false;
    num = shift > 0 ? shift_left(vm, &ax, (uint32_t)shift) : big_from_view(vm, ax.d, ax.n, false);
    if (num == EXC_VAL) goto fail;
    vm_push_root(vm, num);
    den = shift < 0 ? shift_left(vm, &ay, (uint32_t)-shift) : big_from_view(vm, ay.d, ay.n, false);
    if (den == EXC_VAL) goto fail;
    vm_push_root(vm, den);
  }
  {
    Big n1, d1;
    bool ok;
    view(num, &n1);
    view(den, &d1);
    ok = divmod_views(vm, &n1, &d1, &q, &r);
    if (!ok) goto fail;
  }
  view(q, &x);
  for (i = x.n; i > 0; i--) m = (m << DBITS) | x.d[i - 1];
  if (r != INT_VAL(0)) m |= 1u;   /* sticky bit: no false ties */
  gc_root_restore(vm, mark);   /* a and b are only read from here on: no allocation before float_new */
  d = ldexp((double)m, -shift);
  if (isinf(d)) return vm_raise(vm, &exc_OverflowError, "integer division result too large for a float");
  {
    Big sa, sb;
    view(a, &sa);
    view(b, &sb);
    if (sa.neg != sb.neg) d = -d;
  }
  return float_new(vm, d);
fail:
  gc_root_restore(vm, mark);
  return EXC_VAL;
}

Value bigint_binary(VM *vm, int op, Value a, Value b) {
  Big x, y;
  Value r = EXC_VAL;
  if (op == BINOP_POW) return pow_values(vm, a, b);
  if (op == BINOP_TRUEDIV) return true_divide(vm, a, b);
  vm_push_root(vm, a);
  vm_push_root(vm, b);
  view(a, &x);
  view(b, &y);
  switch (op) {
  case BINOP_ADD: r = add_views(vm, &x, &y, false); break;
  case BINOP_SUB: r = add_views(vm, &x, &y, true); break;
  case BINOP_MUL: r = mul_views(vm, &x, &y); break;
  case BINOP_FLOORDIV:
  case BINOP_MOD:
    if (y.n == 0) {
      r = vm_raise(vm, &exc_ZeroDivisionError,
                   op == BINOP_MOD ? "integer modulo by zero" : "integer division or modulo by zero");
      break;
    }
    if (!divmod_views(vm, &x, &y, op == BINOP_FLOORDIV ? &r : NULL, op == BINOP_MOD ? &r : NULL)) r = EXC_VAL;
    break;
  case BINOP_LSHIFT:
  case BINOP_RSHIFT:
    if (y.neg) { r = vm_raise(vm, &exc_ValueError, "negative shift count"); break; }
    if (op == BINOP_LSHIFT) {
      if (x.n == 0) { r = INT_VAL(0); break; }
      if (IS_BIGINT(b) || AS_INTLIKE(b) > 0x00FFFFFF) { r = vm_raise(vm, &exc_OverflowError, "too many digits in integer"); break; }
      r = shift_left(vm, &x, (uint32_t)AS_INTLIKE(b));
    } else {
      uint32_t s;
      if (IS_BIGINT(b) || AS_INTLIKE(b) >= (vint)(x.n * DBITS + 1)) { r = INT_VAL(x.neg ? -1 : 0); break; }
      s = (uint32_t)AS_INTLIKE(b);
      if (!x.neg) {
        r = shift_right_mag(vm, x.d, x.n, s, false);
      } else {   /* floor: -((|a| - 1) >> s) - 1 */
        Value one = INT_VAL(1), t;
        Big o;
        view(one, &o);
        o.neg = false;
        x.neg = false;
        t = add_views(vm, &x, &o, true);
        if (t == EXC_VAL) break;
        vm_push_root(vm, t);
        {
          Big tv;
          view(t, &tv);
          r = shift_right_mag(vm, tv.d, tv.n, s, false);
        }
        vm_pop_root(vm);
        if (r != EXC_VAL) r = bigint_unary(vm, UNOP_INVERT, r);
      }
    }
    break;
  case BINOP_AND:
  case BINOP_OR:
  case BINOP_XOR: r = bitwise_views(vm, op, &x, &y); break;
  default: r = vm_raise(vm, &exc_TypeError, "unsupported operand type(s)"); break;
  }
  vm_pop_root(vm);
  vm_pop_root(vm);
  return r;
}

Value bigint_unary(VM *vm, int op, Value a) {
  Big x;
  if (op == UNOP_POS) return a;
  vm_push_root(vm, a);
  view(a, &x);
  if (op == UNOP_NEG) {
    Value r = big_from_view(vm, x.d, x.n, !x.neg);
    vm_pop_root(vm);
    return r;
  }
  vm_pop_root(vm);
  /* ~a == -(a + 1) */
  {
    Value t = bigint_binary(vm, BINOP_ADD, a, INT_VAL(1));
    if (t == EXC_VAL) return EXC_VAL;
    return bigint_unary(vm, UNOP_NEG, t);
  }
}

Value int_number_binary(VM *vm, int op, Value a, Value b) {
  if (IS_ANYINT(a) && IS_ANYINT(b)) return bigint_binary(vm, op, a, b);
  if ((IS_ANYINT(a) || IS_FLOAT(a)) && (IS_ANYINT(b) || IS_FLOAT(b))) {
    double x, y;
    if (op > BINOP_POW) return UNBOUND_VAL;
    if (!int_to_double(vm, a, &x) || !int_to_double(vm, b, &y)) return EXC_VAL;
    return float_binary(vm, op, x, y);
  }
  return UNBOUND_VAL;
}

/* The inverse of a modulo |m| by the extended Euclidean algorithm, in [0, |m|). */
static Value int_modinv(VM *vm, Value a, Value m) {
  Value *v;   /* old_r, r, old_s, s: rooted while the arithmetic allocates */
  Value q, t;
  RootMark base = gc_root_mark(vm);
  int i;
  if (int_compare(m, INT_VAL(0)) < 0) {
    m = bigint_unary(vm, UNOP_NEG, m);
    if (m == EXC_VAL) return EXC_VAL;
  }
  vm_push_root(vm, m);
  t = bigint_binary(vm, BINOP_MOD, a, m);
  if (t == EXC_VAL) { gc_root_restore(vm, base); return EXC_VAL; }
  vm_push_root(vm, t);
  vm_push_root(vm, m);
  vm_push_root(vm, INT_VAL(1));
  vm_push_root(vm, INT_VAL(0));
  v = &gc_root_at(vm, base, 1);
  while (int_compare(v[1], INT_VAL(0)) != 0) {
    q = bigint_binary(vm, BINOP_FLOORDIV, v[0], v[1]);
    if (q == EXC_VAL) { gc_root_restore(vm, base); return EXC_VAL; }
    vm_push_root(vm, q);
    for (i = 0; i < 4; i += 2) {   /* (old, cur) = (cur, old - q * cur) */
      t = bigint_binary(vm, BINOP_MUL, q, v[i + 1]);
      if (t != EXC_VAL) t = bigint_binary(vm, BINOP_SUB, v[i], t);
      if (t == EXC_VAL) { gc_root_restore(vm, base); return EXC_VAL; }
      v[i] = v[i + 1];
      v[i + 1] = t;
    }
    vm_pop_root(vm);
  }
  if (int_compare(v[0], INT_VAL(1)) != 0) {
    gc_root_restore(vm, base);
    return vm_raise(vm, &exc_ValueError, "base is not invertible for the given modulus");
  }
  t = bigint_binary(vm, BINOP_MOD, v[2], m);
  gc_root_restore(vm, base);
  return t;
}

Value int_powmod(VM *vm, Value a, Value b, Value m) {
  Value result = INT_VAL(1), base;
  RootMark mark = gc_root_mark(vm);
  Big e;
  uint32_t i;
  int bit;
  if (int_compare(m, INT_VAL(0)) == 0) return vm_raise(vm, &exc_ValueError, "pow() 3rd argument cannot be 0");
  if (int_compare(b, INT_VAL(0)) < 0) {   /* a**-n mod m: the inverse of a, raised to n (Python 3.8) */
    Value inv, n;
    vm_push_root(vm, m);
    vm_push_root(vm, b);
    inv = int_modinv(vm, a, m);
    n = inv == EXC_VAL ? EXC_VAL : bigint_unary(vm, UNOP_NEG, b);
    if (n != EXC_VAL) {
      vm_push_root(vm, inv);
      vm_push_root(vm, n);
      inv = int_powmod(vm, inv, n, m);
    }
    gc_root_restore(vm, mark);
    return n == EXC_VAL ? EXC_VAL : inv;
  }
  vm_push_root(vm, b);
  vm_push_root(vm, m);
  base = bigint_binary(vm, BINOP_MOD, a, m);
  if (base == EXC_VAL) goto out;
  vm_push_root(vm, base);
  vm_push_root(vm, result);
  view(b, &e);
  for (i = e.n; i-- > 0;) {
    for (bit = DBITS - 1; bit >= 0; bit--) {
      result = bigint_binary(vm, BINOP_MUL, result, result);
      if (result != EXC_VAL) result = bigint_binary(vm, BINOP_MOD, result, m);
      if (result == EXC_VAL) goto out;
      gc_root_at(vm, mark, 3) = result;
      if ((e.d[i] >> bit) & 1) {
        result = bigint_binary(vm, BINOP_MUL, result, base);
        if (result != EXC_VAL) result = bigint_binary(vm, BINOP_MOD, result, m);
        if (result == EXC_VAL) goto out;
        gc_root_at(vm, mark, 3) = result;
      }
    }
  }
  if (e.n == 0) result = bigint_binary(vm, BINOP_MOD, INT_VAL(1), m);
out:
  gc_root_restore(vm, mark);
  return base == EXC_VAL ? EXC_VAL : result;
}

/* ==== comparisons and conversions ======================================================== */

int int_compare(Value a, Value b) {
  Big x, y;
  int c;
  if (IS_INTLIKE(a) && IS_INTLIKE(b)) return AS_INTLIKE(a) < AS_INTLIKE(b) ? -1 : AS_INTLIKE(a) > AS_INTLIKE(b);
  view(a, &x);
  view(b, &y);
  if (x.n == 0) x.neg = false;
  if (y.n == 0) y.neg = false;
  if (x.neg != y.neg) return x.neg ? -1 : 1;
  c = mag_cmp(x.d, x.n, y.d, y.n);
  return x.neg ? -c : c;
}

static double view_to_double(Big *x);

int int_compare_float(Value a, double f) {
  Big x;
  double da, m;
  digit fd[70];
  uint32_t fn, i, shift;
  uint64_t mant;
  int e, c;
  if (IS_INTLIKE(a)) return float_compare_int(AS_INTLIKE(a), f);
  if (isnan(f)) return 2;
  if (isinf(f)) return f > 0 ? -1 : 1;
  view(a, &x);
  da = view_to_double(&x);
  if (isinf(da)) return x.neg ? -1 : 1;
  if (da != f) return da < f ? -1 : 1;
  if (mag_bits(x.d, x.n) <= 53) return 0;   /* the conversion was exact */
  /* Rounded equal: f is an integer >= 2^53; compare digit by digit. */
  m = frexp(fabs(f), &e);
  mant = (uint64_t)ldexp(m, 53);
  shift = (uint32_t)(e - 53);
  memset(fd, 0, sizeof fd);
  for (i = 0; i < 4; i++) {
    uint32_t bit = shift + i * DBITS, w = bit / DBITS, o = bit % DBITS;
    uint32_t part = (uint32_t)((mant >> (i * DBITS)) & DMASK);
    fd[w] = (digit)(fd[w] | ((part << o) & DMASK));
    fd[w + 1] = (digit)(fd[w + 1] | (part >> (DBITS - o)));
  }
  fn = sizeof fd / sizeof fd[0];
  while (fn > 0 && fd[fn - 1] == 0) fn--;
  c = mag_cmp(x.d, x.n, fd, fn);
  return x.neg ? -c : c;
}

static double view_to_double(Big *xp) {
  Big x = *xp;
  uint32_t bits, i;
  uint64_t m = 0;
  int drop;
  double out;
  bits = mag_bits(x.d, x.n);
  drop = bits > 64 ? (int)bits - 64 : 0;
  /* top 64 bits, with every dropped bit folded into a sticky lsb */
  for (i = x.n; i-- > 0;) {
    int lo = (int)(i * DBITS);
    if (lo + DBITS <= drop) { if (x.d[i]) m |= 1u; continue; }
    if (lo >= drop) m = (m << DBITS) | x.d[i];
    else {
      int keep = lo + DBITS - drop;
      m = (m << keep) | ((uint64_t)x.d[i] >> (DBITS - keep));
      if (x.d[i] & ((1u << (DBITS - keep)) - 1u)) m |= 1u;
    }
  }
  out = drop > 0 ? ldexp((double)m, drop) : (double)m;   /* (double)m rounds half-even */
  return x.neg ? -out : out;
}

bool int_to_double(VM *vm, Value a, double *out) {
  Big x;
  if (IS_INTLIKE(a)) { *out = (double)AS_INTLIKE(a); return true; }
  if (IS_FLOAT(a)) { *out = AS_FLOAT(a); return true; }
  view(a, &x);
  *out = view_to_double(&x);
  if (isinf(*out)) {
    vm_raise(vm, &exc_OverflowError, "int too large to convert to float");
    return false;
  }
  return true;
}

Value int_from_u64(VM *vm, bool neg, uint64_t mag) {
  digit d[4];
  uint32_t n = 0;
  if (!neg && mag <= (uint64_t)VINT_MAX) return INT_VAL((vint)mag);
  if (neg && mag <= (uint64_t)VINT_MAX + 1u) return INT_VAL((vint)(0 - (uintptr_t)mag));
  while (mag != 0) {
    d[n++] = (digit)(mag & DMASK);
    mag >>= DBITS;
  }
  return big_from_view(vm, d, n, neg);
}

Value int_from_double(VM *vm, double d) {
  int e;
  double m;
  uint64_t top;
  Value v;
  Big b;
  d = trunc(d);
  if (fabs(d) < 9.2e18) return int_from_u64(vm, d < 0, (uint64_t)fabs(d));
  m = frexp(fabs(d), &e);            /* fabs(d) = m * 2^e, e > 53 here */
  top = (uint64_t)ldexp(m, 53);
  v = int_from_u64(vm, false, top);
  if (v == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, v);
  view(v, &b);
  v = shift_left(vm, &b, (uint32_t)(e - 53));
  vm_pop_root(vm);
  if (v == EXC_VAL || d > 0) return v;
  return bigint_unary(vm, UNOP_NEG, v);
}

Value bigint_from_le_bytes(VM *vm, bool neg, const uint8_t *bytes, uint32_t n) {
  ObjBigInt *b = big_alloc(vm, (n + 1) / 2);
  uint32_t i;
  if (b == NULL) return EXC_VAL;
  for (i = 0; i < n; i++) b->d[i / 2] = (digit)(b->d[i / 2] | ((uint32_t)bytes[i] << (8 * (i % 2))));
  b->neg = neg;
  return big_norm(b);
}

Value bigint_parse(VM *vm, const char *s, size_t len, int base, bool neg) {
  /* log2(base) <= 6 bits per character: enough digits for any base up to 36 */
  uint32_t cap = (uint32_t)(len * 6 / DBITS + 2), n = 0, i;
  size_t k;
  ObjBigInt *b = big_alloc(vm, cap);
  if (b == NULL) return EXC_VAL;
  for (k = 0; k < len; k++) {
    char c = s[k];
    uint32_t dv, carry;
    if (c == '_') continue;
    dv = c >= '0' && c <= '9' ? (uint32_t)(c - '0') : c >= 'a' ? (uint32_t)(c - 'a' + 10) : (uint32_t)(c - 'A' + 10);
    carry = dv;
    for (i = 0; i < n; i++) {
      carry += (uint32_t)b->d[i] * (uint32_t)base;
      b->d[i] = (digit)carry;
      carry >>= DBITS;
    }
    if (carry) b->d[n++] = (digit)carry;
  }
  b->neg = neg;
  return big_norm(b);
}

uint32_t int_bit_length(Value v) {
  Big x;
  view(v, &x);
  return mag_bits(x.d, x.n);
}

/* ==== text and hashing =================================================================== */

void int_write_base(VM *vm, Value v, int base) {
  Big x;
  ObjBigInt *work;
  char small[72], *out;
  uint32_t n, nchars = 0, cap, i;
  static const char hexd[] = "0123456789abcdef";
  vm_push_root(vm, v);
  view(v, &x);
  n = x.n;
  cap = n * DBITS + 2;   /* base 2 is the longest */
  work = big_alloc(vm, n + cap / 2 + 1);
  if (work == NULL) { vm_pop_root(vm); vm->sb_oom = true; return; }
  view(v, &x);   /* small-int views point into x itself: refresh after the allocation */
  memcpy(work->d, x.d, n * sizeof(digit));
  out = (char *)(work->d + n + 1);
  if (n == 0) out[nchars++] = '0';
  if (base == 10) {
    while (n > 0) {
      uint32_t r = mag_div1(work->d, n, 10000u, work->d);
      while (n > 0 && work->d[n - 1] == 0) n--;
      for (i = 0; i < 4 && (n > 0 || r != 0); i++) {
        out[nchars++] = (char)('0' + r % 10);
        r /= 10;
      }
    }
  } else {
    int bits = base == 16 ? 4 : base == 8 ? 3 : 1;
    uint32_t total = mag_bits(work->d, n), pos;
    for (pos = 0; pos < total; pos += (uint32_t)bits) {
      uint32_t w = pos / DBITS, o = pos % DBITS;
      uint32_t chunk = work->d[w] >> o;
      if (o + (uint32_t)bits > DBITS && w + 1 < n) chunk |= (uint32_t)work->d[w + 1] << (DBITS - o);
      out[nchars++] = hexd[chunk & ((1u << bits) - 1u)];
    }
  }
  if (x.neg && x.n > 0) out[nchars++] = '-';
  for (i = 0; i < nchars / 2; i++) {
    char t = out[i];
    out[i] = out[nchars - 1 - i];
    out[nchars - 1 - i] = t;
  }
  vm_push_root(vm, OBJ_VAL(work));
  if (nchars <= sizeof small) {
    memcpy(small, out, nchars);
    vm_sb_add(vm, small, nchars);
  } else {
    vm_sb_add(vm, out, nchars);   /* work is a root: out survives the builder growing */
  }
  vm_pop_root(vm);
  vm_pop_root(vm);
}

#define HASH_BITS 61
#define HASH_MOD (((uint64_t)1 << HASH_BITS) - 1)

int64_t int_hash(Value v) {
  Big x;
  uint64_t h = 0;
  uint32_t i;
  view(v, &x);
  for (i = x.n; i-- > 0;) {
    h = ((h << DBITS) & HASH_MOD) | (h >> (HASH_BITS - DBITS));
    h += x.d[i];
    if (h >= HASH_MOD) h -= HASH_MOD;
  }
  if (x.neg) h = (uint64_t)0 - h;
  if (h == (uint64_t)-1) h = (uint64_t)-2;
  return (int64_t)h;
}

bool int_to_i64(Value v, int64_t *out) {
  Big x;
  uint64_t m = 0;
  uint32_t i;
  view(v, &x);
  if (x.n * DBITS > 64 && mag_bits(x.d, x.n) > 64) return false;
  for (i = x.n; i-- > 0;) m = (m << DBITS) | x.d[i];
  if (x.neg ? m > (uint64_t)1 << 63 : m > (uint64_t)INT64_MAX) return false;
  *out = x.neg ? (int64_t)(0 - m) : (int64_t)m;
  return true;
}

static bool bigint_hash(VM *vm, Value v, int64_t *out) { (void)vm; *out = int_hash(v); return true; }

static void bigint_print(VM *vm, Value v, bool repr) { (void)repr; int_write_base(vm, v, 10); }

const Type bigint_type = {{&type_type}, "int", NULL, NULL, NULL,
    .print = bigint_print, .hash = bigint_hash};
#endif   /* VIPER_HAS_BIGINT */
