/* array.array: typed numbers packed in one raw block, in the machine's (little-endian) order, so
 * the array is a buffer (bytes(a), memoryview(a), b'..' + a). Item sizes are CPython's on a
 * 64-bit host ('l' is 8 bytes), so a program prints what python3 prints. The item codecs
 * (buffer_item_get/set) are shared with memoryview. */
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"
#if VIPER_HAS_ARRAY   /* config.h: the level leaves it out (level_stubs.c answers for it) */

enum { K_SIGNED, K_UNSIGNED, K_FLOAT, K_CHAR };

typedef struct ArrayCode {
  char code;
  uint8_t size, kind;
  const char *name;   /* for OverflowError, as CPython names the C type; NULL: the generic text */
} ArrayCode;

static const ArrayCode codes[] = {
  {'b', 1, K_SIGNED, "signed char"}, {'B', 1, K_UNSIGNED, "unsigned byte integer"},
  {'u', 4, K_CHAR, NULL}, {'h', 2, K_SIGNED, "signed short integer"},
  {'H', 2, K_UNSIGNED, "unsigned short"}, {'i', 4, K_SIGNED, "signed integer"},
  {'I', 4, K_UNSIGNED, "unsigned int"}, {'l', 8, K_SIGNED, NULL}, {'L', 8, K_UNSIGNED, NULL},
  {'q', 8, K_SIGNED, NULL}, {'Q', 8, K_UNSIGNED, NULL}, {'f', 4, K_FLOAT, NULL}, {'d', 8, K_FLOAT, NULL},
};
#define NCODES (sizeof codes / sizeof codes[0])

static const ArrayCode *code_of(char c) {
  uint32_t i;
  for (i = 0; i < NCODES; i++)
    if (codes[i].code == c) return &codes[i];
  return NULL;
}

uint8_t buffer_itemsize(char format) {
  const ArrayCode *c = code_of(format);
  return c == NULL ? 0 : c->size;
}

#define CODE(a) (&codes[(a)->code])

/* ---- item codecs ---------------------------------------------------------------------- */

/* cp as UTF-8 into b (4 bytes of room); returns the length. With b NULL: only the length. */
static uint32_t utf8_put(uint8_t *b, uint32_t cp) {
  uint32_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4, i;
  static const uint8_t lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
  if (b == NULL) return n;
  if (n == 1) { b[0] = (uint8_t)cp; return 1; }
  for (i = n - 1; i > 0; i--) { b[i] = (uint8_t)(0x80 | (cp & 0x3F)); cp >>= 6; }
  b[0] = (uint8_t)(lead[n] | cp);
  return n;
}

Value buffer_item_get(VM *vm, char format, const uint8_t *p) {
  const ArrayCode *c = code_of(format);
  uint64_t u = 0;
  if (c->kind == K_FLOAT) {
    if (c->size == 4) { float f; memcpy(&f, p, 4); return float_new(vm, (double)f); }
    { double d; memcpy(&d, p, 8); return float_new(vm, d); }
  }
  memcpy(&u, p, c->size);   /* little-endian host: the low bytes */
  if (c->kind == K_CHAR) {
    uint8_t b[4];
    if (u > 0x10FFFF) return vm_raise(vm, &exc_ValueError, "character is not in range [U+0000; U+10ffff]");
    return str_new(vm, (const char *)b, utf8_put(b, (uint32_t)u));
  }
  if (c->kind == K_SIGNED) {
    int64_t s;
    if (c->size < 8 && (u >> (c->size * 8 - 1)) & 1) u |= ~(uint64_t)0 << (c->size * 8);   /* sign-extend */
    s = (int64_t)u;
    if (INT_FITS(s)) return INT_VAL((vint)s);
    return int_from_u64(vm, s < 0, s < 0 ? (uint64_t)0 - u : u);
  }
  if (u <= (uint64_t)VINT_MAX) return INT_VAL((vint)u);
  return int_from_u64(vm, false, u);
}

/* An int's sign and magnitude when it fits 64 bits; false: it does not. */
static bool int_mag64(Value v, bool *neg, uint64_t *mag) {
  int64_t s;
  if (int_to_i64(v, &s)) {
    *neg = s < 0;
    *mag = s < 0 ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
    return true;
  }
  if (IS_BIGINT(v) && AS_BIGINT(v)->len <= 4) {
    ObjBigInt *b = AS_BIGINT(v);
    uint32_t i;
    *neg = b->neg != 0;
    *mag = 0;
    for (i = 0; i < b->len; i++) *mag |= (uint64_t)b->d[i] << (16 * i);
    return true;
  }
  *neg = IS_BIGINT(v) && AS_BIGINT(v)->neg;
  return false;
}

static bool char_of(Value v, uint32_t *cp) {
  const uint8_t *s;
  if (!IS_STR(v) || AS_STR(v)->nchars != 1) return false;
  s = (const uint8_t *)AS_STR(v)->chars;
  if (s[0] < 0x80) *cp = s[0];
  else if (s[0] < 0xE0) *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
  else if (s[0] < 0xF0) *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  else *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
  return true;
}

/* Stores v at p in format: BUF_OK, BUF_TYPE (wrong type), or BUF_NEG / BUF_BIG (out of range,
 * below / above). Nothing is raised: array and memoryview word the error differently. */
int buffer_item_set(VM *vm, char format, uint8_t *p, Value v) {
  const ArrayCode *c = code_of(format);
  bool neg;
  uint64_t mag, u;
  if (c->kind == K_FLOAT) {
    double d;
    if (IS_FLOAT(v)) d = AS_FLOAT(v);
    else if (!IS_ANYINT(v)) return BUF_TYPE;
    else if (!int_to_double(vm, v, &d)) { vm->exc = NONE_VAL; return BUF_BIG; }
    if (c->size == 4) { float f = (float)d; memcpy(p, &f, 4); }
    else memcpy(p, &d, 8);
    return BUF_OK;
  }
  if (c->kind == K_CHAR) {
    uint32_t cp;
    if (!char_of(v, &cp)) return BUF_TYPE;
    memcpy(p, &cp, 4);
    return BUF_OK;
  }
  if (!IS_ANYINT(v)) return BUF_TYPE;
  if (!int_mag64(v, &neg, &mag)) return neg ? BUF_NEG : BUF_BIG;
  if (c->kind == K_SIGNED) {
    uint64_t lim = (uint64_t)1 << (c->size * 8 - 1);   /* -lim <= v < lim */
    if (neg ? mag > lim : mag >= lim) return neg ? BUF_NEG : BUF_BIG;
    u = neg ? (uint64_t)0 - mag : mag;
  } else {
    if (neg && mag != 0) return BUF_NEG;
    if (c->size < 8 && mag >> (c->size * 8)) return BUF_BIG;
    u = mag;
  }
  memcpy(p, &u, c->size);
  return BUF_OK;
}

/* ---- the object ------------------------------------------------------------------------ */

#define AS_ARRAY(v) ((ObjArray *)AS_OBJ(v))
#define IS_ARRAY(v) IS_TYPE(v, &array_type)

static void array_trace(VM *vm, Obj *obj) { gc_mark_raw(vm, ((ObjArray *)obj)->data); }

static uint32_t isz(const ObjArray *a) { return CODE(a)->size; }
static char fmt(const ObjArray *a) { return CODE(a)->code; }

/* Room for need items (the block is at least one byte, so data is never NULL). */
static bool reserve(VM *vm, ObjArray *a, uint32_t need) {
  uint32_t sz = isz(a), cap = a->cap / sz;
  uint8_t *d;
  if (need <= cap) return true;
  if (need > 0x0FFFFFFFu / sz) { vm_raise(vm, &exc_MemoryError, NULL); return false; }
  cap = cap < 4 ? 4 : cap;
  while (cap < need) cap = cap + cap / 2 + 1;
  vm_push_root(vm, OBJ_VAL(a));
  d = (uint8_t *)raw_alloc(vm, (size_t)cap * sz);
  vm_pop_root(vm);
  if (d == NULL) return false;
  if (a->len) memcpy(d, a->data, (size_t)a->len * sz);
  mem_free(vm, a->data);
  a->data = d;
  a->cap = cap * sz;
  return true;
}

static Value array_new(VM *vm, uint8_t code, uint32_t len) {
  ObjArray *a = (ObjArray *)obj_alloc(vm, &array_type, sizeof(ObjArray));
  if (a == NULL) return EXC_VAL;
  a->code = code;
  a->len = 0;
  a->cap = 0;
  a->data = NULL;
  if (!reserve(vm, a, len ? len : 1)) return EXC_VAL;
  a->len = len;
  return OBJ_VAL(a);
}

/* OverflowError worded as CPython words it: its argument parser converts to a C long first,
 * then narrows step by step ('b' through short, 'H' through int), naming the step that failed. */
static Value range_error(VM *vm, const ArrayCode *c, Value v) {
  int64_t x = 0;
  bool fits = int_to_i64(v, &x), neg = fits ? x < 0 : AS_BIGINT(v)->neg != 0;
  const char *what = c->name;
  switch (c->code) {
  case 'I':
    if (neg) break;
    if (!fits && int_bit_length(v) > 64) return vm_raise(vm, &exc_OverflowError, "Python int too large to convert to C unsigned long");
    return vm_raise(vm, &exc_OverflowError, "unsigned int is greater than maximum");
  case 'l': return vm_raise(vm, &exc_OverflowError, "Python int too large to convert to C long");
  case 'L': if (neg) break; return vm_raise(vm, &exc_OverflowError, "Python int too large to convert to C unsigned long");
  case 'q': return vm_raise(vm, &exc_OverflowError, "int too big to convert");
  case 'Q': if (neg) return vm_raise(vm, &exc_OverflowError, "can't convert negative int to unsigned");
    return vm_raise(vm, &exc_OverflowError, "int too big to convert");
  default:
    if (!fits) return vm_raise(vm, &exc_OverflowError, "Python int too large to convert to C long");
    if (c->code == 'b' && (x < -32768 || x > 32767)) what = "signed short integer";
    if (c->code == 'H' && (x < INT32_MIN || x > INT32_MAX)) what = "signed integer";
    return vm_raise_fmt(vm, &exc_OverflowError, "%s is %s", what, neg ? "less than minimum" : "greater than maximum");
  }
  return vm_raise(vm, &exc_OverflowError, "can't convert negative value to unsigned int");   /* I, L */
}

static Value item_error(VM *vm, const ObjArray *a, int err, Value v) {
  const ArrayCode *c = CODE(a);
  if (err == BUF_TYPE) {
    if (c->kind == K_FLOAT) return vm_raise_fmt(vm, &exc_TypeError, "must be real number, not %t", v);
    if (c->kind == K_CHAR) return vm_raise(vm, &exc_TypeError, "array item must be unicode character");
    return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
  }
  if (c->kind == K_FLOAT) return vm_raise(vm, &exc_OverflowError, "int too large to convert to float");
  return range_error(vm, c, v);
}

static bool put(VM *vm, ObjArray *a, uint32_t k, Value v) {
  int err = buffer_item_set(vm, fmt(a), a->data + (size_t)k * isz(a), v);
  if (err == BUF_OK) return true;
  item_error(vm, a, err, v);
  return false;
}

static Value get(VM *vm, const ObjArray *a, uint32_t k) { return buffer_item_get(vm, fmt(a), a->data + (size_t)k * isz(a)); }

/* Appends v (checked first, so a bad value leaves the array as it was). */
static bool push(VM *vm, ObjArray *a, Value v) {
  bool ok;
  vm_push_root(vm, v);   /* v may be a fresh float or str that growing the block would collect */
  ok = reserve(vm, a, a->len + 1);
  vm_pop_root(vm);
  if (!ok) return false;
  if (!put(vm, a, a->len, v)) return false;
  a->len++;
  return true;
}

static bool extend_iter(VM *vm, ObjArray *a, Value src) {
  Value it, v;
  if (IS_ARRAY(src)) {
    ObjArray *b = AS_ARRAY(src);
    uint32_t k, n = b->len;
    if (b->code != a->code) { vm_raise(vm, &exc_TypeError, "can only extend with array of same kind"); return false; }
    if (!reserve(vm, a, a->len + n)) return false;
    memmove(a->data + (size_t)a->len * isz(a), b->data, (size_t)n * isz(a));   /* a.extend(a) too */
    a->len += n;
    (void)k;
    return true;
  }
  it = value_iter(vm, src);
  if (it == EXC_VAL) return false;
  vm_push_root(vm, it);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !push(vm, a, v)) { vm_pop_root(vm); return false; }
  }
  vm_pop_root(vm);
  return true;
}

static bool from_bytes(VM *vm, ObjArray *a, Value src) {
  Buffer b;
  uint32_t n;
  if (!buffer_get(vm, src, &b)) {
    vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", src);
    return false;
  }
  n = b.len * b.itemsize;
  if (n % isz(a)) { vm_raise(vm, &exc_ValueError, "bytes length not a multiple of item size"); return false; }
  if (!reserve(vm, a, a->len + n / isz(a))) return false;
  buffer_get(vm, src, &b);   /* reserve may have moved src's block (a.frombytes(a)) */
  buffer_copy(&b, a->data + (size_t)a->len * isz(a));
  a->len += n / isz(a);
  return true;
}

/* array(typecode[, initializer]) */
Value array_make(VM *vm, int argc, Value *args) {
  const ArrayCode *c;
  Value r, init;
  ObjArray *a;
  bool ok;
  if (argc < 1 || argc > 2)
    return vm_raise_fmt(vm, &exc_TypeError, "array() takes at most 2 arguments (%d given)", argc);
  if (!IS_STR(args[0]) || AS_STR(args[0])->nchars != 1)
    return vm_raise_fmt(vm, &exc_TypeError, "array() argument 1 must be a unicode character, not %t", args[0]);
  c = code_of(AS_STR(args[0])->chars[0]);
  if (c == NULL || AS_STR(args[0])->len != 1)
    return vm_raise(vm, &exc_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  r = array_new(vm, (uint8_t)(c - codes), 0);
  if (r == EXC_VAL || argc < 2 || args[1] == NONE_VAL) return r;
  a = AS_ARRAY(r);
  init = args[1];
  vm_push_root(vm, r);
  if (IS_STR(init) && c->kind != K_CHAR) {
    vm_pop_root(vm);
    return vm_raise_fmt(vm, &exc_TypeError, "cannot use a str to initialize an array with typecode '%s'", AS_STR(args[0])->chars);
  }
  if (IS_ARRAY(init) && (CODE(AS_ARRAY(init))->kind == K_CHAR) != (c->kind == K_CHAR)) {
    vm_pop_root(vm);
    return vm_raise_fmt(vm, &exc_TypeError, "cannot use a unicode array to initialize an array with typecode '%s'", AS_STR(args[0])->chars);
  }
  if (IS_BYTESLIKE(init)) ok = from_bytes(vm, a, init);
  else if (IS_ARRAY(init) && AS_ARRAY(init)->code != a->code) {   /* array('H', array('b', ...)): by value */
    uint32_t k;
    ok = true;
    for (k = 0; ok && k < AS_ARRAY(init)->len; k++) {
      Value v = get(vm, AS_ARRAY(init), k);
      ok = v != EXC_VAL && push(vm, a, v);
    }
  } else ok = extend_iter(vm, a, init);
  vm_pop_root(vm);
  return ok ? r : EXC_VAL;
}

bool array_buffer(Value v, Buffer *b) {
  ObjArray *a = AS_ARRAY(v);
  b->data = a->data;
  b->len = a->len;
  b->itemsize = (uint8_t)isz(a);
  b->stride = (int32_t)isz(a);
  b->format = fmt(a);
  b->writable = true;
  return true;
}

/* ---- sequence operations --------------------------------------------------------------- */

static Value slice_of(VM *vm, Value v, vint start, vint n, vint step) {
  Value r = array_new(vm, AS_ARRAY(v)->code, (uint32_t)n);
  vint i;
  uint32_t sz;
  if (r == EXC_VAL) return EXC_VAL;
  sz = isz(AS_ARRAY(v));
  for (i = 0; i < n; i++) memcpy(AS_ARRAY(r)->data + i * sz, AS_ARRAY(v)->data + (start + i * step) * sz, sz);
  return r;
}

/* The str of a 'u' array's characters. */
static Value chars_str(VM *vm, const ObjArray *a) {
  uint32_t k, n = 0, cp;
  Value tmp, r;
  uint8_t *buf;
  for (k = 0; k < a->len; k++) {
    memcpy(&cp, a->data + (size_t)k * 4, 4);
    n += utf8_put(NULL, cp);
  }
  tmp = bytes_new(vm, &bytes_type, NULL, n);   /* an object, so str_new's allocation keeps it */
  if (tmp == EXC_VAL) return EXC_VAL;
  buf = AS_BYTES(tmp)->data;
  for (n = 0, k = 0; k < a->len; k++) {
    memcpy(&cp, a->data + (size_t)k * 4, 4);
    n += utf8_put(buf + n, cp);
  }
  vm_push_root(vm, tmp);
  r = str_new(vm, (const char *)AS_BYTES(tmp)->data, n);
  vm_pop_root(vm);
  return r;
}

Value array_getitem(VM *vm, Value v, Value key) {
  ObjArray *a = AS_ARRAY(v);
  uint32_t k;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)a->len, &start, &stop, &step);
    if (n < 0) return EXC_VAL;
    return slice_of(vm, v, start, n, step);
  }
  if (!seq_index(vm, key, a->len, "array", &k)) return EXC_VAL;
  return get(vm, a, k);
}

/* Removes items start, start+step, ... (n of them, step > 0). */
static void remove_items(ObjArray *a, vint start, vint n, vint step) {
  uint32_t sz = isz(a), r, w = (uint32_t)start;
  vint gone = 0;
  for (r = (uint32_t)start; r < a->len; r++) {
    if (gone < n && (vint)r == start + gone * step) { gone++; continue; }
    memmove(a->data + (size_t)w * sz, a->data + (size_t)r * sz, sz);
    w++;
  }
  a->len = w;
}

/* a[key] = val; val UNBOUND_VAL: del a[key]. */
Value array_setitem(VM *vm, Value v, Value key, Value val) {
  ObjArray *a = AS_ARRAY(v);
  uint32_t k, sz = isz(a);
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)a->len, &start, &stop, &step), m, i;
    ObjArray *s;
    if (n < 0) return EXC_VAL;
    if (step < 0) { start = start + (n - 1) * step; step = -step; }   /* same items, ascending */
    if (val == UNBOUND_VAL) { remove_items(a, start, n, step); return NONE_VAL; }
    if (!IS_ARRAY(val) || AS_ARRAY(val)->code != a->code) {
      if (IS_ARRAY(val)) return vm_raise(vm, &exc_TypeError, "bad argument type for built-in operation");
      return vm_raise_fmt(vm, &exc_TypeError, "can only assign array (not \"%t\") to array slice", val);
    }
    if (val == v) {   /* a[i:j] = a: copy first */
      val = slice_of(vm, v, 0, (vint)a->len, 1);
      if (val == EXC_VAL) return EXC_VAL;
    }
    s = AS_ARRAY(val);
    m = (vint)s->len;
    if (step != 1) {
      if (m != n)
        return vm_raise_fmt(vm, &exc_ValueError, "attempt to assign array of size %d to extended slice of size %d", (int)m, (int)n);
      if (((vint)slice_indices(vm, AS_SLICE(key), (vint)a->len, &start, &stop, &step)) < 0) return EXC_VAL;
      for (i = 0; i < n; i++) memcpy(a->data + (start + i * step) * sz, s->data + i * sz, sz);
      return NONE_VAL;
    }
    if (stop < start) stop = start;
    {
      vint old = stop - start, tail = (vint)a->len - stop;
      if (m > old) {
        vm_push_root(vm, val);
        if (!reserve(vm, a, a->len + (uint32_t)(m - old))) { vm_pop_root(vm); return EXC_VAL; }
        vm_pop_root(vm);
      }
      if (tail > 0) memmove(a->data + (start + m) * sz, a->data + stop * sz, (size_t)tail * sz);
      if (m > 0) memcpy(a->data + start * sz, s->data, (size_t)m * sz);
      a->len = (uint32_t)(start + m + tail);
    }
    return NONE_VAL;
  }
  if (!seq_index(vm, key, a->len, val == UNBOUND_VAL ? "array" : "array assignment", &k)) return EXC_VAL;
  if (val == UNBOUND_VAL) { remove_items(a, k, 1, 1); return NONE_VAL; }
  return put(vm, a, k, val) ? NONE_VAL : EXC_VAL;
}

static Value array_iter_next(VM *vm, Value iter) {
  ObjIter *it = AS_ITER(iter);
  ObjArray *a = AS_ARRAY(it->seq);
  if ((uint32_t)it->index >= a->len) return STOP_VAL;
  return get(vm, a, (uint32_t)it->index++);
}

const Type array_iter_type = {{&type_type}, "arrayiterator", NULL, iter_trace, NULL,
    .getiter = iter_self, .iternext = array_iter_next};

static Value array_iter(VM *vm, Value v) { return iter_new(vm, &array_iter_type, v, 0, 0, 1); }
static Value array_len(VM *vm, Value v) { (void)vm; return INT_VAL(AS_ARRAY(v)->len); }

/* The index of the first item equal to x from start (-1: none; -2: an error). */
static vint find(VM *vm, Value v, Value x, uint32_t from, uint32_t to) {
  uint32_t k;
  for (k = from; k < to && k < AS_ARRAY(v)->len; k++) {
    Value item = get(vm, AS_ARRAY(v), k);
    if (item == EXC_VAL) return -2;
    if (value_equal(vm, item, x)) return (vint)k;
  }
  return -1;
}

Value array_contains(VM *vm, Value v, Value x) {
  vint k = find(vm, v, x, 0, AS_ARRAY(v)->len);
  return k == -2 ? EXC_VAL : BOOL_VAL(k >= 0);
}

/* a + b, a * n, n * a, a += b, a *= n; UNBOUND_VAL: not an array operation. */
Value array_binary(VM *vm, int op, Value a, Value b) {
  int base = op & ~BINOP_INPLACE;
  bool inplace = (op & BINOP_INPLACE) != 0;
  if (base == BINOP_ADD && IS_ARRAY(a)) {
    Value r;
    if (!IS_ARRAY(b)) {
      if (inplace) return vm_raise_fmt(vm, &exc_TypeError, "can only extend array with array (not \"%t\")", b);
      return vm_raise_fmt(vm, &exc_TypeError, "can only append array (not \"%t\") to array", b);
    }
    if (AS_ARRAY(a)->code != AS_ARRAY(b)->code) return vm_raise(vm, &exc_TypeError, "bad argument type for built-in operation");
    if (inplace) return extend_iter(vm, AS_ARRAY(a), b) ? a : EXC_VAL;
    r = slice_of(vm, a, 0, (vint)AS_ARRAY(a)->len, 1);
    if (r == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, r);
    if (!extend_iter(vm, AS_ARRAY(r), b)) r = EXC_VAL;
    vm_pop_root(vm);
    return r;
  }
  if (base == BINOP_MUL) {
    Value arr = IS_ARRAY(a) ? a : b, nv = IS_ARRAY(a) ? b : a, r;
    vint n, i;
    uint32_t bytes;
    if (!IS_INTLIKE(nv)) {
      if (IS_BIGINT(nv)) return vm_raise(vm, &exc_OverflowError, "cannot fit 'int' into an index-sized integer");
      return vm_raise_fmt(vm, &exc_TypeError, "can't multiply sequence by non-int of type '%t'", nv);
    }
    n = AS_INTLIKE(nv) < 0 ? 0 : AS_INTLIKE(nv);
    bytes = AS_ARRAY(arr)->len * isz(AS_ARRAY(arr));
    if (n > 0 && AS_ARRAY(arr)->len > 0x0FFFFFFFu / (uint32_t)(n < 0x0FFFFFFF ? n : 0x0FFFFFFF) / isz(AS_ARRAY(arr)))
      return vm_raise(vm, &exc_MemoryError, NULL);
    if (inplace && arr == a) {
      ObjArray *x = AS_ARRAY(a);
      uint32_t len = x->len;
      if (!reserve(vm, x, len * (uint32_t)n)) return EXC_VAL;
      for (i = 1; i < n; i++) memcpy(x->data + (size_t)i * bytes, x->data, bytes);
      x->len = len * (uint32_t)n;
      return a;
    }
    r = array_new(vm, AS_ARRAY(arr)->code, AS_ARRAY(arr)->len * (uint32_t)n);
    if (r == EXC_VAL) return EXC_VAL;
    for (i = 0; i < n; i++) memcpy(AS_ARRAY(r)->data + (size_t)i * bytes, AS_ARRAY(arr)->data, bytes);
    return r;
  }
  if (IS_ARRAY(a) && base == BINOP_ADD) return UNBOUND_VAL;
  return UNBOUND_VAL;
}

/* The items of both as lists, for == and ordering by value (arrays of any typecodes compare). */
static Value tolist(VM *vm, Value v) {
  ObjArray *a = AS_ARRAY(v);
  Value l;
  uint32_t k;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, v);
  l = list_new(vm, a->len);
  if (l == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  vm_push_root(vm, l);
  for (k = 0; k < a->len; k++) {
    Value x = get(vm, a, k);
    if (x == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
    AS_LIST(l)->items[k] = x;
  }
  gc_root_restore(vm, mark);
  return l;
}

Value array_compare(VM *vm, int op, Value a, Value b) {
  Value x, y, r;
  if (AS_ARRAY(a)->code == AS_ARRAY(b)->code && CODE(AS_ARRAY(a))->kind != K_FLOAT &&
      (op == CMP_EQ || op == CMP_NE)) {   /* the same bytes: equal */
    uint32_t n = AS_ARRAY(a)->len * isz(AS_ARRAY(a));
    bool eq = AS_ARRAY(a)->len == AS_ARRAY(b)->len && memcmp(AS_ARRAY(a)->data, AS_ARRAY(b)->data, n) == 0;
    return BOOL_VAL(op == CMP_EQ ? eq : !eq);
  }
  if ((op == CMP_EQ || op == CMP_NE) && AS_ARRAY(a)->len != AS_ARRAY(b)->len) return BOOL_VAL(op == CMP_NE);
  x = tolist(vm, a);
  if (x == EXC_VAL) return EXC_VAL;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, x);
  y = tolist(vm, b);
  if (y == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  vm_push_root(vm, y);
  r = seq_compare(vm, op, AS_LIST(x)->items, AS_LIST(x)->len, AS_LIST(y)->items, AS_LIST(y)->len);
  gc_root_restore(vm, mark);
  return r;
}

/* a == b for an array and anything: arrays by value, a bytearray by the bytes (CPython's
 * bytearray compares any buffer), anything else is not equal. */
bool array_equal(VM *vm, Value a, Value b) {
  Buffer x, y;
  Value r;
  if (IS_ARRAY(a) && IS_ARRAY(b)) {
    r = array_compare(vm, CMP_EQ, a, b);
    if (r == EXC_VAL) { vm->exc = NONE_VAL; return false; }
    return r == TRUE_VAL;
  }
  if (!IS_TYPE(a, &bytearray_type) && !IS_TYPE(b, &bytearray_type)) return false;
  if (!buffer_get(vm, a, &x) || !buffer_get(vm, b, &y)) return false;
  return x.len * x.itemsize == y.len * y.itemsize && memcmp(x.data, y.data, (size_t)x.len * x.itemsize) == 0;
}

void array_write(VM *vm, Value v) {
  ObjArray *a = AS_ARRAY(v);
  uint32_t k;
  char head[] = "array('?'";
  head[7] = fmt(a);
  vm_sb_cstr(vm, head);
  if (a->len > 0) {
    vm_sb_add(vm, ", ", 2);
    if (CODE(a)->kind == K_CHAR) {
      Value s = chars_str(vm, a);
      if (s == EXC_VAL) { vm->exc = NONE_VAL; return; }
      str_write_repr(vm, AS_STR(s));
    } else {
      vm_sb_add(vm, "[", 1);
      for (k = 0; k < a->len; k++) {
        Value x = get(vm, a, k);
        if (x == EXC_VAL) { vm->exc = NONE_VAL; return; }
        if (k > 0) vm_sb_add(vm, ", ", 2);
        value_write(vm, x, true);
      }
      vm_sb_add(vm, "]", 1);
    }
  }
  vm_sb_add(vm, ")", 1);
}

/* a.typecode, a.itemsize; UNBOUND_VAL for other names. */
Value array_getattr(VM *vm, Value v, const ObjStr *name) {
  if (strcmp(name->chars, "typecode") == 0) { char c = fmt(AS_ARRAY(v)); return str_new(vm, &c, 1); }
  if (strcmp(name->chars, "itemsize") == 0) return INT_VAL(isz(AS_ARRAY(v)));
  return UNBOUND_VAL;
}

/* ---- methods ---------------------------------------------------------------------------- */

#define SELF(args) AS_ARRAY((args)[0])

static Value m_append(VM *vm, int argc, Value *args) { (void)argc; return push(vm, SELF(args), args[1]) ? NONE_VAL : EXC_VAL; }
static Value m_extend(VM *vm, int argc, Value *args) { (void)argc; return extend_iter(vm, SELF(args), args[1]) ? NONE_VAL : EXC_VAL; }

static bool index_arg(VM *vm, Value v, vint *out) {
  Value i = value_index(vm, v);
  if (i == EXC_VAL) return false;
  if (i == UNBOUND_VAL) { vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v); return false; }
  *out = IS_INTLIKE(i) ? AS_INTLIKE(i) : (AS_BIGINT(i)->neg ? VINT_MIN : VINT_MAX);
  return true;
}

static Value m_insert(VM *vm, int argc, Value *args) {
  ObjArray *a = SELF(args);
  vint k;
  uint32_t sz = isz(a);
  (void)argc;
  if (!index_arg(vm, args[1], &k)) return EXC_VAL;
  if (k < 0) { k += (vint)a->len; if (k < 0) k = 0; }
  if (k > (vint)a->len) k = (vint)a->len;
  if (!push(vm, a, args[2])) return EXC_VAL;   /* checked and stored at the end, then moved */
  {
    uint8_t tmp[8];
    memcpy(tmp, a->data + (size_t)(a->len - 1) * sz, sz);
    memmove(a->data + (k + 1) * sz, a->data + k * sz, (size_t)(a->len - 1 - (uint32_t)k) * sz);
    memcpy(a->data + k * sz, tmp, sz);
  }
  return NONE_VAL;
}

static Value m_pop(VM *vm, int argc, Value *args) {
  ObjArray *a = SELF(args);
  vint k = -1;
  Value r;
  if (argc > 1 && !index_arg(vm, args[1], &k)) return EXC_VAL;
  if (a->len == 0) return vm_raise(vm, &exc_IndexError, "pop from empty array");
  if (k < 0) k += (vint)a->len;
  if (k < 0 || k >= (vint)a->len) return vm_raise(vm, &exc_IndexError, "pop index out of range");
  r = get(vm, a, (uint32_t)k);
  if (r != EXC_VAL) remove_items(a, k, 1, 1);
  return r;
}

static Value m_remove(VM *vm, int argc, Value *args) {
  vint k = find(vm, args[0], args[1], 0, SELF(args)->len);
  (void)argc;
  if (k == -2) return EXC_VAL;
  if (k < 0) return vm_raise(vm, &exc_ValueError, "array.remove(x): x not in array");
  remove_items(SELF(args), k, 1, 1);
  return NONE_VAL;
}

static Value m_index(VM *vm, int argc, Value *args) {
  vint n = (vint)SELF(args)->len, lo = 0, hi = n, k;
  if (argc > 2 && !index_arg(vm, args[2], &lo)) return EXC_VAL;
  if (argc > 3 && !index_arg(vm, args[3], &hi)) return EXC_VAL;
  if (lo < 0) { lo += n; if (lo < 0) lo = 0; }
  if (hi < 0) { hi += n; if (hi < 0) hi = 0; }
  k = lo >= n ? -1 : find(vm, args[0], args[1], (uint32_t)lo, (uint32_t)(hi > n ? n : hi));
  if (k == -2) return EXC_VAL;
  if (k < 0) return vm_raise(vm, &exc_ValueError, "array.index(x): x not in array");
  return INT_VAL(k);
}

static Value m_count(VM *vm, int argc, Value *args) {
  uint32_t k, n = 0;
  (void)argc;
  for (k = 0; k < SELF(args)->len; k++) {
    Value x = get(vm, SELF(args), k);
    if (x == EXC_VAL) return EXC_VAL;
    if (value_equal(vm, x, args[1])) n++;
  }
  return INT_VAL(n);
}

static void swap_bytes(uint8_t *p, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n / 2; i++) { uint8_t t = p[i]; p[i] = p[n - 1 - i]; p[n - 1 - i] = t; }
}

static Value m_reverse(VM *vm, int argc, Value *args) {
  ObjArray *a = SELF(args);
  uint32_t i, sz = isz(a);
  (void)vm; (void)argc;
  for (i = 0; i < a->len / 2; i++) {   /* swap items i and len-1-i */
    uint8_t t[8];
    memcpy(t, a->data + (size_t)i * sz, sz);
    memcpy(a->data + (size_t)i * sz, a->data + (size_t)(a->len - 1 - i) * sz, sz);
    memcpy(a->data + (size_t)(a->len - 1 - i) * sz, t, sz);
  }
  return NONE_VAL;
}

static Value m_byteswap(VM *vm, int argc, Value *args) {
  ObjArray *a = SELF(args);
  uint32_t i;
  (void)vm; (void)argc;
  for (i = 0; i < a->len; i++) swap_bytes(a->data + (size_t)i * isz(a), isz(a));
  return NONE_VAL;
}

static Value m_tobytes(VM *vm, int argc, Value *args) {
  (void)argc;
  return bytes_new(vm, &bytes_type, SELF(args)->data, SELF(args)->len * isz(SELF(args)));
}

static Value m_frombytes(VM *vm, int argc, Value *args) { (void)argc; return from_bytes(vm, SELF(args), args[1]) ? NONE_VAL : EXC_VAL; }
static Value m_tolist(VM *vm, int argc, Value *args) { (void)argc; return tolist(vm, args[0]); }

static Value m_fromlist(VM *vm, int argc, Value *args) {
  ObjArray *a = SELF(args);
  uint32_t len = a->len, k;
  (void)argc;
  if (!IS_LIST(args[1])) return vm_raise(vm, &exc_TypeError, "arg must be list");
  for (k = 0; k < AS_LIST(args[1])->len; k++)
    if (!push(vm, a, AS_LIST(args[1])->items[k])) { a->len = len; return EXC_VAL; }   /* all or nothing */
  return NONE_VAL;
}

static Value m_fromunicode(VM *vm, int argc, Value *args) {
  (void)argc;
  if (CODE(SELF(args))->kind != K_CHAR) return vm_raise(vm, &exc_ValueError, "fromunicode() may only be called on unicode type arrays");
  if (!IS_STR(args[1])) return vm_raise_fmt(vm, &exc_TypeError, "fromunicode() argument must be str, not %t", args[1]);
  return extend_iter(vm, SELF(args), args[1]) ? NONE_VAL : EXC_VAL;
}

static Value m_tounicode(VM *vm, int argc, Value *args) {
  (void)argc;
  if (CODE(SELF(args))->kind != K_CHAR) return vm_raise(vm, &exc_ValueError, "tounicode() may only be called on unicode type arrays");
  return chars_str(vm, SELF(args));
}

static Value m_buffer_info(VM *vm, int argc, Value *args) {
  Value t = tuple_new(vm, 2), p;
  (void)argc;
  if (t == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, t);
  p = int_from_u64(vm, false, (uint64_t)(uintptr_t)SELF(args)->data);
  vm_pop_root(vm);
  if (p == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = p;
  AS_TUPLE(t)->items[1] = INT_VAL(SELF(args)->len);
  return t;
}

static Value m_copy(VM *vm, int argc, Value *args) { (void)argc; return slice_of(vm, args[0], 0, (vint)SELF(args)->len, 1); }

static const MethodDef array_methods[] = {
  {"append", m_append, 1, 1, NULL},
  {"extend", m_extend, 1, 1, NULL},
  {"insert", m_insert, 2, 2, NULL},
  {"pop", m_pop, 0, 1, NULL},
  {"remove", m_remove, 1, 1, NULL},
  {"index", m_index, 1, 3, NULL},
  {"count", m_count, 1, 1, NULL},
  {"reverse", m_reverse, 0, 0, NULL},
  {"byteswap", m_byteswap, 0, 0, NULL},
  {"tobytes", m_tobytes, 0, 0, NULL},
  {"frombytes", m_frombytes, 1, 1, NULL},
  {"tolist", m_tolist, 0, 0, NULL},
  {"fromlist", m_fromlist, 1, 1, NULL},
  {"tounicode", m_tounicode, 0, 0, NULL},
  {"fromunicode", m_fromunicode, 1, 1, NULL},
  {"buffer_info", m_buffer_info, 0, 0, NULL},
  {"__copy__", m_copy, 0, 0, NULL},
  {"__deepcopy__", m_copy, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static void array_print(VM *vm, Value v, bool repr) { (void)repr; array_write(vm, v); }

const Type array_type = {{&type_type}, "array", NULL, array_trace, array_methods,
    .print = array_print, .hash = value_unhashable, .len = array_len, .getitem = array_getitem,
    .setitem = array_setitem, .getiter = array_iter, .contains = array_contains,
    .getattr = buffer_getattr};
#endif   /* VIPER_HAS_ARRAY */
