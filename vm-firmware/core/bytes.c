/* bytes (immutable) and bytearray (mutable): one layout, a length and a raw data block. */
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"
#if VIPER_HAS_BYTES   /* config.h: the level leaves it out (level_stubs.c answers for it) */

static void bytes_trace(VM *vm, Obj *obj) { gc_mark_raw(vm, ((ObjBytes *)obj)->data); }

const Type exc_UnicodeError = {{&type_type}, "UnicodeError", &exc_ValueError, exception_trace, NULL,
    .print = exception_write, .getattr = exception_getattr};
const Type exc_UnicodeDecodeError = {{&type_type}, "UnicodeDecodeError", &exc_UnicodeError, exception_trace, NULL,
    .print = exception_write, .getattr = exception_getattr};

static bool reserve(VM *vm, ObjBytes *b, uint32_t need) {
  uint8_t *d;
  uint32_t cap;
  if (need <= b->cap) return true;
  if (need > 0x0FFFFFFFu) { vm_raise(vm, &exc_MemoryError, NULL); return false; }
  cap = b->cap < 8 ? 8 : b->cap;
  while (cap < need) cap = cap + cap / 2 + 1;
  vm_push_root(vm, OBJ_VAL(b));
  d = (uint8_t *)raw_alloc(vm, cap);
  vm_pop_root(vm);
  if (d == NULL) return false;
  if (b->len) memcpy(d, b->data, b->len);
  mem_free(vm, b->data);
  b->data = d;
  b->cap = cap;
  return true;
}

Value bytes_new(VM *vm, const Type *type, const uint8_t *data, uint32_t len) {
  ObjBytes *b = (ObjBytes *)obj_alloc(vm, type, sizeof(ObjBytes));
  if (b == NULL) return EXC_VAL;
  if (!reserve(vm, b, len ? len : 1)) return EXC_VAL;   /* data is never NULL */
  if (data != NULL && len > 0) memcpy(b->data, data, len);
  b->len = len;
  return OBJ_VAL(b);
}

static bool push_byte(VM *vm, ObjBytes *b, uint8_t c) {
  if (b->len == b->cap && !reserve(vm, b, b->len + 1)) return false;
  b->data[b->len++] = c;
  return true;
}

static bool byte_value_msg(VM *vm, Value v, uint8_t *out, const char *msg) {
  if (!IS_INTLIKE(v)) {
    vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
    return false;
  }
  if (AS_INTLIKE(v) < 0 || AS_INTLIKE(v) > 255) {
    vm_raise(vm, &exc_ValueError, msg);
    return false;
  }
  *out = (uint8_t)AS_INTLIKE(v);
  return true;
}

static bool byte_value(VM *vm, Value v, uint8_t *out) { return byte_value_msg(vm, v, out, "byte must be in range(0, 256)"); }

/* bytes(x) / bytearray(x): int size, str + encoding, bytes-like, iterable of ints. */
Value bytes_make(VM *vm, const Type *type, int argc, Value *args) {
  Value r, src, it, v;
  if (argc == 0) return bytes_new(vm, type, NULL, 0);
  src = args[0];
  if (IS_STR(src)) {
    if (argc < 2) return vm_raise(vm, &exc_TypeError, "string argument without an encoding");
    return bytes_new(vm, type, (const uint8_t *)AS_STR(src)->chars, AS_STR(src)->len);
  }
  if (argc > 1) return vm_raise(vm, &exc_TypeError, "encoding without a string argument");
  if (IS_BIGINT(src)) return vm_raise(vm, &exc_OverflowError, "cannot fit 'int' into an index-sized integer");
  if (IS_INTLIKE(src)) {
    if (AS_INTLIKE(src) < 0) return vm_raise(vm, &exc_ValueError, "negative count");
    r = bytes_new(vm, type, NULL, (uint32_t)AS_INTLIKE(src));
    if (r != EXC_VAL && AS_BYTES(r)->len) memset(AS_BYTES(r)->data, 0, AS_BYTES(r)->len);
    return r;
  }
  {
    Buffer b;   /* bytes, bytearray, memoryview, array: a copy of the bytes */
    if (buffer_get(vm, src, &b)) {
      r = bytes_new(vm, type, NULL, b.len * b.itemsize);
      if (r == EXC_VAL) return EXC_VAL;
      buffer_get(vm, src, &b);   /* the allocation may have moved a bytearray's block */
      buffer_copy(&b, AS_BYTES(r)->data);
      return r;
    }
  }
  r = bytes_new(vm, type, NULL, 0);
  if (r == EXC_VAL) return EXC_VAL;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, r);
  it = value_iter(vm, src);
  if (it == EXC_VAL) {
    vm->exc = NONE_VAL;
    gc_root_restore(vm, mark);
    return vm_raise_fmt(vm, &exc_TypeError, "cannot convert '%t' object to %s", src, type->name);
  }
  vm_push_root(vm, it);
  for (;;) {
    uint8_t c;
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !byte_value_msg(vm, v, &c, "bytes must be in range(0, 256)") || !push_byte(vm, AS_BYTES(r), c)) {
      r = EXC_VAL;
      break;
    }
  }
  gc_root_restore(vm, mark);
  return r;
}

void bytes_write_repr(VM *vm, Value v) {
  ObjBytes *b = AS_BYTES(v);
  uint32_t i;
  char quote = '\'';
  static const char hx[] = "0123456789abcdef";
  bool array = IS_TYPE(v, &bytearray_type);
  if (array) vm_sb_cstr(vm, "bytearray(");
  if (memchr(b->data, '\'', b->len) != NULL && memchr(b->data, '"', b->len) == NULL) quote = '"';
  vm_sb_add(vm, "b", 1);
  vm_sb_add(vm, &quote, 1);
  for (i = 0; i < b->len; i++) {
    uint8_t c = b->data[i];
    char e[4];
    if (c == (uint8_t)quote || c == '\\') { e[0] = '\\'; e[1] = (char)c; vm_sb_add(vm, e, 2); }
    else if (c == '\n') vm_sb_add(vm, "\\n", 2);
    else if (c == '\r') vm_sb_add(vm, "\\r", 2);
    else if (c == '\t') vm_sb_add(vm, "\\t", 2);
    else if (c < 0x20 || c >= 0x7F) { e[0] = '\\'; e[1] = 'x'; e[2] = hx[c >> 4]; e[3] = hx[c & 15]; vm_sb_add(vm, e, 4); }
    else vm_sb_add(vm, (const char *)&c, 1);
  }
  vm_sb_add(vm, &quote, 1);
  if (array) vm_sb_add(vm, ")", 1);
}

Value bytes_getitem(VM *vm, Value obj, Value key) {
  ObjBytes *b = AS_BYTES(obj);
  uint32_t k;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)b->len, &start, &stop, &step), i;
    Value r;
    if (n < 0) return EXC_VAL;
    r = bytes_new(vm, OBJ_TYPE(obj), NULL, (uint32_t)n);
    if (r == EXC_VAL) return EXC_VAL;
    b = AS_BYTES(obj);
    for (i = 0; i < n; i++) AS_BYTES(r)->data[i] = b->data[start + i * step];
    return r;
  }
  if (!seq_index(vm, key, b->len, IS_TYPE(obj, &bytearray_type) ? "bytearray" : "bytes", &k)) return EXC_VAL;
  return INT_VAL(b->data[k]);
}

static long find_in(const ObjBytes *h, const uint8_t *n, uint32_t nl, uint32_t from) {
  uint32_t i;
  if (nl == 0) return from <= h->len ? (long)from : -1;
  for (i = from; i + nl <= h->len; i++)
    if (memcmp(h->data + i, n, nl) == 0) return (long)i;
  return -1;
}

/* The needle of a bytes method: bytes-like, or an int (one byte). */
static bool needle_of(VM *vm, Value v, const uint8_t **p, uint32_t *n, uint8_t *one) {
  Buffer b;
  if (buffer_get(vm, v, &b) && b.stride == (int32_t)b.itemsize) { *p = b.data; *n = b.len * b.itemsize; return true; }
  if (IS_INTLIKE(v)) {
    if (!byte_value(vm, v, one)) return false;
    *p = one;
    *n = 1;
    return true;
  }
  vm_raise_fmt(vm, &exc_TypeError, "argument should be integer or bytes-like object, not '%t'", v);
  return false;
}

Value bytes_contains(VM *vm, Value c, Value item) {
  const uint8_t *p;
  uint32_t n;
  uint8_t one;
  Buffer b;
  if (!IS_INTLIKE(item) && !buffer_get(vm, item, &b))
    return vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", item);
  if (!needle_of(vm, item, &p, &n, &one)) return EXC_VAL;
  return BOOL_VAL(find_in(AS_BYTES(c), p, n, 0) >= 0);
}

Value bytes_percent(VM *vm, Value fmt, Value args);   /* format.c */

bool bytes_buffer(Value v, Buffer *b) {
  if (!IS_BYTESLIKE(v)) return false;
  b->data = AS_BYTES(v)->data;
  b->len = AS_BYTES(v)->len;
  b->stride = 1;
  b->itemsize = 1;
  b->format = 'B';
  b->writable = IS_TYPE(v, &bytearray_type);
  return true;
}

/* a + b, a * n, a % args; UNBOUND_VAL when not for bytes. */
Value bytes_binary(VM *vm, int op, Value a, Value b) {
  int base = op & ~BINOP_INPLACE;
  Buffer yb;
  if (base == BINOP_ADD && IS_BYTESLIKE(a) && buffer_get(vm, b, &yb)) {   /* b'..' + any buffer */
    uint32_t xl = AS_BYTES(a)->len, yl = yb.len * yb.itemsize;
    Value r = a;
    if (!(op & BINOP_INPLACE) || !IS_TYPE(a, &bytearray_type)) {
      r = bytes_new(vm, OBJ_TYPE(a), NULL, xl + yl);
      if (r == EXC_VAL) return EXC_VAL;
      if (xl) memcpy(AS_BYTES(r)->data, AS_BYTES(a)->data, xl);
    } else if (!reserve(vm, AS_BYTES(a), xl + yl)) {   /* ba += x: in place */
      return EXC_VAL;
    }
    if (a == b) {   /* ba += ba: the source grew with it */
      memmove(AS_BYTES(r)->data + xl, AS_BYTES(r)->data, xl);
    } else {
      buffer_get(vm, b, &yb);   /* the allocation may have moved b's block */
      buffer_copy(&yb, AS_BYTES(r)->data + xl);
    }
    AS_BYTES(r)->len = xl + yl;
    return r;
  }
  if (base == BINOP_MOD && IS_BYTESLIKE(a)) return bytes_percent(vm, a, b);
  if (base == BINOP_MOD && IS_STR(a)) return str_percent(vm, AS_STR(a), b);   /* '%s' % b'x' */
  if (base == BINOP_ADD && IS_BYTESLIKE(a))
    return vm_raise_fmt(vm, &exc_TypeError, "can't concat %t to %t", b, a);
  if (base == BINOP_MUL) {
    Value seq = IS_BYTESLIKE(a) ? a : b, n = IS_BYTESLIKE(a) ? b : a, r;
    vint k, i;
    uint32_t len;
    if (!IS_BYTESLIKE(seq) || IS_INSTANCE(n)) return UNBOUND_VAL;   /* n.__rmul__ may take it */
    if (!IS_INTLIKE(n)) return vm_raise_fmt(vm, &exc_TypeError, "can't multiply sequence by non-int of type '%t'", n);
    k = AS_INTLIKE(n);
    if (k < 0) k = 0;
    len = AS_BYTES(seq)->len;
    if ((uint64_t)k * len > 0x0FFFFFFFu) return vm_raise(vm, &exc_MemoryError, NULL);
    if ((op & BINOP_INPLACE) && seq == a && IS_TYPE(a, &bytearray_type)) {   /* ba *= n: in place */
      ObjBytes *x = AS_BYTES(a);
      if (!reserve(vm, x, (uint32_t)(k * (vint)len))) return EXC_VAL;
      for (i = 1; i < k; i++) memcpy(x->data + (size_t)i * len, x->data, len);
      x->len = (uint32_t)(k * (vint)len);
      return a;
    }
    r = bytes_new(vm, OBJ_TYPE(seq), NULL, (uint32_t)(k * (vint)len));
    if (r == EXC_VAL) return EXC_VAL;
    for (i = 0; i < k; i++) memcpy(AS_BYTES(r)->data + (size_t)i * len, AS_BYTES(seq)->data, len);
    return r;
  }
  return UNBOUND_VAL;
}

int bytes_compare(const ObjBytes *a, const ObjBytes *b) {
  uint32_t n = a->len < b->len ? a->len : b->len;
  int c = n ? memcmp(a->data, b->data, n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return a->len < b->len ? -1 : a->len > b->len;
}

Value bytes_iter_next(VM *vm, ObjIter *it) {
  ObjBytes *b = AS_BYTES(it->seq);
  (void)vm;
  if ((uint32_t)it->index >= b->len) return STOP_VAL;
  return INT_VAL(b->data[it->index++]);
}

/* ---- methods ---------------------------------------------------------------------------- */

#define SELF(args) AS_BYTES((args)[0])
#define SELF_TYPE(args) OBJ_TYPE((args)[0])

/* Positional argument pos (self is 0), else keyword slot kw (-1: none), else UNBOUND_VAL. */
static Value arg_at(int argc, Value *args, int pos, int kw) {
  if (argc > pos) return args[pos];
  return kw >= 0 ? NATIVE_KW(args, argc, kw) : UNBOUND_VAL;
}

/* A bytes-like argument (no int): its data and length. */
static bool need_buf(VM *vm, Value v, const uint8_t **p, uint32_t *n) {
  if (IS_BYTESLIKE(v)) { *p = AS_BYTES(v)->data; *n = AS_BYTES(v)->len; return true; }
  vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", v);
  return false;
}

static bool need_int(VM *vm, Value v, vint *out) {
  if (!IS_INTLIKE(v)) {
    vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
    return false;
  }
  *out = AS_INTLIKE(v);
  return true;
}

/* The string builder's bytes as a new bytes or bytearray. */
static Value sb_to_bytes(VM *vm, const Type *type) {
  if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
  return bytes_new(vm, type, (const uint8_t *)vm->sb, vm->sb_len);
}

/* Optional start/end at args[pos], args[pos + 1] (slice rules); lo > hi: nothing matches. */
static bool span(VM *vm, uint32_t len, int argc, Value *args, int pos, uint32_t *lo, uint32_t *hi) {
  vint n = (vint)len, a = 0, b = n;
  int k;
  for (k = 0; k < 2; k++) {
    vint *x = k == 0 ? &a : &b;
    if (argc > pos + k && !IS_NONE(args[pos + k])) {
      if (!IS_INTLIKE(args[pos + k])) {
        vm_raise(vm, &exc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return false;
      }
      *x = AS_INTLIKE(args[pos + k]);
      if (*x < 0) { *x += n; if (*x < 0) *x = 0; }
    }
  }
  if (b > n) b = n;
  if (a > n) { *lo = len + 1; *hi = len; return true; }
  if (b < a) b = a;
  *lo = (uint32_t)a;
  *hi = (uint32_t)b;
  return true;
}

static long find_span(const uint8_t *h, uint32_t lo, uint32_t hi, const uint8_t *n, uint32_t nl, bool right) {
  uint32_t i;
  if (lo > hi || nl > hi - lo) return -1;
  if (!right) {
    for (i = lo; i + nl <= hi; i++)
      if (memcmp(h + i, n, nl) == 0) return (long)i;
  } else {
    for (i = hi - nl + 1; i-- > lo;)
      if (memcmp(h + i, n, nl) == 0) return (long)i;
  }
  return -1;
}

static Value m_decode(VM *vm, int argc, Value *args);

static Value m_hex(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  Value sepv = arg_at(argc, args, 1, 0), perv = arg_at(argc, args, 2, 1);
  char sep = 0;
  vint per = 1;
  uint32_t i;
  static const char hx[] = "0123456789abcdef";
  if (sepv != UNBOUND_VAL) {
    if (IS_STR(sepv) && AS_STR(sepv)->len == 1) sep = AS_STR(sepv)->chars[0];
    else if (IS_BYTESLIKE(sepv) && AS_BYTES(sepv)->len == 1) sep = (char)AS_BYTES(sepv)->data[0];
    else if (IS_STR(sepv) || IS_BYTESLIKE(sepv)) return vm_raise(vm, &exc_ValueError, "sep must be length 1.");
    else if (IS_INTLIKE(sepv) || IS_FLOAT(sepv) || IS_NONE(sepv))
      return vm_raise_fmt(vm, &exc_TypeError, "object of type '%t' has no len()", sepv);
    else return vm_raise(vm, &exc_TypeError, "sep must be str or bytes.");
    if ((uint8_t)sep >= 0x80) return vm_raise(vm, &exc_ValueError, "sep must be ASCII.");
  }
  if (perv != UNBOUND_VAL && !need_int(vm, perv, &per)) return EXC_VAL;
  vm_sb_reset(vm);
  for (i = 0; i < b->len; i++) {
    char e[2];
    if (sep && per != 0 && i > 0) {
      /* groups of |per| bytes, counted from the right when per > 0 */
      vint g = per > 0 ? per : -per;
      if ((per > 0 ? (vint)(b->len - i) : (vint)i) % g == 0) vm_sb_add(vm, &sep, 1);
    }
    e[0] = hx[b->data[i] >> 4];
    e[1] = hx[b->data[i] & 15];
    vm_sb_add(vm, e, 2);
  }
  return vm_sb_to_str(vm);
}

Value bytes_hex(VM *vm, int argc, Value *args) { return m_hex(vm, argc, args); }

/* kind: 0 find, 1 rfind, 2 index, 3 rindex, 4 count */
static Value search(VM *vm, int argc, Value *args, int kind) {
  const uint8_t *p;
  uint32_t n, lo, hi;
  uint8_t one;
  long at;
  ObjBytes *b = SELF(args);
  if (!needle_of(vm, args[1], &p, &n, &one)) return EXC_VAL;
  if (!span(vm, b->len, argc, args, 2, &lo, &hi)) return EXC_VAL;
  if (kind == 4) {
    vint c = 0;
    if (lo > hi) return INT_VAL(0);
    if (n == 0) return INT_VAL((vint)(hi - lo) + 1);
    while ((at = find_span(b->data, lo, hi, p, n, false)) >= 0) { c++; lo = (uint32_t)at + n; }
    return INT_VAL(c);
  }
  at = find_span(b->data, lo, hi, p, n, kind & 1);
  if (at < 0 && kind >= 2) return vm_raise(vm, &exc_ValueError, "subsection not found");
  return INT_VAL(at);
}

static Value m_find(VM *vm, int argc, Value *args) { return search(vm, argc, args, 0); }
static Value m_rfind(VM *vm, int argc, Value *args) { return search(vm, argc, args, 1); }
static Value m_index(VM *vm, int argc, Value *args) { return search(vm, argc, args, 2); }
static Value m_rindex(VM *vm, int argc, Value *args) { return search(vm, argc, args, 3); }
static Value m_count(VM *vm, int argc, Value *args) { return search(vm, argc, args, 4); }

static Value affix(VM *vm, int argc, Value *args, bool end) {
  ObjBytes *b = SELF(args);
  const char *name = end ? "endswith" : "startswith";
  Value *cands = &args[1];
  uint32_t k, count = 1, lo, hi;
  if (IS_TUPLE(args[1])) { cands = AS_TUPLE(args[1])->items; count = AS_TUPLE(args[1])->len; }
  if (!span(vm, b->len, argc, args, 2, &lo, &hi)) return EXC_VAL;
  for (k = 0; k < count; k++) {
    uint32_t n;
    if (!IS_BYTESLIKE(cands[k])) {
      if (IS_TUPLE(args[1]))
        return vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", cands[k]);
      return vm_raise_fmt(vm, &exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %t", name, cands[k]);
    }
    n = AS_BYTES(cands[k])->len;
    if (lo > hi || n > hi - lo) continue;
    if (n == 0 || memcmp(b->data + (end ? hi - n : lo), AS_BYTES(cands[k])->data, n) == 0) return TRUE_VAL;
  }
  return FALSE_VAL;
}

static Value m_startswith(VM *vm, int argc, Value *args) { return affix(vm, argc, args, false); }
static Value m_endswith(VM *vm, int argc, Value *args) { return affix(vm, argc, args, true); }

static bool is_ws(uint8_t c) { return c == ' ' || (c >= 9 && c <= 13); }
static bool is_up(uint8_t c) { return c >= 'A' && c <= 'Z'; }
static bool is_lo(uint8_t c) { return c >= 'a' && c <= 'z'; }
static bool is_dig(uint8_t c) { return c >= '0' && c <= '9'; }

static Value strip_impl(VM *vm, int argc, Value *args, int which) {
  ObjBytes *b = SELF(args);
  uint32_t a = 0, e = b->len;
  const uint8_t *chars = NULL;
  uint32_t nchars = 0;
  if (argc > 1 && !IS_NONE(args[1]) && !need_buf(vm, args[1], &chars, &nchars)) return EXC_VAL;
  if (which & 1) while (a < e && (chars ? memchr(chars, b->data[a], nchars) != NULL : is_ws(b->data[a]))) a++;
  if (which & 2) while (e > a && (chars ? memchr(chars, b->data[e - 1], nchars) != NULL : is_ws(b->data[e - 1]))) e--;
  if (a == 0 && e == b->len && IS_TYPE(args[0], &bytes_type)) return args[0];
  return bytes_new(vm, SELF_TYPE(args), b->data + a, e - a);
}

static Value m_strip(VM *vm, int argc, Value *args) { return strip_impl(vm, argc, args, 3); }
static Value m_lstrip(VM *vm, int argc, Value *args) { return strip_impl(vm, argc, args, 1); }
static Value m_rstrip(VM *vm, int argc, Value *args) { return strip_impl(vm, argc, args, 2); }

/* kind: 0 upper, 1 lower, 2 swapcase, 3 title, 4 capitalize (ASCII only, as CPython's bytes) */
static Value case_impl(VM *vm, Value self, int kind) {
  Value r = bytes_new(vm, OBJ_TYPE(self), AS_BYTES(self)->data, AS_BYTES(self)->len);
  uint32_t i;
  bool prev_cased = false;
  if (r == EXC_VAL) return EXC_VAL;
  for (i = 0; i < AS_BYTES(r)->len; i++) {
    uint8_t c = AS_BYTES(r)->data[i], u = is_lo(c) ? (uint8_t)(c - 32) : c, l = is_up(c) ? (uint8_t)(c + 32) : c;
    switch (kind) {
    case 0: c = u; break;
    case 1: c = l; break;
    case 2: c = is_lo(c) ? u : l; break;
    case 3: c = prev_cased ? l : u; prev_cased = is_up(c) || is_lo(c); break;
    default: c = i == 0 ? u : l; break;
    }
    AS_BYTES(r)->data[i] = c;
  }
  return r;
}

static Value m_upper(VM *vm, int argc, Value *args) { (void)argc; return case_impl(vm, args[0], 0); }
static Value m_lower(VM *vm, int argc, Value *args) { (void)argc; return case_impl(vm, args[0], 1); }
static Value m_swapcase(VM *vm, int argc, Value *args) { (void)argc; return case_impl(vm, args[0], 2); }
static Value m_title(VM *vm, int argc, Value *args) { (void)argc; return case_impl(vm, args[0], 3); }
static Value m_capitalize(VM *vm, int argc, Value *args) { (void)argc; return case_impl(vm, args[0], 4); }

/* is*(): kind 0 digit, 1 alpha, 2 alnum, 3 space, 4 upper, 5 lower, 6 ascii, 7 title */
static Value is_impl(Value self, int kind) {
  ObjBytes *b = AS_BYTES(self);
  uint32_t i;
  bool cased = false, prev = false;
  if (b->len == 0) return BOOL_VAL(kind == 6);
  for (i = 0; i < b->len; i++) {
    uint8_t c = b->data[i];
    switch (kind) {
    case 0: if (!is_dig(c)) return FALSE_VAL; break;
    case 1: if (!is_up(c) && !is_lo(c)) return FALSE_VAL; break;
    case 2: if (!is_up(c) && !is_lo(c) && !is_dig(c)) return FALSE_VAL; break;
    case 3: if (!is_ws(c)) return FALSE_VAL; break;
    case 4: if (is_lo(c)) return FALSE_VAL; cased |= is_up(c); break;
    case 5: if (is_up(c)) return FALSE_VAL; cased |= is_lo(c); break;
    case 6: if (c >= 0x80) return FALSE_VAL; break;
    default:
      if (is_up(c)) { if (prev) return FALSE_VAL; prev = cased = true; }
      else if (is_lo(c)) { if (!prev) return FALSE_VAL; }
      else prev = false;
      break;
    }
  }
  return kind >= 4 && kind != 6 ? BOOL_VAL(cased) : TRUE_VAL;
}

#define IS_METHOD(cname, kind) \
  static Value m_##cname(VM *vm, int argc, Value *args) { (void)vm; (void)argc; return is_impl(args[0], kind); }
IS_METHOD(isdigit, 0)
IS_METHOD(isalpha, 1)
IS_METHOD(isalnum, 2)
IS_METHOD(isspace, 3)
IS_METHOD(isupper, 4)
IS_METHOD(islower, 5)
IS_METHOD(isascii, 6)
IS_METHOD(istitle, 7)

static bool push_piece(VM *vm, Value list, const Type *type, Value src, uint32_t at, uint32_t n) {
  Value piece = bytes_new(vm, type, AS_BYTES(src)->data + at, n);
  return piece != EXC_VAL && list_append(vm, AS_LIST(list), piece);
}

static void list_reverse_items(ObjList *l) {
  uint32_t k;
  for (k = 0; k < l->len / 2; k++) {
    Value t = l->items[k];
    l->items[k] = l->items[l->len - 1 - k];
    l->items[l->len - 1 - k] = t;
  }
}

static Value split_impl(VM *vm, int argc, Value *args, bool right) {
  Value self = args[0], sepv = arg_at(argc, args, 1, 0), msv = arg_at(argc, args, 2, 1), list;
  const Type *type = SELF_TYPE(args);
  const uint8_t *sep = NULL;
  uint32_t nsep = 0;
  vint maxsplit = -1;
  if (msv != UNBOUND_VAL && !need_int(vm, msv, &maxsplit)) return EXC_VAL;
  if (sepv != UNBOUND_VAL && !IS_NONE(sepv)) {
    if (!need_buf(vm, sepv, &sep, &nsep)) return EXC_VAL;
    if (nsep == 0) return vm_raise(vm, &exc_ValueError, "empty separator");
  }
  list = list_new(vm, 0);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  if (sep == NULL) {
    uint32_t len = AS_BYTES(self)->len;
    const uint8_t *d = AS_BYTES(self)->data;   /* self is immutable for the call */
    if (!right) {
      uint32_t i = 0, s;
      for (;;) {
        while (i < len && is_ws(d[i])) i++;
        if (i >= len) break;
        if (maxsplit == 0) { if (!push_piece(vm, list, type, self, i, len - i)) goto fail; break; }
        s = i;
        while (i < len && !is_ws(d[i])) i++;
        if (!push_piece(vm, list, type, self, s, i - s)) goto fail;
        if (maxsplit > 0) maxsplit--;
      }
    } else {
      uint32_t i = len, e;
      for (;;) {
        while (i > 0 && is_ws(d[i - 1])) i--;
        if (i == 0) break;
        if (maxsplit == 0) { if (!push_piece(vm, list, type, self, 0, i)) goto fail; break; }
        e = i;
        while (i > 0 && !is_ws(d[i - 1])) i--;
        if (!push_piece(vm, list, type, self, i, e - i)) goto fail;
        if (maxsplit > 0) maxsplit--;
      }
    }
  } else if (!right) {
    uint32_t i = 0;
    for (;;) {
      long at = maxsplit == 0 ? -1 : find_span(AS_BYTES(self)->data, i, AS_BYTES(self)->len, sep, nsep, false);
      uint32_t e = at < 0 ? AS_BYTES(self)->len : (uint32_t)at;
      if (!push_piece(vm, list, type, self, i, e - i)) goto fail;
      if (at < 0) break;
      i = e + nsep;
      if (maxsplit > 0) maxsplit--;
    }
  } else {
    uint32_t hi = AS_BYTES(self)->len;
    for (;;) {
      long at = maxsplit == 0 ? -1 : find_span(AS_BYTES(self)->data, 0, hi, sep, nsep, true);
      uint32_t s = at < 0 ? 0 : (uint32_t)at + nsep;
      if (!push_piece(vm, list, type, self, s, hi - s)) goto fail;
      if (at < 0) break;
      hi = (uint32_t)at;
      if (maxsplit > 0) maxsplit--;
    }
  }
  if (right) list_reverse_items(AS_LIST(list));
  vm_pop_root(vm);
  return list;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value m_split(VM *vm, int argc, Value *args) { return split_impl(vm, argc, args, false); }
static Value m_rsplit(VM *vm, int argc, Value *args) { return split_impl(vm, argc, args, true); }

static Value m_splitlines(VM *vm, int argc, Value *args) {
  Value keepv = arg_at(argc, args, 1, 0), list;
  bool keep = keepv != UNBOUND_VAL && value_truthy(keepv);
  uint32_t i = 0, start = 0, len = SELF(args)->len;
  list = list_new(vm, 0);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  while (i < len) {
    uint8_t c = SELF(args)->data[i];
    uint32_t end = i + 1;
    if (c != '\n' && c != '\r') { i++; continue; }
    if (c == '\r' && end < len && SELF(args)->data[end] == '\n') end++;
    if (!push_piece(vm, list, SELF_TYPE(args), args[0], start, (keep ? end : i) - start)) { vm_pop_root(vm); return EXC_VAL; }
    i = start = end;
  }
  if (start < len && !push_piece(vm, list, SELF_TYPE(args), args[0], start, len - start)) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return list;
}

static Value partition_impl(VM *vm, Value *args, bool right) {
  const uint8_t *sep;
  uint32_t nsep, len = SELF(args)->len, k;
  const Type *type = OBJ_TYPE(args[0]);
  long at;
  Value t;
  if (!need_buf(vm, args[1], &sep, &nsep)) return EXC_VAL;
  if (nsep == 0) return vm_raise(vm, &exc_ValueError, "empty separator");
  at = find_span(SELF(args)->data, 0, len, sep, nsep, right);
  t = tuple_new(vm, 3);
  if (t == EXC_VAL) return EXC_VAL;
  for (k = 0; k < 3; k++) AS_TUPLE(t)->items[k] = NONE_VAL;
  vm_push_root(vm, t);
  for (k = 0; k < 3; k++) {
    uint32_t a, n;
    Value piece;
    if (at < 0) { bool whole = right ? k == 2 : k == 0; a = 0; n = whole ? len : 0; }
    else if (k == 0) { a = 0; n = (uint32_t)at; }
    else if (k == 1) { a = (uint32_t)at; n = nsep; }
    else { a = (uint32_t)at + nsep; n = len - a; }
    piece = bytes_new(vm, type, SELF(args)->data + a, n);
    if (piece == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    AS_TUPLE(t)->items[k] = piece;
  }
  vm_pop_root(vm);
  return t;
}

static Value m_partition(VM *vm, int argc, Value *args) { (void)argc; return partition_impl(vm, args, false); }
static Value m_rpartition(VM *vm, int argc, Value *args) { (void)argc; return partition_impl(vm, args, true); }

static Value m_join(VM *vm, int argc, Value *args) {
  Value parts = value_to_list(vm, args[1]), r;
  uint32_t i, total = 0, at = 0, seplen = SELF(args)->len;
  (void)argc;
  if (parts == EXC_VAL) return EXC_VAL;
  for (i = 0; i < AS_LIST(parts)->len; i++) {
    Value p = AS_LIST(parts)->items[i];
    if (!IS_BYTESLIKE(p))
      return vm_raise_fmt(vm, &exc_TypeError, "sequence item %d: expected a bytes-like object, %t found", (int)i, p);
    total += AS_BYTES(p)->len + (i ? seplen : 0);
  }
  vm_push_root(vm, parts);
  r = bytes_new(vm, SELF_TYPE(args), NULL, total);
  vm_pop_root(vm);
  if (r == EXC_VAL) return EXC_VAL;
  for (i = 0; i < AS_LIST(parts)->len; i++) {
    ObjBytes *p = AS_BYTES(AS_LIST(parts)->items[i]);
    if (i && seplen) { memcpy(AS_BYTES(r)->data + at, SELF(args)->data, seplen); at += seplen; }
    if (p->len) memcpy(AS_BYTES(r)->data + at, p->data, p->len);
    at += p->len;
  }
  return r;
}

static Value m_replace(VM *vm, int argc, Value *args) {
  const uint8_t *o, *n;
  uint32_t no, nn, i = 0, len = SELF(args)->len;
  vint count = -1;
  if (!need_buf(vm, args[1], &o, &no) || !need_buf(vm, args[2], &n, &nn)) return EXC_VAL;
  if (argc > 3 && !need_int(vm, args[3], &count)) return EXC_VAL;
  vm_sb_reset(vm);
  if (no == 0) {   /* insert new before every byte and at the end */
    for (i = 0; i <= len; i++) {
      if (count < 0 || (vint)i < count) vm_sb_add(vm, (const char *)n, nn);
      if (i < len) vm_sb_add(vm, (const char *)SELF(args)->data + i, 1);
    }
    return sb_to_bytes(vm, SELF_TYPE(args));
  }
  while (count != 0) {
    long at = find_span(SELF(args)->data, i, len, o, no, false);
    if (at < 0) break;
    vm_sb_add(vm, (const char *)SELF(args)->data + i, (uint32_t)at - i);
    vm_sb_add(vm, (const char *)n, nn);
    i = (uint32_t)at + no;
    if (count > 0) count--;
  }
  vm_sb_add(vm, (const char *)SELF(args)->data + i, len - i);
  return sb_to_bytes(vm, SELF_TYPE(args));
}

/* kind: 0 ljust, 1 rjust, 2 center */
static Value justify(VM *vm, int argc, Value *args, int kind) {
  static const char *const names[] = {"ljust", "rjust", "center"};
  ObjBytes *b = SELF(args);
  uint8_t fill = ' ';
  vint width, pad, left, k;
  if (!need_int(vm, args[1], &width)) return EXC_VAL;
  if (argc > 2) {
    if (!IS_BYTESLIKE(args[2]) || AS_BYTES(args[2])->len != 1)
      return vm_raise_fmt(vm, &exc_TypeError, "%s() argument 2 must be a byte string of length 1, not %t", names[kind], args[2]);
    fill = AS_BYTES(args[2])->data[0];
  }
  if (width <= (vint)b->len) return bytes_new(vm, SELF_TYPE(args), b->data, b->len);
  pad = width - (vint)b->len;
  left = kind == 0 ? 0 : kind == 1 ? pad : pad / 2 + (pad & width & 1);
  vm_sb_reset(vm);
  for (k = 0; k < left; k++) vm_sb_add(vm, (const char *)&fill, 1);
  vm_sb_add(vm, (const char *)b->data, b->len);
  for (k = left; k < pad; k++) vm_sb_add(vm, (const char *)&fill, 1);
  return sb_to_bytes(vm, SELF_TYPE(args));
}

static Value m_ljust(VM *vm, int argc, Value *args) { return justify(vm, argc, args, 0); }
static Value m_rjust(VM *vm, int argc, Value *args) { return justify(vm, argc, args, 1); }
static Value m_center(VM *vm, int argc, Value *args) { return justify(vm, argc, args, 2); }

static Value m_zfill(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  vint width, k;
  uint32_t sign = 0;
  (void)argc;
  if (!need_int(vm, args[1], &width)) return EXC_VAL;
  if (width <= (vint)b->len) return bytes_new(vm, SELF_TYPE(args), b->data, b->len);
  if (b->len > 0 && (b->data[0] == '+' || b->data[0] == '-')) sign = 1;
  vm_sb_reset(vm);
  vm_sb_add(vm, (const char *)b->data, sign);
  for (k = 0; k < width - (vint)b->len; k++) vm_sb_add(vm, "0", 1);
  vm_sb_add(vm, (const char *)b->data + sign, b->len - sign);
  return sb_to_bytes(vm, SELF_TYPE(args));
}

static Value m_expandtabs(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  Value tv = arg_at(argc, args, 1, 0);
  vint tab = 8, col = 0, k;
  uint32_t i;
  if (tv != UNBOUND_VAL && !need_int(vm, tv, &tab)) return EXC_VAL;
  vm_sb_reset(vm);
  for (i = 0; i < b->len; i++) {
    uint8_t c = b->data[i];
    if (c == '\t') {
      if (tab > 0) { vint n = tab - col % tab; for (k = 0; k < n; k++) vm_sb_add(vm, " ", 1); col += n; }
    } else {
      vm_sb_add(vm, (const char *)&c, 1);
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
  }
  return sb_to_bytes(vm, SELF_TYPE(args));
}

static Value remove_affix(VM *vm, Value *args, bool suffix) {
  ObjBytes *b = SELF(args);
  const uint8_t *p;
  uint32_t n;
  if (!need_buf(vm, args[1], &p, &n)) return EXC_VAL;
  if (n > 0 && n <= b->len && memcmp(b->data + (suffix ? b->len - n : 0), p, n) == 0)
    return bytes_new(vm, SELF_TYPE(args), b->data + (suffix ? 0 : n), b->len - n);
  if (IS_TYPE(args[0], &bytes_type)) return args[0];
  return bytes_new(vm, SELF_TYPE(args), b->data, b->len);
}

static Value m_removeprefix(VM *vm, int argc, Value *args) { (void)argc; return remove_affix(vm, args, false); }
static Value m_removesuffix(VM *vm, int argc, Value *args) { (void)argc; return remove_affix(vm, args, true); }

/* b.translate(table, delete=b''): table is None or 256 bytes. */
static Value m_translate(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  Value delv = arg_at(argc, args, 2, 0);
  const uint8_t *table = NULL, *del = NULL;
  uint32_t ntable = 0, ndel = 0, i;
  if (!IS_NONE(args[1])) {
    if (!need_buf(vm, args[1], &table, &ntable)) return EXC_VAL;
    if (ntable != 256) return vm_raise(vm, &exc_ValueError, "translation table must be 256 characters long");
  }
  if (delv != UNBOUND_VAL && !need_buf(vm, delv, &del, &ndel)) return EXC_VAL;
  vm_sb_reset(vm);
  for (i = 0; i < b->len; i++) {
    uint8_t c = b->data[i];
    if (del != NULL && memchr(del, c, ndel) != NULL) continue;
    if (table != NULL) c = table[c];
    vm_sb_add(vm, (const char *)&c, 1);
  }
  return sb_to_bytes(vm, SELF_TYPE(args));
}

/* bytes.maketrans(from, to): args[0] is the type; always bytes. */
static Value m_maketrans(VM *vm, int argc, Value *args) {
  const uint8_t *f, *t;
  uint32_t nf, nt, i;
  Value r;
  (void)argc;
  if (!need_buf(vm, args[1], &f, &nf) || !need_buf(vm, args[2], &t, &nt)) return EXC_VAL;
  if (nf != nt) return vm_raise(vm, &exc_ValueError, "maketrans arguments must have same length");
  r = bytes_new(vm, &bytes_type, NULL, 256);
  if (r == EXC_VAL) return EXC_VAL;
  for (i = 0; i < 256; i++) AS_BYTES(r)->data[i] = (uint8_t)i;
  f = AS_BYTES(args[1])->data;
  t = AS_BYTES(args[2])->data;
  for (i = 0; i < nf; i++) AS_BYTES(r)->data[f[i]] = t[i];
  return r;
}

/* ---- codecs: utf-8, ascii, latin-1 ------------------------------------------------------ */


/* 0 utf-8, 1 ascii, 2 latin-1, -1 unknown (LookupError raised). */
static int codec_of(VM *vm, Value v) {
  char name[16];
  uint32_t i, n = 0;
  if (v == UNBOUND_VAL) return 0;
  if (!IS_STR(v)) {
    vm_raise_fmt(vm, &exc_TypeError, "encode() argument 'encoding' must be str, not %t", v);
    return -1;
  }
  for (i = 0; i < AS_STR(v)->len && n < sizeof name - 1; i++) {
    char c = AS_STR(v)->chars[i];
    if (c == '-' || c == '_' || c == ' ') continue;
    name[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  name[n] = '\0';
  if (i == AS_STR(v)->len) {
    if (strcmp(name, "utf8") == 0) return 0;
    if (strcmp(name, "ascii") == 0 || strcmp(name, "usascii") == 0) return 1;
    if (strcmp(name, "latin1") == 0 || strcmp(name, "latin") == 0 || strcmp(name, "iso88591") == 0 ||
        strcmp(name, "l1") == 0) return 2;
  }
  vm_raise_fmt(vm, &exc_LookupError, "unknown encoding: %s", AS_STR(v)->chars);
  return -1;
}

/* 0 strict, 1 ignore, 2 replace, 3 unknown (an error only once a character fails, as CPython's
 * lookup), -1 not a str */
static int errors_of(VM *vm, Value v) {
  if (v == UNBOUND_VAL) return 0;
  if (IS_STR(v)) {
    if (strcmp(AS_STR(v)->chars, "strict") == 0) return 0;
    if (strcmp(AS_STR(v)->chars, "ignore") == 0) return 1;
    if (strcmp(AS_STR(v)->chars, "replace") == 0) return 2;
    return 3;
  }
  vm_raise_fmt(vm, &exc_TypeError, "decode() argument 'errors' must be str, not %t", v);
  return -1;
}

static Value unknown_handler(VM *vm, Value v) {
  return vm_raise_fmt(vm, &exc_LookupError, "unknown error handler name '%s'", AS_STR(v)->chars);
}

/* Length of the valid UTF-8 sequence at d[i], or 0 with *why set (CPython's reasons). */
static uint32_t utf8_seq(const uint8_t *d, uint32_t len, uint32_t i, const char **why, uint32_t *bad) {
  uint8_t c = d[i];
  uint32_t n, k;
  uint8_t lo = 0x80, hi = 0xBF;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
  else { *why = "invalid start byte"; *bad = 1; return 0; }
  for (k = 1; k < n; k++) {
    if (i + k >= len) { *why = "unexpected end of data"; *bad = k; return 0; }
    if (d[i + k] < (k == 1 ? lo : 0x80) || d[i + k] > (k == 1 ? hi : 0xBF)) { *why = "invalid continuation byte"; *bad = k; return 0; }
  }
  return n;
}

static const char hexdig[] = "0123456789abcdef";

static Value m_decode(VM *vm, int argc, Value *args) {
  int codec = codec_of(vm, arg_at(argc, args, 1, 0)), errors;
  ObjBytes *b = SELF(args);
  uint32_t i = 0;
  if (codec < 0) return EXC_VAL;
  errors = errors_of(vm, arg_at(argc, args, 2, 1));
  if (errors < 0) return EXC_VAL;
  if (codec == 0 && str_utf8_valid(b->data, b->len, NULL)) return str_new(vm, (const char *)b->data, b->len);
  vm_sb_reset(vm);
  while (i < b->len) {
    uint8_t c = b->data[i];
    const char *why = "ordinal not in range(128)";
    uint32_t n = 1, bad = 1;
    if (codec == 2 || c < 0x80) {
      char u[2];
      if (c < 0x80) vm_sb_add(vm, (const char *)&c, 1);
      else { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); vm_sb_add(vm, u, 2); }
      i++;
      continue;
    }
    if (codec == 0) n = utf8_seq(b->data, b->len, i, &why, &bad);
    if (codec == 0 && n > 0) { vm_sb_add(vm, (const char *)b->data + i, n); i += n; continue; }
    if (errors == 3) return unknown_handler(vm, arg_at(argc, args, 2, 1));
    if (errors == 0) {
      char e[3] = {hexdig[c >> 4], hexdig[c & 15], 0};
      if (bad > 1)
        return vm_raise_fmt(vm, &exc_UnicodeDecodeError, "'utf-8' codec can't decode bytes in position %d-%d: %s",
                            (int)i, (int)(i + bad - 1), why);
      return vm_raise_fmt(vm, &exc_UnicodeDecodeError, "'%s' codec can't decode byte 0x%s in position %d: %s",
                          codec == 0 ? "utf-8" : "ascii", e, (int)i, why);
    }
    if (errors == 2) vm_sb_add(vm, "\xEF\xBF\xBD", 3);   /* U+FFFD */
    i += bad;
  }
  return vm_sb_to_str(vm);
}

/* str.encode(encoding='utf-8', errors='strict'), called from str.c. */
Value bytes_encode_str(VM *vm, Value s, Value encoding, Value errorsv) {
  ObjStr *str = AS_STR(s);
  int codec = codec_of(vm, encoding), errors;
  uint32_t i = 0, pos = 0;
  if (codec < 0) return EXC_VAL;
  errors = errors_of(vm, errorsv);
  if (errors < 0) return EXC_VAL;
  if (codec == 0 || str->nchars == str->len) return bytes_new(vm, &bytes_type, (const uint8_t *)str->chars, str->len);
  vm_sb_reset(vm);
  while (i < str->len) {
    const uint8_t *p = (const uint8_t *)str->chars + i;
    uint32_t cp, n;
    if (p[0] < 0x80) { cp = p[0]; n = 1; }
    else if (p[0] < 0xE0) { cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu); n = 2; }
    else if (p[0] < 0xF0) { cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu); n = 3; }
    else { cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu); n = 4; }
    if (cp < (codec == 1 ? 0x80u : 0x100u)) { uint8_t c = (uint8_t)cp; vm_sb_add(vm, (const char *)&c, 1); }
    else if (errors == 2) vm_sb_add(vm, "?", 1);
    else if (errors == 3) return unknown_handler(vm, errorsv);
    else if (errors == 0) {
      char e[11];
      int k, digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
      e[0] = '\\';
      e[1] = cp < 0x100 ? 'x' : cp < 0x10000 ? 'u' : 'U';
      for (k = 0; k < digits; k++) e[2 + k] = hexdig[(cp >> (4 * (digits - 1 - k))) & 15];
      e[2 + digits] = '\0';
      return vm_raise_fmt(vm, &exc_UnicodeEncodeError, "'%s' codec can't encode character '%s' in position %d: ordinal not in range(%d)",
                          codec == 1 ? "ascii" : "latin-1", e, (int)pos, codec == 1 ? 128 : 256);
    }
    i += n;
    pos++;
  }
  return sb_to_bytes(vm, &bytes_type);
}

/* ---- bytearray only --------------------------------------------------------------------- */

static Value m_append(VM *vm, int argc, Value *args) {
  uint8_t c;
  (void)argc;
  if (!byte_value(vm, args[1], &c)) return EXC_VAL;
  return push_byte(vm, SELF(args), c) ? NONE_VAL : EXC_VAL;
}

/* The bytes an assignment or extend() takes: bytes-like or an iterable of ints (not int, not str). */
static Value source_bytes(VM *vm, Value v, bool slice) {
  if (IS_INTLIKE(v) || IS_STR(v)) {
    if (slice)
      return vm_raise_fmt(vm, &exc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    if (IS_STR(v)) return vm_raise(vm, &exc_TypeError, "'str' object cannot be interpreted as an integer");
    return vm_raise_fmt(vm, &exc_TypeError, "can't extend bytearray with %t", v);
  }
  return bytes_make(vm, &bytes_type, 1, &v);
}

static Value m_extend(VM *vm, int argc, Value *args) {
  Value add = source_bytes(vm, args[1], false);
  uint32_t n;
  ObjBytes *b = SELF(args);
  (void)argc;
  if (add == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, add);
  n = AS_BYTES(add)->len;
  if (!reserve(vm, b, b->len + n)) { vm_pop_root(vm); return EXC_VAL; }
  if (n) memcpy(b->data + b->len, AS_BYTES(add)->data, n);
  b->len += n;
  vm_pop_root(vm);
  return NONE_VAL;
}

static Value m_insert(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  vint k;
  uint8_t c;
  (void)argc;
  if (!need_int(vm, args[1], &k) || !byte_value(vm, args[2], &c)) return EXC_VAL;
  if (k < 0) { k += (vint)b->len; if (k < 0) k = 0; }
  if (k > (vint)b->len) k = (vint)b->len;
  if (!reserve(vm, b, b->len + 1)) return EXC_VAL;
  memmove(b->data + k + 1, b->data + k, b->len - (uint32_t)k);
  b->data[k] = c;
  b->len++;
  return NONE_VAL;
}

static Value m_pop(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  uint32_t k;
  uint8_t c;
  if (b->len == 0) return vm_raise(vm, &exc_IndexError, "pop from empty bytearray");
  if (argc > 1) {
    if (!seq_index(vm, args[1], b->len, "pop", &k)) return EXC_VAL;
  } else k = b->len - 1;
  c = b->data[k];
  memmove(b->data + k, b->data + k + 1, b->len - k - 1);
  b->len--;
  return INT_VAL(c);
}

static Value m_remove(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  uint8_t c;
  uint8_t *at;
  (void)argc;
  if (!byte_value(vm, args[1], &c)) return EXC_VAL;
  at = b->len ? (uint8_t *)memchr(b->data, c, b->len) : NULL;
  if (at == NULL) return vm_raise(vm, &exc_ValueError, "value not found in bytearray");
  memmove(at, at + 1, b->len - (uint32_t)(at - b->data) - 1);
  b->len--;
  return NONE_VAL;
}

static Value m_clear(VM *vm, int argc, Value *args) { (void)vm; (void)argc; SELF(args)->len = 0; return NONE_VAL; }

static Value m_reverse(VM *vm, int argc, Value *args) {
  ObjBytes *b = SELF(args);
  uint32_t i;
  (void)vm; (void)argc;
  for (i = 0; i < b->len / 2; i++) {
    uint8_t t = b->data[i];
    b->data[i] = b->data[b->len - 1 - i];
    b->data[b->len - 1 - i] = t;
  }
  return NONE_VAL;
}

static Value m_copy(VM *vm, int argc, Value *args) {
  (void)argc;
  return bytes_new(vm, SELF_TYPE(args), SELF(args)->data, SELF(args)->len);
}

/* ba[key] = val, and del ba[key] when val is UNBOUND_VAL: an index or any slice. */
Value bytes_setitem(VM *vm, Value obj, Value key, Value val) {
  ObjBytes *b = AS_BYTES(obj);
  uint32_t k;
  uint8_t c;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)b->len, &start, &stop, &step), i, m;
    Value src = UNBOUND_VAL;
    if (n < 0) return EXC_VAL;
    if (val != UNBOUND_VAL) {
      src = source_bytes(vm, val, true);   /* a copy, so ba[1:] = ba works */
      if (src == EXC_VAL) return EXC_VAL;
    }
    m = src == UNBOUND_VAL ? 0 : (vint)AS_BYTES(src)->len;
    if (step != 1 && src != UNBOUND_VAL) {
      if (m != n)
        return vm_raise_fmt(vm, &exc_ValueError, "attempt to assign bytes of size %d to extended slice of size %d", (int)m, (int)n);
      for (i = 0; i < n; i++) b->data[start + i * step] = AS_BYTES(src)->data[i];
      return NONE_VAL;
    }
    if (step != 1) {   /* del ba[a:b:c] */
      vint w = 0;
      if (step < 0) { start = start + (n - 1) * step; step = -step; }
      for (i = 0; i < (vint)b->len; i++) {
        bool gone = n > 0 && i >= start && (i - start) % step == 0 && (i - start) / step < n;
        if (!gone) b->data[w++] = b->data[i];
      }
      b->len = (uint32_t)w;
      return NONE_VAL;
    }
    if (stop < start) stop = start;
    {
      vint old = stop - start, tail = (vint)b->len - stop;
      if (m > old) {
        vm_push_root(vm, src);
        if (!reserve(vm, b, (uint32_t)(b->len + (m - old)))) { vm_pop_root(vm); return EXC_VAL; }
        vm_pop_root(vm);
      }
      if (tail > 0) memmove(b->data + start + m, b->data + stop, (size_t)tail);
      if (m > 0) memcpy(b->data + start, AS_BYTES(src)->data, (size_t)m);
      b->len = (uint32_t)(start + m + tail);
    }
    return NONE_VAL;
  }
  if (!seq_index(vm, key, b->len, "bytearray", &k)) return EXC_VAL;
  if (val == UNBOUND_VAL) {
    memmove(b->data + k, b->data + k + 1, b->len - k - 1);
    b->len--;
    return NONE_VAL;
  }
  if (!byte_value(vm, val, &c)) return EXC_VAL;
  b->data[k] = c;
  return NONE_VAL;
}

/* bytes.fromhex(s) / bytearray.fromhex(s): args[0] is the type. */
static Value m_fromhex(VM *vm, int argc, Value *args) {
  const Type *type = (const Type *)AS_OBJ(args[0]);
  ObjStr *s;
  uint32_t i = 0;
  (void)argc;
  if (!IS_STR(args[1])) return vm_raise_fmt(vm, &exc_TypeError, "fromhex() argument must be str, not %t", args[1]);
  s = AS_STR(args[1]);
  vm_sb_reset(vm);
  while (i < s->len) {
    int hi, lo;
    char c = s->chars[i];
    uint8_t byte;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { i++; continue; }
    hi = (c >= '0' && c <= '9') ? c - '0' : ((c | 32) >= 'a' && (c | 32) <= 'f') ? (c | 32) - 'a' + 10 : -1;
    lo = -1;
    if (i + 1 < s->len) {
      char d = s->chars[i + 1];
      lo = (d >= '0' && d <= '9') ? d - '0' : ((d | 32) >= 'a' && (d | 32) <= 'f') ? (d | 32) - 'a' + 10 : -1;
    }
    if (hi < 0 || lo < 0)
      return vm_raise_fmt(vm, &exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %d",
                          (int)(hi < 0 ? i : i + 1));
    byte = (uint8_t)(hi * 16 + lo);
    vm_sb_add(vm, (const char *)&byte, 1);
    i += 2;
  }
  return sb_to_bytes(vm, type);
}

const MethodDef bytes_class_methods[] = {
  {"fromhex", m_fromhex, 1, 1, NULL},
  {"maketrans", m_maketrans, 2, 2, NULL},
  {NULL, NULL, 0, 0, NULL},
};

#define COMMON_METHODS \
  {"decode", m_decode, 0, 2, "encoding errors"}, \
  {"hex", m_hex, 0, 2, "sep bytes_per_sep"}, \
  {"count", m_count, 1, 3, NULL}, \
  {"find", m_find, 1, 3, NULL}, \
  {"rfind", m_rfind, 1, 3, NULL}, \
  {"index", m_index, 1, 3, NULL}, \
  {"rindex", m_rindex, 1, 3, NULL}, \
  {"startswith", m_startswith, 1, 3, NULL}, \
  {"endswith", m_endswith, 1, 3, NULL}, \
  {"strip", m_strip, 0, 1, NULL}, \
  {"lstrip", m_lstrip, 0, 1, NULL}, \
  {"rstrip", m_rstrip, 0, 1, NULL}, \
  {"upper", m_upper, 0, 0, NULL}, \
  {"lower", m_lower, 0, 0, NULL}, \
  {"swapcase", m_swapcase, 0, 0, NULL}, \
  {"title", m_title, 0, 0, NULL}, \
  {"capitalize", m_capitalize, 0, 0, NULL}, \
  {"isdigit", m_isdigit, 0, 0, NULL}, \
  {"isalpha", m_isalpha, 0, 0, NULL}, \
  {"isalnum", m_isalnum, 0, 0, NULL}, \
  {"isspace", m_isspace, 0, 0, NULL}, \
  {"isupper", m_isupper, 0, 0, NULL}, \
  {"islower", m_islower, 0, 0, NULL}, \
  {"isascii", m_isascii, 0, 0, NULL}, \
  {"istitle", m_istitle, 0, 0, NULL}, \
  {"split", m_split, 0, 2, "sep maxsplit"}, \
  {"rsplit", m_rsplit, 0, 2, "sep maxsplit"}, \
  {"splitlines", m_splitlines, 0, 1, "keepends"}, \
  {"partition", m_partition, 1, 1, NULL}, \
  {"rpartition", m_rpartition, 1, 1, NULL}, \
  {"join", m_join, 1, 1, NULL}, \
  {"replace", m_replace, 2, 3, NULL}, \
  {"ljust", m_ljust, 1, 2, NULL}, \
  {"rjust", m_rjust, 1, 2, NULL}, \
  {"center", m_center, 1, 2, NULL}, \
  {"zfill", m_zfill, 1, 1, NULL}, \
  {"expandtabs", m_expandtabs, 0, 1, "tabsize"}, \
  {"removeprefix", m_removeprefix, 1, 1, NULL}, \
  {"removesuffix", m_removesuffix, 1, 1, NULL}, \
  {"translate", m_translate, 1, 2, "delete"}, \
  {"maketrans", m_maketrans, 2, 2, NULL},

static const MethodDef bytes_methods[] = {
  COMMON_METHODS
  {NULL, NULL, 0, 0, NULL},
};

static const MethodDef bytearray_methods[] = {
  COMMON_METHODS
  {"append", m_append, 1, 1, NULL},
  {"extend", m_extend, 1, 1, NULL},
  {"insert", m_insert, 2, 2, NULL},
  {"pop", m_pop, 0, 1, NULL},
  {"remove", m_remove, 1, 1, NULL},
  {"clear", m_clear, 0, 0, NULL},
  {"reverse", m_reverse, 0, 0, NULL},
  {"copy", m_copy, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static Value bytes_length(VM *vm, Value v) { (void)vm; return INT_VAL(AS_BYTES(v)->len); }
static bool bytes_hash(VM *vm, Value v, int64_t *out) {
  (void)vm;
  *out = str_hash_bytes((const char *)AS_BYTES(v)->data, AS_BYTES(v)->len);
  return true;
}
static Value bytes_getiter(VM *vm, Value v) { return iter_new(vm, &bytes_iter_type, v, 0, 0, 1); }
static Value bytes_iternext(VM *vm, Value it) { return bytes_iter_next(vm, AS_ITER(it)); }

static void bytes_print(VM *vm, Value v, bool repr) { (void)repr; bytes_write_repr(vm, v); }

const Type bytes_type = {{&type_type}, "bytes", NULL, bytes_trace, bytes_methods,
    .print = bytes_print, .hash = bytes_hash, .len = bytes_length, .getitem = bytes_getitem, .getiter = bytes_getiter, .contains = bytes_contains};
const Type bytearray_type = {{&type_type}, "bytearray", NULL, bytes_trace, bytearray_methods,
    .print = bytes_print, .hash = value_unhashable, .len = bytes_length, .getitem = bytes_getitem, .setitem = bytes_setitem, .getiter = bytes_getiter, .contains = bytes_contains};

const Type bytes_iter_type = {{&type_type}, "bytes_iterator", NULL, iter_trace, NULL,
    .getiter = iter_self, .iternext = bytes_iternext};
#endif   /* VIPER_HAS_BYTES */
