/* memoryview over bytes and bytearray: a window (start, length, step) onto the base object's
 * bytes, read through the base on every access, so slicing copies nothing and writes through a
 * view of a bytearray land in it. Format 'B' only (one unsigned byte per item). */
#include <string.h>

#include "vm.h"

typedef struct ObjMemview {
  Obj obj;
  Value base;        /* the bytes or bytearray */
  uint32_t start, len;
  int32_t step;
  bool released;
} ObjMemview;

#define AS_MEMVIEW(v) ((ObjMemview *)AS_OBJ(v))

static void memview_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjMemview *)obj)->base); }

/* False + ValueError once released; a bytearray that shrank under the view clamps it. */
static bool usable(VM *vm, ObjMemview *m) {
  uint32_t have;
  if (m->released) {
    vm_raise(vm, &exc_ValueError, "operation forbidden on released memoryview object");
    return false;
  }
  have = AS_BYTES(m->base)->len;
  while (m->len > 0 && m->start + (int64_t)(m->len - 1) * m->step >= have) m->len--;
  return true;
}

static uint8_t *item(ObjMemview *m, uint32_t k) { return AS_BYTES(m->base)->data + m->start + (int64_t)k * m->step; }

static Value view_new(VM *vm, Value base, uint32_t start, uint32_t len, int32_t step) {
  ObjMemview *m;
  vm_push_root(vm, base);
  m = (ObjMemview *)obj_alloc(vm, &memoryview_type, sizeof(ObjMemview));
  vm_pop_root(vm);
  if (m == NULL) return EXC_VAL;
  m->base = base;
  m->start = start;
  m->len = len;
  m->step = step;
  m->released = false;
  return OBJ_VAL(m);
}

Value memview_make(VM *vm, int argc, Value *args) {
  if (argc != 1) return vm_raise_fmt(vm, &exc_TypeError, "memoryview() takes exactly one argument (%d given)", argc);
  if (IS_TYPE(args[0], &memoryview_type)) {
    ObjMemview *m = AS_MEMVIEW(args[0]);
    if (!usable(vm, m)) return EXC_VAL;
    return view_new(vm, m->base, m->start, m->len, m->step);
  }
  if (!IS_BYTESLIKE(args[0]))
    return vm_raise_fmt(vm, &exc_TypeError, "memoryview: a bytes-like object is required, not '%t'", args[0]);
  return view_new(vm, args[0], 0, AS_BYTES(args[0])->len, 1);
}

Value memview_len(VM *vm, Value v) {
  if (!usable(vm, AS_MEMVIEW(v))) return EXC_VAL;
  return INT_VAL(AS_MEMVIEW(v)->len);
}

/* A new bytes holding the view's items (bytes(m), m.tobytes(), comparisons, assignment). */
Value memview_tobytes(VM *vm, Value v, const Type *type) {
  ObjMemview *m = AS_MEMVIEW(v);
  Value r;
  uint32_t k;
  if (!usable(vm, m)) return EXC_VAL;
  r = bytes_new(vm, type, NULL, m->len);
  if (r == EXC_VAL) return EXC_VAL;
  for (k = 0; k < m->len; k++) AS_BYTES(r)->data[k] = *item(m, k);
  return r;
}

Value memview_getitem(VM *vm, Value v, Value key) {
  ObjMemview *m = AS_MEMVIEW(v);
  uint32_t k;
  if (!usable(vm, m)) return EXC_VAL;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)m->len, &start, &stop, &step);
    if (n < 0) return EXC_VAL;
    return view_new(vm, m->base, m->start + (uint32_t)(start * m->step), (uint32_t)n, (int32_t)(step * m->step));
  }
  if (!seq_index(vm, key, m->len, "memoryview", &k)) return EXC_VAL;
  return INT_VAL(*item(m, k));
}

Value memview_setitem(VM *vm, Value v, Value key, Value val) {
  ObjMemview *m = AS_MEMVIEW(v);
  uint32_t k;
  if (!usable(vm, m)) return EXC_VAL;
  if (!IS_TYPE(m->base, &bytearray_type)) return vm_raise(vm, &exc_TypeError, "cannot modify read-only memory");
  if (val == UNBOUND_VAL) return vm_raise(vm, &exc_TypeError, "cannot delete memory");
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)m->len, &start, &stop, &step), i;
    Value src;
    if (n < 0) return EXC_VAL;
    if (IS_TYPE(val, &memoryview_type)) src = memview_tobytes(vm, val, &bytes_type);
    else if (IS_BYTESLIKE(val)) src = val;
    else return vm_raise_fmt(vm, &exc_TypeError, "a bytes-like object is required, not '%t'", val);
    if (src == EXC_VAL) return EXC_VAL;
    if ((vint)AS_BYTES(src)->len != n)
      return vm_raise(vm, &exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
    vm_push_root(vm, src);
    if (src == m->base) {   /* m[a:b] = its own base: copy first */
      src = bytes_new(vm, &bytes_type, AS_BYTES(src)->data, AS_BYTES(src)->len);
      if (src == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    }
    for (i = 0; i < n; i++) *item(m, (uint32_t)(start + i * step)) = AS_BYTES(src)->data[i];
    vm_pop_root(vm);
    return NONE_VAL;
  }
  if (!seq_index(vm, key, m->len, "memoryview", &k)) return EXC_VAL;
  if (!IS_INTLIKE(val)) return vm_raise_fmt(vm, &exc_TypeError, "memoryview: invalid type for format 'B'");
  if (AS_INTLIKE(val) < 0 || AS_INTLIKE(val) > 255) return vm_raise(vm, &exc_ValueError, "memoryview: invalid value for format 'B'");
  *item(m, k) = (uint8_t)AS_INTLIKE(val);
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
  for (k = 0; k < m->len; k++) AS_LIST(l)->items[k] = INT_VAL(*item(m, k));
  return l;
}

/* iter(m): over a snapshot list (a view is short-lived; this keeps the VM's iterator set small). */
Value memview_iter(VM *vm, Value v) {
  Value l = m_tolist(vm, 1, &v);
  if (l == EXC_VAL) return EXC_VAL;
  return iter_new(vm, &list_iter_type, l, 0, 0, 1);
}

/* m == other: bytes-like or another view, item by item. */
bool memview_equal(VM *vm, Value a, Value b) {
  Value x = IS_TYPE(a, &memoryview_type) ? memview_tobytes(vm, a, &bytes_type) : a, y;
  bool eq;
  if (x == EXC_VAL) { vm->exc = NONE_VAL; return a == b; }
  vm_push_root(vm, x);
  y = IS_TYPE(b, &memoryview_type) ? memview_tobytes(vm, b, &bytes_type) : b;
  vm_pop_root(vm);
  if (y == EXC_VAL) { vm->exc = NONE_VAL; return a == b; }
  if (!IS_BYTESLIKE(x) || !IS_BYTESLIKE(y)) return false;
  eq = bytes_compare(AS_BYTES(x), AS_BYTES(y)) == 0;
  return eq;
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
  {"release", m_release, 0, 0, NULL},
  {"__enter__", m_enter, 0, 0, NULL},
  {"__exit__", m_exit, 0, 3, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type memoryview_type = {{&type_type}, "memoryview", NULL, memview_trace, memview_methods,
    .len = memview_len, .getitem = memview_getitem, .setitem = memview_setitem, .getiter = memview_iter};
