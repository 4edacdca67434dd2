/* The lazy iterators the builtins make: enumerate, zip, map, filter, reversed. One layout:
 * a function (map/filter), a counter, and the source iterators. */
#include <string.h>

#include "vm.h"

typedef struct ObjIterN {
  Obj obj;
  Value func;     /* map/filter: the function (None for filter(None, ...)) */
  vint index;     /* enumerate: the next count; reversed: the next position + 1 */
  uint32_t n;     /* source iterators */
  Value iters[1];
} ObjIterN;

static void itern_trace(VM *vm, Obj *obj) {
  ObjIterN *it = (ObjIterN *)obj;
  uint32_t i;
  gc_mark_value(vm, it->func);
  for (i = 0; i < it->n; i++) gc_mark_value(vm, it->iters[i]);
}

const Type enumerate_type = {{&type_type}, "enumerate", NULL, itern_trace, NULL,
    .getiter = iter_self, .iternext = iter_builtin_next};
const Type zip_type = {{&type_type}, "zip", NULL, itern_trace, NULL,
    .getiter = iter_self, .iternext = iter_builtin_next};
const Type map_type = {{&type_type}, "map", NULL, itern_trace, NULL,
    .getiter = iter_self, .iternext = iter_builtin_next};
const Type filter_type = {{&type_type}, "filter", NULL, itern_trace, NULL,
    .getiter = iter_self, .iternext = iter_builtin_next};
const Type reversed_type = {{&type_type}, "reversed", NULL, itern_trace, NULL,
    .getiter = iter_self, .iternext = iter_builtin_next};

static ObjIterN *itern_new(VM *vm, const Type *type, uint32_t n) {
  ObjIterN *it = (ObjIterN *)obj_alloc(vm, type, offsetof(ObjIterN, iters) + (n ? n : 1) * sizeof(Value));
  uint32_t i;
  if (it == NULL) return NULL;
  it->func = NONE_VAL;
  it->n = n;
  for (i = 0; i < n; i++) it->iters[i] = NONE_VAL;
  return it;
}

/* enumerate(it, start), zip(*its), map(f, *its), filter(f, it), reversed(seq). */
Value iter_make(VM *vm, const Type *type, int argc, Value *args) {
  ObjIterN *it;
  int first = (type == &map_type || type == &filter_type) ? 1 : 0, i, n;
  if (type == &reversed_type) {
    Value seq = argc == 1 ? args[0] : NONE_VAL, len;
    if (argc != 1) return vm_raise_fmt(vm, &exc_TypeError, "reversed expected 1 argument, got %d", argc);
    if (IS_INSTANCE(seq)) {   /* __reversed__, else the sequence protocol: __len__ and __getitem__ */
      Value r = class_call_dunder(vm, seq, "__reversed__", 0, NULL), gi;
      if (r != UNBOUND_VAL) return r;
      gi = class_lookup(value_type(seq), AS_STR(str_intern(vm, "__getitem__", 11)));
      if (gi == UNBOUND_VAL && class_builtin_value(seq) != UNBOUND_VAL) return iter_make(vm, type, 1, &((ObjInstance *)AS_OBJ(seq))->msg);
      if (gi == UNBOUND_VAL || class_lookup(value_type(seq), AS_STR(str_intern(vm, "__len__", 7))) == UNBOUND_VAL)
        return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not reversible", seq);
    } else if (IS_DICT(seq) || IS_TYPE(seq, &dict_keys_type)) {
      seq = value_to_list(vm, seq);
      if (seq == EXC_VAL) return EXC_VAL;
    } else if (!(IS_LIST(seq) || IS_TUPLE(seq) || IS_STR(seq) || IS_RANGE(seq) || IS_TYPE(seq, &bytes_type) ||
                 IS_TYPE(seq, &bytearray_type))) {
      return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not reversible", seq);
    }
    len = value_len(vm, seq);
    if (len == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, seq);
    it = itern_new(vm, type, 1);
    vm_pop_root(vm);
    if (it == NULL) return EXC_VAL;
    it->iters[0] = seq;
    it->index = AS_INT(len);
    return OBJ_VAL(it);
  }
  if (type == &enumerate_type) {
    if (argc < 1) return vm_raise(vm, &exc_TypeError, "enumerate() missing required argument 'iterable'");
    if (argc > 2) return vm_raise_fmt(vm, &exc_TypeError, "enumerate() takes at most 2 arguments (%d given)", argc);
    if (argc == 2 && !IS_INTLIKE(args[1]))
      return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", args[1]);
    n = 1;
  } else if (type == &filter_type) {
    if (argc != 2) return vm_raise_fmt(vm, &exc_TypeError, "filter expected 2 arguments, got %d", argc);
    n = 1;
  } else if (type == &map_type) {
    if (argc < 2) return vm_raise(vm, &exc_TypeError, "map() must have at least two arguments.");
    n = argc - 1;
  } else {
    n = argc;
  }
  it = itern_new(vm, type, (uint32_t)n);
  if (it == NULL) return EXC_VAL;
  vm_push_root(vm, OBJ_VAL(it));
  if (first) it->func = args[0];
  if (type == &enumerate_type) it->index = argc == 2 ? AS_INTLIKE(args[1]) : 0;
  for (i = 0; i < n; i++) {
    Value src = value_iter(vm, args[first + i]);
    if (src == EXC_VAL) {
      vm_pop_root(vm);
      if (type == &zip_type || type == &map_type) {
        vm->exc = NONE_VAL;
        return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not iterable", args[first + i]);
      }
      return EXC_VAL;
    }
    it->iters[i] = src;
  }
  vm_pop_root(vm);
  return OBJ_VAL(it);
}

Value iter_builtin_next(VM *vm, Value self) {
  ObjIterN *it = (ObjIterN *)AS_OBJ(self);
  const Type *t = OBJ_TYPE(self);
  uint32_t i;
  if (t == &reversed_type) {
    Value seq = it->iters[0], len;
    if (it->index <= 0) return STOP_VAL;
    len = value_len(vm, seq);   /* a list may have shrunk */
    if (len == EXC_VAL) return EXC_VAL;
    if (it->index > AS_INT(len)) { it->index = 0; return STOP_VAL; }
    it->index--;
    return value_getitem(vm, seq, INT_VAL(it->index));
  }
  if (t == &enumerate_type) {
    Value v = value_iter_next(vm, it->iters[0]), tup;
    if (v == STOP_VAL || v == EXC_VAL) return v;
    vm_push_root(vm, v);
    tup = tuple_new(vm, 2);
    vm_pop_root(vm);
    if (tup == EXC_VAL) return EXC_VAL;
    AS_TUPLE(tup)->items[0] = INT_VAL(it->index);
    AS_TUPLE(tup)->items[1] = v;
    it->index++;
    return tup;
  }
  if (t == &filter_type) {
    for (;;) {
      Value v = value_iter_next(vm, it->iters[0]), keep;
      if (v == STOP_VAL || v == EXC_VAL) return v;
      if (IS_NONE(it->func)) keep = v;
      else {
        vm_push_root(vm, v);
        keep = vm_call(vm, it->func, 1, &v);
        vm_pop_root(vm);
        if (keep == EXC_VAL) return EXC_VAL;
      }
      if (IS_INSTANCE(keep)) {
        int t = class_truthy(vm, keep);
        if (t < 0) return EXC_VAL;
        if (t) return v;
      } else if (value_truthy(keep)) return v;
    }
  }
  /* zip and map: one item from every source */
  if (it->n == 0) return STOP_VAL;
  {
    Value tup = tuple_new(vm, it->n), r;
    if (tup == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, tup);
    for (i = 0; i < it->n; i++) {
      Value v = value_iter_next(vm, it->iters[i]);
      if (v == STOP_VAL || v == EXC_VAL) { vm_pop_root(vm); return v; }
      AS_TUPLE(tup)->items[i] = v;
    }
    if (t == &zip_type) { vm_pop_root(vm); return tup; }
    r = vm_call(vm, it->func, (int)it->n, AS_TUPLE(tup)->items);
    vm_pop_root(vm);
    return r;
  }
}
