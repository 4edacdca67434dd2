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

static Value tuple_length(VM *vm, Value v) { (void)vm; return INT_VAL(AS_TUPLE(v)->len); }

/* CPython's xxHash-based tuple hash */
static bool tuple_hash(VM *vm, Value v, int64_t *out) {
  uint64_t acc = 2870177450012600261u;
  uint32_t i;
  for (i = 0; i < AS_TUPLE(v)->len; i++) {
    int64_t lane;
    if (!value_hash64(vm, AS_TUPLE(v)->items[i], &lane)) return false;
    acc += (uint64_t)lane * 14029467366897019727u;
    acc = (acc << 31) | (acc >> 33);
    acc *= 11400714785074694791u;
  }
  acc += AS_TUPLE(v)->len ^ (2870177450012600261u ^ 3527539u);
  *out = acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
  return true;
}

static Value tuple_getitem(VM *vm, Value obj, Value key) {
  ObjTuple *t = AS_TUPLE(obj);
  uint32_t k;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)t->len, &start, &stop, &step), i;
    Value r;
    if (n < 0) return EXC_VAL;
    if (step == 1 && n == (vint)t->len) return obj;
    vm_push_root(vm, obj);
    r = tuple_new(vm, (uint32_t)n);
    vm_pop_root(vm);
    if (r == EXC_VAL) return EXC_VAL;
    for (i = 0; i < n; i++) AS_TUPLE(r)->items[i] = AS_TUPLE(obj)->items[start + i * step];
    return r;
  }
  if (!seq_index(vm, key, t->len, "tuple", &k)) return EXC_VAL;
  return t->items[k];
}

static Value tuple_getiter(VM *vm, Value v) { return iter_new(vm, &tuple_iter_type, v, 0, 0, 1); }

static Value tuple_iternext(VM *vm, Value iter) {
  ObjIter *it = AS_ITER(iter);
  ObjTuple *tu = AS_TUPLE(it->seq);
  (void)vm;
  if ((uint32_t)it->index >= tu->len) return STOP_VAL;
  return tu->items[it->index++];
}

static Value tuple_contains(VM *vm, Value c, Value item) {
  uint32_t i;
  for (i = 0; i < AS_TUPLE(c)->len; i++)
    if (value_equal(vm, AS_TUPLE(c)->items[i], item)) return TRUE_VAL;
  return FALSE_VAL;
}

static void tuple_print(VM *vm, Value v, bool repr) {
  (void)repr;
  if (!repr_enter(vm, v)) { vm_sb_cstr(vm, "{...}"); return; }   /* only a subclass can cycle */
  vm_sb_add(vm, "(", 1);
  value_write_items(vm, AS_TUPLE(v)->items, AS_TUPLE(v)->len);
  vm_sb_cstr(vm, AS_TUPLE(v)->len == 1 ? ",)" : ")");
  vm->repr_depth--;
}

const Type tuple_type = {{&type_type}, "tuple", NULL, tuple_trace, tuple_methods,
    .print = tuple_print, .hash = tuple_hash, .len = tuple_length, .getitem = tuple_getitem, .getiter = tuple_getiter, .contains = tuple_contains};

const Type tuple_iter_type = {{&type_type}, "tuple_iterator", NULL, iter_trace, NULL,
    .getiter = iter_self, .iternext = tuple_iternext};
