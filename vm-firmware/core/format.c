/* Text formatting the CPython way: format(value, spec) / str.format mini-language and
 * printf-style `%`. Everything is appended to the VM's string builder. Float digits come from
 * exact integer arithmetic (bigint.c), so fixed-precision output is correctly rounded
 * (half-even on the exact binary value) like CPython's, with no stdio. */
#include <math.h>
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

typedef struct {
  char fill[4];
  int fill_len;
  char align;      /* 0, '<', '>', '^', '=' */
  char sign;       /* 0, '+', '-', ' ' */
  bool alt, zero, z;
  int width;       /* -1: none */
  char group;      /* 0, ',', '_' */
  int prec;        /* -1: none */
  char type;       /* 0 or the type letter */
  bool eq_implied; /* align '=' came from the '0' flag, not from the spec */
  const char *raw; /* the spec text, for __format__ */
  size_t raw_len;
} Spec;

static void spec_default(Spec *s) {
  memset(s, 0, sizeof *s);
  s->fill[0] = ' ';
  s->fill_len = 1;
  s->width = -1;
  s->prec = -1;
}

static bool bad_spec(VM *vm) {
  vm_raise(vm, &exc_ValueError, "Invalid format specifier");
  return false;
}

static int utf8_len(uint8_t c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

static bool parse_spec(VM *vm, const char *p, size_t n, Spec *s) {
  size_t i = 0;
  spec_default(s);
  s->raw = p;
  s->raw_len = n;
  if (n > 0) {
    int cl = utf8_len((uint8_t)p[0]);
    if ((size_t)cl < n && strchr("<>=^", p[cl]) != NULL) {
      memcpy(s->fill, p, (size_t)cl);
      s->fill_len = cl;
      s->align = p[cl];
      i = (size_t)cl + 1;
    } else if (strchr("<>=^", p[0]) != NULL) {
      s->align = p[0];
      i = 1;
    }
  }
  if (i < n && (p[i] == '+' || p[i] == '-' || p[i] == ' ')) s->sign = p[i++];
  if (i < n && p[i] == 'z') { s->z = true; i++; }
  if (i < n && p[i] == '#') { s->alt = true; i++; }
  if (i < n && p[i] == '0') { s->zero = true; i++; }
  if (i < n && p[i] >= '0' && p[i] <= '9') {
    s->width = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9') {
      s->width = s->width * 10 + (p[i++] - '0');
      if (s->width > 100000) return bad_spec(vm);
    }
  }
  if (i < n && (p[i] == ',' || p[i] == '_')) s->group = p[i++];
  if (i < n && p[i] == '.') {
    i++;
    if (i >= n || p[i] < '0' || p[i] > '9') {
      vm_raise(vm, &exc_ValueError, "Format specifier missing precision");
      return false;
    }
    s->prec = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9') {
      s->prec = s->prec * 10 + (p[i++] - '0');
      if (s->prec > 100000) return bad_spec(vm);
    }
  }
  if (i < n) s->type = p[i++];
  if (i < n) return bad_spec(vm);
  if (s->zero) {   /* '0': zero fill unless a fill was given, sign-aware unless aligned */
    bool explicit_fill = i > 0 && p[0] != '<' && p[0] != '>' && p[0] != '=' && p[0] != '^' &&
                         s->align != 0 && (size_t)s->fill_len < n && p[s->fill_len] == s->align;
    if (!explicit_fill) {
      s->fill[0] = '0';
      s->fill_len = 1;
    }
    if (s->align == 0) { s->align = '='; s->eq_implied = true; }
  }
  return true;
}

static uint32_t count_cp(const char *s, size_t n) {
  uint32_t k = 0;
  size_t i;
  for (i = 0; i < n; i++) k += ((uint8_t)s[i] & 0xC0) != 0x80;
  return k;
}

static void add_fill(VM *vm, const Spec *s, long count) {
  while (count-- > 0) vm_sb_add(vm, s->fill, (size_t)s->fill_len);
}

/* The text at sb[start..] is the body; rewrite it padded, with prefix (sign, 0x) before it. */
static void pad_from(VM *vm, uint32_t start, const char *prefix, const Spec *s, char default_align) {
  uint32_t blen = vm->sb_len - start, bchars = count_cp(vm->sb + start, blen);
  long total = (long)strlen(prefix) + bchars, pad = s->width > total ? s->width - total : 0;
  char align = s->align ? s->align : default_align;
  char small[64];
  char *body = small;
  Value holder = NONE_VAL;
  if (pad == 0 && prefix[0] == '\0') return;
  if (blen > sizeof small) {
    holder = str_new(vm, vm->sb + start, blen);
    if (holder == EXC_VAL) { vm->sb_oom = true; return; }
    vm_push_root(vm, holder);
    body = AS_STR(holder)->chars;
  } else {
    memcpy(small, vm->sb + start, blen);
  }
  vm->sb_len = start;
  if (align == '>') add_fill(vm, s, pad);
  else if (align == '^') add_fill(vm, s, pad / 2);
  vm_sb_cstr(vm, prefix);
  if (align == '=') add_fill(vm, s, pad);
  vm_sb_add(vm, body, blen);
  if (align == '<') add_fill(vm, s, pad);
  else if (align == '^') add_fill(vm, s, pad - pad / 2);
  if (holder != NONE_VAL) vm_pop_root(vm);
}

/* Group the digits sb[start..start+ndigits) with sep every `every` digits, padding with zeros
 * to min_width characters when min_width > 0 (CPython's zero padding with grouping). */
static void group_digits(VM *vm, uint32_t start, uint32_t ndigits, char sep, int every, long min_width) {
  Value copy = str_new(vm, vm->sb + start, vm->sb_len - start);
  const char *src;
  uint32_t n = ndigits, i, tail;
  if (copy == EXC_VAL) { vm->sb_oom = true; return; }
  vm_push_root(vm, copy);
  src = AS_STR(copy)->chars;
  tail = AS_STR(copy)->len - ndigits;
  while ((long)(n + (n - 1) / (uint32_t)every) < min_width) n++;
  vm->sb_len = start;
  for (i = 0; i < n; i++) {
    if (i > 0 && (n - i) % (uint32_t)every == 0) vm_sb_add(vm, &sep, 1);
    vm_sb_add(vm, i < n - ndigits ? "0" : src + (i - (n - ndigits)), 1);
  }
  vm_sb_add(vm, src + ndigits, tail);
  vm_pop_root(vm);
}

/* Escape every non-ASCII code point of sb[start..] the way ascii() does. */
void sb_ascii_escape(VM *vm, uint32_t start) {
  Value copy;
  const uint8_t *p;
  uint32_t i, n;
  static const char hx[] = "0123456789abcdef";
  for (i = start; i < vm->sb_len && (uint8_t)vm->sb[i] < 0x80; i++) {}
  if (i == vm->sb_len) return;
  copy = str_new(vm, vm->sb + start, vm->sb_len - start);
  if (copy == EXC_VAL) { vm->sb_oom = true; return; }
  vm_push_root(vm, copy);
  p = (const uint8_t *)AS_STR(copy)->chars;
  n = AS_STR(copy)->len;
  vm->sb_len = start;
  for (i = 0; i < n;) {
    uint32_t cp;
    char buf[10];
    int k, digits;
    if (p[i] < 0x80) { vm_sb_add(vm, (const char *)p + i, 1); i++; continue; }
    if (p[i] < 0xE0) { cp = ((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu); i += 2; }
    else if (p[i] < 0xF0) { cp = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu); i += 3; }
    else { cp = ((p[i] & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3Fu); i += 4; }
    buf[0] = '\\';
    buf[1] = cp < 0x100 ? 'x' : cp < 0x10000 ? 'u' : 'U';
    digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
    for (k = 0; k < digits; k++) buf[2 + k] = hx[(cp >> (4 * (digits - 1 - k))) & 15];
    vm_sb_add(vm, buf, (size_t)(2 + digits));
  }
  vm_pop_root(vm);
}

/* ---- ints ------------------------------------------------------------------------------ */

static bool format_int(VM *vm, Value v, Spec *s) {
  int base = 10;
  const char *pfx = "";
  char prefix[8];
  uint32_t start = vm->sb_len, ndigits;
  bool neg = int_compare(v, INT_VAL(0)) < 0;
  switch (s->type) {
  case 'b': base = 2; pfx = "0b"; break;
  case 'o': base = 8; pfx = "0o"; break;
  case 'x': base = 16; pfx = "0x"; break;
  case 'X': base = 16; pfx = "0X"; break;
  case 'c': {
    char b[4];
    vint cp;
    int n = 0;
    if (s->sign) { vm_raise(vm, &exc_ValueError, "Sign not allowed with integer format specifier 'c'"); return false; }
    if (!IS_INTLIKE(v) || (cp = AS_INTLIKE(v)) < 0 || cp > 0x10FFFF) {
      vm_raise(vm, &exc_OverflowError, "%c arg not in range(0x110000)");
      return false;
    }
    if (cp < 0x80) b[n++] = (char)cp;
    else if (cp < 0x800) { b[n++] = (char)(0xC0 | (cp >> 6)); b[n++] = (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { b[n++] = (char)(0xE0 | (cp >> 12)); b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[n++] = (char)(0x80 | (cp & 0x3F)); }
    else { b[n++] = (char)(0xF0 | (cp >> 18)); b[n++] = (char)(0x80 | ((cp >> 12) & 0x3F)); b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[n++] = (char)(0x80 | (cp & 0x3F)); }
    vm_sb_add(vm, b, (size_t)n);
    pad_from(vm, start, "", s, '>');
    return true;
  }
  case 0: case 'd': case 'n': break;
  default:
    vm_raise_fmt(vm, &exc_ValueError, "Unknown format code '%s' for object of type 'int'",
                 (char[2]){s->type, 0});
    return false;
  }
  if (s->prec >= 0) { vm_raise(vm, &exc_ValueError, "Precision not allowed in integer format specifier"); return false; }
  if (s->group == ',' && base != 10) {
    vm_raise_fmt(vm, &exc_ValueError, "Cannot specify ',' with '%s'.", (char[2]){s->type, 0});
    return false;
  }
  int_write_base(vm, v, base);
  if (s->type == 'X') {
    uint32_t i;
    for (i = start; i < vm->sb_len; i++)
      if (vm->sb[i] >= 'a' && vm->sb[i] <= 'f') vm->sb[i] = (char)(vm->sb[i] - 32);
  }
  if (neg) {   /* drop the '-': it goes into the prefix */
    memmove(vm->sb + start, vm->sb + start + 1, vm->sb_len - start - 1);
    vm->sb_len--;
  }
  prefix[0] = '\0';
  if (neg) strcpy(prefix, "-");
  else if (s->sign == '+' || s->sign == ' ') { prefix[0] = s->sign; prefix[1] = '\0'; }
  if (s->alt) strcat(prefix, pfx);
  ndigits = vm->sb_len - start;
  if (s->group) {
    long minw = 0;
    if (s->align == '=' && s->fill[0] == '0' && s->width > 0) minw = s->width - (long)strlen(prefix);
    group_digits(vm, start, ndigits, s->group, base == 10 ? 3 : 4, minw);
  }
  pad_from(vm, start, prefix, s, '>');
  return true;
}

/* ---- floats ---------------------------------------------------------------------------- */

#if VIPER_HAS_BIGINT
/* round(|d| * 10^s) to the nearest integer, ties to even, exactly. */
static Value scaled_round(VM *vm, double d, int s) {
  int e;
  double m = frexp(fabs(d), &e);
  Value num, den, t, q = EXC_VAL, r, two_r;
  RootMark mark = gc_root_mark(vm);
  int c;
  num = int_from_u64(vm, false, (uint64_t)ldexp(m, 53));
  if (num == EXC_VAL) return EXC_VAL;
  e -= 53;
  vm_push_root(vm, num);
  den = INT_VAL(1);
  vm_push_root(vm, den);
  if (e > 0) num = bigint_binary(vm, BINOP_LSHIFT, num, INT_VAL(e));
  else if (e < 0) den = bigint_binary(vm, BINOP_LSHIFT, den, INT_VAL(-e));
  if (num == EXC_VAL || den == EXC_VAL) goto out;
  gc_root_at(vm, mark, 0) = num;
  gc_root_at(vm, mark, 1) = den;
  t = bigint_binary(vm, BINOP_POW, INT_VAL(10), INT_VAL(s < 0 ? -s : s));
  if (t == EXC_VAL) goto out;
  if (s >= 0) num = bigint_binary(vm, BINOP_MUL, num, t);
  else den = bigint_binary(vm, BINOP_MUL, den, t);
  if (num == EXC_VAL || den == EXC_VAL) goto out;
  gc_root_at(vm, mark, 0) = num;
  gc_root_at(vm, mark, 1) = den;
  q = bigint_binary(vm, BINOP_FLOORDIV, num, den);
  if (q == EXC_VAL) goto out;
  vm_push_root(vm, q);
  r = bigint_binary(vm, BINOP_MOD, num, den);
  two_r = r == EXC_VAL ? EXC_VAL : bigint_binary(vm, BINOP_ADD, r, r);
  if (two_r == EXC_VAL) { q = EXC_VAL; goto out; }
  c = int_compare(two_r, den);
  if (c > 0 || (c == 0 && bigint_binary(vm, BINOP_AND, q, INT_VAL(1)) == INT_VAL(1)))   /* ties to even */
    q = bigint_binary(vm, BINOP_ADD, q, INT_VAL(1));
out:
  gc_root_restore(vm, mark);
  return q;
}

/* Append the digits of round(|d| * 10^s) to sb. */
static bool scaled_digits(VM *vm, double d, int s) {
  Value q = scaled_round(vm, d, s);
  if (q == EXC_VAL) return false;
  int_write_base(vm, q, 10);
  return true;
}
#else
/* Without big ints the product is rounded in doubles: right to about 15 significant digits
 * (CPython's exact rounding may differ in the last digit of longer outputs). */
static bool scaled_digits(VM *vm, double d, int s) {
  double p = nearbyint(fabs(d) * pow(10.0, s));
  char buf[20];
  size_t i = sizeof buf;
  uint64_t q;
  if (!(p < 1.8e19)) {
    vm_raise_fmt(vm, &exc_OverflowError, "too many digits to format without big ints (%s level)", VIPER_LEVEL_NAME);
    return false;
  }
  q = (uint64_t)p;
  do { buf[--i] = (char)('0' + q % 10); q /= 10; } while (q != 0);
  vm_sb_add(vm, buf + i, sizeof buf - i);
  return true;
}
#endif

/* 'f': |d| with prec digits after the point (no sign). */
static bool fixed(VM *vm, double d, int prec, bool alt) {
  uint32_t start = vm->sb_len, n;
  if (!scaled_digits(vm, d, prec)) return false;
  n = vm->sb_len - start;
  if (n <= (uint32_t)prec) {   /* left-pad with zeros to prec + 1 digits */
    uint32_t add = (uint32_t)prec + 1 - n, i;
    for (i = 0; i < add; i++) vm_sb_add(vm, "0", 1);
    memmove(vm->sb + start + add, vm->sb + start, n);
    memset(vm->sb + start, '0', add);
    n += add;
  }
  if (prec > 0 || alt) {
    vm_sb_add(vm, ".", 1);
    memmove(vm->sb + vm->sb_len - (uint32_t)prec, vm->sb + vm->sb_len - (uint32_t)prec - 1, (size_t)prec);
    vm->sb[vm->sb_len - (uint32_t)prec - 1] = '.';
  }
  return true;
}

/* Decimal exponent x of |d| once rounded to prec + 1 significant digits; the digits are left
 * in sb at start (prec + 1 of them). */
static bool all_zeros(const char *p, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; i++)
    if (p[i] != '0') return false;
  return true;
}

static bool sci_digits(VM *vm, double d, int prec, int *x) {
  uint32_t start = vm->sb_len;
  bool tried_lower = false;
  int k;
  if (d == 0.0) {
    int i;
    for (i = 0; i <= prec; i++) vm_sb_add(vm, "0", 1);
    *x = 0;
    return true;
  }
  k = (int)floor(log10(fabs(d)));
  for (;;) {
    uint32_t n;
    vm->sb_len = start;
    if (!scaled_digits(vm, d, prec - k)) return false;
    n = vm->sb_len - start;
    if (n > (uint32_t)prec + 1) { k++; continue; }
    if (n < (uint32_t)prec + 1) { k--; continue; }
    /* "10...0" may be |d| < 10^k rounded up: then k - 1 is right if it gives prec + 1 digits */
    if (vm->sb[start] == '1' && all_zeros(vm->sb + start + 1, n - 1) && !tried_lower) {
      tried_lower = true;
      vm->sb_len = start;
      if (!scaled_digits(vm, d, prec - k + 1)) return false;
      if (vm->sb_len - start == (uint32_t)prec + 1) { k--; break; }
      continue;
    }
    break;
  }
  *x = k;
  return true;
}

static void write_exp(VM *vm, char e, int x) {
  char b[8];
  int n = 0, ax = x < 0 ? -x : x;
  b[n++] = e;
  b[n++] = x < 0 ? '-' : '+';
  if (ax >= 100) b[n++] = (char)('0' + ax / 100);
  b[n++] = (char)('0' + (ax / 10) % 10);
  b[n++] = (char)('0' + ax % 10);
  vm_sb_add(vm, b, (size_t)n);
}

static bool sci(VM *vm, double d, int prec, bool alt, char e) {
  uint32_t start = vm->sb_len;
  int x;
  if (!sci_digits(vm, d, prec, &x)) return false;
  if (prec > 0 || alt) {
    vm_sb_add(vm, ".", 1);
    memmove(vm->sb + start + 2, vm->sb + start + 1, (size_t)prec);
    vm->sb[start + 1] = '.';
  }
  write_exp(vm, e, x);
  return true;
}

/* 'g' (and the empty type with a precision when always_point). */
static bool general(VM *vm, double d, int prec, bool alt, char e, bool always_point) {
  uint32_t start = vm->sb_len, i, end;
  int x;
  if (prec == 0) prec = 1;
  if (!sci_digits(vm, d, prec - 1, &x)) return false;
  vm->sb_len = start;
  if (x >= -4 && x < prec) {
    if (!fixed(vm, d, prec - 1 - x, alt)) return false;
    if (!alt) {
      end = vm->sb_len;
      if (memchr(vm->sb + start, '.', end - start) != NULL) {
        while (end > start && vm->sb[end - 1] == '0') end--;
        if (vm->sb[end - 1] == '.') end = always_point ? end + 1 : end - 1;
        vm->sb_len = end;
      } else if (always_point) {
        vm_sb_add(vm, ".0", 2);
      }
    }
  } else {
    if (!sci(vm, d, prec - 1, alt, e)) return false;
    if (!alt) {
      /* strip zeros before the exponent */
      uint32_t epos = start;
      char tailbuf[8];
      uint32_t tl;
      for (i = start; i < vm->sb_len; i++)
        if (vm->sb[i] == e) epos = i;
      tl = vm->sb_len - epos;
      memcpy(tailbuf, vm->sb + epos, tl);
      end = epos;
      if (memchr(vm->sb + start, '.', epos - start) != NULL) {
        while (vm->sb[end - 1] == '0') end--;
        if (vm->sb[end - 1] == '.') end--;
      }
      vm->sb_len = end;
      vm_sb_add(vm, tailbuf, tl);
    }
  }
  return true;
}

static bool format_float(VM *vm, double d, Spec *s) {
  uint32_t start = vm->sb_len;
  char prefix[2] = {0, 0};
  bool neg = signbit(d) != 0 && !isnan(d);   /* CPython never writes -nan */
  char t = s->type;
  int prec = s->prec;
  bool upper = t == 'E' || t == 'F' || t == 'G';
  if (t != 0 && strchr("eEfFgGn%", t) == NULL) {
    vm_raise_fmt(vm, &exc_ValueError, "Unknown format code '%s' for object of type 'float'", (char[2]){t, 0});
    return false;
  }
  if (neg && s->z && !isnan(d)) {
    /* negative zero after rounding becomes positive: checked below once digits exist */
  }
  if (t == '%' && isfinite(d) && isinf(d * 100.0)) d *= 100.0;   /* overflows to inf% */
  if (isnan(d) || isinf(d)) {
    vm_sb_cstr(vm, isnan(d) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
    if (t == '%') vm_sb_add(vm, "%", 1);
  } else if (t == 0 && prec < 0) {
    char buf[40];
    size_t n = float_format(fabs(d), buf);
    vm_sb_add(vm, buf, n);
  } else {
    bool ok;
    double a = fabs(d);
    if (prec < 0) prec = 6;
    switch (t) {
    case 'e': case 'E': ok = sci(vm, a, prec, s->alt, t); break;
    case 'f': case 'F': ok = fixed(vm, a, prec, s->alt); break;
    case '%': ok = fixed(vm, a * 100.0, prec, s->alt); if (ok) vm_sb_add(vm, "%", 1); break;
    case 0: ok = general(vm, a, prec, s->alt, 'e', true); break;
    default: ok = general(vm, a, prec, s->alt, t == 'G' ? 'E' : 'e', false); break;
    }
    if (!ok) return false;
    if (neg && s->z) {
      uint32_t i;
      bool zero = true;
      for (i = start; i < vm->sb_len; i++) {
        char c = vm->sb[i];
        if (c == 'e' || c == 'E') break;
        if (c >= '1' && c <= '9') zero = false;
      }
      if (zero) neg = false;
    }
  }
  if (neg) prefix[0] = '-';
  else if (s->sign == '+' || s->sign == ' ') prefix[0] = s->sign;
  if (s->group && !isnan(d) && !isinf(d)) {
    uint32_t nd = 0;
    long minw = 0;
    while (start + nd < vm->sb_len && vm->sb[start + nd] >= '0' && vm->sb[start + nd] <= '9') nd++;
    if (s->align == '=' && s->fill[0] == '0' && s->width > 0)
      minw = s->width - (long)strlen(prefix) - (long)(vm->sb_len - start - nd);
    group_digits(vm, start, nd, s->group, 3, minw);
  }
  pad_from(vm, start, prefix, s, '>');
  return true;
}

/* ---- entry points ---------------------------------------------------------------------- */

static bool format_str_spec(VM *vm, const char *text, size_t len, Spec *s) {
  uint32_t start = vm->sb_len;
  if (s->type != 0 && s->type != 's') {
    vm_raise_fmt(vm, &exc_ValueError, "Unknown format code '%s' for object of type 'str'", (char[2]){s->type, 0});
    return false;
  }
  if (s->sign) { vm_raise(vm, &exc_ValueError, "Sign not allowed in string format specifier"); return false; }
  if (s->alt) { vm_raise(vm, &exc_ValueError, "Alternate form (#) not allowed in string format specifier"); return false; }
  if (s->group) { vm_raise_fmt(vm, &exc_ValueError, "Cannot specify '%s' with 's'.", (char[2]){s->group, 0}); return false; }
  if (s->align == '=' && s->eq_implied) s->align = '<';   /* '{:06s}': zero fill on the right (3.10) */
  if (s->align == '=') { vm_raise(vm, &exc_ValueError, "'=' alignment not allowed in string format specifier"); return false; }
  if (s->prec >= 0) {
    size_t i = 0;
    int k = 0;
    while (i < len && k < s->prec) { i += (size_t)utf8_len((uint8_t)text[i]); k++; }
    len = i;
  }
  vm_sb_add(vm, text, len);
  pad_from(vm, start, "", s, '<');
  return true;
}

static bool format_with(VM *vm, Value v, Spec *s) {
  if (IS_ANYINT(v)) {
    if (s->type != 0 && strchr("eEfFgG%", s->type) != NULL) {
      double d;
      if (!int_to_double(vm, v, &d)) return false;
      return format_float(vm, d, s);
    }
    if (IS_BOOL(v) && s->type == 0 && s->width < 0 && !s->sign) {
      vm_sb_cstr(vm, v == TRUE_VAL ? "True" : "False");
      return true;
    }
    return format_int(vm, IS_BOOL(v) ? INT_VAL(AS_INTLIKE(v)) : v, s);
  }
  if (IS_FLOAT(v)) return format_float(vm, AS_FLOAT(v), s);
  if (IS_STR(v)) return format_str_spec(vm, AS_STR(v)->chars, AS_STR(v)->len, s);
  if (IS_INSTANCE(v)) {   /* a class with __format__ */
    Value spec = str_new(vm, s->raw, s->raw_len), r, before;
    RootMark mark = gc_root_mark(vm);
    if (spec == EXC_VAL) return false;
    vm_push_root(vm, spec);
    before = vm_sb_to_str(vm);   /* the method's code may use the builder: keep its text */
    if (before == EXC_VAL) { gc_root_restore(vm, mark); return false; }
    vm_push_root(vm, before);
    r = class_call_dunder(vm, v, "__format__", 1, &spec);
    vm_sb_reset(vm);
    vm_sb_add(vm, AS_STR(before)->chars, AS_STR(before)->len);
    gc_root_restore(vm, mark);
    if (r == EXC_VAL) return false;
    if (r != UNBOUND_VAL) {
      if (!IS_STR(r)) {
        vm_raise_fmt(vm, &exc_TypeError, "__format__ must return a str, not %t", r);
        return false;
      }
      vm_sb_add(vm, AS_STR(r)->chars, AS_STR(r)->len);
      return true;
    }
  }
  {
    uint32_t start = vm->sb_len;
    Value text;
    bool ok;
    if (s->type != 0 || s->prec >= 0 || s->sign || s->alt || s->group || s->zero || s->width >= 0 || s->align) {
      vm_raise_fmt(vm, &exc_TypeError, "unsupported format string passed to %t.__format__", v);
      return false;
    }
    value_write(vm, v, false);
    text = str_new(vm, vm->sb + start, vm->sb_len - start);
    if (text == EXC_VAL) return false;
    vm->sb_len = start;
    vm_push_root(vm, text);
    ok = format_str_spec(vm, AS_STR(text)->chars, AS_STR(text)->len, s);
    vm_pop_root(vm);
    return ok;
  }
}

bool format_append(VM *vm, Value v, const char *spec, size_t len) {
  Spec s;
  if (IS_INSTANCE(v) && len > 0 && class_builtin_value(v) != UNBOUND_VAL &&
      class_lookup(OBJ_TYPE(v), AS_STR(str_intern(vm, "__format__", 10))) == UNBOUND_VAL)
    return format_append(vm, class_builtin_value(v), spec, len);   /* class Price(int): int's format */
  if (IS_INSTANCE(v)) {   /* its __format__ parses the spec itself */
    spec_default(&s);
    s.raw = spec;
    s.raw_len = len;
    return format_with(vm, v, &s);
  }
  if (!parse_spec(vm, spec, len, &s)) return false;
  return format_with(vm, v, &s);
}

/* ---- printf-style: str % args ---------------------------------------------------------- */

static Value percent_error(VM *vm, const char *msg) { return vm_raise(vm, &exc_TypeError, msg); }

/* percent_core's work, with fmtv and args rooted by it. */
static Value percent_rooted(VM *vm, const char *text, size_t len, Value args, const Type *type) {
  const char *p = text, *end = text + len;
  Value *items = &args;
  uint32_t nitems = 1, next = 0;
  bool is_map = IS_DICT(args), bytes = type != &str_type, keyed = false;
  if (IS_TUPLE(args)) { items = AS_TUPLE(args)->items; nitems = AS_TUPLE(args)->len; }
  vm_sb_reset(vm);
  while (p < end) {
    Spec s;
    Value v;
    const char *pct = memchr(p, '%', (size_t)(end - p));
    bool left = false, zero = false;
    if (pct == NULL) { vm_sb_add(vm, p, (size_t)(end - p)); break; }
    vm_sb_add(vm, p, (size_t)(pct - p));
    p = pct + 1;
    if (p >= end) { return vm_raise(vm, &exc_ValueError, "incomplete format"); }
    spec_default(&s);
    v = UNBOUND_VAL;
    if (*p == '(') {
      const char *q = p + 1;
      int depth = 1;
      Value key;
      while (q < end && depth > 0) { if (*q == '(') depth++; else if (*q == ')') depth--; q++; }
      if (depth > 0) { return vm_raise(vm, &exc_ValueError, "incomplete format key"); }
      if (!is_map) { return percent_error(vm, "format requires a mapping"); }
      key = bytes ? bytes_new(vm, &bytes_type, (const uint8_t *)p + 1, (uint32_t)(q - p - 2)) : str_new(vm, p + 1, (size_t)(q - p - 2));
      if (key == EXC_VAL) { return EXC_VAL; }
      v = dict_get(vm, AS_DICT(args), key);
      if (v == UNBOUND_VAL) { return vm_raise_value(vm, &exc_KeyError, key); }
      if (v == EXC_VAL) { return EXC_VAL; }
      p = q;
      keyed = true;
    }
    for (; p < end && strchr("-+ #0", *p) != NULL; p++) {
      if (*p == '-') left = true;
      else if (*p == '0') zero = true;
      else if (*p == '#') s.alt = true;
      else if (*p == '+' || (*p == ' ' && s.sign != '+')) s.sign = *p;
    }
    if (p < end && *p == '*') {
      if (next >= nitems || !IS_INTLIKE(items[next])) { return percent_error(vm, "* wants int"); }
      s.width = (int)AS_INTLIKE(items[next]);   /* AS_INTLIKE evaluates its argument twice */
      next++;
      if (s.width < 0) { left = true; s.width = -s.width; }
      p++;
    } else if (p < end && *p >= '0' && *p <= '9') {
      s.width = 0;
      while (p < end && *p >= '0' && *p <= '9') s.width = s.width * 10 + (*p++ - '0');
    }
    if (p < end && *p == '.') {
      p++;
      s.prec = 0;
      if (p < end && *p == '*') {
        if (next >= nitems || !IS_INTLIKE(items[next])) { return percent_error(vm, "* wants int"); }
        s.prec = (int)AS_INTLIKE(items[next]);
        next++;
        p++;
      } else {
        while (p < end && *p >= '0' && *p <= '9') s.prec = s.prec * 10 + (*p++ - '0');
      }
    }
    while (p < end && (*p == 'l' || *p == 'h' || *p == 'L')) p++;
    if (p >= end) { return vm_raise(vm, &exc_ValueError, "incomplete format"); }
    if (*p == '%') { vm_sb_add(vm, "%", 1); p++; continue; }
    if (v == UNBOUND_VAL) {
      if (is_map && !IS_TUPLE(args)) {   /* the mapping itself, once, and not after a %(key) */
        if (keyed || next > 0) { return percent_error(vm, "not enough arguments for format string"); }
        v = args;
        next++;
      } else if (next >= nitems) { return percent_error(vm, "not enough arguments for format string"); }
      else v = items[next++];
    }
    if (left) s.align = '<';
    else if (zero && strchr("sr", *p) == NULL) { s.fill[0] = '0'; s.align = '='; }
    else s.align = '>';
    {
      char t = *p++;
      uint32_t start = vm->sb_len;
      bool ok = true;
      if (bytes && (t == 's' || t == 'b' || t == 'c')) t = t == 'c' ? 'C' : 'B';
      switch (t) {
      case 'B': case 'C': {   /* bytes: %s and %b take bytes-like objects, %c an int or one byte */
        uint8_t one;
        const uint8_t *data = &one;
        uint32_t n = 1, k;
        if (t == 'B' && IS_BYTESLIKE(v)) { data = AS_BYTES(v)->data; n = AS_BYTES(v)->len; }
        else if (t == 'C' && IS_BYTESLIKE(v) && AS_BYTES(v)->len == 1) one = AS_BYTES(v)->data[0];
        else if (t == 'C' && IS_INTLIKE(v) && AS_INTLIKE(v) >= 0 && AS_INTLIKE(v) < 256) one = (uint8_t)AS_INTLIKE(v);
        else if (t == 'C' && IS_ANYINT(v)) { vm_raise(vm, &exc_OverflowError, "%c arg not in range(256)"); ok = false; break; }
        else {
          if (t == 'B')
            vm_raise_fmt(vm, &exc_TypeError, "%%b requires a bytes-like object, or an object that implements __bytes__, not '%t'", v);
          else vm_raise(vm, &exc_TypeError, "%c requires an integer in range(256) or a single byte");
          ok = false;
          break;
        }
        if (s.prec >= 0 && t == 'B' && (uint32_t)s.prec < n) n = (uint32_t)s.prec;
        for (k = n; !left && s.width > 0 && k < (uint32_t)s.width; k++) vm_sb_add(vm, " ", 1);
        vm_sb_add(vm, (const char *)data, n);
        for (k = n; left && s.width > 0 && k < (uint32_t)s.width; k++) vm_sb_add(vm, " ", 1);
        break;
      }
      case 's': case 'r': case 'a': {
        Value text;
        value_write(vm, v, t != 's');
        if (t == 'a' || bytes) sb_ascii_escape(vm, start);
        text = str_new(vm, vm->sb + start, vm->sb_len - start);
        if (text == EXC_VAL) { ok = false; break; }
        vm->sb_len = start;
        vm_push_root(vm, text);
        ok = format_str_spec(vm, AS_STR(text)->chars, AS_STR(text)->len, &s);
        vm_pop_root(vm);
        break;
      }
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        Value iv = v;
        if (IS_INSTANCE(v)) {   /* __index__, and for %d also __int__ */
          iv = class_call_dunder(vm, v, "__index__", 0, NULL);
          if (iv == UNBOUND_VAL && (t == 'd' || t == 'i' || t == 'u')) iv = class_call_dunder(vm, v, "__int__", 0, NULL);
          if (iv == EXC_VAL) { ok = false; break; }
          if (iv == UNBOUND_VAL) iv = v;
          else if (!IS_ANYINT(iv)) {
            vm_raise_fmt(vm, &exc_TypeError, "__int__ returned non-int (type %t)", iv);
            ok = false;
            break;
          }
        }
        if (IS_FLOAT(iv)) { iv = float_to_int(vm, AS_FLOAT(iv)); if (iv == EXC_VAL) { ok = false; break; } }
        else if (!IS_ANYINT(iv)) {
          if (t == 'd' || t == 'i' || t == 'u')
            vm_raise_fmt(vm, &exc_TypeError, "%%%s format: a real number is required, not %t", (char[2]){t, 0}, v);
          else
            vm_raise_fmt(vm, &exc_TypeError, "%%%s format: an integer is required, not %t", (char[2]){t, 0}, v);
          ok = false;
          break;
        }
        if (IS_BOOL(iv)) iv = INT_VAL(AS_INTLIKE(iv));
        vm_push_root(vm, iv);
        s.type = t == 'i' || t == 'u' ? 'd' : t;
        if (s.prec <= 0) ok = format_int(vm, iv, &s);
        else {   /* %8.3d: at least prec digits, then the width around sign and digits */
          int prec = s.prec, width = s.width;
          s.prec = -1;
          s.width = -1;
          ok = format_int(vm, iv, &s);
          if (ok) {
            char prefix[8];
            uint32_t i = start, nd, pl;
            while (i < vm->sb_len && !(vm->sb[i] >= '0' && vm->sb[i] <= '9')) i++;
            if (s.alt && (t == 'x' || t == 'X' || t == 'o')) i += 2;
            pl = i - start;
            memcpy(prefix, vm->sb + start, pl);
            prefix[pl] = '\0';
            nd = vm->sb_len - i;
            memmove(vm->sb + start, vm->sb + i, nd);
            vm->sb_len = start + nd;
            if (nd < (uint32_t)prec) {
              uint32_t add = (uint32_t)prec - nd, k;
              for (k = 0; k < add; k++) vm_sb_add(vm, "0", 1);
              if (!vm->sb_oom) {
                memmove(vm->sb + start + add, vm->sb + start, nd);
                memset(vm->sb + start, '0', add);
              }
            }
            s.width = width;
            pad_from(vm, start, prefix, &s, '>');
          }
        }
        vm_pop_root(vm);
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        double d;
        if (IS_FLOAT(v)) d = AS_FLOAT(v);
        else if (IS_ANYINT(v)) { if (!int_to_double(vm, v, &d)) { ok = false; break; } }
        else {
          vm_raise_fmt(vm, &exc_TypeError, "must be real number, not %t", v);
          ok = false;
          break;
        }
        s.type = t;
        if (s.prec < 0) s.prec = 6;
        ok = format_float(vm, d, &s);
        break;
      }
      case 'c': {
        if (IS_STR(v) && AS_STR(v)->nchars == 1) {
          ok = format_str_spec(vm, AS_STR(v)->chars, AS_STR(v)->len, &s);
        } else if (IS_INTLIKE(v)) {
          s.type = 'c';
          s.align = left ? '<' : '>';
          s.fill[0] = ' ';
          ok = format_int(vm, v, &s);
        } else {
          vm_raise(vm, &exc_TypeError, "%c requires int or char");
          ok = false;
        }
        break;
      }
      default:
        return vm_raise_fmt(vm, &exc_ValueError, "unsupported format character '%s' (0x%s) at index %d",
                            (char[2]){t, 0}, (char[3]){"0123456789abcdef"[(t >> 4) & 15], "0123456789abcdef"[t & 15], 0},
                            (int)(p - 1 - text));
      }
      if (!ok) { return EXC_VAL; }
    }
  }
  if ((!is_map && next < nitems && IS_TUPLE(args)) || (!is_map && !IS_TUPLE(args) && next == 0))
    return percent_error(vm, bytes ? "not all arguments converted during bytes formatting"
                                   : "not all arguments converted during string formatting");
  if (!bytes) return vm_sb_to_str(vm);
  if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
  return bytes_new(vm, type, (const uint8_t *)vm->sb, vm->sb_len);
}

/* fmt % args for str, and for bytes when type is bytes or bytearray (text is fmtv's data). */
static Value percent_core(VM *vm, Value fmtv, const char *text, size_t len, Value args, const Type *type) {
  RootMark mark = gc_root_mark(vm);
  Value r;
  vm_push_root(vm, fmtv);
  vm_push_root(vm, args);
  r = percent_rooted(vm, text, len, args, type);
  gc_root_restore(vm, mark);
  return r;
}

Value str_percent(VM *vm, ObjStr *fmt, Value args) {
  return percent_core(vm, OBJ_VAL(fmt), fmt->chars, fmt->len, args, &str_type);
}

Value bytes_percent(VM *vm, Value fmt, Value args) {
  return percent_core(vm, fmt, (const char *)AS_BYTES(fmt)->data, AS_BYTES(fmt)->len, args, OBJ_TYPE(fmt));
}

/* ---- str.format ------------------------------------------------------------------------ */

/* The text at sb[start..] becomes a new str and is removed from the builder. */
static Value take_text(VM *vm, uint32_t start) {
  Value t = str_new(vm, vm->sb + start, vm->sb_len - start);
  vm->sb_len = start;
  return t;
}

static Value format_error(VM *vm, const char *msg) { return vm_raise(vm, &exc_ValueError, msg); }

Value str_format_impl(VM *vm, ObjStr *fmt, int argc, Value *args, Value kwargs) {
  const char *p = fmt->chars, *end = fmt->chars + fmt->len;
  int auto_index = 0;
  bool manual = false;
  Value result;
  RootMark mark = gc_root_mark(vm), field_mark;   /* fmt; one field's values */
  vm_push_root(vm, OBJ_VAL(fmt));
  vm_sb_reset(vm);
  while (p < end) {
    const char *q = p;
    while (q < end && *q != '{' && *q != '}') q++;
    vm_sb_add(vm, p, (size_t)(q - p));
    p = q;
    if (p >= end) break;
    if (*p == '}') {
      if (p + 1 < end && p[1] == '}') { vm_sb_add(vm, "}", 1); p += 2; continue; }
      gc_root_restore(vm, mark);
      return format_error(vm, "Single '}' encountered in format string");
    }
    if (p + 1 < end && p[1] == '{') { vm_sb_add(vm, "{", 1); p += 2; continue; }
    {
      const char *field = p + 1, *f_end, *conv = NULL, *spec = NULL, *spec_end;
      int depth = 1;
      Value v;
      char conv_c = 0;
      field_mark = gc_root_mark(vm);
      for (q = field; q < end; q++) {
        if (*q == '{') depth++;
        else if (*q == '}' && --depth == 0) break;
      }
      if (q >= end) { gc_root_restore(vm, mark); return format_error(vm, "expected '}' before end of string"); }
      spec_end = q;
      p = q + 1;
      for (f_end = field; f_end < spec_end && *f_end != '!' && *f_end != ':' && *f_end != '[' && *f_end != '.'; f_end++) {}
      /* the argument */
      if (f_end == field) {
        if (manual) { gc_root_restore(vm, mark); return format_error(vm, "cannot switch from manual field specification to automatic field numbering"); }
        if (auto_index >= argc) {
          gc_root_restore(vm, mark);
          return vm_raise_fmt(vm, &exc_IndexError, "Replacement index %d out of range for positional args tuple", auto_index);
        }
        v = args[auto_index++];
      } else if (*field >= '0' && *field <= '9') {
        int k = 0;
        const char *d;
        if (auto_index > 0) { gc_root_restore(vm, mark); return format_error(vm, "cannot switch from automatic field numbering to manual field specification"); }
        manual = true;
        for (d = field; d < f_end; d++) k = k * 10 + (*d - '0');
        if (k >= argc) {
          gc_root_restore(vm, mark);
          return vm_raise_fmt(vm, &exc_IndexError, "Replacement index %d out of range for positional args tuple", k);
        }
        v = args[k];
      } else {
        Value key = str_new(vm, field, (size_t)(f_end - field));
        if (key == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
        v = IS_DICT(kwargs) ? dict_get(vm, AS_DICT(kwargs), key) : UNBOUND_VAL;
        if (v == UNBOUND_VAL) { gc_root_restore(vm, mark); return vm_raise_value(vm, &exc_KeyError, key); }
        if (v == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
      }
      /* [index] lookups */
      while (f_end < spec_end && *f_end == '[') {
        const char *k0 = f_end + 1, *k1 = k0;
        Value key;
        while (k1 < spec_end && *k1 != ']') k1++;
        if (k1 >= spec_end) { gc_root_restore(vm, mark); return format_error(vm, "Missing ']' in format string"); }
        if (k0 < k1 && *k0 >= '0' && *k0 <= '9') {
          vint k = 0;
          const char *d;
          for (d = k0; d < k1; d++) k = k * 10 + (*d - '0');
          key = INT_VAL(k);
        } else {
          key = str_new(vm, k0, (size_t)(k1 - k0));
          if (key == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
        }
        vm_push_root(vm, v);
        vm_push_root(vm, key);
        if (IS_INSTANCE(v)) {   /* __getitem__ runs Python code, which may use the builder */
          Value before = vm_sb_to_str(vm);
          if (before == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
          vm_push_root(vm, before);
          v = value_getitem(vm, v, key);
          vm_sb_reset(vm);
          vm_sb_add(vm, AS_STR(before)->chars, AS_STR(before)->len);
        } else {
          v = value_getitem(vm, v, key);
        }
        gc_root_restore(vm, field_mark);
        if (v == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
        f_end = k1 + 1;
      }
      if (f_end < spec_end && *f_end == '!') {
        conv = f_end + 1;
        if (conv >= spec_end || (conv + 1 < spec_end && conv[1] != ':')) {
          gc_root_restore(vm, mark);
          return format_error(vm, "expected ':' after conversion specifier");
        }
        conv_c = *conv;
        if (conv_c != 'r' && conv_c != 's' && conv_c != 'a') {
          gc_root_restore(vm, mark);
          return vm_raise_fmt(vm, &exc_ValueError, "Unknown conversion specifier %s", (char[2]){conv_c, 0});
        }
        f_end = conv + 1;
      }
      if (f_end < spec_end && *f_end == ':') spec = f_end + 1;
      else if (f_end < spec_end) { gc_root_restore(vm, mark); return format_error(vm, "expected ':' after conversion specifier"); }
      vm_push_root(vm, v);
      if (conv_c != 0) {
        uint32_t start = vm->sb_len;
        value_write(vm, v, conv_c != 's');
        if (conv_c == 'a') sb_ascii_escape(vm, start);
        v = take_text(vm, start);
        if (v == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
        gc_root_at(vm, field_mark, 0) = v;
      }
      if (spec != NULL && memchr(spec, '{', (size_t)(spec_end - spec)) != NULL) {
        /* nested fields in the spec: format the spec itself first */
        uint32_t start = vm->sb_len;
        Value inner, sub;
        vm_sb_add(vm, spec, (size_t)(spec_end - spec));
        inner = take_text(vm, start);
        if (inner == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
        vm_push_root(vm, inner);
        {
          /* save the builder: the nested call resets it */
          Value saved = str_new(vm, vm->sb, vm->sb_len);
          if (saved == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
          vm_push_root(vm, saved);
          if (manual) sub = str_format_impl(vm, AS_STR(inner), argc, args, kwargs);
          else {
            /* automatic numbering continues inside the spec */
            int i, used = 0;
            const char *c;
            for (c = AS_STR(inner)->chars; *c; c++) if (*c == '{') used++;
            for (i = 0; i < used && auto_index + i > argc; i++) {}
            sub = str_format_impl(vm, AS_STR(inner), argc - auto_index, args + auto_index, kwargs);
            auto_index += used;
          }
          if (sub == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
          vm_sb_reset(vm);
          vm_sb_add(vm, AS_STR(saved)->chars, AS_STR(saved)->len);
          gc_root_restore(vm, field_mark);
          vm_push_root(vm, v);
          vm_push_root(vm, sub);
          if (!format_append(vm, v, AS_STR(sub)->chars, AS_STR(sub)->len)) { gc_root_restore(vm, mark); return EXC_VAL; }
        }
      } else if (!format_append(vm, v, spec ? spec : "", spec ? (size_t)(spec_end - spec) : 0)) {
        gc_root_restore(vm, mark);
        return EXC_VAL;
      }
      gc_root_restore(vm, field_mark);
    }
  }
  result = vm_sb_to_str(vm);
  gc_root_restore(vm, mark);
  return result;
}
