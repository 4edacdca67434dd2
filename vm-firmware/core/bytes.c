/* bytes (immutable) and bytearray (mutable): one layout, a length and a raw data block. */
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

static void bytes_trace(VM *vm, Obj *obj) { gc_mark_raw(vm, ((ObjBytes *)obj)->data); }

const Type exc_UnicodeError = {{&type_type}, "UnicodeError", &exc_ValueError, exception_trace, NULL};
const Type exc_UnicodeDecodeError = {{&type_type}, "UnicodeDecodeError", &exc_UnicodeError, exception_trace, NULL};

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
  if (IS_INTLIKE(src)) {
    if (AS_INTLIKE(src) < 0) return vm_raise(vm, &exc_ValueError, "negative count");
    r = bytes_new(vm, type, NULL, (uint32_t)AS_INTLIKE(src));
    if (r != EXC_VAL && AS_BYTES(r)->len) memset(AS_BYTES(r)->data, 0, AS_BYTES(r)->len);
    return r;
  }
  if (IS_BYTESLIKE(src)) return bytes_new(vm, type, AS_BYTES(src)->data, AS_BYTES(src)->len);
  r = bytes_new(vm, type, NULL, 0);
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  it = value_iter(vm, src);
  if (it == EXC_VAL) {
    vm->exc = NONE_VAL;
    vm_pop_root(vm);
    return vm_raise_fmt(vm, &exc_TypeError, "cannot convert '%t' object to %s", src, type->name);
  }
  vm_push_root(vm, it);
  for (;;) {
    uint8_t c;
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !byte_value_msg(vm, v, &c, "bytes must be in range(0, 256)") || !push_byte(vm, AS_BYTES(r), c)) {
      vm->nroots -= 2;
      return EXC_VAL;
    }
  }
  vm->nroots -= 2;
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

Value bytes_setitem(VM *vm, Value obj, Value key, Value val) {
  ObjBytes *b = AS_BYTES(obj);
  uint32_t k;
  uint8_t c;
  if (!seq_index(vm, key, b->len, "bytearray", &k)) return EXC_VAL;
  if (!byte_value(vm, val, &c)) return EXC_VAL;
  b->data[k] = c;
  return NONE_VAL;
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
  if (IS_BYTESLIKE(v)) { *p = AS_BYTES(v)->data; *n = AS_BYTES(v)->len; return true; }
  if (IS_INTLIKE(v)) {
    if (!byte_value(vm, v, one)) return false;
    *p = one;
    *n = 1;
    return true;
  }
  vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", v);
  return false;
}

Value bytes_contains(VM *vm, Value c, Value item) {
  const uint8_t *p;
  uint32_t n;
  uint8_t one;
  if (!needle_of(vm, item, &p, &n, &one)) return EXC_VAL;
  return BOOL_VAL(find_in(AS_BYTES(c), p, n, 0) >= 0);
}

/* a + b, a * n; UNBOUND_VAL when not for bytes. */
Value bytes_binary(VM *vm, int op, Value a, Value b) {
  int base = op & ~BINOP_INPLACE;
  if (base == BINOP_ADD && IS_BYTESLIKE(a) && IS_BYTESLIKE(b)) {
    ObjBytes *x = AS_BYTES(a), *y = AS_BYTES(b);
    Value r;
    if ((op & BINOP_INPLACE) && IS_TYPE(a, &bytearray_type)) {
      uint32_t yl = y->len;
      if (!reserve(vm, x, x->len + yl)) return EXC_VAL;
      memmove(x->data + x->len, AS_BYTES(b)->data, yl);
      x->len += yl;
      return a;
    }
    r = bytes_new(vm, OBJ_TYPE(a), NULL, x->len + y->len);
    if (r == EXC_VAL) return EXC_VAL;
    x = AS_BYTES(a);
    y = AS_BYTES(b);
    if (x->len) memcpy(AS_BYTES(r)->data, x->data, x->len);
    if (y->len) memcpy(AS_BYTES(r)->data + x->len, y->data, y->len);
    return r;
  }
  if (base == BINOP_ADD && IS_BYTESLIKE(a))
    return vm_raise_fmt(vm, &exc_TypeError, "can't concat %t to %t", b, a);
  if (base == BINOP_MUL) {
    Value seq = IS_BYTESLIKE(a) ? a : b, n = IS_BYTESLIKE(a) ? b : a, r;
    vint k, i;
    uint32_t len;
    if (!IS_BYTESLIKE(seq) || !IS_INTLIKE(n)) return UNBOUND_VAL;
    k = AS_INTLIKE(n);
    if (k < 0) k = 0;
    len = AS_BYTES(seq)->len;
    if ((uint64_t)k * len > 0x0FFFFFFFu) return vm_raise(vm, &exc_MemoryError, NULL);
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

static Value m_decode(VM *vm, int argc, Value *args) {
  ObjBytes *b = AS_BYTES(args[0]);
  uint32_t n;
  (void)argc;
  if (!str_utf8_valid(b->data, b->len, &n)) {
    uint32_t i = 0;
    while (i < b->len && b->data[i] < 0x80) i++;
    return vm_raise_fmt(vm, &exc_UnicodeDecodeError, "'utf-8' codec can't decode byte 0x%s in position %d: invalid start byte",
                        (char[3]){"0123456789abcdef"[b->data[i] >> 4], "0123456789abcdef"[b->data[i] & 15], 0}, (int)i);
  }
  return str_new(vm, (const char *)b->data, b->len);
}

static Value m_hex(VM *vm, int argc, Value *args) {
  ObjBytes *b = AS_BYTES(args[0]);
  uint32_t i;
  static const char hx[] = "0123456789abcdef";
  (void)argc;
  vm_sb_reset(vm);
  for (i = 0; i < b->len; i++) {
    char e[2];
    e[0] = hx[b->data[i] >> 4];
    e[1] = hx[b->data[i] & 15];
    vm_sb_add(vm, e, 2);
  }
  return vm_sb_to_str(vm);
}

static Value m_count(VM *vm, int argc, Value *args) {
  const uint8_t *p;
  uint32_t n, from = 0;
  uint8_t one;
  vint c = 0;
  long at;
  (void)argc;
  if (!needle_of(vm, args[1], &p, &n, &one)) return EXC_VAL;
  if (n == 0) return INT_VAL((vint)AS_BYTES(args[0])->len + 1);
  while ((at = find_in(AS_BYTES(args[0]), p, n, from)) >= 0) { c++; from = (uint32_t)at + n; }
  return INT_VAL(c);
}

static Value find_impl(VM *vm, Value *args, bool raise) {
  const uint8_t *p;
  uint32_t n;
  uint8_t one;
  long at;
  if (!needle_of(vm, args[1], &p, &n, &one)) return EXC_VAL;
  at = find_in(AS_BYTES(args[0]), p, n, 0);
  if (at < 0 && raise) return vm_raise(vm, &exc_ValueError, "subsection not found");
  return INT_VAL(at);
}

static Value m_find(VM *vm, int argc, Value *args) { (void)argc; return find_impl(vm, args, false); }
static Value m_index(VM *vm, int argc, Value *args) { (void)argc; return find_impl(vm, args, true); }

static Value affix(VM *vm, Value *args, bool end) {
  ObjBytes *b = AS_BYTES(args[0]);
  const uint8_t *p;
  uint32_t n;
  uint8_t one;
  if (IS_INTLIKE(args[1]) || !needle_of(vm, args[1], &p, &n, &one)) {
    if (IS_INTLIKE(args[1]))
      vm_raise_fmt(vm, &exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not int", end ? "endswith" : "startswith");
    return EXC_VAL;
  }
  if (n > b->len) return FALSE_VAL;
  return BOOL_VAL(memcmp(b->data + (end ? b->len - n : 0), p, n) == 0);
}

static Value m_startswith(VM *vm, int argc, Value *args) { (void)argc; return affix(vm, args, false); }
static Value m_endswith(VM *vm, int argc, Value *args) { (void)argc; return affix(vm, args, true); }

static bool is_ws(uint8_t c) { return c == ' ' || (c >= 9 && c <= 13); }

static Value strip_impl(VM *vm, int argc, Value *args, int which) {
  ObjBytes *b = AS_BYTES(args[0]);
  uint32_t a = 0, e = b->len;
  const uint8_t *chars = NULL;
  uint32_t nchars = 0;
  uint8_t one;
  if (argc > 1 && !IS_NONE(args[1]) && !needle_of(vm, args[1], &chars, &nchars, &one)) return EXC_VAL;
  if (which & 1) while (a < e && (chars ? memchr(chars, b->data[a], nchars) != NULL : is_ws(b->data[a]))) a++;
  if (which & 2) while (e > a && (chars ? memchr(chars, b->data[e - 1], nchars) != NULL : is_ws(b->data[e - 1]))) e--;
  return bytes_new(vm, OBJ_TYPE(args[0]), b->data + a, e - a);
}

static Value m_strip(VM *vm, int argc, Value *args) { return strip_impl(vm, argc, args, 3); }
static Value m_lstrip(VM *vm, int argc, Value *args) { return strip_impl(vm, argc, args, 1); }
static Value m_rstrip(VM *vm, int argc, Value *args) { return strip_impl(vm, argc, args, 2); }

static Value case_impl(VM *vm, Value self, bool upper) {
  Value r = bytes_new(vm, OBJ_TYPE(self), AS_BYTES(self)->data, AS_BYTES(self)->len);
  uint32_t i;
  if (r == EXC_VAL) return EXC_VAL;
  for (i = 0; i < AS_BYTES(r)->len; i++) {
    uint8_t c = AS_BYTES(r)->data[i];
    if (upper && c >= 'a' && c <= 'z') AS_BYTES(r)->data[i] = (uint8_t)(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') AS_BYTES(r)->data[i] = (uint8_t)(c + 32);
  }
  return r;
}

static Value m_upper(VM *vm, int argc, Value *args) { (void)argc; return case_impl(vm, args[0], true); }
static Value m_lower(VM *vm, int argc, Value *args) { (void)argc; return case_impl(vm, args[0], false); }

static Value m_split(VM *vm, int argc, Value *args) {
  Value list = list_new(vm, 0), piece;
  uint32_t i = 0;
  const uint8_t *sep = NULL;
  uint32_t nsep = 0;
  uint8_t one;
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  if (argc > 1 && !IS_NONE(args[1])) {
    if (!needle_of(vm, args[1], &sep, &nsep, &one)) goto fail;
    if (nsep == 0) { vm_raise(vm, &exc_ValueError, "empty separator"); goto fail; }
  }
  if (sep == NULL) {
    ObjBytes *b = AS_BYTES(args[0]);
    while (i < b->len) {
      uint32_t s;
      while (i < b->len && is_ws(b->data[i])) i++;
      if (i >= b->len) break;
      s = i;
      while (i < b->len && !is_ws(b->data[i])) i++;
      piece = bytes_new(vm, OBJ_TYPE(args[0]), AS_BYTES(args[0])->data + s, i - s);
      if (piece == EXC_VAL || !list_append(vm, AS_LIST(list), piece)) goto fail;
      b = AS_BYTES(args[0]);
    }
  } else {
    for (;;) {
      long at = find_in(AS_BYTES(args[0]), sep, nsep, i);
      uint32_t e = at < 0 ? AS_BYTES(args[0])->len : (uint32_t)at;
      piece = bytes_new(vm, OBJ_TYPE(args[0]), AS_BYTES(args[0])->data + i, e - i);
      if (piece == EXC_VAL || !list_append(vm, AS_LIST(list), piece)) goto fail;
      if (at < 0) break;
      i = e + nsep;
    }
  }
  vm_pop_root(vm);
  return list;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value m_join(VM *vm, int argc, Value *args) {
  Value parts = value_to_list(vm, args[1]), r;
  uint32_t i, total = 0, at = 0, seplen = AS_BYTES(args[0])->len;
  (void)argc;
  if (parts == EXC_VAL) return EXC_VAL;
  for (i = 0; i < AS_LIST(parts)->len; i++) {
    Value p = AS_LIST(parts)->items[i];
    if (!IS_BYTESLIKE(p))
      return vm_raise_fmt(vm, &exc_TypeError, "sequence item %d: expected a bytes-like object, %t found", (int)i, p);
    total += AS_BYTES(p)->len + (i ? seplen : 0);
  }
  vm_push_root(vm, parts);
  r = bytes_new(vm, OBJ_TYPE(args[0]), NULL, total);
  vm_pop_root(vm);
  if (r == EXC_VAL) return EXC_VAL;
  for (i = 0; i < AS_LIST(parts)->len; i++) {
    ObjBytes *p = AS_BYTES(AS_LIST(parts)->items[i]);
    if (i && seplen) { memcpy(AS_BYTES(r)->data + at, AS_BYTES(args[0])->data, seplen); at += seplen; }
    if (p->len) memcpy(AS_BYTES(r)->data + at, p->data, p->len);
    at += p->len;
  }
  return r;
}

static Value m_replace(VM *vm, int argc, Value *args) {
  const uint8_t *o, *n;
  uint32_t no, nn, i = 0;
  uint8_t one, two;
  Value r;
  (void)argc;
  if (!needle_of(vm, args[1], &o, &no, &one) || !needle_of(vm, args[2], &n, &nn, &two)) return EXC_VAL;
  r = bytes_new(vm, OBJ_TYPE(args[0]), NULL, 0);
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  for (;;) {
    long at = no ? find_in(AS_BYTES(args[0]), o, no, i) : -1;
    uint32_t e = at < 0 ? AS_BYTES(args[0])->len : (uint32_t)at, k;
    for (k = i; k < e; k++) if (!push_byte(vm, AS_BYTES(r), AS_BYTES(args[0])->data[k])) goto fail;
    if (at < 0) break;
    n = IS_BYTESLIKE(args[2]) ? AS_BYTES(args[2])->data : n;
    for (k = 0; k < nn; k++) if (!push_byte(vm, AS_BYTES(r), n[k])) goto fail;
    i = e + no;
  }
  vm_pop_root(vm);
  return r;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

/* bytearray only */
static Value m_append(VM *vm, int argc, Value *args) {
  uint8_t c;
  (void)argc;
  if (!byte_value(vm, args[1], &c)) return EXC_VAL;
  return push_byte(vm, AS_BYTES(args[0]), c) ? NONE_VAL : EXC_VAL;
}

static Value m_extend(VM *vm, int argc, Value *args) {
  Value add = bytes_make(vm, &bytes_type, 1, &args[1]);
  uint32_t i;
  (void)argc;
  if (add == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, add);
  for (i = 0; i < AS_BYTES(add)->len; i++)
    if (!push_byte(vm, AS_BYTES(args[0]), AS_BYTES(add)->data[i])) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return NONE_VAL;
}

static Value m_pop(VM *vm, int argc, Value *args) {
  ObjBytes *b = AS_BYTES(args[0]);
  uint32_t k;
  uint8_t c;
  if (b->len == 0) return vm_raise(vm, &exc_IndexError, "pop from empty bytearray");
  if (argc > 1) { if (!seq_index(vm, args[1], b->len, "pop", &k)) return EXC_VAL; }
  else k = b->len - 1;
  c = b->data[k];
  memmove(b->data + k, b->data + k + 1, b->len - k - 1);
  b->len--;
  return INT_VAL(c);
}

static Value m_clear(VM *vm, int argc, Value *args) { (void)vm; (void)argc; AS_BYTES(args[0])->len = 0; return NONE_VAL; }

static Value m_reverse(VM *vm, int argc, Value *args) {
  ObjBytes *b = AS_BYTES(args[0]);
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
  return bytes_new(vm, OBJ_TYPE(args[0]), AS_BYTES(args[0])->data, AS_BYTES(args[0])->len);
}

/* bytes.fromhex(s) / bytearray.fromhex(s): args[0] is the type. */
static Value m_fromhex(VM *vm, int argc, Value *args) {
  const Type *type = (const Type *)AS_OBJ(args[0]);
  ObjStr *s;
  Value r;
  uint32_t i = 0;
  (void)argc;
  if (!IS_STR(args[1])) return vm_raise_fmt(vm, &exc_TypeError, "fromhex() argument must be str, not %t", args[1]);
  s = AS_STR(args[1]);
  r = bytes_new(vm, type, NULL, 0);
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  while (i < s->len) {
    int hi, lo;
    char c = s->chars[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { i++; continue; }
    hi = (c >= '0' && c <= '9') ? c - '0' : ((c | 32) >= 'a' && (c | 32) <= 'f') ? (c | 32) - 'a' + 10 : -1;
    lo = -1;
    if (i + 1 < s->len) {
      char d = s->chars[i + 1];
      lo = (d >= '0' && d <= '9') ? d - '0' : ((d | 32) >= 'a' && (d | 32) <= 'f') ? (d | 32) - 'a' + 10 : -1;
    }
    if (hi < 0 || lo < 0) {
      vm_pop_root(vm);
      return vm_raise_fmt(vm, &exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %d",
                          (int)(hi < 0 ? i : i + 1));
    }
    if (!push_byte(vm, AS_BYTES(r), (uint8_t)(hi * 16 + lo))) { vm_pop_root(vm); return EXC_VAL; }
    i += 2;
  }
  vm_pop_root(vm);
  return r;
}

const MethodDef bytes_class_methods[] = {
  {"fromhex", m_fromhex, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

#define COMMON_METHODS \
  {"decode", m_decode, 0, 2, NULL}, \
  {"hex", m_hex, 0, 0, NULL}, \
  {"count", m_count, 1, 1, NULL}, \
  {"find", m_find, 1, 1, NULL}, \
  {"index", m_index, 1, 1, NULL}, \
  {"startswith", m_startswith, 1, 1, NULL}, \
  {"endswith", m_endswith, 1, 1, NULL}, \
  {"strip", m_strip, 0, 1, NULL}, \
  {"lstrip", m_lstrip, 0, 1, NULL}, \
  {"rstrip", m_rstrip, 0, 1, NULL}, \
  {"upper", m_upper, 0, 0, NULL}, \
  {"lower", m_lower, 0, 0, NULL}, \
  {"split", m_split, 0, 1, NULL}, \
  {"join", m_join, 1, 1, NULL}, \
  {"replace", m_replace, 2, 2, NULL},

static const MethodDef bytes_methods[] = {
  COMMON_METHODS
  {NULL, NULL, 0, 0, NULL},
};

static const MethodDef bytearray_methods[] = {
  COMMON_METHODS
  {"append", m_append, 1, 1, NULL},
  {"extend", m_extend, 1, 1, NULL},
  {"pop", m_pop, 0, 1, NULL},
  {"clear", m_clear, 0, 0, NULL},
  {"reverse", m_reverse, 0, 0, NULL},
  {"copy", m_copy, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type bytes_type = {{&type_type}, "bytes", NULL, bytes_trace, bytes_methods};
const Type bytearray_type = {{&type_type}, "bytearray", NULL, bytes_trace, bytearray_methods};

const Type bytes_iter_type = {{&type_type}, "bytes_iterator", NULL, iter_trace, NULL};
