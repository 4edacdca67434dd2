/* The built-in modules: math, time and sys. Each is a const table in flash; importing one
 * makes a module object whose dict holds the table's functions and constants. */
#include <math.h>
#include <string.h>

#include "call.h"
#include "gen/opcodes.h"
#include "port.h"
#include "thread.h"
#include "vm.h"

static void module_trace(VM *vm, Obj *obj) { gc_mark_value(vm, OBJ_VAL(((ObjModule *)obj)->dict)); }
/* <module 'name'> */
static void module_print(VM *vm, Value v, bool repr) {
  Value name = dict_get_str(AS_MODULE(v)->dict, AS_STR(str_intern(vm, "__name__", 8)));
  (void)repr;
  vm_sb_cstr(vm, "<module ");
  if (IS_STR(name)) str_write_repr(vm, AS_STR(name));
  else vm_sb_cstr(vm, "'?'");
  vm_sb_cstr(vm, ">");
}

const Type module_type = {{&type_type}, "module", NULL, module_trace, NULL,
    .print = module_print, .getattr = module_getattr};

/* ==== math =============================================================================== */

static bool num_arg(VM *vm, Value v, double *out) {
  if (IS_FLOAT(v)) { *out = AS_FLOAT(v); return true; }
  if (IS_ANYINT(v)) return int_to_double(vm, v, out);
  vm_raise_fmt(vm, &exc_TypeError, "must be real number, not %t", v);
  return false;
}

static Value domain_error(VM *vm) { return vm_raise(vm, &exc_ValueError, "math domain error"); }
static Value range_error(VM *vm) { return vm_raise(vm, &exc_OverflowError, "math range error"); }

/* One double -> double function with CPython's error rules. */
static Value math1(VM *vm, Value arg, double (*f)(double), bool domain_neg, bool domain_nonpos) {
  double x, r;
  if (!num_arg(vm, arg, &x)) return EXC_VAL;
  if ((domain_neg && x < 0) || (domain_nonpos && x <= 0)) return domain_error(vm);
  r = f(x);
  if (isnan(r) && !isnan(x)) return domain_error(vm);
  if (isinf(r) && isfinite(x)) return range_error(vm);
  return float_new(vm, r);
}

#define MATH1(name, expr_neg, expr_nonpos) \
  static Value m_##name(VM *vm, int argc, Value *args) { (void)argc; return math1(vm, args[0], name, expr_neg, expr_nonpos); }
MATH1(sqrt, true, false)
MATH1(exp, false, false)
MATH1(sin, false, false)
MATH1(cos, false, false)
MATH1(tan, false, false)
MATH1(asin, false, false)
MATH1(acos, false, false)
MATH1(atan, false, false)
MATH1(sinh, false, false)
MATH1(cosh, false, false)
MATH1(tanh, false, false)
MATH1(log2, false, true)
MATH1(log10, false, true)
MATH1(fabs, false, false)
MATH1(expm1, false, false)
MATH1(log1p, false, false)

static Value m_log(VM *vm, int argc, Value *args) {
  double x, b, r;
  if (IS_BIGINT(args[0]) && int_compare(args[0], INT_VAL(0)) > 0) {
    /* log of a big int: scale it into the double range first */
    uint32_t bits = int_bit_length(args[0]);
    Value shifted = bigint_binary(vm, BINOP_RSHIFT, args[0], INT_VAL((vint)bits - 60));
    if (shifted == EXC_VAL || !num_arg(vm, shifted, &x)) return EXC_VAL;
    r = log(x) + (double)(bits - 60) * log(2.0);
  } else {
    if (!num_arg(vm, args[0], &x)) return EXC_VAL;
    if (x <= 0) return domain_error(vm);
    r = log(x);
  }
  if (argc > 1) {
    if (!num_arg(vm, args[1], &b)) return EXC_VAL;
    if (b <= 0) return domain_error(vm);
    if (b == 1.0) return vm_raise(vm, &exc_ZeroDivisionError, "float division by zero");
    r /= log(b);
  }
  return float_new(vm, r);
}

static Value m_pow(VM *vm, int argc, Value *args) {
  double x, y, r;
  (void)argc;
  if (!num_arg(vm, args[0], &x) || !num_arg(vm, args[1], &y)) return EXC_VAL;
  if (x == 0.0 && y < 0) return domain_error(vm);
  if (x < 0 && y != floor(y) && isfinite(y)) return domain_error(vm);
  r = pow(x, y);
  if (isinf(r) && isfinite(x) && isfinite(y)) return range_error(vm);
  return float_new(vm, r);
}

static Value m_atan2(VM *vm, int argc, Value *args) {
  double y, x;
  (void)argc;
  if (!num_arg(vm, args[0], &y) || !num_arg(vm, args[1], &x)) return EXC_VAL;
  return float_new(vm, atan2(y, x));
}

static Value m_hypot(VM *vm, int argc, Value *args) {
  double acc = 0, x;
  int i;
  for (i = 0; i < argc; i++) {
    if (!num_arg(vm, args[i], &x)) return EXC_VAL;
    acc = hypot(acc, x);
  }
  return float_new(vm, acc);
}

static Value m_fmod(VM *vm, int argc, Value *args) {
  double x, y;
  (void)argc;
  if (!num_arg(vm, args[0], &x) || !num_arg(vm, args[1], &y)) return EXC_VAL;
  if (y == 0.0 || isinf(x)) return domain_error(vm);
  return float_new(vm, fmod(x, y));
}

static Value m_copysign(VM *vm, int argc, Value *args) {
  double x, y;
  (void)argc;
  if (!num_arg(vm, args[0], &x) || !num_arg(vm, args[1], &y)) return EXC_VAL;
  return float_new(vm, copysign(x, y));
}

/* floor/ceil/trunc return ints */
static Value to_int_fn(VM *vm, Value v, double (*f)(double)) {
  double x;
  if (IS_ANYINT(v)) return IS_BOOL(v) ? INT_VAL(AS_INTLIKE(v)) : v;
  if (!num_arg(vm, v, &x)) return EXC_VAL;
  return float_to_int(vm, f(x));
}

static Value m_floor(VM *vm, int argc, Value *args) { (void)argc; return to_int_fn(vm, args[0], floor); }
static Value m_ceil(VM *vm, int argc, Value *args) { (void)argc; return to_int_fn(vm, args[0], ceil); }
static Value m_trunc(VM *vm, int argc, Value *args) { (void)argc; return to_int_fn(vm, args[0], trunc); }

static Value m_degrees(VM *vm, int argc, Value *args) {
  double x;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  return float_new(vm, x * (180.0 / 3.141592653589793));
}

static Value m_radians(VM *vm, int argc, Value *args) {
  double x;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  return float_new(vm, x * (3.141592653589793 / 180.0));
}

static Value m_isnan(VM *vm, int argc, Value *args) {
  double x;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  return BOOL_VAL(isnan(x));
}

static Value m_isinf(VM *vm, int argc, Value *args) {
  double x;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  return BOOL_VAL(isinf(x));
}

static Value m_isfinite(VM *vm, int argc, Value *args) {
  double x;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  return BOOL_VAL(isfinite(x));
}

static Value m_isclose(VM *vm, int argc, Value *args) {
  double a, b, rel = 1e-09, abs_tol = 0.0, d;
  Value rv = NATIVE_KW(args, argc, 0), av = NATIVE_KW(args, argc, 1);
  if (!num_arg(vm, args[0], &a) || !num_arg(vm, args[1], &b)) return EXC_VAL;
  if (rv != UNBOUND_VAL && !num_arg(vm, rv, &rel)) return EXC_VAL;
  if (av != UNBOUND_VAL && !num_arg(vm, av, &abs_tol)) return EXC_VAL;
  if (rel < 0 || abs_tol < 0) return vm_raise(vm, &exc_ValueError, "tolerances must be non-negative");
  if (a == b) return TRUE_VAL;
  if (isinf(a) || isinf(b)) return FALSE_VAL;
  d = fabs(b - a);
  return BOOL_VAL(d <= fabs(rel * b) || d <= fabs(rel * a) || d <= abs_tol);
}

static bool int_arg(VM *vm, Value v) {
  if (IS_ANYINT(v)) return true;
  vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
  return false;
}

static Value gcd2(VM *vm, Value a, Value b) {
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, a);
  vm_push_root(vm, b);
  if (int_compare(a, INT_VAL(0)) < 0) a = bigint_unary(vm, UNOP_NEG, a);
  if (a != EXC_VAL && int_compare(b, INT_VAL(0)) < 0) b = bigint_unary(vm, UNOP_NEG, b);
  while (a != EXC_VAL && b != EXC_VAL && int_compare(b, INT_VAL(0)) != 0) {
    Value r = bigint_binary(vm, BINOP_MOD, a, b);
    a = b;
    b = r;
    gc_root_at(vm, mark, 0) = a;
    gc_root_at(vm, mark, 1) = b;
  }
  gc_root_restore(vm, mark);
  return b == EXC_VAL ? EXC_VAL : a;
}

static Value m_gcd(VM *vm, int argc, Value *args) {
  Value g = INT_VAL(0);
  int i;
  for (i = 0; i < argc; i++) {
    if (!int_arg(vm, args[i])) return EXC_VAL;
    g = gcd2(vm, g, IS_BOOL(args[i]) ? INT_VAL(AS_INTLIKE(args[i])) : args[i]);
    if (g == EXC_VAL) return EXC_VAL;
  }
  return g;
}

static Value m_lcm(VM *vm, int argc, Value *args) {
  Value l = INT_VAL(1);
  int i;
  for (i = 0; i < argc; i++) {
    Value g, p;
    if (!int_arg(vm, args[i])) return EXC_VAL;
    if (int_compare(args[i], INT_VAL(0)) == 0) return INT_VAL(0);
    vm_push_root(vm, l);
    g = gcd2(vm, l, args[i]);
    p = g == EXC_VAL ? EXC_VAL : bigint_binary(vm, BINOP_FLOORDIV, l, g);
    if (p != EXC_VAL) p = bigint_binary(vm, BINOP_MUL, p, args[i]);
    vm_pop_root(vm);
    if (p == EXC_VAL) return EXC_VAL;
    l = int_compare(p, INT_VAL(0)) < 0 ? bigint_unary(vm, UNOP_NEG, p) : p;
    if (l == EXC_VAL) return EXC_VAL;
  }
  return l;
}

static Value m_factorial(VM *vm, int argc, Value *args) {
  Value r = INT_VAL(1);
  vint n, i;
  (void)argc;
  if (IS_FLOAT(args[0])) return vm_raise(vm, &exc_TypeError, "'float' object cannot be interpreted as an integer");
  if (!int_arg(vm, args[0])) return EXC_VAL;
  if (int_compare(args[0], INT_VAL(0)) < 0) return vm_raise(vm, &exc_ValueError, "factorial() not defined for negative values");
  if (!IS_INTLIKE(args[0]) || AS_INTLIKE(args[0]) > 20000)
    return vm_raise(vm, &exc_OverflowError, "factorial() argument should not exceed 20000");
  n = AS_INTLIKE(args[0]);
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, r);
  for (i = 2; i <= n; i++) {
    r = bigint_binary(vm, BINOP_MUL, r, INT_VAL(i));
    if (r == EXC_VAL) break;
    gc_root_at(vm, mark, 0) = r;
  }
  gc_root_restore(vm, mark);
  return r;
}

static Value m_isqrt(VM *vm, int argc, Value *args) {
  Value x = args[0], guess, next;
  (void)argc;
  if (!int_arg(vm, x)) return EXC_VAL;
  if (int_compare(x, INT_VAL(0)) < 0) return vm_raise(vm, &exc_ValueError, "isqrt() argument must be nonnegative");
  if (int_compare(x, INT_VAL(0)) == 0) return INT_VAL(0);
  /* Newton from above: start at 2^ceil(bits/2) */
  guess = bigint_binary(vm, BINOP_LSHIFT, INT_VAL(1), INT_VAL((vint)(int_bit_length(x) + 1) / 2));
  if (guess == EXC_VAL) return EXC_VAL;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, x);
  vm_push_root(vm, guess);
  for (;;) {
    next = bigint_binary(vm, BINOP_FLOORDIV, x, guess);
    if (next != EXC_VAL) next = bigint_binary(vm, BINOP_ADD, next, guess);
    if (next != EXC_VAL) next = bigint_binary(vm, BINOP_RSHIFT, next, INT_VAL(1));
    if (next == EXC_VAL) { guess = EXC_VAL; break; }
    if (int_compare(next, guess) >= 0) break;
    guess = next;
    gc_root_at(vm, mark, 1) = guess;
  }
  gc_root_restore(vm, mark);
  return guess;
}

static Value m_comb_perm(VM *vm, Value nv, Value kv, bool comb) {
  Value r = INT_VAL(1);
  vint n, k, i;
  if (!int_arg(vm, nv) || !int_arg(vm, kv)) return EXC_VAL;
  if (!IS_INTLIKE(nv) || !IS_INTLIKE(kv)) return vm_raise(vm, &exc_OverflowError, "arguments too large");
  n = AS_INTLIKE(nv);
  k = AS_INTLIKE(kv);
  if (n < 0) return vm_raise(vm, &exc_ValueError, "n must be a non-negative integer");
  if (k < 0) return vm_raise(vm, &exc_ValueError, "k must be a non-negative integer");
  if (k > n) return INT_VAL(0);
  if (comb && k > n - k) k = n - k;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, r);
  for (i = 0; i < k; i++) {
    r = bigint_binary(vm, BINOP_MUL, r, INT_VAL(n - i));
    if (r != EXC_VAL && comb) r = bigint_binary(vm, BINOP_FLOORDIV, r, INT_VAL(i + 1));
    if (r == EXC_VAL) break;
    gc_root_at(vm, mark, 0) = r;
  }
  gc_root_restore(vm, mark);
  return r;
}

static Value m_comb(VM *vm, int argc, Value *args) { (void)argc; return m_comb_perm(vm, args[0], args[1], true); }
static Value m_perm(VM *vm, int argc, Value *args) {
  if (argc < 2) return m_factorial(vm, 1, args);
  return m_comb_perm(vm, args[0], args[1], false);
}

static Value m_prod(VM *vm, int argc, Value *args) {
  Value acc = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0), it, v;
  if (acc == UNBOUND_VAL) acc = INT_VAL(1);
  it = value_iter(vm, args[0]);
  if (it == EXC_VAL) return EXC_VAL;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, it);
  vm_push_root(vm, acc);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL) { acc = EXC_VAL; break; }
    if (IS_ANYINT(acc) && IS_ANYINT(v)) acc = bigint_binary(vm, BINOP_MUL, acc, v);
    else {
      double x, y;
      acc = num_arg(vm, acc, &x) && num_arg(vm, v, &y) ? float_new(vm, x * y) : EXC_VAL;
    }
    if (acc == EXC_VAL) break;
    gc_root_at(vm, mark, 1) = acc;
  }
  gc_root_restore(vm, mark);
  return acc;
}

/* fsum: Shewchuk's exact summation (as CPython's msum) */
static Value m_fsum(VM *vm, int argc, Value *args) {
  double partials[32];
  int n = 0, i, j;
  Value it = value_iter(vm, args[0]), v;
  (void)argc;
  if (it == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, it);
  for (;;) {
    double x;
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !num_arg(vm, v, &x)) { vm_pop_root(vm); return EXC_VAL; }
    for (i = j = 0; j < n; j++) {
      double y = partials[j], hi, lo;
      if (fabs(x) < fabs(y)) { double t = x; x = y; y = t; }
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) partials[i++] = lo;
      x = hi;
    }
    n = i;
    if (n < 32) partials[n++] = x;
  }
  vm_pop_root(vm);
  {
    double hi = 0.0, lo;
    if (n > 0) {
      hi = partials[--n];
      while (n > 0) {
        double x = hi, y = partials[--n];
        hi = x + y;
        lo = y - (hi - x);
        if (lo != 0.0) break;
      }
      if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
        double y = lo * 2.0, x = hi + y, yr = x - hi;
        if (y == yr) hi = x;
      }
    }
    return float_new(vm, hi);
  }
}

static Value pair(VM *vm, Value a, Value b) {
  Value t;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, a);
  vm_push_root(vm, b);
  t = tuple_new(vm, 2);
  gc_root_restore(vm, mark);
  if (t == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = a;
  AS_TUPLE(t)->items[1] = b;
  return t;
}

static Value m_modf(VM *vm, int argc, Value *args) {
  double x, ip, fp;
  Value a, b;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  fp = modf(x, &ip);
  a = float_new(vm, fp);
  if (a == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, a);
  b = float_new(vm, ip);
  vm_pop_root(vm);
  return b == EXC_VAL ? EXC_VAL : pair(vm, a, b);
}

static Value m_frexp(VM *vm, int argc, Value *args) {
  double x, m;
  int e;
  Value a;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  m = frexp(x, &e);
  a = float_new(vm, m);
  return a == EXC_VAL ? EXC_VAL : pair(vm, a, INT_VAL(e));
}

static Value m_ldexp(VM *vm, int argc, Value *args) {
  double x, r;
  (void)argc;
  if (!num_arg(vm, args[0], &x)) return EXC_VAL;
  if (!IS_INTLIKE(args[1])) return vm_raise(vm, &exc_TypeError, "Expected an int as second argument to ldexp.");
  r = ldexp(x, (int)(AS_INTLIKE(args[1]) > 100000 ? 100000 : AS_INTLIKE(args[1]) < -100000 ? -100000 : AS_INTLIKE(args[1])));
  if (isinf(r) && isfinite(x)) return range_error(vm);
  return float_new(vm, r);
}

static Value m_dist(VM *vm, int argc, Value *args) {
  Value p = value_to_list(vm, args[0]), q;
  double acc = 0, x, y;
  uint32_t i;
  (void)argc;
  if (p == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, p);
  q = value_to_list(vm, args[1]);
  vm_pop_root(vm);
  if (q == EXC_VAL) return EXC_VAL;
  if (AS_LIST(p)->len != AS_LIST(q)->len) return vm_raise(vm, &exc_ValueError, "both points must have the same number of dimensions");
  for (i = 0; i < AS_LIST(p)->len; i++) {
    if (!num_arg(vm, AS_LIST(p)->items[i], &x) || !num_arg(vm, AS_LIST(q)->items[i], &y)) return EXC_VAL;
    acc = hypot(acc, x - y);
  }
  return float_new(vm, acc);
}

#define FN(cname, pyname, min, max) {{&builtin_type}, pyname, m_##cname, min, max, NULL}

static const ObjBuiltin math_functions[] = {
  FN(sqrt, "sqrt", 1, 1), FN(exp, "exp", 1, 1), FN(sin, "sin", 1, 1), FN(cos, "cos", 1, 1),
  FN(tan, "tan", 1, 1), FN(asin, "asin", 1, 1), FN(acos, "acos", 1, 1), FN(atan, "atan", 1, 1),
  FN(sinh, "sinh", 1, 1), FN(cosh, "cosh", 1, 1), FN(tanh, "tanh", 1, 1), FN(log, "log", 1, 2),
  FN(log2, "log2", 1, 1), FN(log10, "log10", 1, 1), FN(fabs, "fabs", 1, 1), FN(expm1, "expm1", 1, 1),
  FN(log1p, "log1p", 1, 1), FN(pow, "pow", 2, 2), FN(atan2, "atan2", 2, 2), FN(hypot, "hypot", 0, -1),
  FN(fmod, "fmod", 2, 2), FN(copysign, "copysign", 2, 2), FN(floor, "floor", 1, 1), FN(ceil, "ceil", 1, 1),
  FN(trunc, "trunc", 1, 1), FN(degrees, "degrees", 1, 1), FN(radians, "radians", 1, 1),
  FN(isnan, "isnan", 1, 1), FN(isinf, "isinf", 1, 1), FN(isfinite, "isfinite", 1, 1),
  {{&builtin_type}, "isclose", m_isclose, 2, 2, "rel_tol abs_tol"},
  FN(gcd, "gcd", 0, -1), FN(lcm, "lcm", 0, -1), FN(factorial, "factorial", 1, 1), FN(isqrt, "isqrt", 1, 1),
  FN(comb, "comb", 2, 2), FN(perm, "perm", 1, 2), {{&builtin_type}, "prod", m_prod, 1, 1, "start"},
  FN(fsum, "fsum", 1, 1), FN(modf, "modf", 1, 1), FN(frexp, "frexp", 1, 1), FN(ldexp, "ldexp", 2, 2),
  FN(dist, "dist", 2, 2),
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* ==== time =============================================================================== */

static Value m_ticks_ms(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc; (void)args;
  return INT_VAL((vint)(port_ticks_ms() & 0x3FFFFFFFu));
}

static Value m_ticks_diff(VM *vm, int argc, Value *args) {
  vint d;
  (void)argc;
  if (!IS_INTLIKE(args[0]) || !IS_INTLIKE(args[1])) return vm_raise(vm, &exc_TypeError, "ticks_diff() needs ints");
  d = (AS_INTLIKE(args[0]) - AS_INTLIKE(args[1])) & 0x3FFFFFFF;
  if (d >= 0x20000000) d -= 0x40000000;
  return INT_VAL(d);
}

static Value m_ticks_add(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!IS_INTLIKE(args[0]) || !IS_INTLIKE(args[1])) return vm_raise(vm, &exc_TypeError, "ticks_add() needs ints");
  return INT_VAL((AS_INTLIKE(args[0]) + AS_INTLIKE(args[1])) & 0x3FFFFFFF);
}

static Value m_time(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return float_new(vm, (double)port_ticks_ms() / 1000.0);
}

static Value m_time_ns(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return int_from_u64(vm, false, (uint64_t)port_ticks_ms() * 1000000u);
}

/* Sleep ms milliseconds without the interpreter lock (other threads run; STOP ends it), and
 * never less: the deadline is kept in microseconds, as a wait of n ticks may end up to a tick
 * early. Less than a millisecond is spun, holding the lock, as MicroPython's sleep_us does; an
 * hour or more is counted in milliseconds (the microsecond clock wraps after 71 minutes). */
static Value sleep_for(VM *vm, double ms) {
  uint32_t start, total;
  if (isnan(ms)) return vm_raise(vm, &exc_ValueError, "Invalid value NaN (not a number)");
  if (ms < 0) return vm_raise(vm, &exc_ValueError, "sleep length must be non-negative");
  if (ms == 0) return thread_wait(vm, 0) ? NONE_VAL : EXC_VAL;   /* sleep(0): let others run */
  if (ms < 1.0) {
    start = port_ticks_us();
    total = (uint32_t)(ms * 1000.0);
    while (port_ticks_us() - start < total) {
    }
    return NONE_VAL;
  }
  if (ms < 3.6e6) {
    start = port_ticks_us();
    total = (uint32_t)(ms * 1000.0);
    for (;;) {
      uint32_t spent = port_ticks_us() - start;
      if (spent >= total) return NONE_VAL;
      if (!thread_wait(vm, (total - spent + 999u) / 1000u)) return EXC_VAL;
    }
  }
  start = port_ticks_ms();
  total = ms > 4e9 ? 4000000000u : (uint32_t)ms + 1u;
  for (;;) {
    uint32_t spent = port_ticks_ms() - start;
    if (spent >= total) return NONE_VAL;
    if (!thread_wait(vm, total - spent)) return EXC_VAL;
  }
}

static Value m_sleep(VM *vm, int argc, Value *args) {
  double s;
  (void)argc;
  if (!num_arg(vm, args[0], &s)) return EXC_VAL;
  return sleep_for(vm, s * 1000.0);
}

static Value m_sleep_ms(VM *vm, int argc, Value *args) {
  double s;
  (void)argc;
  if (!num_arg(vm, args[0], &s)) return EXC_VAL;
  return sleep_for(vm, s);
}

static Value m_sleep_us(VM *vm, int argc, Value *args) {
  double s;
  (void)argc;
  if (!num_arg(vm, args[0], &s)) return EXC_VAL;
  return sleep_for(vm, s / 1000.0);
}

static Value m_ticks_us(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc; (void)args;
  return INT_VAL((vint)(port_ticks_us() & 0x3FFFFFFFu));
}

static const ObjBuiltin time_functions[] = {
  FN(time, "time", 0, 0), FN(time, "monotonic", 0, 0), FN(time, "perf_counter", 0, 0),
  FN(time_ns, "time_ns", 0, 0), FN(time_ns, "monotonic_ns", 0, 0), FN(sleep, "sleep", 1, 1),
  FN(sleep_ms, "sleep_ms", 1, 1), FN(ticks_ms, "ticks_ms", 0, 0), FN(ticks_diff, "ticks_diff", 2, 2),
  FN(ticks_add, "ticks_add", 2, 2), FN(sleep_us, "sleep_us", 1, 1), FN(ticks_us, "ticks_us", 0, 0),
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* ==== sys ================================================================================ */

const Type exc_SystemExit = {{&type_type}, "SystemExit", &exc_BaseException, exception_trace, NULL,
    .print = exception_write, .getattr = exception_getattr};

static Value m_exit(VM *vm, int argc, Value *args) {
  vm->exc = exception_new(vm, &exc_SystemExit, argc > 0 ? args[0] : NONE_VAL);
  return EXC_VAL;
}

static const ObjBuiltin sys_functions[] = {
  FN(exit, "exit", 0, 1),
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* ==== gc ================================================================================= */

/* gc.collect(): a full collection, then the cleanup of the generators it found dropped. */
static Value m_collect(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  gc_collect(vm);
  gen_run_finalizers(vm);
  weakref_run_callbacks(vm);
  return INT_VAL(0);
}

/* enable()/disable() only change what isenabled() says: with no reference counting, a full heap
 * must still be collected (CPython frees by counts while its collector is disabled). */
static Value m_enable(VM *vm, int argc, Value *args) { (void)argc; (void)args; vm->gc_disabled = false; return NONE_VAL; }
static Value m_disable(VM *vm, int argc, Value *args) { (void)argc; (void)args; vm->gc_disabled = true; return NONE_VAL; }
static Value m_isenabled(VM *vm, int argc, Value *args) { (void)argc; (void)args; return BOOL_VAL(!vm->gc_disabled); }

/* MicroPython's mem_free()/mem_alloc(): the heap's free and used bytes, for a board's budget. */
static Value m_mem_free(VM *vm, int argc, Value *args) { (void)argc; (void)args; return INT_VAL((vint)mem_free_bytes(vm)); }
static Value m_mem_alloc(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return INT_VAL((vint)((size_t)(vm->heap_end - vm->heap_start) - mem_free_bytes(vm)));
}

static const ObjBuiltin gc_functions[] = {
  FN(collect, "collect", 0, 1), FN(enable, "enable", 0, 0), FN(disable, "disable", 0, 0),
  FN(isenabled, "isenabled", 0, 0), FN(mem_free, "mem_free", 0, 0), FN(mem_alloc, "mem_alloc", 0, 0),
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* ==== modules ============================================================================ */

extern const ObjBuiltin modlib_functions[];   /* modlib.c: _stdlib, natives of the Python library */
extern const ObjBuiltin sys_more_functions[];   /* modsys.c */
bool sys_fill_streams(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value));
extern const ObjBuiltin weakref_functions[];    /* modweakref.c: _weakref */
extern const ObjBuiltin traceback_functions[];  /* modtraceback.c */
extern const ObjBuiltin atexit_functions[];     /* modatexit.c */
extern const ObjBuiltin thread_functions[];     /* modthread.c: _thread */
bool thread_module_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value));
bool atexit_fill(VM *vm, ObjDict *d);
extern const ObjBuiltin machine_functions[];    /* modmachine.c: machine */
bool machine_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value));
extern const ObjBuiltin board_no_functions[];   /* modboard.c: board (its fill puts them in) */
bool board_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value));

static bool put(VM *vm, ObjDict *d, const char *name, Value v) {
  Value key;
  vm_push_root(vm, v);
  key = str_intern(vm, name, strlen(name));
  vm_pop_root(vm);
  return key != EXC_VAL && dict_set(vm, d, key, v);
}

static bool put_float(VM *vm, ObjDict *d, const char *name, double x) {
  Value f = float_new(vm, x);
  return f != EXC_VAL && put(vm, d, name, f);
}

static bool put_functions(VM *vm, ObjDict *d, const ObjBuiltin *fns) {
  for (; fns->name != NULL; fns++)
    if (!put(vm, d, fns->name, OBJ_VAL(fns))) return false;
  return true;
}

static Value tuple_of(VM *vm, int n, const Value *items) {
  Value t = tuple_new(vm, (uint32_t)n);
  if (t != EXC_VAL) memcpy(AS_TUPLE(t)->items, items, (size_t)n * sizeof(Value));
  return t;
}

static Value module_over(VM *vm, ObjDict *dict);

static bool fill_sys(VM *vm, ObjDict *d) {
  Value v, impl;
  const Value version[] = {INT_VAL(3), INT_VAL(11), INT_VAL(0)};
  const Value viper_version[] = {INT_VAL(VIPER_VERSION_MAJOR), INT_VAL(VIPER_VERSION_MINOR), INT_VAL(VIPER_VERSION_PATCH)};
  if (!put_functions(vm, d, sys_functions) || !put_functions(vm, d, sys_more_functions) ||
      !sys_fill_streams(vm, d, put)) return false;
  if ((v = str_intern(vm, "__main__", 8)) == EXC_VAL) return false;
  if (dict_get_str(vm->modules, AS_STR(v)) == UNBOUND_VAL) {
    v = module_over(vm, vm->globals);   /* sys.modules lists the program itself */
    if (v == EXC_VAL || !put(vm, vm->modules, "__main__", v)) return false;
  }
  if ((v = str_from_cstr(vm, "3.11.0 (Viper " VIPER_VERSION_STRING ")")) == EXC_VAL || !put(vm, d, "version", v)) return false;
  if ((v = tuple_of(vm, 3, version)) == EXC_VAL || !put(vm, d, "version_info", v)) return false;
  if ((v = int_from_u64(vm, false, (uint64_t)INTPTR_MAX)) == EXC_VAL || !put(vm, d, "maxsize", v)) return false;
  if ((v = str_from_cstr(vm, "little")) == EXC_VAL || !put(vm, d, "byteorder", v)) return false;
  if ((v = str_from_cstr(vm, "viper")) == EXC_VAL || !put(vm, d, "platform", v)) return false;
  if ((v = list_new(vm, 0)) == EXC_VAL || !put(vm, d, "argv", v)) return false;
  if ((v = list_new(vm, 0)) == EXC_VAL || !put(vm, d, "path", v)) return false;
  /* sys.implementation: a namespace with name and version */
  impl = module_new(vm, "implementation");
  if (impl == EXC_VAL) return false;
  vm_push_root(vm, impl);
  v = str_from_cstr(vm, "viper");
  if (v == EXC_VAL || !put(vm, AS_MODULE(impl)->dict, "name", v)) { vm_pop_root(vm); return false; }
  v = tuple_of(vm, 3, viper_version);
  if (v == EXC_VAL || !put(vm, AS_MODULE(impl)->dict, "version", v)) { vm_pop_root(vm); return false; }
  vm_pop_root(vm);
  return put(vm, d, "implementation", impl);
}

Value module_new(VM *vm, const char *name) {
  ObjModule *m;
  Value d = dict_new(vm), n;
  if (d == EXC_VAL) return EXC_VAL;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, d);
  m = (ObjModule *)obj_alloc(vm, &module_type, sizeof(ObjModule));
  if (m == NULL) { gc_root_restore(vm, mark); return EXC_VAL; }
  m->dict = AS_DICT(d);
  vm_push_root(vm, OBJ_VAL(m));
  n = str_from_cstr(vm, name);
  if (n == EXC_VAL || !put(vm, m->dict, "__name__", n) ||
      !put(vm, m->dict, "__doc__", NONE_VAL))   /* the body's docstring replaces it */
    m = NULL;
  gc_root_restore(vm, mark);
  return m == NULL ? EXC_VAL : OBJ_VAL(m);
}

static bool thread_fill(VM *vm, ObjDict *d) { return thread_module_fill(vm, d, put); }
static bool machine_module_fill(VM *vm, ObjDict *d) { return machine_fill(vm, d, put); }
static bool board_module_fill(VM *vm, ObjDict *d) { return board_fill(vm, d, put); }

/* Built-in modules that live in their own files: their functions, and what else goes in. */
static const struct { const char *name; const ObjBuiltin *functions; bool (*fill)(VM *vm, ObjDict *d); } module_files[] = {
#if VIPER_HAS_WEAKREF
  {"_weakref", weakref_functions, NULL},
#endif
  {"traceback", traceback_functions, NULL},
#if VIPER_HAS_ATEXIT
  {"atexit", atexit_functions, atexit_fill},
#endif
  {"_thread", thread_functions, thread_fill},
  {"machine", machine_functions, machine_module_fill},
  {"board", board_no_functions, board_module_fill},
};

/* __main__ and builtins: modules over the dicts the VM already has. */
static Value module_over(VM *vm, ObjDict *dict) {
  ObjModule *m = (ObjModule *)obj_alloc(vm, &module_type, sizeof(ObjModule));
  if (m == NULL) return EXC_VAL;
  m->dict = dict;
  return OBJ_VAL(m);
}

/* The built-in module called name, or UNBOUND_VAL when there is none. */
Value module_builtin(VM *vm, const ObjStr *name) {
  Value m;
  bool ok;
  ObjDict *d;
  size_t i;
  if (strcmp(name->chars, "__main__") == 0) return module_over(vm, vm->globals);
  if (strcmp(name->chars, "builtins") == 0) {
    m = module_over(vm, vm->builtins);
    if (m == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, m);
    ok = put(vm, vm->builtins, "__name__", OBJ_VAL(name));
    vm_pop_root(vm);
    return ok ? m : EXC_VAL;
  }
  for (i = 0; i < sizeof module_files / sizeof module_files[0]; i++) {
    if (strcmp(name->chars, module_files[i].name) != 0) continue;
    m = module_new(vm, name->chars);
    if (m == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, m);
    ok = put_functions(vm, AS_MODULE(m)->dict, module_files[i].functions) &&
         (module_files[i].fill == NULL || module_files[i].fill(vm, AS_MODULE(m)->dict));
    vm_pop_root(vm);
    return ok ? m : EXC_VAL;
  }
  int which = strcmp(name->chars, "math") == 0 ? 1 : strcmp(name->chars, "time") == 0 ? 2 :
              strcmp(name->chars, "sys") == 0 ? 3 : strcmp(name->chars, "_stdlib") == 0 ? 4 :
              strcmp(name->chars, "gc") == 0 ? 5 : strcmp(name->chars, "array") == 0 && VIPER_HAS_ARRAY ? 6 : 0;
  if (which == 0) return UNBOUND_VAL;
  m = module_new(vm, name->chars);
  if (m == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, m);
  d = AS_MODULE(m)->dict;
  if (which == 1) {
    ok = put_functions(vm, d, math_functions) && put_float(vm, d, "pi", 3.141592653589793) &&
         put_float(vm, d, "e", 2.718281828459045) && put_float(vm, d, "tau", 6.283185307179586) &&
         put_float(vm, d, "inf", HUGE_VAL) && put_float(vm, d, "nan", NAN);
  } else if (which == 2) {
    ok = put_functions(vm, d, time_functions);
  } else if (which == 4) {
    ok = put_functions(vm, d, modlib_functions);
  } else if (which == 5) {
    ok = put_functions(vm, d, gc_functions);
#if VIPER_HAS_ARRAY
  } else if (which == 6) {   /* array.c */
    Value codes = str_from_cstr(vm, "bBuhHiIlLqQfd");
    ok = codes != EXC_VAL && put(vm, d, "typecodes", codes) && put(vm, d, "array", OBJ_VAL(&array_type)) &&
         put(vm, d, "ArrayType", OBJ_VAL(&array_type));
#endif
  } else {
    ok = fill_sys(vm, d);
  }
  vm_pop_root(vm);
  return ok ? m : EXC_VAL;
}

/* The module's own function called name (__getattr__, __dir__: PEP 562), or UNBOUND_VAL. */
static Value module_hook(VM *vm, ObjDict *d, const char *name) {
  Value key = str_intern(vm, name, strlen(name));
  return key == EXC_VAL ? UNBOUND_VAL : dict_get_str(d, AS_STR(key));
}

Value module_getattr(VM *vm, Value module, ObjStr *name) {
  Value v = dict_get_str(AS_MODULE(module)->dict, name), hook;
  if (v != UNBOUND_VAL) return v;
  if (strcmp(name->chars, "__dict__") == 0) return OBJ_VAL(AS_MODULE(module)->dict);
  /* PEP 562: a module that makes names on demand (board's pins) has a __getattr__ */
  if ((hook = module_hook(vm, AS_MODULE(module)->dict, "__getattr__")) != UNBOUND_VAL) {
    v = OBJ_VAL(name);
    return vm_call(vm, hook, 1, &v);
  }
  v = dict_get_str(AS_MODULE(module)->dict, AS_STR(str_intern(vm, "__name__", 8)));
  return vm_raise_fmt(vm, &exc_AttributeError, "module '%s' has no attribute '%s'",
                      IS_STR(v) ? AS_STR(v)->chars : "?", name->chars);
}

/* import name: a module imported before, else one of this image's modules (run now, in its own
 * globals, registered first so circular imports see it), else a built-in module. */
Value module_import(VM *vm, ObjStr *name) {
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
    bool found;
    m = module_new(vm, name->chars);
    if (m == EXC_VAL) return EXC_VAL;
    if (!dict_set(vm, vm->modules, OBJ_VAL(name), m)) return EXC_VAL;
    if (call_module_body(vm, AS_CODE(code), m) == EXC_VAL) {   /* a failed import is forgotten */
      Value exc = vm->exc;
      RootMark mark = gc_root_mark(vm);
      vm_push_root(vm, exc);
      dict_delete(vm, vm->modules, OBJ_VAL(name), &found);
      gc_root_restore(vm, mark);
      vm->exc = exc;
      return EXC_VAL;
    }
    return m;
  }
  m = module_builtin(vm, name);
  if (m == EXC_VAL) return EXC_VAL;
  if (m == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_ModuleNotFoundError, "No module named '%s'", name->chars);
  {
    RootMark mark = gc_root_mark(vm);
    bool ok;
    vm_push_root(vm, m);
    ok = dict_set(vm, vm->modules, OBJ_VAL(name), m);
    gc_root_restore(vm, mark);
    if (!ok) return EXC_VAL;
  }
  return m;
}

/* dir(module): its namespace's names, or what its own __dir__ returns (PEP 562), unsorted. */
Value module_dir(VM *vm, Value module) {
  Value hook = module_hook(vm, AS_MODULE(module)->dict, "__dir__");
  if (hook == UNBOUND_VAL) return value_to_list(vm, OBJ_VAL(AS_MODULE(module)->dict));
  hook = vm_call(vm, hook, 0, NULL);
  if (hook == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, hook);
  hook = value_to_list(vm, hook);
  vm_pop_root(vm);
  return hook;
}

/* from module import * for a built-in module without __all__ whose native __dir__ lists names
 * it makes on demand (board's pins): its public names, each read through its __getattr__.
 * UNBOUND_VAL: not such a module (a Python module's __dir__ is not used, as in CPython). */
Value module_import_star_dir(VM *vm, Value module, ObjDict *ns) {
  Value names;
  uint32_t i;
  if (!IS_BUILTIN(module_hook(vm, AS_MODULE(module)->dict, "__dir__"))) return UNBOUND_VAL;
  if ((names = module_dir(vm, module)) == EXC_VAL) return EXC_VAL;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, names);
  for (i = 0; i < AS_LIST(names)->len; i++) {
    Value name = AS_LIST(names)->items[i], v;
    if (!IS_STR(name) || AS_STR(name)->chars[0] == '_') continue;
    v = module_getattr(vm, module, AS_STR(name));
    if (v == EXC_VAL || !dict_set(vm, ns, name, v)) { gc_root_restore(vm, mark); return EXC_VAL; }
  }
  gc_root_restore(vm, mark);
  return NONE_VAL;
}

/* from x import * where sys.modules holds something other than a module (a class, an instance):
 * the names its __all__ lists, else the public names of its __dict__, each read by getattr. */
Value module_import_star_object(VM *vm, Value obj, ObjDict *ns) {
  Value all = value_getattr(vm, obj, AS_STR(str_intern(vm, "__all__", 7))), names;
  bool public_only = false;
  uint32_t i;
  if (all == EXC_VAL) {
    if (!vm_exc_pending_is(vm, &exc_AttributeError)) return EXC_VAL;
    vm->exc = NONE_VAL;
    all = value_getattr(vm, obj, AS_STR(str_intern(vm, "__dict__", 8)));
    if (all == EXC_VAL || !IS_DICT(all)) {
      vm->exc = NONE_VAL;
      return vm_raise(vm, &exc_ImportError, "from-import-* object has no __dict__ and no __all__");
    }
    public_only = true;
  }
  vm_push_root(vm, all);   /* a computed __all__ may be held by nothing else */
  names = value_to_list(vm, all);
  vm_pop_root(vm);
  if (names == EXC_VAL) return EXC_VAL;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, names);
  for (i = 0; i < AS_LIST(names)->len; i++) {
    Value name = AS_LIST(names)->items[i], v;
    if (!IS_STR(name)) { gc_root_restore(vm, mark); return vm_raise_fmt(vm, &exc_TypeError, "Item in __all__ must be str, not %t", name); }
    if (public_only && AS_STR(name)->chars[0] == '_') continue;
    v = value_getattr(vm, obj, AS_STR(name));
    if (v == EXC_VAL || !dict_set(vm, ns, name, v)) { gc_root_restore(vm, mark); return EXC_VAL; }
  }
  gc_root_restore(vm, mark);
  return NONE_VAL;
}
