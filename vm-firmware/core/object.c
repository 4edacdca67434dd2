/* Operations every value supports, dispatched on its tag and type: truth, equality, hashing,
 * attributes, len, indexing, iteration, membership, ordering and text. */
#include <math.h>
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

const Type *value_type(Value v) {
  if (IS_INT(v)) return &int_type;
  if (IS_OBJ(v)) return AS_OBJ(v)->type == &bigint_type ? &int_type : AS_OBJ(v)->type;
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
  if (t == &set_type || t == &frozenset_type) return AS_SET(v)->used != 0;
  if (t == &bytes_type || t == &bytearray_type) return AS_BYTES(v)->len != 0;
  if (t == &array_type) return ((ObjArray *)AS_OBJ(v))->len != 0;
  if (t == &dict_keys_type || t == &dict_values_type || t == &dict_items_type) return AS_DICT(AS_ITER(v)->seq)->live != 0;
  return true;
}

static bool is_number(Value v) { return IS_ANYINT(v) || IS_FLOAT(v); }

/* -1, 0, 1, or 2 when a nan is involved; a and b are numbers. */
static int number_cmp(Value a, Value b) {
  int c;
  if (IS_FLOAT(a) && IS_FLOAT(b)) {
    double x = AS_FLOAT(a), y = AS_FLOAT(b);
    if (isnan(x) || isnan(y)) return 2;
    return x < y ? -1 : x > y;
  }
  if (IS_FLOAT(a)) {
    c = int_compare_float(b, AS_FLOAT(a));
    return c == 2 ? 2 : -c;
  }
  if (IS_FLOAT(b)) return int_compare_float(a, AS_FLOAT(b));
  return int_compare(a, b);
}

bool value_equal(VM *vm, Value a, Value b) {
  if (a != b && (IS_INSTANCE(a) || IS_INSTANCE(b))) {
    Value r = class_compare(vm, CMP_EQ, a, b);
    if (r == EXC_VAL) { vm->exc = NONE_VAL; return false; }
    return value_truthy(r);
  }
  const Type *t;
  if (a == b) return !(IS_FLOAT(a) && isnan(AS_FLOAT(a)));
  if (IS_INTLIKE(a) && IS_INTLIKE(b)) return AS_INTLIKE(a) == AS_INTLIKE(b);
  if (is_number(a) && is_number(b)) return number_cmp(a, b) == 0;
  if (!IS_OBJ(a) || !IS_OBJ(b)) return false;
  if (IS_ANYSET(a) && IS_ANYSET(b)) return set_equal(vm, AS_SET(a), AS_SET(b));
  if ((IS_TYPE(a, &dict_keys_type) || IS_TYPE(a, &dict_items_type) || IS_ANYSET(a)) &&
      (IS_TYPE(b, &dict_keys_type) || IS_TYPE(b, &dict_items_type) || IS_ANYSET(b))) {
    Value x = set_from(vm, &set_type, a), y;
    bool eq;
    if (x == EXC_VAL) { vm->exc = NONE_VAL; return false; }
    vm_push_root(vm, x);
    y = set_from(vm, &set_type, b);
    eq = y != EXC_VAL && set_equal(vm, AS_SET(x), AS_SET(y));
    if (y == EXC_VAL) vm->exc = NONE_VAL;
    vm_pop_root(vm);
    return eq;
  }
  if (IS_BYTESLIKE(a) && IS_BYTESLIKE(b)) return bytes_compare(AS_BYTES(a), AS_BYTES(b)) == 0;
  t = OBJ_TYPE(a);
  if (t == &str_type && OBJ_TYPE(b) == &str_type) return str_equal(AS_STR(a), AS_STR(b));
  if (t == &memoryview_type || OBJ_TYPE(b) == &memoryview_type) return memview_equal(vm, a, b);
  if (t == &array_type || OBJ_TYPE(b) == &array_type) return array_equal(vm, a, b);
  if (t != OBJ_TYPE(b)) return false;
  if (t == &method_type)   /* a.f == a.f: the same function bound to the same object */
    return ((ObjMethod *)AS_OBJ(a))->self == ((ObjMethod *)AS_OBJ(b))->self && ((ObjMethod *)AS_OBJ(a))->fn == ((ObjMethod *)AS_OBJ(b))->fn;
  if (t == &bound_method_type || t == &method_descr_type)
    return ((ObjBoundMethod *)AS_OBJ(a))->self == ((ObjBoundMethod *)AS_OBJ(b))->self &&
           ((ObjBoundMethod *)AS_OBJ(a))->method == ((ObjBoundMethod *)AS_OBJ(b))->method;
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

bool value_unhashable(VM *vm, Value v, int64_t *out) {
  (void)out;
  vm_raise_fmt(vm, &exc_TypeError, "unhashable type: '%t'", v);
  return false;
}

bool value_hash64(VM *vm, Value v, int64_t *out) {
  const Type *t;
  if (IS_INT(v)) { *out = int_hash(v); return true; }
  if (IS_BOOL(v)) { *out = v == TRUE_VAL; return true; }
  if (!IS_OBJ(v)) { *out = (int64_t)(v >> 2) * 0x9E3779B1; return true; }
  t = OBJ_TYPE(v);
  if (t->hash != NULL) return t->hash(vm, v, out);
  *out = (int64_t)(v >> 3);   /* by identity */
  return true;
}

bool value_hash(VM *vm, Value v, uint32_t *out) {
  int64_t h;
  if (IS_STR(v)) { *out = str_hash(AS_STR(v)); return true; }   /* dict keys: the common case */
  if (!value_hash64(vm, v, &h)) return false;
  *out = (uint32_t)h;
  return true;
}

Value value_index(VM *vm, Value v) {
  Value r;
  if (IS_INTLIKE(v)) return INT_VAL(AS_INTLIKE(v));
  if (IS_BIGINT(v)) return v;
  if (!IS_INSTANCE(v)) return UNBOUND_VAL;
  r = class_call_dunder(vm, v, "__index__", 0, NULL);
  if (r == UNBOUND_VAL && IS_ANYINT(class_builtin_value(v))) return value_index(vm, class_builtin_value(v));
  if (r == EXC_VAL || r == UNBOUND_VAL || IS_ANYINT(r)) return r;
  return vm_raise_fmt(vm, &exc_TypeError, "__index__ returned non-int (type %t)", r);
}

Value value_number_special(VM *vm, Value v, const char *name, int argc, Value *args) {
  Value r = class_call_dunder(vm, v, name, argc, args);
  if (r == UNBOUND_VAL && class_builtin_value(v) != UNBOUND_VAL) {
    Value key = str_from_cstr(vm, name), f;
    if (key == EXC_VAL) return EXC_VAL;
    f = value_getattr(vm, class_builtin_value(v), AS_STR(key));   /* (5).__abs__ of class Flags(int) */
    if (f == EXC_VAL) { vm->exc = NONE_VAL; return UNBOUND_VAL; }
    vm_push_root(vm, f);
    r = vm_call(vm, f, argc, args);
    vm_pop_root(vm);
  }
  return r;
}

bool seq_index(VM *vm, Value index, uint32_t len, const char *what, uint32_t *out) {
  vint i;
  bool pop = strcmp(what, "pop") == 0, bytes = strcmp(what, "bytes") == 0;
  if (IS_INSTANCE(index)) {   /* __index__ */
    Value i = value_index(vm, index);
    if (i == EXC_VAL) return false;
    if (i != UNBOUND_VAL) index = i;
  }
  if (!IS_INTLIKE(index)) {
    if (IS_BIGINT(index)) {
      vm_raise_fmt(vm, &exc_IndexError, "cannot fit 'int' into an index-sized integer");
      return false;
    }
    if (pop)
      vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", index);
    else if (strcmp(what, "string") == 0)
      vm_raise_fmt(vm, &exc_TypeError, "string indices must be integers, not '%t'", index);
    else
      vm_raise_fmt(vm, &exc_TypeError, "%s indices must be integers or slices, not %t",
                   bytes ? "byte" : strcmp(what, "range object") == 0 ? "range" :
                   strcmp(what, "list assignment") == 0 ? "list" : what, index);
    return false;
  }
  i = AS_INTLIKE(index);
  if (i < 0) i += (vint)len;
  if (i < 0 || i >= (vint)len) {
    if (pop) vm_raise(vm, &exc_IndexError, "pop index out of range");
    else if (bytes) vm_raise(vm, &exc_IndexError, "index out of range");
    else vm_raise_fmt(vm, &exc_IndexError, "%s index out of range", what);
    return false;
  }
  *out = (uint32_t)i;
  return true;
}

extern const MethodDef dict_class_methods[], int_class_methods[], str_class_methods[], bytes_class_methods[];

/* ---- special methods of built-in values: [].__len__, (1).__add__, d.__setitem__ -----------
 * One generic native per special method calls the operation every value supports; a mask says
 * which kinds of built-in type have it, so hasattr() answers as CPython does. */
#define NOT_IMPLEMENTED OBJ_VAL(&not_implemented_obj)
enum { K_NUM = 1, K_INT = 2, K_SEQ = 4, K_MUT = 8, K_MAP = 16, K_SET = 32, K_ITER = 64, K_ANY = 128, K_CAT = 256 };

static bool is_iterator_type(const Type *t) { return t->iternext != NULL && !IS_CLASS_TYPE(t); }

static unsigned type_kinds(const Type *t) {
  if (t == &int_type || t == &bool_type || t == &bigint_type) return K_NUM | K_INT | K_ANY;
  if (t == &float_type) return K_NUM | K_ANY;
  if (t == &list_type || t == &bytearray_type) return K_SEQ | K_MUT | K_CAT | K_ANY;
  if (t == &tuple_type || t == &str_type || t == &bytes_type) return K_SEQ | K_CAT | K_ANY;
  if (t == &range_type) return K_SEQ | K_ANY;
  if (t == &dict_type) return K_MAP | K_ANY;
  if (t == &set_type || t == &frozenset_type) return K_SET | K_ANY;
  if (is_iterator_type(t)) return K_ITER | K_ANY;
  return K_ANY;
}

/* A binary special method: the operator, or NotImplemented where the operator has no meaning
 * for these operands (the other side then gets its turn). */
static Value special_binary(VM *vm, int op, Value a, Value b) {
  Value r;
  if (IS_INSTANCE(a) || IS_INSTANCE(b) || (IS_ANYINT(a) && !IS_ANYINT(b))) return NOT_IMPLEMENTED;
  r = vm_binary_op(vm, op, a, b);
  if (r == EXC_VAL && vm_exc_pending_is(vm, &exc_TypeError)) { vm->exc = NONE_VAL; return NOT_IMPLEMENTED; }
  return r;
}
#define SPECIAL_BINARY(name, op) \
  static Value sm_##name(VM *vm, int argc, Value *args) { (void)argc; return special_binary(vm, op, args[0], args[1]); } \
  static Value sm_r##name(VM *vm, int argc, Value *args) { (void)argc; return special_binary(vm, op, args[1], args[0]); }
SPECIAL_BINARY(add, BINOP_ADD)
SPECIAL_BINARY(sub, BINOP_SUB)
SPECIAL_BINARY(mul, BINOP_MUL)
SPECIAL_BINARY(truediv, BINOP_TRUEDIV)
SPECIAL_BINARY(floordiv, BINOP_FLOORDIV)
SPECIAL_BINARY(mod, BINOP_MOD)
SPECIAL_BINARY(pow, BINOP_POW)
SPECIAL_BINARY(lshift, BINOP_LSHIFT)
SPECIAL_BINARY(rshift, BINOP_RSHIFT)
SPECIAL_BINARY(and, BINOP_AND)
SPECIAL_BINARY(or, BINOP_OR)
SPECIAL_BINARY(xor, BINOP_XOR)
static Value sm_iadd(VM *vm, int argc, Value *args) { (void)argc; return special_binary(vm, BINOP_ADD | BINOP_INPLACE, args[0], args[1]); }
static Value sm_imul(VM *vm, int argc, Value *args) { (void)argc; return special_binary(vm, BINOP_MUL | BINOP_INPLACE, args[0], args[1]); }

static Value special_compare(VM *vm, int op, Value a, Value b) {
  Value r;
  if (IS_INSTANCE(b) || (IS_ANYINT(a) && !IS_ANYINT(b))) return NOT_IMPLEMENTED;   /* int.__eq__(1.0) */
  if (op == CMP_EQ || op == CMP_NE) {
    if (!IS_OBJ(b) || value_type(a) == value_type(b) || (type_kinds(value_type(a)) & type_kinds(value_type(b)) & (K_NUM | K_SET)))
      return BOOL_VAL(value_equal(vm, a, b) == (op == CMP_EQ));
    return NOT_IMPLEMENTED;
  }
  r = value_compare(vm, op, a, b);
  if (r == EXC_VAL && vm_exc_pending_is(vm, &exc_TypeError)) { vm->exc = NONE_VAL; return NOT_IMPLEMENTED; }
  return r;
}
static Value sm_eq(VM *vm, int argc, Value *args) { (void)argc; return special_compare(vm, CMP_EQ, args[0], args[1]); }
static Value sm_ne(VM *vm, int argc, Value *args) { (void)argc; return special_compare(vm, CMP_NE, args[0], args[1]); }
static Value sm_lt(VM *vm, int argc, Value *args) { (void)argc; return special_compare(vm, CMP_LT, args[0], args[1]); }
static Value sm_le(VM *vm, int argc, Value *args) { (void)argc; return special_compare(vm, CMP_LE, args[0], args[1]); }
static Value sm_gt(VM *vm, int argc, Value *args) { (void)argc; return special_compare(vm, CMP_GT, args[0], args[1]); }
static Value sm_ge(VM *vm, int argc, Value *args) { (void)argc; return special_compare(vm, CMP_GE, args[0], args[1]); }

static Value sm_len(VM *vm, int argc, Value *args) { (void)argc; return value_len(vm, args[0]); }
static Value sm_getitem(VM *vm, int argc, Value *args) { (void)argc; return value_getitem(vm, args[0], args[1]); }
static Value sm_setitem(VM *vm, int argc, Value *args) { (void)argc; return value_setitem(vm, args[0], args[1], args[2]); }
static Value sm_delitem(VM *vm, int argc, Value *args) { (void)argc; return vm_delitem(vm, args[0], args[1]); }
static Value sm_contains(VM *vm, int argc, Value *args) { (void)argc; return value_contains(vm, args[0], args[1]); }
static Value sm_iter(VM *vm, int argc, Value *args) { (void)argc; return value_iter(vm, args[0]); }
static Value sm_next(VM *vm, int argc, Value *args) {
  Value r = value_iter_next(vm, args[0]);
  (void)argc;
  return r == STOP_VAL ? vm_raise_value(vm, &exc_StopIteration, NONE_VAL) : r;
}
static Value sm_hash(VM *vm, int argc, Value *args) {
  int64_t h;
  (void)argc;
  if (!value_hash64(vm, args[0], &h)) return EXC_VAL;
  return int_from_u64(vm, h < 0, h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h);
}
static Value sm_text(VM *vm, Value v, bool repr) {
  vm_sb_reset(vm);
  value_write(vm, v, repr);
  return vm_sb_to_str(vm);
}
static Value sm_repr(VM *vm, int argc, Value *args) { (void)argc; return sm_text(vm, args[0], true); }
static Value sm_str(VM *vm, int argc, Value *args) { (void)argc; return sm_text(vm, args[0], false); }
static Value sm_bool(VM *vm, int argc, Value *args) { (void)argc; (void)vm; return BOOL_VAL(value_truthy(args[0])); }
static Value sm_neg(VM *vm, int argc, Value *args) { (void)argc; return vm_unary_op(vm, UNOP_NEG, args[0]); }
static Value sm_pos(VM *vm, int argc, Value *args) { (void)argc; return vm_unary_op(vm, UNOP_POS, args[0]); }
static Value sm_invert(VM *vm, int argc, Value *args) { (void)argc; return vm_unary_op(vm, UNOP_INVERT, args[0]); }
/* These go through the builtin of the same name: abs(), int(), float(), round(). */
static Value sm_builtin(VM *vm, const char *fn, int argc, Value *args) {
  Value key = str_from_cstr(vm, fn), f;
  if (key == EXC_VAL) return EXC_VAL;
  f = dict_get_str(vm->builtins, AS_STR(key));
  return vm_call(vm, f, argc, args);
}
static Value sm_abs(VM *vm, int argc, Value *args) { return sm_builtin(vm, "abs", argc, args); }
static Value sm_int(VM *vm, int argc, Value *args) { return sm_builtin(vm, "int", argc, args); }
static Value sm_float(VM *vm, int argc, Value *args) { return sm_builtin(vm, "float", argc, args); }
static Value sm_round(VM *vm, int argc, Value *args) { return sm_builtin(vm, "round", argc, args); }
static Value sm_index(VM *vm, int argc, Value *args) { (void)argc; (void)vm; return IS_BOOL(args[0]) ? INT_VAL(AS_INTLIKE(args[0])) : args[0]; }

static const MethodDef special_methods[] = {
  {"__repr__", sm_repr, 0, 0, NULL}, {"__str__", sm_str, 0, 0, NULL}, {"__hash__", sm_hash, 0, 0, NULL},
  {"__eq__", sm_eq, 1, 1, NULL}, {"__ne__", sm_ne, 1, 1, NULL},
  {"__lt__", sm_lt, 1, 1, NULL}, {"__le__", sm_le, 1, 1, NULL}, {"__gt__", sm_gt, 1, 1, NULL}, {"__ge__", sm_ge, 1, 1, NULL},
  {"__len__", sm_len, 0, 0, NULL}, {"__getitem__", sm_getitem, 1, 1, NULL}, {"__contains__", sm_contains, 1, 1, NULL},
  {"__iter__", sm_iter, 0, 0, NULL}, {"__setitem__", sm_setitem, 2, 2, NULL}, {"__delitem__", sm_delitem, 1, 1, NULL},
  {"__next__", sm_next, 0, 0, NULL},
  {"__add__", sm_add, 1, 1, NULL}, {"__mul__", sm_mul, 1, 1, NULL}, {"__rmul__", sm_rmul, 1, 1, NULL},
  {"__iadd__", sm_iadd, 1, 1, NULL}, {"__imul__", sm_imul, 1, 1, NULL},
  {"__radd__", sm_radd, 1, 1, NULL}, {"__sub__", sm_sub, 1, 1, NULL}, {"__rsub__", sm_rsub, 1, 1, NULL},
  {"__truediv__", sm_truediv, 1, 1, NULL}, {"__rtruediv__", sm_rtruediv, 1, 1, NULL},
  {"__floordiv__", sm_floordiv, 1, 1, NULL}, {"__rfloordiv__", sm_rfloordiv, 1, 1, NULL},
  {"__mod__", sm_mod, 1, 1, NULL}, {"__rmod__", sm_rmod, 1, 1, NULL}, {"__pow__", sm_pow, 1, 1, NULL},
  {"__rpow__", sm_rpow, 1, 1, NULL}, {"__neg__", sm_neg, 0, 0, NULL}, {"__pos__", sm_pos, 0, 0, NULL},
  {"__abs__", sm_abs, 0, 0, NULL}, {"__bool__", sm_bool, 0, 0, NULL}, {"__int__", sm_int, 0, 0, NULL},
  {"__float__", sm_float, 0, 0, NULL}, {"__round__", sm_round, 0, 1, NULL}, {"__trunc__", sm_int, 0, 0, NULL},
  {"__and__", sm_and, 1, 1, NULL}, {"__rand__", sm_rand, 1, 1, NULL}, {"__or__", sm_or, 1, 1, NULL},
  {"__ror__", sm_ror, 1, 1, NULL}, {"__xor__", sm_xor, 1, 1, NULL}, {"__rxor__", sm_rxor, 1, 1, NULL},
  {"__lshift__", sm_lshift, 1, 1, NULL}, {"__rlshift__", sm_rlshift, 1, 1, NULL},
  {"__rshift__", sm_rshift, 1, 1, NULL}, {"__rrshift__", sm_rrshift, 1, 1, NULL},
  {"__invert__", sm_invert, 0, 0, NULL}, {"__index__", sm_index, 0, 0, NULL},
};
/* Which kinds of type have each entry above, in the same order. */
static const uint16_t special_kinds[sizeof special_methods / sizeof special_methods[0]] = {
  K_ANY, K_ANY, K_ANY, K_ANY, K_ANY, K_NUM | K_SEQ | K_SET, K_NUM | K_SEQ | K_SET, K_NUM | K_SEQ | K_SET, K_NUM | K_SEQ | K_SET,
  K_SEQ | K_MAP | K_SET, K_SEQ | K_MAP, K_SEQ | K_MAP | K_SET, K_SEQ | K_MAP | K_SET | K_ITER, K_MUT | K_MAP, K_MUT | K_MAP,
  K_ITER,
  K_NUM | K_CAT, K_NUM | K_CAT, K_NUM | K_CAT, K_MUT, K_MUT,
  K_NUM, K_NUM | K_SET, K_NUM | K_SET,
  K_NUM, K_NUM, K_NUM, K_NUM, K_NUM, K_NUM, K_NUM,
  K_NUM, K_NUM, K_NUM, K_NUM, K_NUM, K_NUM,
  K_NUM, K_NUM, K_NUM,
  K_INT | K_SET, K_INT | K_SET, K_INT | K_SET | K_MAP,
  K_INT | K_SET | K_MAP, K_INT | K_SET, K_INT | K_SET,
  K_INT, K_INT, K_INT, K_INT, K_INT, K_INT,
};

/* The special method `name` of built-in type t, or NULL when t has no such method. */
const MethodDef *special_method_find(const Type *t, const ObjStr *name) {
  unsigned kinds = type_kinds(t);
  size_t i;
  if (name->len < 5 || name->chars[0] != '_' || name->chars[1] != '_' || IS_CLASS_TYPE(t)) return NULL;
  for (i = 0; i < sizeof special_methods / sizeof special_methods[0]; i++)
    if ((special_kinds[i] & kinds) && strcmp(special_methods[i].name, name->chars) == 0) return &special_methods[i];
  return NULL;
}

/* ---- built-in types as objects: unbound methods, special attributes, special methods --------
 * list.append is a method descriptor: an ObjBoundMethod whose self is the type; calling it
 * checks and takes the first argument as self (interp.c's call_native). */
static void method_descr_print(VM *vm, Value v, bool repr) {
  const ObjBoundMethod *d = (const ObjBoundMethod *)AS_OBJ(v);
  (void)repr;
  vm_sb_cstr(vm, "<method '");
  vm_sb_cstr(vm, d->method->name);
  vm_sb_cstr(vm, "' of '");
  vm_sb_cstr(vm, ((const Type *)AS_OBJ(d->self))->name);
  vm_sb_cstr(vm, "' objects>");
}
const Type method_descr_type = {{&type_type}, "method_descriptor", NULL, NULL, NULL,   /* self: a const type */
    .print = method_descr_print};

static Value descr_new(VM *vm, const Type *t, const MethodDef *m) {
  ObjBoundMethod *b = (ObjBoundMethod *)obj_alloc(vm, &method_descr_type, sizeof(ObjBoundMethod));
  if (b == NULL) return EXC_VAL;
  b->self = OBJ_VAL(t);
  b->method = m;
  return OBJ_VAL(b);
}

/* Does a descriptor of type t accept self? Instances of a Python subclass of t are replaced by
 * the built-in value they carry. UNBOUND_VAL (TypeError raised) when not. */
Value descr_self(VM *vm, const ObjBoundMethod *d, Value self) {
  const Type *t = (const Type *)AS_OBJ(d->self), *s;
  Value inner = class_builtin_value(self);
  if (inner != UNBOUND_VAL) self = inner;
  for (s = value_type(self); s != NULL; s = s->parent)
    if (s == t) return self;
  vm_raise_fmt(vm, &exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%t' object",
               d->method->name, t->name, self);
  return UNBOUND_VAL;
}

/* The chain of built-in base types of t, t first (bool, int): for __mro__ and __bases__. */
static Value type_mro_tuple(VM *vm, const Type *t, bool bases) {
  const Type *p;
  uint32_t n = 0, i = 0;
  Value r;
  for (p = bases ? t->parent : t; p != NULL; p = bases ? NULL : p->parent) n++;
  if (t != &object_type && (!bases || t->parent == NULL)) n++;
  r = tuple_new(vm, n);
  if (r == EXC_VAL) return EXC_VAL;
  for (p = bases ? t->parent : t; p != NULL; p = bases ? NULL : p->parent) AS_TUPLE(r)->items[i++] = OBJ_VAL(p);
  if (i < n) AS_TUPLE(r)->items[i] = OBJ_VAL(&object_type);
  return r;
}

static bool name_is(const ObjStr *name, const char *s) { return strcmp(name->chars, s) == 0; }

/* t.__dict__ of a built-in type: its own methods (a new dict each time, not a mappingproxy). */
static Value builtin_type_dict(VM *vm, Value obj) {
  const Type *t = (const Type *)AS_OBJ(obj);
  const MethodDef *cm = t == &dict_type ? dict_class_methods : t == &int_type ? int_class_methods :
                        t == &str_type ? str_class_methods : t == &bytes_type || t == &bytearray_type ? bytes_class_methods : NULL;
  const MethodDef *tables[2], *m;
  Value d = dict_new(vm);
  int i;
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  tables[0] = t->methods;
  tables[1] = cm;
  for (i = 0; i < 2; i++)
    for (m = tables[i]; m != NULL && m->name != NULL; m++) {
      Value k = str_from_cstr(vm, m->name), v;
      if (k == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
      vm_push_root(vm, k);
      v = i == 0 ? descr_new(vm, t, m) : bound_method_new(vm, obj, m);
      vm_pop_root(vm);
      if (v == EXC_VAL || !dict_set(vm, AS_DICT(d), k, v)) { vm_pop_root(vm); return EXC_VAL; }
    }
  for (i = 0; t->consts != NULL && t->consts[i].name != NULL; i++) {   /* SPI.MSB */
    Value k = str_from_cstr(vm, t->consts[i].name);
    if (k == EXC_VAL || !dict_set(vm, AS_DICT(d), k, INT_VAL(t->consts[i].value))) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  return d;
}

/* A native class's constant (SPI.MSB), on it or a parent; UNBOUND_VAL: none. */
static Value type_const(const Type *t, const ObjStr *name) {
  const TypeConst *c;
  for (; t != NULL; t = t->parent)
    for (c = t->consts; c != NULL && c->name != NULL; c++)
      if (strcmp(c->name, name->chars) == 0) return INT_VAL(c->value);
  return UNBOUND_VAL;
}

/* int.__name__, list.append, dict.fromkeys, int.__add__, ... of a built-in type t. */
static Value builtin_type_getattr(VM *vm, Value obj, ObjStr *name) {
  const Type *t = (const Type *)AS_OBJ(obj), *p;
  const MethodDef *m;
  if (name_is(name, "__name__") || name_is(name, "__qualname__")) return str_from_cstr(vm, t->name);
  if (name_is(name, "__module__")) return str_from_cstr(vm, "builtins");
  if (name_is(name, "__mro__")) return type_mro_tuple(vm, t, false);
  if (name_is(name, "__bases__")) return type_mro_tuple(vm, t, true);
  if (name_is(name, "__base__")) return t == &object_type ? NONE_VAL : OBJ_VAL(t->parent != NULL ? t->parent : &object_type);
  if (name_is(name, "__class__")) return OBJ_VAL(&type_type);
  if (name_is(name, "__dict__")) return builtin_type_dict(vm, obj);
  if (t == &object_type && object_attr_builtin(name) != NULL) return OBJ_VAL(object_attr_builtin(name));
  if (name_is(name, "__new__")) return OBJ_VAL(&value_new_builtin);
  if (name_is(name, "__init__"))   /* list.__init__(self, items), object.__init__(self) */
    return OBJ_VAL(t == &list_type || t == &dict_type || t == &set_type || t == &bytearray_type ? &value_init_builtin : &super_init_builtin);
  m = t == &dict_type ? methods_find(dict_class_methods, name) :   /* class methods: dict.fromkeys */
      t == &int_type ? methods_find(int_class_methods, name) :
      t == &str_type ? methods_find(str_class_methods, name) :
      (t == &bytes_type || t == &bytearray_type) ? methods_find(bytes_class_methods, name) : NULL;
  if (m != NULL) return bound_method_new(vm, obj, m);
  if (t->consts != NULL && type_const(t, name) != UNBOUND_VAL) return type_const(t, name);
  for (p = t; p != NULL; p = p->parent) {
    m = methods_find(p->methods, name);
    if (m != NULL) return descr_new(vm, p, m);
  }
  m = special_method_find(t, name);
  if (m != NULL) return descr_new(vm, t, m);
  return vm_raise_fmt(vm, &exc_AttributeError, "type object '%s' has no attribute '%s'", t->name, name->chars);
}

Value type_getattr(VM *vm, Value obj, ObjStr *name) {
  return IS_PYCLASS(obj) ? class_getattr(vm, obj, name) : builtin_type_getattr(vm, obj, name);
}

Value value_getattr(VM *vm, Value obj, ObjStr *name) {
  const MethodDef *m;
  const Type *t;
  if (IS_OBJ(obj) && OBJ_TYPE(obj)->getattr != NULL) {   /* the type's own attributes first */
    Value v = OBJ_TYPE(obj)->getattr(vm, obj, name);
    if (v != UNBOUND_VAL) return v;
  }
  for (t = value_type(obj); t != NULL; t = t->parent) {   /* bool finds int's methods */
    m = methods_find(t->methods, name);
    if (m != NULL) return bound_method_new(vm, obj, m);
  }
  if (value_type(obj)->consts != NULL && type_const(value_type(obj), name) != UNBOUND_VAL)
    return type_const(value_type(obj), name);
  if (name->chars[0] == '_') {
    if (name_is(name, "__class__")) return OBJ_VAL(value_type(obj));
    m = special_method_find(value_type(obj), name);
    if (m != NULL) return bound_method_new(vm, obj, m);
  }
  return vm_raise_fmt(vm, &exc_AttributeError, "'%t' object has no attribute '%s'", obj, name->chars);
}

Value value_setattr(VM *vm, Value obj, ObjStr *name, Value v) {
  if (IS_INSTANCE(obj) || IS_PYCLASS(obj)) return class_setattr(vm, obj, name, v);
  if (IS_MODULE(obj)) {
    if (v == UNBOUND_VAL) {
      bool found;
      if (!dict_delete(vm, AS_MODULE(obj)->dict, OBJ_VAL(name), &found)) return EXC_VAL;
      if (!found) return vm_raise_fmt(vm, &exc_AttributeError, "module has no attribute '%s'", name->chars);
      return NONE_VAL;
    }
    return dict_set(vm, AS_MODULE(obj)->dict, OBJ_VAL(name), v) ? NONE_VAL : EXC_VAL;
  }
  if (IS_FUNCTION(obj)) return function_setattr(vm, obj, name, v);
  if (methods_find(value_type(obj)->methods, name) != NULL)
    return vm_raise_fmt(vm, &exc_AttributeError, "'%t' object attribute '%s' is read-only", obj, name->chars);
  return vm_raise_fmt(vm, &exc_AttributeError, "'%t' object has no attribute '%s'", obj, name->chars);
}

/* Operators of the library types the interpreter's fast paths do not cover. */
Value lib_binary(VM *vm, int op, Value a, Value b) {
  int base = op & ~BINOP_INPLACE;
  if (class_builtin_value(a) != UNBOUND_VAL || class_builtin_value(b) != UNBOUND_VAL)
    return UNBOUND_VAL;   /* a subclass's own methods first (class_binary), then its value */
  if (IS_BIGINT(a) || IS_BIGINT(b)) {
    Value r = int_number_binary(vm, base, a, b);
    if (r != UNBOUND_VAL) return r;
    if (base == BINOP_MUL && (IS_STR(a) || IS_STR(b) || IS_LIST(a) || IS_LIST(b) || IS_TUPLE(a) || IS_TUPLE(b)))
      return vm_raise(vm, &exc_OverflowError, "cannot fit 'int' into an index-sized integer");
  }
  if (IS_ANYSET(a)) return set_binary(vm, op, a, b);
  if ((IS_TYPE(a, &dict_keys_type) || IS_TYPE(a, &dict_items_type) || IS_TYPE(b, &dict_keys_type) ||
       IS_TYPE(b, &dict_items_type)) && (base == BINOP_AND || base == BINOP_OR || base == BINOP_SUB || base == BINOP_XOR)) {
    Value x = set_from(vm, &set_type, a), y, r;   /* set algebra on dict views gives a set */
    RootMark mark = gc_root_mark(vm);
    if (x == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, x);
    y = set_from(vm, &set_type, b);
    vm_push_root(vm, y);
    r = y == EXC_VAL ? EXC_VAL : set_binary(vm, base, x, y);
    gc_root_restore(vm, mark);
    return r;
  }
  if (op == (BINOP_ADD | BINOP_INPLACE) && IS_LIST(a)) {   /* l += any iterable */
    Value items = value_to_list(vm, b);
    uint32_t i;
    if (items == EXC_VAL) {
      if (IS_OBJ(vm->exc) && OBJ_TYPE(vm->exc) == &exc_TypeError) {
        vm->exc = NONE_VAL;
        return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not iterable", b);
      }
      return EXC_VAL;
    }
    vm_push_root(vm, items);
    for (i = 0; i < AS_LIST(items)->len; i++)
      if (!list_append(vm, AS_LIST(a), AS_LIST(items)->items[i])) { vm_pop_root(vm); return EXC_VAL; }
    vm_pop_root(vm);
    return a;
  }
  if (IS_TYPE(a, &array_type) || (IS_TYPE(b, &array_type) && !IS_BYTESLIKE(a))) return array_binary(vm, op, a, b);
  if (IS_BYTESLIKE(a) || IS_BYTESLIKE(b)) return bytes_binary(vm, op, a, b);
  if (base == BINOP_MOD && IS_STR(a)) return str_percent(vm, AS_STR(a), b);
  if (base == BINOP_OR && IS_DICT(a) && IS_DICT(b)) {
    Value d;
    uint32_t i;
    if (op & BINOP_INPLACE) d = a;
    else {
      d = dict_new(vm);
      if (d == EXC_VAL) return EXC_VAL;
      for (i = 0; i < AS_DICT(a)->used; i++)
        if (AS_DICT(a)->entries[i].key != DELETED_VAL &&
            !dict_set(vm, AS_DICT(d), AS_DICT(a)->entries[i].key, AS_DICT(a)->entries[i].value)) return EXC_VAL;
    }
    vm_push_root(vm, d);
    for (i = 0; i < AS_DICT(b)->used; i++)
      if (AS_DICT(b)->entries[i].key != DELETED_VAL &&
          !dict_set(vm, AS_DICT(d), AS_DICT(b)->entries[i].key, AS_DICT(b)->entries[i].value)) { vm_pop_root(vm); return EXC_VAL; }
    vm_pop_root(vm);
    return d;
  }
  return UNBOUND_VAL;
}

Value value_len(VM *vm, Value v) {
  if (IS_OBJ(v) && OBJ_TYPE(v)->len != NULL) return OBJ_TYPE(v)->len(vm, v);
  return vm_raise_fmt(vm, &exc_TypeError, "object of type '%t' has no len()", v);
}

Value value_getitem(VM *vm, Value obj, Value key) {
  if (IS_OBJ(obj) && OBJ_TYPE(obj)->getitem != NULL) return OBJ_TYPE(obj)->getitem(vm, obj, key);
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not subscriptable", obj);
}

Value value_setitem(VM *vm, Value obj, Value key, Value val) {
  if (IS_OBJ(obj) && OBJ_TYPE(obj)->setitem != NULL) return OBJ_TYPE(obj)->setitem(vm, obj, key, val);
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object does not support item assignment", obj);
}

void iter_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjIter *)obj)->seq); }

Value iter_new(VM *vm, const Type *type, Value seq, vint index, vint stop, vint step) {
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

Value iter_self(VM *vm, Value v) { (void)vm; return v; }

Value value_iter(VM *vm, Value v) {
  if (IS_OBJ(v) && OBJ_TYPE(v)->getiter != NULL) return OBJ_TYPE(v)->getiter(vm, v);
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not iterable", v);
}

Value value_iter_next(VM *vm, Value iter) {
  if (IS_TYPE(iter, &list_iter_type)) {   /* for x in list: the common case, without a call */
    ObjIter *it = AS_ITER(iter);
    ObjList *l = AS_LIST(it->seq);
    if ((uint32_t)it->index >= l->len) return STOP_VAL;
    return l->items[it->index++];
  }
  if (IS_OBJ(iter) && OBJ_TYPE(iter)->iternext != NULL) return OBJ_TYPE(iter)->iternext(vm, iter);
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not an iterator", iter);
}

/* item in c: the type's contains slot, else iterate c comparing each item. */
Value value_contains(VM *vm, Value c, Value item) {
  Value it, v;
  if (IS_OBJ(c) && OBJ_TYPE(c)->contains != NULL) return OBJ_TYPE(c)->contains(vm, c, item);
  if (!IS_OBJ(c) || OBJ_TYPE(c)->getiter == NULL)
    return vm_raise_fmt(vm, &exc_TypeError, "argument of type '%t' is not iterable", c);
  it = value_iter(vm, c);
  if (it == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, it);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL || v == EXC_VAL) break;
    if (value_equal(vm, v, item)) { v = TRUE_VAL; break; }
  }
  vm_pop_root(vm);
  return v == STOP_VAL ? FALSE_VAL : v;
}

static Value order_result(int op, int c) {
  switch (op) {
  case CMP_LT: return BOOL_VAL(c < 0);
  case CMP_LE: return BOOL_VAL(c <= 0);
  case CMP_GT: return BOOL_VAL(c > 0);
  default: return BOOL_VAL(c >= 0);
  }
}

static bool is_set_view(Value v) { return IS_TYPE(v, &dict_keys_type) || IS_TYPE(v, &dict_items_type); }

static const char *const cmp_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

Value value_compare(VM *vm, int op, Value a, Value b) {
  if ((IS_INSTANCE(a) || IS_INSTANCE(b)) && op <= CMP_GE) return class_compare(vm, op, a, b);
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
    int c = number_cmp(a, b);
    if (c == 2) return FALSE_VAL;
    return order_result(op, c);
  }
  if (IS_STR(a) && IS_STR(b)) return order_result(op, str_compare(AS_STR(a), AS_STR(b)));
  if (IS_ANYSET(a) && IS_ANYSET(b)) return set_compare(vm, op, a, b);
  if ((is_set_view(a) || IS_ANYSET(a)) && (is_set_view(b) || IS_ANYSET(b))) {   /* d.keys() <= s */
    Value x = set_from(vm, &set_type, a), y, r;
    RootMark mark = gc_root_mark(vm);
    if (x == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, x);
    y = set_from(vm, &set_type, b);
    vm_push_root(vm, y);
    r = y == EXC_VAL ? EXC_VAL : set_compare(vm, op, x, y);
    gc_root_restore(vm, mark);
    return r;
  }
  if (IS_BYTESLIKE(a) && IS_BYTESLIKE(b)) return order_result(op, bytes_compare(AS_BYTES(a), AS_BYTES(b)));
  if (IS_TYPE(a, &array_type) && IS_TYPE(b, &array_type)) return array_compare(vm, op, a, b);
  if (IS_LIST(a) && IS_LIST(b))
    return seq_compare(vm, op, AS_LIST(a)->items, AS_LIST(a)->len, AS_LIST(b)->items, AS_LIST(b)->len);
  if (IS_TUPLE(a) && IS_TUPLE(b))
    return seq_compare(vm, op, AS_TUPLE(a)->items, AS_TUPLE(a)->len, AS_TUPLE(b)->items, AS_TUPLE(b)->len);
  return vm_raise_fmt(vm, &exc_TypeError, "'%s' not supported between instances of '%t' and '%t'",
                      cmp_symbols[op], a, b);
}

/* ---- text ------------------------------------------------------------------------------ */

bool repr_enter(VM *vm, Value v) {
  int i;
  for (i = 0; i < vm->repr_depth; i++)
    if (vm->repr_active[i] == v) return false;
  if (vm->repr_depth >= (int)(sizeof vm->repr_active / sizeof vm->repr_active[0])) return false;
  vm->repr_active[vm->repr_depth++] = v;
  return true;
}

void value_write_items(VM *vm, const Value *items, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    if (i > 0) vm_sb_add(vm, ", ", 2);
    value_write(vm, items[i], true);
  }
}

void type_print(VM *vm, Value v, bool repr) {
  (void)repr;
  if (IS_PYCLASS(v)) { class_write_class(vm, v); return; }
  vm_sb_cstr(vm, "<class '");
  vm_sb_cstr(vm, ((const Type *)AS_OBJ(v))->name);
  vm_sb_cstr(vm, "'>");
}

void value_write(VM *vm, Value v, bool repr) {
  const Type *t;
  if (IS_INT(v)) { int_write(vm, AS_INT(v)); return; }
  if (!IS_OBJ(v)) {
    vm_sb_cstr(vm, v == NONE_VAL ? "None" : v == TRUE_VAL ? "True" : v == FALSE_VAL ? "False" : "Ellipsis");
    return;
  }
  t = OBJ_TYPE(v);
  if (t->print != NULL) { t->print(vm, v, repr); return; }
  vm_sb_cstr(vm, "<");
  vm_sb_cstr(vm, t->name);
  vm_sb_cstr(vm, " object>");
}
