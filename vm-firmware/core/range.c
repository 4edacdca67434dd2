/* range: start, stop, step, never materialised. Iterated by range_iterator. */
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

const Type range_type = {{&type_type}, "range", NULL, NULL, NULL};
const Type range_iter_type = {{&type_type}, "range_iterator", NULL, NULL, NULL};
