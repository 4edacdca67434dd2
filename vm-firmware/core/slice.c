/* Slice objects (BUILD_SLICE) and Python's slice.indices() for the sequence types. */
#include <string.h>

#include "vm.h"

static void slice_trace(VM *vm, Obj *obj) {
  ObjSlice *s = (ObjSlice *)obj;
  gc_mark_value(vm, s->start);
  gc_mark_value(vm, s->stop);
  gc_mark_value(vm, s->step);
}

Value slice_new(VM *vm, Value start, Value stop, Value step) {
  ObjSlice *s;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, start);
  vm_push_root(vm, stop);
  vm_push_root(vm, step);
  s = (ObjSlice *)obj_alloc(vm, &slice_type, sizeof(ObjSlice));
  gc_root_restore(vm, mark);
  if (s == NULL) return EXC_VAL;
  s->start = start;
  s->stop = stop;
  s->step = step;
  return OBJ_VAL(s);
}

static bool slice_int(VM *vm, Value v, vint *out) {
  if (IS_INSTANCE(v)) {   /* __index__ */
    Value i = value_index(vm, v);
    if (i == EXC_VAL) return false;
    if (i != UNBOUND_VAL) v = i;
  }
  if (IS_INTLIKE(v)) { *out = AS_INTLIKE(v); return true; }
  if (IS_BIGINT(v)) {   /* beyond any length: clamped, as CPython does */
    *out = int_compare(v, INT_VAL(0)) < 0 ? VINT_MIN : VINT_MAX;
    return true;
  }
  vm_raise(vm, &exc_TypeError, "slice indices must be integers or None or have an __index__ method");
  return false;
}

/* Clamp a start/stop value the way CPython's PySlice_AdjustIndices does. */
static vint adjust(vint i, vint len, vint step) {
  if (i < 0) {
    i += len;
    if (i < 0) i = step < 0 ? -1 : 0;
  } else if (i >= len) {
    i = step < 0 ? len - 1 : len;
  }
  return i;
}

vint slice_indices(VM *vm, const ObjSlice *s, vint len, vint *start, vint *stop, vint *step) {
  vint st = 1, a, b;
  if (!IS_NONE(s->step)) {
    if (!slice_int(vm, s->step, &st)) return -1;
    if (st == 0) { vm_raise(vm, &exc_ValueError, "slice step cannot be zero"); return -1; }
  }
  if (IS_NONE(s->start)) a = st < 0 ? len - 1 : 0;
  else if (!slice_int(vm, s->start, &a)) return -1;
  else a = adjust(a, len, st);
  if (IS_NONE(s->stop)) b = st < 0 ? -1 : len;
  else if (!slice_int(vm, s->stop, &b)) return -1;
  else b = adjust(b, len, st);
  *start = a;
  *stop = b;
  *step = st;
  if (st > 0) return b > a ? (b - a - 1) / st + 1 : 0;
  return a > b ? (a - b - 1) / (-st) + 1 : 0;
}

/* s.start, s.stop, s.step; UNBOUND_VAL for other names. */
Value slice_getattr(Value v, const ObjStr *name) {
  const ObjSlice *s = AS_SLICE(v);
  if (strcmp(name->chars, "start") == 0) return s->start;
  if (strcmp(name->chars, "stop") == 0) return s->stop;
  if (strcmp(name->chars, "step") == 0) return s->step;
  return UNBOUND_VAL;
}

/* s.indices(len): (start, stop, step) for a sequence of len items. */
static Value m_indices(VM *vm, int argc, Value *args) {
  Value len = args[1], t;
  vint start, stop, step, n;
  (void)argc;
  if (IS_INSTANCE(len)) {
    len = value_index(vm, len);
    if (len == EXC_VAL) return EXC_VAL;
  }
  if (!IS_INTLIKE(len)) {
    if (IS_BIGINT(len)) return vm_raise(vm, &exc_OverflowError, "Python int too large to convert to C ssize_t");
    return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", args[1]);
  }
  if (AS_INTLIKE(len) < 0) return vm_raise(vm, &exc_ValueError, "length should not be negative");
  n = slice_indices(vm, AS_SLICE(args[0]), AS_INTLIKE(len), &start, &stop, &step);
  if (n < 0) return EXC_VAL;
  t = tuple_new(vm, 3);
  if (t == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = INT_VAL(start);
  AS_TUPLE(t)->items[1] = INT_VAL(stop);
  AS_TUPLE(t)->items[2] = INT_VAL(step);
  return t;
}

static const MethodDef slice_methods[] = {
  {"indices", m_indices, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static Value slice_attr(VM *vm, Value v, ObjStr *name) { (void)vm; return slice_getattr(v, name); }

static void slice_print(VM *vm, Value v, bool repr) {
  ObjSlice *sl = AS_SLICE(v);
  (void)repr;
  vm_sb_cstr(vm, "slice(");
  value_write(vm, sl->start, true);
  vm_sb_add(vm, ", ", 2);
  value_write(vm, sl->stop, true);
  vm_sb_add(vm, ", ", 2);
  value_write(vm, sl->step, true);
  vm_sb_add(vm, ")", 1);
}

const Type slice_type = {{&type_type}, "slice", NULL, slice_trace, slice_methods,
    .print = slice_print, .hash = value_unhashable, .getattr = slice_attr};
