/* memoryview over any buffer (bytes, bytearray, array): a window (start, length, step) onto the
 * base object's items, read through the base on every access, so slicing copies nothing and
 * writes through a view of a bytearray or array land in it. Items are read and written in the
 * base's format (array.c's codecs); cast() reinterprets a contiguous view in another format.
 * This file also holds the buffer protocol: buffer_get gives every consumer one byte view. */
#include <string.h>

#include "vm.h"
#if VIPER_HAS_MEMORYVIEW   /* config.h: the level leaves it out (level_stubs.c answers for it) */

typedef struct ObjMemview {
  Obj obj;
  Value base;        /* the bytes, bytearray or array */
  uint32_t start;    /* byte offset of item 0 in the base */
  uint32_t len;      /* items */
  int32_t step;      /* bytes from an item to the next */
  uint8_t itemsize;
  char format;
  bool released;
} ObjMemview;

#define AS_MEMVIEW(v) ((ObjMemview *)AS_OBJ(v))
#define IS_MEMVIEW(v) IS_TYPE(v, &memoryview_type)

static void memview_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjMemview *)obj)->base); }

/* The bytes of a base object (bytes, bytearray or array) now: its block may have moved. */
static uint8_t *base_data(Value base, uint32_t *nbytes) {
  if (IS_TYPE(base, &array_type)) {
    Buffer b;
    array_buffer(base, &b);
    if (nbytes != NULL) *nbytes = b.len * b.itemsize;
    return b.data;
  }
  if (nbytes != NULL) *nbytes = AS_BYTES(base)->len;
  return AS_BYTES(base)->data;
}

/* False + ValueError once released; a base that shrank under the view clamps it. */
static bool usable(VM *vm, ObjMemview *m) {
  uint32_t have;
  if (m->released) {
    vm_raise(vm, &exc_ValueError, "operation forbidden on released memoryview object");
    return false;
  }
  base_data(m->base, &have);
  while (m->len > 0 && (int64_t)m->start + (int64_t)(m->len - 1) * m->step + m->itemsize > (int64_t)have) m->len--;
  return true;
}

static uint8_t *item(ObjMemview *m, uint32_t k) { return base_data(m->base, NULL) + m->start + (int64_t)k * m->step; }

static bool writable(Value base) { return !IS_TYPE(base, &bytes_type); }

bool buffer_get(VM *vm, Value v, Buffer *b) {
  if (IS_INSTANCE(v) && class_builtin_value(v) != UNBOUND_VAL) v = class_builtin_value(v);   /* a subclass's value */
  if (bytes_buffer(v, b)) return true;
  if (IS_TYPE(v, &array_type)) return array_buffer(v, b);
  if (IS_MEMVIEW(v)) {
    ObjMemview *m = AS_MEMVIEW(v);
    if (m->released || !usable(vm, m)) return false;
    b->data = item(m, 0);
    b->len = m->len;
    b->stride = m->step;
    b->itemsize = m->itemsize;
    b->format = m->format;
    b->writable = writable(m->base);
    return true;
  }
  return false;
}

void buffer_copy(const Buffer *b, uint8_t *dst) {
  uint32_t k;
  if (b->stride == (int32_t)b->itemsize) { if (b->len) memcpy(dst, b->data, (size_t)b->len * b->itemsize); return; }
  for (k = 0; k < b->len; k++) memcpy(dst + (size_t)k * b->itemsize, b->data + (int64_t)k * b->stride, b->itemsize);
}

static Value view_new(VM *vm, Value base, uint32_t start, uint32_t len, int32_t step, uint8_t itemsize, char format) {
  ObjMemview *m;
  vm_push_root(vm, base);
  m = (ObjMemview *)obj_alloc(vm, &memoryview_type, sizeof(ObjMemview));
  vm_pop_root(vm);
  if (m == NULL) return EXC_VAL;
  m->base = base;
  m->start = start;
  m->len = len;
  m->step = step;
  m->itemsize = itemsize;
  m->format = format;
  m->released = false;
  return OBJ_VAL(m);
}

Value memview_make(VM *vm, int argc, Value *args) {
  Buffer b;
  if (argc != 1) return vm_raise_fmt(vm, &exc_TypeError, "memoryview() takes exactly one argument (%d given)", argc);
  if (IS_MEMVIEW(args[0])) {
    ObjMemview *m = AS_MEMVIEW(args[0]);
    if (!usable(vm, m)) return EXC_VAL;
    return view_new(vm, m->base, m->start, m->len, m->step, m->itemsize, m->format);
  }
  if (!buffer_get(vm, args[0], &b))
    return vm_raise_fmt(vm, &exc_TypeError, "memoryview: a bytes-like object is required, not '%t'", args[0]);
  return view_new(vm, args[0], 0, b.len, b.stride, b.itemsize, b.format);
}

Value memview_len(VM *vm, Value v) {
  if (!usable(vm, AS_MEMVIEW(v))) return EXC_VAL;
  return INT_VAL(AS_MEMVIEW(v)->len);
}

/* A new bytes holding the view's items (bytes(m), m.tobytes(), comparisons, assignment). */
Value memview_tobytes(VM *vm, Value v, const Type *type) {
  Buffer b;
  Value r;
  if (!usable(vm, AS_MEMVIEW(v))) return EXC_VAL;
  buffer_get(vm, v, &b);
  r = bytes_new(vm, type, NULL, b.len * b.itemsize);
  if (r == EXC_VAL) return EXC_VAL;
  buffer_get(vm, v, &b);
  buffer_copy(&b, AS_BYTES(r)->data);
  return r;
}

Value memview_getitem(VM *vm, Value v, Value key) {
  ObjMemview *m = AS_MEMVIEW(v);
  uint32_t k;
  if (!usable(vm, m)) return EXC_VAL;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)m->len, &start, &stop, &step);
    if (n < 0) return EXC_VAL;
    return view_new(vm, m->base, m->start + (uint32_t)(start * m->step), (uint32_t)n, (int32_t)(step * m->step),
                    m->itemsize, m->format);
  }
  if (!seq_index(vm, key, m->len, "memoryview", &k)) return EXC_VAL;
  return buffer_item_get(vm, m->format, item(m, k));
}

static Value format_error(VM *vm, const Type *type, const char *what, char format) {
  char f[2];
  f[0] = format;
  f[1] = 0;
  return vm_raise_fmt(vm, type, "memoryview: invalid %s for format '%s'", what, f);
}

Value memview_setitem(VM *vm, Value v, Value key, Value val) {
  ObjMemview *m = AS_MEMVIEW(v);
  uint32_t k;
  int err;
  if (!usable(vm, m)) return EXC_VAL;
  if (!writable(m->base)) return vm_raise(vm, &exc_TypeError, "cannot modify read-only memory");
  if (val == UNBOUND_VAL) return vm_raise(vm, &exc_TypeError, "cannot delete memory");
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)m->len, &start, &stop, &step), i;
    Buffer src;
    uint8_t *tmp;
    if (n < 0) return EXC_VAL;
    if (!buffer_get(vm, val, &src))
      return vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", val);
    if ((vint)src.len != n || src.format != m->format || src.itemsize != m->itemsize)
      return vm_raise(vm, &exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
    tmp = (uint8_t *)raw_alloc(vm, (size_t)n * m->itemsize + 1);   /* a copy first: mv[1:] = mv[:-1] */
    if (tmp == NULL) return EXC_VAL;
    buffer_get(vm, val, &src);
    buffer_copy(&src, tmp);
    for (i = 0; i < n; i++) memcpy(item(m, (uint32_t)(start + i * step)), tmp + i * m->itemsize, m->itemsize);
    mem_free(vm, tmp);
    return NONE_VAL;
  }
  if (!seq_index(vm, key, m->len, "memoryview", &k)) return EXC_VAL;
  err = buffer_item_set(vm, m->format, item(m, k), val);
  if (err == BUF_TYPE) return format_error(vm, &exc_TypeError, "type", m->format);
  if (err != BUF_OK) return format_error(vm, &exc_ValueError, "value", m->format);
  return NONE_VAL;
}

static Value m_tolist(VM *vm, int argc, Value *args) {
  ObjMemview *m = AS_MEMVIEW(args[0]);
  Value l;
  uint32_t k;
  (void)argc;
  if (!usable(vm, m)) return EXC_VAL;
  l = list_new(vm, m->len);
  if (l == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, l);
  for (k = 0; k < m->len; k++) {
    Value x = buffer_item_get(vm, m->format, item(m, k));
    if (x == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    AS_LIST(l)->items[k] = x;
  }
  vm_pop_root(vm);
  return l;
}

/* iter(m): over a snapshot list (a view is short-lived; this keeps the VM's iterator set small). */
Value memview_iter(VM *vm, Value v) {
  Value l = m_tolist(vm, 1, &v);
  if (l == EXC_VAL) return EXC_VAL;
  return iter_new(vm, &list_iter_type, l, 0, 0, 1);
}

/* m == other: any buffer, item by item in each one's format (CPython's rule). */
bool memview_equal(VM *vm, Value a, Value b) {
  Buffer x, y;
  uint32_t k;
  if (!buffer_get(vm, a, &x) || !buffer_get(vm, b, &y)) { vm->exc = NONE_VAL; return a == b; }
  if (x.len != y.len) return false;
  for (k = 0; k < x.len; k++) {
    Value p, q;
    bool eq;
    buffer_get(vm, a, &x);   /* a value below may have allocated */
    buffer_get(vm, b, &y);
    if (x.format == y.format && x.format != 'f' && x.format != 'd') {
      if (memcmp(x.data + (int64_t)k * x.stride, y.data + (int64_t)k * y.stride, x.itemsize) != 0) return false;
      continue;
    }
    p = buffer_item_get(vm, x.format, x.data + (int64_t)k * x.stride);
    if (p == EXC_VAL) { vm->exc = NONE_VAL; return false; }
    vm_push_root(vm, p);
    buffer_get(vm, b, &y);
    q = buffer_item_get(vm, y.format, y.data + (int64_t)k * y.stride);
    eq = q != EXC_VAL && value_equal(vm, p, q);
    if (q == EXC_VAL) vm->exc = NONE_VAL;
    vm_pop_root(vm);
    if (!eq) return false;
  }
  return true;
}

/* m.cast(format): a contiguous view's bytes read in another format (one of them bytes). */
static Value m_cast(VM *vm, int argc, Value *args) {
  ObjMemview *m = AS_MEMVIEW(args[0]);
  uint8_t size;
  char f;
  uint32_t nbytes;
  (void)argc;
  if (!usable(vm, m)) return EXC_VAL;
  if (!IS_STR(args[1])) return vm_raise_fmt(vm, &exc_TypeError, "memoryview.cast(): argument 'format' must be str, not %t", args[1]);
  f = AS_STR(args[1])->chars[0];
  size = AS_STR(args[1])->len == 1 && f != 'u' ? buffer_itemsize(f) : 0;
  if (size == 0)
    return vm_raise(vm, &exc_ValueError, "memoryview: destination format must be a native single character format prefixed with an optional '@'");
  if (m->step != (int32_t)m->itemsize) return vm_raise(vm, &exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
  if (size != 1 && m->itemsize != 1) return vm_raise(vm, &exc_TypeError, "memoryview: cannot cast between two non-byte formats");
  nbytes = m->len * m->itemsize;
  if (nbytes % size) return vm_raise(vm, &exc_TypeError, "memoryview: length is not a multiple of itemsize");
  return view_new(vm, m->base, m->start, nbytes / size, size, size, f);
}

/* m.itemsize, m.format, m.nbytes, m.readonly, m.ndim, m.shape, m.strides, m.obj; an array's
 * typecode and itemsize. UNBOUND_VAL for other names. */
Value buffer_getattr(VM *vm, Value v, ObjStr *name) {
  ObjMemview *m;
  const char *s = name->chars;
  if (IS_TYPE(v, &array_type)) return array_getattr(vm, v, name);
  if (!IS_MEMVIEW(v)) return UNBOUND_VAL;
  m = AS_MEMVIEW(v);
  if (strcmp(s, "obj") == 0) return m->base;
  if (strcmp(s, "itemsize") != 0 && strcmp(s, "format") != 0 && strcmp(s, "nbytes") != 0 && strcmp(s, "readonly") != 0 &&
      strcmp(s, "ndim") != 0 && strcmp(s, "shape") != 0 && strcmp(s, "strides") != 0 && strcmp(s, "contiguous") != 0 &&
      strcmp(s, "c_contiguous") != 0)
    return UNBOUND_VAL;
  if (!usable(vm, m)) return EXC_VAL;
  if (strcmp(s, "itemsize") == 0) return INT_VAL(m->itemsize);
  if (strcmp(s, "format") == 0) return str_new(vm, &m->format, 1);
  if (strcmp(s, "nbytes") == 0) return INT_VAL((vint)m->len * m->itemsize);
  if (strcmp(s, "readonly") == 0) return BOOL_VAL(!writable(m->base));
  if (strcmp(s, "ndim") == 0) return INT_VAL(1);
  if (s[0] == 'c') return BOOL_VAL(m->step == (int32_t)m->itemsize);
  {
    Value t = tuple_new(vm, 1);
    if (t != EXC_VAL) AS_TUPLE(t)->items[0] = INT_VAL(s[1] == 'h' ? (vint)m->len : (vint)m->step);
    return t;
  }
}

static Value m_tobytes(VM *vm, int argc, Value *args) { (void)argc; return memview_tobytes(vm, args[0], &bytes_type); }

static Value m_hex(VM *vm, int argc, Value *args) {
  Value b = memview_tobytes(vm, args[0], &bytes_type), argv[5], r;
  int k;
  if (b == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, b);
  argv[0] = b;   /* bytes.hex with the same positional arguments, no keywords */
  for (k = 1; k < argc; k++) argv[k] = args[k];
  argv[argc] = argv[argc + 1] = UNBOUND_VAL;
  r = bytes_hex(vm, argc, argv);
  vm_pop_root(vm);
  return r;
}

static Value m_release(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc;
  AS_MEMVIEW(args[0])->released = true;
  return NONE_VAL;
}

static Value m_enter(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!usable(vm, AS_MEMVIEW(args[0]))) return EXC_VAL;
  return args[0];
}

static Value m_exit(VM *vm, int argc, Value *args) { return m_release(vm, argc, args); }

static const MethodDef memview_methods[] = {
  {"tobytes", m_tobytes, 0, 0, NULL},
  {"tolist", m_tolist, 0, 0, NULL},
  {"hex", m_hex, 0, 2, NULL},
  {"cast", m_cast, 1, 1, NULL},
  {"release", m_release, 0, 0, NULL},
  {"__enter__", m_enter, 0, 0, NULL},
  {"__exit__", m_exit, 0, 3, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type memoryview_type = {{&type_type}, "memoryview", NULL, memview_trace, memview_methods,
    .len = memview_len, .getitem = memview_getitem, .setitem = memview_setitem,
    .getiter = memview_iter, .getattr = buffer_getattr};
#endif   /* VIPER_HAS_MEMORYVIEW */
