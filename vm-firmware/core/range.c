/* range: start, stop, step, never materialised. Iterated by range_iterator. */
#include <math.h>
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

static Value range_length(VM *vm, Value v) { (void)vm; return INT_VAL(range_len(AS_RANGE(v))); }

static Value range_getitem(VM *vm, Value obj, Value key) {
  ObjRange *r = AS_RANGE(obj);
  vint n = range_len(r);
  uint32_t k;
  if (IS_SLICE(key)) {
    vint start, stop, step;
    if (slice_indices(vm, AS_SLICE(key), n, &start, &stop, &step) < 0) return EXC_VAL;
    return range_new(vm, r->start + start * r->step, r->start + stop * r->step, r->step * step);
  }
  if (n > 0x7FFFFFFF) n = 0x7FFFFFFF;
  if (IS_BIGINT(key)) return vm_raise(vm, &exc_IndexError, "range object index out of range");
  if (!seq_index(vm, key, (uint32_t)n, "range object", &k)) return EXC_VAL;
  return INT_VAL(r->start + (vint)k * r->step);
}

static Value range_getiter(VM *vm, Value v) {
  ObjRange *r = AS_RANGE(v);
  return iter_new(vm, &range_iter_type, NONE_VAL, r->start, r->stop, r->step);
}

static Value range_iternext(VM *vm, Value iter) {
  ObjIter *it = AS_ITER(iter);
  vint i = it->index;
  (void)vm;
  if (it->step > 0 ? i >= it->stop : i <= it->stop) return STOP_VAL;
  it->index = i + it->step;   /* cannot overflow: one spare bit */
  if (!INT_FITS(it->index)) it->index = it->stop;
  return INT_VAL(i);
}

static Value range_contains(VM *vm, Value c, Value item) {
  ObjRange *r = AS_RANGE(c);
  vint x, n;
  (void)vm;
  if (IS_FLOAT(item)) {
    double d = AS_FLOAT(item);
    if (d != floor(d) || float_compare_int(VINT_MAX, d) < 0 || float_compare_int(VINT_MIN, d) > 0)
      return FALSE_VAL;
    item = INT_VAL((vint)(long long)d);
  }
  if (!IS_INTLIKE(item)) return FALSE_VAL;
  x = AS_INTLIKE(item);
  n = range_len(r);
  if (n == 0) return FALSE_VAL;
  if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return FALSE_VAL;
  return BOOL_VAL((x - r->start) % r->step == 0);
}

static Value range_attr(VM *vm, Value v, ObjStr *name) { (void)vm; return range_getattr(v, name); }

static void range_print(VM *vm, Value v, bool repr) {
  ObjRange *r = AS_RANGE(v);
  (void)repr;
  vm_sb_cstr(vm, "range(");
  int_write(vm, r->start);
  vm_sb_add(vm, ", ", 2);
  int_write(vm, r->stop);
  if (r->step != 1) { vm_sb_add(vm, ", ", 2); int_write(vm, r->step); }
  vm_sb_add(vm, ")", 1);
}

const Type range_type = {{&type_type}, "range", NULL, NULL, range_methods,
    .print = range_print, .len = range_length, .getitem = range_getitem, .getiter = range_getiter, .contains = range_contains, .getattr = range_attr};
const Type range_iter_type = {{&type_type}, "range_iterator", NULL, NULL, NULL,
    .getiter = iter_self, .iternext = range_iternext};
