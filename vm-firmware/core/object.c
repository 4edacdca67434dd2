/* Operations every value supports, dispatched on its tag and type: truth, equality, hashing,
 * attributes, len, indexing, iteration, membership, ordering and text. */
#include <math.h>
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

const Type *value_type(Value v) {
  if (IS_INT(v)) return &int_type;
  if (IS_OBJ(v)) return AS_OBJ(v)->type;
  if (IS_BOOL(v)) return &bool_type;
  if (v == ELLIPSIS_VAL) return &ellipsis_type;
  return &none_type;
}

bool value_truthy(Value v) {
  const Type *t;
  if (IS_INT(v)) return AS_INT(v) != 0;
  if (!IS_OBJ(v)) return v == TRUE_VAL || v == ELLIPSIS_VAL;
  t = AS_OBJ(v)->type;
  if (t == &str_type) return AS_STR(v)->len != 0;
  if (t == &float_type) return AS_FLOAT(v) != 0.0;
  if (t == &list_type) return AS_LIST(v)->len != 0;
  if (t == &tuple_type) return AS_TUPLE(v)->len != 0;
  if (t == &dict_type) return AS_DICT(v)->live != 0;
  if (t == &range_type) return range_len(AS_RANGE(v)) != 0;
  return true;
}

static bool is_number(Value v) { return IS_INTLIKE(v) || IS_FLOAT(v); }

bool value_equal(VM *vm, Value a, Value b) {
  const Type *t;
  if (a == b) return !(IS_FLOAT(a) && isnan(AS_FLOAT(a)));
  if (IS_INTLIKE(a) && IS_INTLIKE(b)) return AS_INTLIKE(a) == AS_INTLIKE(b);
  if (is_number(a) && is_number(b)) {
    if (IS_FLOAT(a) && IS_FLOAT(b)) return AS_FLOAT(a) == AS_FLOAT(b);
    if (IS_FLOAT(a)) return float_compare_int(AS_INTLIKE(b), AS_FLOAT(a)) == 0;
    return float_compare_int(AS_INTLIKE(a), AS_FLOAT(b)) == 0;
  }
  if (!IS_OBJ(a) || !IS_OBJ(b)) return false;
  t = OBJ_TYPE(a);
  if (t != OBJ_TYPE(b)) return false;
  if (t == &str_type) return str_equal(AS_STR(a), AS_STR(b));
  if (t == &list_type)
    return seq_compare(vm, CMP_EQ, AS_LIST(a)->items, AS_LIST(a)->len, AS_LIST(b)->items, AS_LIST(b)->len) == TRUE_VAL;
  if (t == &tuple_type)
    return seq_compare(vm, CMP_EQ, AS_TUPLE(a)->items, AS_TUPLE(a)->len, AS_TUPLE(b)->items, AS_TUPLE(b)->len) == TRUE_VAL;
  if (t == &range_type) {
    ObjRange *x = AS_RANGE(a), *y = AS_RANGE(b);
    vint n = range_len(x);
    return n == range_len(y) && (n == 0 || (x->start == y->start && (n == 1 || x->step == y->step)));
  }
  if (t == &dict_type) {
    ObjDict *x = AS_DICT(a), *y = AS_DICT(b);
    uint32_t i;
    if (x->live != y->live) return false;
    for (i = 0; i < x->used; i++) {
      Value w;
      if (x->entries[i].key == DELETED_VAL) continue;
      w = dict_get(vm, y, x->entries[i].key);
      if (w == UNBOUND_VAL || w == EXC_VAL || !value_equal(vm, x->entries[i].value, w)) return false;
    }
    return true;
  }
  return false;
}

static uint32_t hash_int(vint i) { return (uint32_t)((uintptr_t)i ^ ((uintptr_t)i >> 31 >> 1)); }

bool value_hash(VM *vm, Value v, uint32_t *out) {
  if (IS_INTLIKE(v)) { *out = hash_int(AS_INTLIKE(v)); return true; }
  if (!IS_OBJ(v)) { *out = (uint32_t)v; return true; }
  if (IS_STR(v)) { *out = AS_STR(v)->hash; return true; }
  if (IS_FLOAT(v)) {
    double d = AS_FLOAT(v);
    if (d == floor(d) && float_compare_int(VINT_MIN, d) <= 0 && float_compare_int(VINT_MAX, d) >= 0) {
      *out = hash_int((vint)(long long)d);
    } else {
      uint64_t bits;
      memcpy(&bits, &d, sizeof bits);
      *out = (uint32_t)(bits ^ (bits >> 32));
    }
    return true;
  }
  if (IS_TUPLE(v)) {
    uint32_t h = 0x345678u, i, eh;
    for (i = 0; i < AS_TUPLE(v)->len; i++) {
      if (!value_hash(vm, AS_TUPLE(v)->items[i], &eh)) return false;
      h = (h ^ eh) * 1000003u;
    }
    *out = h ^ AS_TUPLE(v)->len;
    return true;
  }
  if (IS_LIST(v) || IS_DICT(v)) {
    vm_raise_fmt(vm, &exc_TypeError, "unhashable type: '%t'", v);
    return false;
  }
  *out = (uint32_t)(v >> 3);
  return true;
}

bool seq_index(VM *vm, Value index, uint32_t len, const char *what, uint32_t *out) {
  vint i;
  if (!IS_INTLIKE(index)) {
    if (strcmp(what, "pop") == 0)
      vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", index);
    else
      vm_raise_fmt(vm, &exc_TypeError, "%s indices must be integers, not %t", what, index);
    return false;
  }
  i = AS_INTLIKE(index);
  if (i < 0) i += (vint)len;
  if (i < 0 || i >= (vint)len) {
    if (strcmp(what, "pop") == 0) vm_raise(vm, &exc_IndexError, "pop index out of range");
    else vm_raise_fmt(vm, &exc_IndexError, "%s index out of range", what);
    return false;
  }
  *out = (uint32_t)i;
  return true;
}

Value value_getattr(VM *vm, Value obj, ObjStr *name) {
  const MethodDef *m = methods_find(value_type(obj)->methods, name);
  if (m != NULL) return bound_method_new(vm, obj, m);
  return vm_raise_fmt(vm, &exc_AttributeError, "'%t' object has no attribute '%s'", obj, name->chars);
}

Value value_len(VM *vm, Value v) {
  if (IS_OBJ(v)) {
    const Type *t = OBJ_TYPE(v);
    if (t == &str_type) return INT_VAL(AS_STR(v)->nchars);
    if (t == &list_type) return INT_VAL(AS_LIST(v)->len);
    if (t == &tuple_type) return INT_VAL(AS_TUPLE(v)->len);
    if (t == &dict_type) return INT_VAL(AS_DICT(v)->live);
    if (t == &range_type) return INT_VAL(range_len(AS_RANGE(v)));
    if (t == &dict_keys_type || t == &dict_values_type || t == &dict_items_type)
      return INT_VAL(AS_DICT(AS_ITER(v)->seq)->live);
  }
  return vm_raise_fmt(vm, &exc_TypeError, "object of type '%t' has no len()", v);
}

Value value_getitem(VM *vm, Value obj, Value key) {
  uint32_t k;
  if (IS_OBJ(obj)) {
    const Type *t = OBJ_TYPE(obj);
    if (t == &list_type) {
      if (!seq_index(vm, key, AS_LIST(obj)->len, "list", &k)) return EXC_VAL;
      return AS_LIST(obj)->items[k];
    }
    if (t == &tuple_type) {
      if (!seq_index(vm, key, AS_TUPLE(obj)->len, "tuple", &k)) return EXC_VAL;
      return AS_TUPLE(obj)->items[k];
    }
    if (t == &str_type) return str_getitem(vm, AS_STR(obj), key);
    if (t == &dict_type) {
      Value v = dict_get(vm, AS_DICT(obj), key);
      if (v == UNBOUND_VAL) return vm_raise_value(vm, &exc_KeyError, key);
      return v;
    }
    if (t == &range_type) {
      ObjRange *r = AS_RANGE(obj);
      vint n = range_len(r);
      if (n > 0x7FFFFFFF) n = 0x7FFFFFFF;
      if (!seq_index(vm, key, (uint32_t)n, "range object", &k)) return EXC_VAL;
      return INT_VAL(r->start + (vint)k * r->step);
    }
  }
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not subscriptable", obj);
}

Value value_setitem(VM *vm, Value obj, Value key, Value val) {
  uint32_t k;
  if (IS_LIST(obj)) {
    if (!seq_index(vm, key, AS_LIST(obj)->len, "list assignment", &k)) return EXC_VAL;
    AS_LIST(obj)->items[k] = val;
    return NONE_VAL;
  }
  if (IS_DICT(obj)) return dict_set(vm, AS_DICT(obj), key, val) ? NONE_VAL : EXC_VAL;
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object does not support item assignment", obj);
}

static Value iter_new(VM *vm, const Type *type, Value seq, vint index, vint stop, vint step) {
  ObjIter *it;
  vm_push_root(vm, seq);
  it = (ObjIter *)obj_alloc(vm, type, sizeof(ObjIter));
  vm_pop_root(vm);
  if (it == NULL) return EXC_VAL;
  it->seq = seq;
  it->index = index;
  it->stop = stop;
  it->step = step;
  return OBJ_VAL(it);
}

Value value_iter(VM *vm, Value v) {
  if (IS_OBJ(v)) {
    const Type *t = OBJ_TYPE(v);
    if (t == &list_type) return iter_new(vm, &list_iter_type, v, 0, 0, 1);
    if (t == &tuple_type) return iter_new(vm, &tuple_iter_type, v, 0, 0, 1);
    if (t == &str_type) return iter_new(vm, &str_iter_type, v, 0, 0, 1);
    if (t == &dict_type) return iter_new(vm, &dict_iter_type, v, 0, 0, 0);
    if (t == &dict_keys_type || t == &dict_values_type || t == &dict_items_type)
      return iter_new(vm, &dict_iter_type, AS_ITER(v)->seq, 0, 0, AS_ITER(v)->step);
    if (t == &range_type) {
      ObjRange *r = AS_RANGE(v);
      return iter_new(vm, &range_iter_type, NONE_VAL, r->start, r->stop, r->step);
    }
    if (t == &list_iter_type || t == &tuple_iter_type || t == &str_iter_type ||
        t == &dict_iter_type || t == &range_iter_type)
      return v;
  }
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not iterable", v);
}

Value value_iter_next(VM *vm, Value iter) {
  ObjIter *it = AS_ITER(iter);
  const Type *t = OBJ_TYPE(iter);
  if (t == &range_iter_type) {
    vint i = it->index;
    if (it->step > 0 ? i >= it->stop : i <= it->stop) return STOP_VAL;
    it->index = i + it->step;   /* cannot overflow: one spare bit */
    if (!INT_FITS(it->index)) it->index = it->stop;
    return INT_VAL(i);
  }
  if (t == &list_iter_type) {
    ObjList *l = AS_LIST(it->seq);
    if ((uint32_t)it->index >= l->len) return STOP_VAL;
    return l->items[it->index++];
  }
  if (t == &tuple_iter_type) {
    ObjTuple *tu = AS_TUPLE(it->seq);
    if ((uint32_t)it->index >= tu->len) return STOP_VAL;
    return tu->items[it->index++];
  }
  if (t == &str_iter_type) return str_iter_next(vm, it);
  return dict_iter_next(vm, it);
}

Value value_contains(VM *vm, Value c, Value item) {
  uint32_t i;
  if (IS_OBJ(c)) {
    const Type *t = OBJ_TYPE(c);
    if (t == &list_type) {
      for (i = 0; i < AS_LIST(c)->len; i++)
        if (value_equal(vm, AS_LIST(c)->items[i], item)) return TRUE_VAL;
      return FALSE_VAL;
    }
    if (t == &tuple_type) {
      for (i = 0; i < AS_TUPLE(c)->len; i++)
        if (value_equal(vm, AS_TUPLE(c)->items[i], item)) return TRUE_VAL;
      return FALSE_VAL;
    }
    if (t == &str_type) {
      if (!IS_STR(item))
        return vm_raise_fmt(vm, &exc_TypeError, "'in <string>' requires string as left operand, not %t", item);
      return BOOL_VAL(str_contains(AS_STR(c), AS_STR(item)));
    }
    if (t == &dict_type || t == &dict_keys_type) {
      Value d = t == &dict_type ? c : AS_ITER(c)->seq;
      Value v = dict_get(vm, AS_DICT(d), item);
      if (v == EXC_VAL) return EXC_VAL;
      return BOOL_VAL(v != UNBOUND_VAL);
    }
    if (t == &range_type) {
      ObjRange *r = AS_RANGE(c);
      vint x, n;
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
  }
  return vm_raise_fmt(vm, &exc_TypeError, "argument of type '%t' is not iterable", c);
}

static Value order_result(int op, int c) {
  switch (op) {
  case CMP_LT: return BOOL_VAL(c < 0);
  case CMP_LE: return BOOL_VAL(c <= 0);
  case CMP_GT: return BOOL_VAL(c > 0);
  default: return BOOL_VAL(c >= 0);
  }
}

static const char *const cmp_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

Value value_compare(VM *vm, int op, Value a, Value b) {
  switch (op) {
  case CMP_EQ: return BOOL_VAL(value_equal(vm, a, b));
  case CMP_NE: return BOOL_VAL(!value_equal(vm, a, b));
  case CMP_IS: return BOOL_VAL(a == b);
  case CMP_IS_NOT: return BOOL_VAL(a != b);
  case CMP_IN: return value_contains(vm, b, a);
  case CMP_NOT_IN: {
    Value r = value_contains(vm, b, a);
    return r == EXC_VAL ? r : BOOL_VAL(r == FALSE_VAL);
  }
  default: break;
  }
  if (IS_INTLIKE(a) && IS_INTLIKE(b)) {
    vint x = AS_INTLIKE(a), y = AS_INTLIKE(b);
    return order_result(op, x < y ? -1 : x > y);
  }
  if (is_number(a) && is_number(b)) {
    int c;
    if (IS_FLOAT(a) && IS_FLOAT(b)) {
      double x = AS_FLOAT(a), y = AS_FLOAT(b);
      if (isnan(x) || isnan(y)) return FALSE_VAL;
      c = x < y ? -1 : x > y;
    } else if (IS_FLOAT(a)) {
      c = float_compare_int(AS_INTLIKE(b), AS_FLOAT(a));
      if (c == 2) return FALSE_VAL;
      c = -c;
    } else {
      c = float_compare_int(AS_INTLIKE(a), AS_FLOAT(b));
      if (c == 2) return FALSE_VAL;
    }
    return order_result(op, c);
  }
  if (IS_STR(a) && IS_STR(b)) return order_result(op, str_compare(AS_STR(a), AS_STR(b)));
  if (IS_LIST(a) && IS_LIST(b))
    return seq_compare(vm, op, AS_LIST(a)->items, AS_LIST(a)->len, AS_LIST(b)->items, AS_LIST(b)->len);
  if (IS_TUPLE(a) && IS_TUPLE(b))
    return seq_compare(vm, op, AS_TUPLE(a)->items, AS_TUPLE(a)->len, AS_TUPLE(b)->items, AS_TUPLE(b)->len);
  return vm_raise_fmt(vm, &exc_TypeError, "'%s' not supported between instances of '%t' and '%t'",
                      cmp_symbols[op], a, b);
}

/* ---- text ------------------------------------------------------------------------------ */

static bool repr_enter(VM *vm, Value v) {
  int i;
  for (i = 0; i < vm->repr_depth; i++)
    if (vm->repr_active[i] == v) return false;
  if (vm->repr_depth >= (int)(sizeof vm->repr_active / sizeof vm->repr_active[0])) return false;
  vm->repr_active[vm->repr_depth++] = v;
  return true;
}

static void write_items(VM *vm, const Value *items, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    if (i > 0) vm_sb_add(vm, ", ", 2);
    value_write(vm, items[i], true);
  }
}

static void write_dict_items(VM *vm, ObjDict *d, vint kind) {
  uint32_t i;
  bool first = true;
  for (i = 0; i < d->used; i++) {
    DictEntry *e = &d->entries[i];
    if (e->key == DELETED_VAL) continue;
    if (!first) vm_sb_add(vm, ", ", 2);
    first = false;
    if (kind == 2) vm_sb_add(vm, "(", 1);
    if (kind != 1) value_write(vm, e->key, true);
    if (kind == 3) vm_sb_add(vm, ": ", 2);
    if (kind == 2) vm_sb_add(vm, ", ", 2);
    if (kind != 0) value_write(vm, e->value, true);
    if (kind == 2) vm_sb_add(vm, ")", 1);
  }
}

void value_write(VM *vm, Value v, bool repr) {
  const Type *t;
  if (IS_INT(v)) { int_write(vm, AS_INT(v)); return; }
  if (!IS_OBJ(v)) {
    vm_sb_cstr(vm, v == NONE_VAL ? "None" : v == TRUE_VAL ? "True" : v == FALSE_VAL ? "False" : "Ellipsis");
    return;
  }
  t = OBJ_TYPE(v);
  if (t == &str_type) {
    if (repr) str_write_repr(vm, AS_STR(v));
    else vm_sb_add(vm, AS_STR(v)->chars, AS_STR(v)->len);
  } else if (t == &float_type) {
    float_write(vm, AS_FLOAT(v));
  } else if (t == &list_type || t == &tuple_type || t == &dict_type || t == &dict_keys_type ||
             t == &dict_values_type || t == &dict_items_type) {
    if (!repr_enter(vm, v)) {
      vm_sb_cstr(vm, t == &list_type ? "[...]" : "{...}");
      return;
    }
    if (t == &list_type) {
      vm_sb_add(vm, "[", 1);
      write_items(vm, AS_LIST(v)->items, AS_LIST(v)->len);
      vm_sb_add(vm, "]", 1);
    } else if (t == &tuple_type) {
      vm_sb_add(vm, "(", 1);
      write_items(vm, AS_TUPLE(v)->items, AS_TUPLE(v)->len);
      vm_sb_cstr(vm, AS_TUPLE(v)->len == 1 ? ",)" : ")");
    } else if (t == &dict_type) {
      vm_sb_add(vm, "{", 1);
      write_dict_items(vm, AS_DICT(v), 3);
      vm_sb_add(vm, "}", 1);
    } else {
      vm_sb_cstr(vm, t->name);
      vm_sb_add(vm, "([", 2);
      write_dict_items(vm, AS_DICT(AS_ITER(v)->seq), AS_ITER(v)->step);
      vm_sb_add(vm, "])", 2);
    }
    vm->repr_depth--;
  } else if (t == &range_type) {
    ObjRange *r = AS_RANGE(v);
    vm_sb_cstr(vm, "range(");
    int_write(vm, r->start);
    vm_sb_add(vm, ", ", 2);
    int_write(vm, r->stop);
    if (r->step != 1) { vm_sb_add(vm, ", ", 2); int_write(vm, r->step); }
    vm_sb_add(vm, ")", 1);
  } else if (t == &type_type) {
    vm_sb_cstr(vm, "<class '");
    vm_sb_cstr(vm, ((const Type *)AS_OBJ(v))->name);
    vm_sb_cstr(vm, "'>");
  } else if (t == &function_type) {
    vm_sb_cstr(vm, "<function ");
    vm_sb_cstr(vm, AS_FUNCTION(v)->code->name->chars);
    vm_sb_cstr(vm, ">");
  } else if (t == &builtin_type) {
    vm_sb_cstr(vm, "<built-in function ");
    vm_sb_cstr(vm, AS_BUILTIN(v)->name);
    vm_sb_cstr(vm, ">");
  } else if (t == &bound_method_type) {
    vm_sb_cstr(vm, "<built-in method ");
    vm_sb_cstr(vm, ((ObjBoundMethod *)AS_OBJ(v))->method->name);
    vm_sb_cstr(vm, " of ");
    vm_sb_cstr(vm, value_type(((ObjBoundMethod *)AS_OBJ(v))->self)->name);
    vm_sb_cstr(vm, " object>");
  } else if (type_is_exception(t)) {
    Value msg = ((ObjException *)AS_OBJ(v))->msg;
    if (repr) { vm_sb_cstr(vm, t->name); vm_sb_add(vm, "(", 1); }
    if (!IS_NONE(msg)) value_write(vm, msg, repr);
    if (repr) vm_sb_add(vm, ")", 1);
  } else {
    vm_sb_cstr(vm, "<");
    vm_sb_cstr(vm, t->name);
    vm_sb_cstr(vm, " object>");
  }
}
