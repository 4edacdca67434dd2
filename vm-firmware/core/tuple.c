/* tuple: an immutable array of values, allocated in one block. */
#include <string.h>

#include "vm.h"

static void tuple_trace(VM *vm, Obj *obj) {
  ObjTuple *t = (ObjTuple *)obj;
  uint32_t i;
  for (i = 0; i < t->len; i++) gc_mark_value(vm, t->items[i]);
}

Value tuple_new(VM *vm, uint32_t len) {
  ObjTuple *t;
  uint32_t i;
  if (len > 0x00FFFFFFu) return vm_raise(vm, &exc_MemoryError, NULL);
  t = (ObjTuple *)obj_alloc(vm, &tuple_type, offsetof(ObjTuple, items) + (len ? len : 1) * sizeof(Value));
  if (t == NULL) return EXC_VAL;
  t->len = len;
  for (i = 0; i < len; i++) t->items[i] = NONE_VAL;
  return OBJ_VAL(t);
}

Value tuple_concat(VM *vm, ObjTuple *a, ObjTuple *b) {
  Value r;
  vm_push_root(vm, OBJ_VAL(a));
  vm_push_root(vm, OBJ_VAL(b));
  r = tuple_new(vm, a->len + b->len);
  vm_pop_root(vm);
  vm_pop_root(vm);
  if (r == EXC_VAL) return EXC_VAL;
  if (a->len) memcpy(AS_TUPLE(r)->items, a->items, a->len * sizeof(Value));
  if (b->len) memcpy(AS_TUPLE(r)->items + a->len, b->items, b->len * sizeof(Value));
  return r;
}

Value tuple_repeat(VM *vm, ObjTuple *a, vint n) {
  Value r;
  vint i;
  if (n < 0) n = 0;
  if (n > 0 && (uint64_t)n * a->len > 0x00FFFFFFu) return vm_raise(vm, &exc_MemoryError, NULL);
  vm_push_root(vm, OBJ_VAL(a));
  r = tuple_new(vm, (uint32_t)(n * (vint)a->len));
  vm_pop_root(vm);
  if (r == EXC_VAL) return EXC_VAL;
  for (i = 0; i < n && a->len > 0; i++)
    memcpy(AS_TUPLE(r)->items + (size_t)i * a->len, a->items, a->len * sizeof(Value));
  return r;
}

/* t.index(x[, start[, end]]): start and end clamped like slice bounds. */
static Value m_index(VM *vm, int argc, Value *args) {
  ObjTuple *t = AS_TUPLE(args[0]);
  vint start = 0, end = (vint)t->len, i;
  Value bounds[2];
  bounds[0] = argc > 2 ? args[2] : NONE_VAL;
  bounds[1] = argc > 3 ? args[3] : NONE_VAL;
  if (argc > 2) {
    Value sl = slice_new(vm, bounds[0], bounds[1], NONE_VAL);
    vint step;
    bool ok;
    if (sl == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, sl);   /* __index__ may run Python code */
    ok = slice_indices(vm, AS_SLICE(sl), (vint)t->len, &start, &end, &step) >= 0;
    vm_pop_root(vm);
    if (!ok) return EXC_VAL;
  }
  for (i = start; i < end; i++)
    if (value_equal(vm, t->items[i], args[1])) return INT_VAL(i);
  return vm_raise(vm, &exc_ValueError, "tuple.index(x): x not in tuple");
}

static Value m_count(VM *vm, int argc, Value *args) {
  ObjTuple *t = AS_TUPLE(args[0]);
  uint32_t i;
  vint n = 0;
  (void)argc;
  for (i = 0; i < t->len; i++) n += value_equal(vm, t->items[i], args[1]);
  return INT_VAL(n);
}

static const MethodDef tuple_methods[] = {
  {"index", m_index, 1, 3, NULL},
  {"count", m_count, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type tuple_type = {{&type_type}, "tuple", NULL, tuple_trace, tuple_methods};

const Type tuple_iter_type = {{&type_type}, "tuple_iterator", NULL, iter_trace, NULL};
