/* Slice objects (BUILD_SLICE) and Python's slice.indices() for the sequence types. */
#include "vm.h"

static void slice_trace(VM *vm, Obj *obj) {
  ObjSlice *s = (ObjSlice *)obj;
  gc_mark_value(vm, s->start);
  gc_mark_value(vm, s->stop);
  gc_mark_value(vm, s->step);
}

Value slice_new(VM *vm, Value start, Value stop, Value step) {
  ObjSlice *s;
  vm_push_root(vm, start);
  vm_push_root(vm, stop);
  vm_push_root(vm, step);
  s = (ObjSlice *)obj_alloc(vm, &slice_type, sizeof(ObjSlice));
  vm->nroots -= 3;
  if (s == NULL) return EXC_VAL;
  s->start = start;
  s->stop = stop;
  s->step = step;
  return OBJ_VAL(s);
}

static bool slice_int(VM *vm, Value v, vint *out) {
  if (IS_INTLIKE(v)) { *out = AS_INTLIKE(v); return true; }
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

const Type slice_type = {{&type_type}, "slice", NULL, slice_trace, NULL};
