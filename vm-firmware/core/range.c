/* range: start, stop, step, never materialised. Iterated by range_iterator. */
#include <string.h>

#include "vm.h"

Value range_new(VM *vm, vint start, vint stop, vint step) {
  ObjRange *r;
  if (step == 0) return vm_raise(vm, &exc_ValueError, "range() arg 3 must not be zero");
  r = (ObjRange *)obj_alloc(vm, &range_type, sizeof(ObjRange));
  if (r == NULL) return EXC_VAL;
  r->start = start;
  r->stop = stop;
  r->step = step;
  return OBJ_VAL(r);
}

vint range_len(const ObjRange *r) {
  /* Small ints have one spare bit, so these differences cannot overflow. */
  if (r->step > 0 && r->start < r->stop) return (r->stop - r->start - 1) / r->step + 1;
  if (r->step < 0 && r->start > r->stop) return (r->start - r->stop - 1) / (-r->step) + 1;
  return 0;
}

static Value m_index(VM *vm, int argc, Value *args) {
  ObjRange *r = AS_RANGE(args[0]);
  Value in = value_contains(vm, args[0], args[1]);
  (void)argc;
  if (in == EXC_VAL) return EXC_VAL;
  if (in == FALSE_VAL || !IS_INTLIKE(args[1])) return vm_raise_fmt(vm, &exc_ValueError, "%v is not in range", args[1]);
  return INT_VAL((AS_INTLIKE(args[1]) - r->start) / r->step);
}

static Value m_count(VM *vm, int argc, Value *args) {
  Value in = value_contains(vm, args[0], args[1]);
  (void)argc;
  if (in == EXC_VAL) return EXC_VAL;
  return INT_VAL(in == TRUE_VAL);
}

/* r.start, r.stop, r.step; UNBOUND_VAL for other names. */
Value range_getattr(Value v, const ObjStr *name) {
  const ObjRange *r = AS_RANGE(v);
  if (strcmp(name->chars, "start") == 0) return INT_VAL(r->start);
  if (strcmp(name->chars, "stop") == 0) return INT_VAL(r->stop);
  if (strcmp(name->chars, "step") == 0) return INT_VAL(r->step);
  return UNBOUND_VAL;
}

static const MethodDef range_methods[] = {
  {"index", m_index, 1, 1, NULL},
  {"count", m_count, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type range_type = {{&type_type}, "range", NULL, NULL, range_methods};
const Type range_iter_type = {{&type_type}, "range_iterator", NULL, NULL, NULL};
