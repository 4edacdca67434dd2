/* Classes written in Python: class objects (a Type followed by a dict and an MRO), their
 * instances, bound methods, super(), classmethod/staticmethod/property, and the dunder
 * protocols the interpreter and object.c dispatch to. */
#include <string.h>

#include "call.h"
#include "gen/opcodes.h"
#include "vm.h"

/* ==== objects ============================================================================ */

void instance_trace(VM *vm, Obj *obj) {
  ObjInstance *o = (ObjInstance *)obj;
  gc_mark_value(vm, OBJ_VAL(o->obj.type));   /* the class itself (a heap object) */
  gc_mark_value(vm, o->msg);
  if (o->dict != NULL) gc_mark_value(vm, OBJ_VAL(o->dict));
  if (((const ObjClass *)o->obj.type)->builtin_base != NULL) exc_chain_trace(vm, (ExcChain *)(o + 1));
}

/* type_type's trace: only heap classes are ever traced (built-in types live in flash). */
void class_trace(VM *vm, Obj *obj) {
  ObjClass *c = (ObjClass *)obj;
  gc_mark_value(vm, OBJ_VAL(c->name));
  gc_mark_value(vm, c->bases);
  gc_mark_value(vm, c->mro);
  gc_mark_value(vm, OBJ_VAL(c->dict));
  gc_mark_value(vm, c->meta);
}

static void method_trace(VM *vm, Obj *obj) {
  ObjMethod *m = (ObjMethod *)obj;
  gc_mark_value(vm, m->self);
  gc_mark_value(vm, m->fn);
}

static void wrapper_trace(VM *vm, Obj *obj) {
  ObjWrapper *w = (ObjWrapper *)obj;
  gc_mark_value(vm, w->a);
  gc_mark_value(vm, w->b);
}

/* property(fget, fset, fdel, doc): a wrapper with two more fields. */
typedef struct ObjProperty { ObjWrapper w; Value del, doc; } ObjProperty;
static void property_trace(VM *vm, Obj *obj) {
  ObjProperty *p = (ObjProperty *)obj;
  wrapper_trace(vm, obj);
  gc_mark_value(vm, p->del);
  gc_mark_value(vm, p->doc);
}

static bool method_hash(VM *vm, Value v, int64_t *out);
static void super_print(VM *vm, Value v, bool repr) { (void)repr; class_write_super(vm, v); }
const Type method_type = {{&type_type}, "method", NULL, method_trace, NULL, .hash = method_hash, .getattr = function_getattr};
const Type super_type = {{&type_type}, "super", NULL, wrapper_trace, NULL, .print = super_print, .getattr = class_getattr};
const Type classmethod_type = {{&type_type}, "classmethod", NULL, wrapper_trace, NULL};
const Type staticmethod_type = {{&type_type}, "staticmethod", NULL, wrapper_trace, NULL};
static void not_implemented_print(VM *vm, Value v, bool repr) { (void)v; (void)repr; vm_sb_cstr(vm, "NotImplemented"); }
const Type not_implemented_type = {{&type_type}, "NotImplementedType", NULL, NULL, NULL, .print = not_implemented_print};
const Obj not_implemented_obj = {&not_implemented_type};

static Value wrapper_new(VM *vm, const Type *type, Value a, Value b) {
  ObjWrapper *w;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, a);
  vm_push_root(vm, b);
  w = (ObjWrapper *)obj_alloc(vm, type, type == &property_type ? sizeof(ObjProperty) : sizeof(ObjWrapper));
  gc_root_restore(vm, mark);
  if (w == NULL) return EXC_VAL;
  w->a = a;
  w->b = b;
  return OBJ_VAL(w);
}

Value method_new(VM *vm, Value self, Value fn) {
  ObjMethod *m;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, self);
  vm_push_root(vm, fn);
  m = (ObjMethod *)obj_alloc(vm, &method_type, sizeof(ObjMethod));
  gc_root_restore(vm, mark);
  if (m == NULL) return EXC_VAL;
  m->self = self;
  m->fn = fn;
  return OBJ_VAL(m);
}

static Value name_of(VM *vm, const char *s) { return str_intern(vm, s, strlen(s)); }

/* ==== lookup ============================================================================= */

/* The attribute `name` of class t or of a class in its MRO; UNBOUND_VAL when none has it. */
Value class_lookup(const Type *t, ObjStr *name) {
  if (IS_CLASS_TYPE(t)) {
    ObjTuple *mro = AS_TUPLE(((const ObjClass *)t)->mro);
    uint32_t i;
    for (i = 0; i < mro->len; i++) {
      const Type *k = (const Type *)AS_OBJ(mro->items[i]);
      if (IS_CLASS_TYPE(k)) {
        Value v = dict_get_str(((const ObjClass *)k)->dict, name);
        if (v != UNBOUND_VAL) return v;
      }
    }
  }
  return UNBOUND_VAL;
}

static Value lookup_cstr(VM *vm, const Type *t, const char *name) {
  Value n = name_of(vm, name);
  if (n == EXC_VAL) return EXC_VAL;
  return class_lookup(t, AS_STR(n));
}

/* Call the dunder `name` of v's class with v and argc more arguments. UNBOUND_VAL: no such
 * method; EXC_VAL: it raised. */
Value class_call_dunder(VM *vm, Value v, const char *name, int argc, Value *args) {
  Value f = lookup_cstr(vm, value_type(v), name), argv[4];
  int i;
  if (f == EXC_VAL || f == UNBOUND_VAL) return f;
  if (IS_TYPE(f, &staticmethod_type)) return vm_call(vm, ((ObjWrapper *)AS_OBJ(f))->a, argc, args);
  argv[0] = v;
  if (IS_TYPE(f, &classmethod_type)) {   /* a dunder that is a classmethod gets the class */
    f = ((ObjWrapper *)AS_OBJ(f))->a;
    argv[0] = OBJ_VAL(value_type(v));
  }
  for (i = 0; i < argc && i < 3; i++) argv[i + 1] = args[i];
  return vm_call(vm, f, argc + 1, argv);
}

bool type_in_mro(const Type *t, const Type *base) {
  if (IS_CLASS_TYPE(t)) {
    ObjTuple *mro = AS_TUPLE(((const ObjClass *)t)->mro);
    uint32_t i;
    for (i = 0; i < mro->len; i++) {
      const Type *k = (const Type *)AS_OBJ(mro->items[i]);
      if (k == base) return true;
      if (!IS_CLASS_TYPE(k)) {
        const Type *p;
        for (p = k->parent; p != NULL; p = p->parent)
          if (p == base) return true;
      }
    }
    return false;
  }
  for (; t != NULL; t = t->parent)
    if (t == base) return true;
  return false;
}

/* ==== building a class =================================================================== */

/* C3 linearisation of cls over its bases; a tuple, or EXC_VAL (TypeError) when impossible. */
#define MRO_MAX 32
static Value c3_merge(VM *vm, ObjClass *cls, Value (*seqs)[MRO_MAX]);

/* The sequences to merge live in a tuple on the heap, not on the C stack: 4 KB there would
 * not fit a board thread's stack. */
static Value c3_mro(VM *vm, ObjClass *cls) {
  uint32_t i, n = (AS_TUPLE(cls->bases)->len + 1) * MRO_MAX;
  Value room, mro;
  if (AS_TUPLE(cls->bases)->len > MRO_MAX) return vm_raise(vm, &exc_TypeError, "too many base classes");
  room = tuple_new(vm, n);
  if (room == EXC_VAL) return EXC_VAL;
  for (i = 0; i < n; i++) AS_TUPLE(room)->items[i] = NONE_VAL;
  vm_push_root(vm, room);
  mro = c3_merge(vm, cls, (Value(*)[MRO_MAX])AS_TUPLE(room)->items);
  vm_pop_root(vm);
  return mro;
}

static Value c3_merge(VM *vm, ObjClass *cls, Value (*seqs)[MRO_MAX]) {
  ObjTuple *bases = AS_TUPLE(cls->bases);
  uint32_t lens[MRO_MAX + 1], pos[MRO_MAX + 1], nseq = 0, i, j, k, nout = 0;
  Value out[MRO_MAX], t;
  for (i = 0; i < bases->len; i++) {
    const Type *b = (const Type *)AS_OBJ(bases->items[i]);
    if (IS_CLASS_TYPE(b)) {
      ObjTuple *m = AS_TUPLE(((const ObjClass *)b)->mro);
      if (m->len > MRO_MAX) return vm_raise(vm, &exc_TypeError, "class hierarchy too deep");
      memcpy(seqs[nseq], m->items, m->len * sizeof(Value));
      lens[nseq] = m->len;
    } else {   /* a built-in type: its chain of parents, then object */
      const Type *p;
      lens[nseq] = 0;
      for (p = b; p != NULL && lens[nseq] < MRO_MAX - 1; p = p->parent) seqs[nseq][lens[nseq]++] = OBJ_VAL(p);
      if (b != &object_type) seqs[nseq][lens[nseq]++] = OBJ_VAL(&object_type);
    }
    pos[nseq++] = 0;
  }
  memcpy(seqs[nseq], bases->items, bases->len * sizeof(Value));
  lens[nseq] = bases->len;
  pos[nseq++] = 0;
  out[nout++] = OBJ_VAL(cls);
  for (;;) {
    Value cand = UNBOUND_VAL;
    bool any = false;
    for (i = 0; i < nseq && cand == UNBOUND_VAL; i++) {
      if (pos[i] >= lens[i]) continue;
      any = true;
      cand = seqs[i][pos[i]];
      for (j = 0; j < nseq; j++)   /* not in the tail of any sequence */
        for (k = pos[j] + 1; k < lens[j]; k++)
          if (seqs[j][k] == cand) { cand = UNBOUND_VAL; j = nseq; break; }
    }
    if (!any) break;
    if (cand == UNBOUND_VAL) {
      vm_sb_reset(vm);
      vm_sb_cstr(vm, "Cannot create a consistent method resolution\norder (MRO) for bases ");
      for (i = 0; i < bases->len; i++) {
        if (i > 0) vm_sb_cstr(vm, ", ");
        vm_sb_cstr(vm, ((const Type *)AS_OBJ(bases->items[i]))->name);
      }
      t = vm_sb_to_str(vm);
      if (t == EXC_VAL) return EXC_VAL;
      return vm_raise_value(vm, &exc_TypeError, t);
    }
    if (nout >= MRO_MAX) return vm_raise(vm, &exc_TypeError, "class hierarchy too deep");
    out[nout++] = cand;
    for (i = 0; i < nseq; i++)
      if (pos[i] < lens[i] && seqs[i][pos[i]] == cand) pos[i]++;
  }
  t = tuple_new(vm, nout);
  if (t == EXC_VAL) return EXC_VAL;
  memcpy(AS_TUPLE(t)->items, out, nout * sizeof(Value));
  return t;
}

static const char *const hook_names[] = {"__setattr__", "__delattr__", "__getattribute__", "__new__"};

/* Which of hook_names the class's MRO defines (CLASS_HOOK_* bits, in that order). */
static bool update_hooks(VM *vm, ObjClass *cls) {
  size_t i;
  cls->hooks = type_in_mro(&cls->type, &type_type) ? CLASS_HOOK_META : 0;
  for (i = 0; i < sizeof hook_names / sizeof hook_names[0]; i++) {
    Value f = lookup_cstr(vm, &cls->type, hook_names[i]);
    if (f == EXC_VAL) return false;
    if (f != UNBOUND_VAL) cls->hooks |= (uint8_t)(1u << i);
  }
  return true;
}

static bool is_hook_name(const ObjStr *name) {
  size_t i;
  for (i = 0; i < sizeof hook_names / sizeof hook_names[0]; i++)
    if (strcmp(name->chars, hook_names[i]) == 0) return true;
  return false;
}

static bool is_object_type(const Type *t) { return strcmp(t->name, "object") == 0 && t->parent == NULL; }

/* The built-in types a class may derive from besides object and the exceptions: its instances
 * carry the built-in value (ObjInstance.msg) and every operation the class does not define
 * goes to that value. */
static bool is_value_type(const Type *t) {
  return t == &list_type || t == &dict_type || t == &tuple_type || t == &str_type || t == &int_type ||
         t == &float_type || t == &bytes_type || t == &bytearray_type || t == &set_type || t == &frozenset_type ||
         t == &array_type;
}

Value class_builtin_value(Value v) {
  if (IS_INSTANCE(v) && ((const ObjClass *)OBJ_TYPE(v))->value_base != NULL) return ((ObjInstance *)AS_OBJ(v))->msg;
  return UNBOUND_VAL;
}
#define INNER(v) class_builtin_value(v)

static void instance_print(VM *vm, Value v, bool repr) {
  size_t before = vm->sb_len;
  if (!class_write(vm, v, repr)) { vm->exc = NONE_VAL; return; }
  if (vm->sb_len == before && type_is_exception(OBJ_TYPE(v))) exception_write(vm, v, repr);
}

/* Every Python class's Type starts as this: slot functions that call the class's dunders (and
 * fall back on the built-in value a subclass of a built-in type carries). */
static const Type instance_slots = {{&type_type}, NULL, NULL, instance_trace, NULL,
    .print = instance_print, .hash = class_hash64, .len = class_len, .getitem = class_getitem,
    .setitem = class_setitem, .getiter = class_iter, .iternext = class_next, .contains = class_contains,
    .getattr = class_getattr};

/* class name(bases): ns is the dict the class body filled. */
Value class_new(VM *vm, Value name, Value bases, ObjDict *ns) {
  ObjClass *cls;
  uint32_t i;
  const Type *builtin_base = NULL, *parent = NULL, *value_base = NULL;
  bool meta_base = false;   /* a base derives from type */
  Value mro;
  bool ok;
  if (AS_TUPLE(bases)->len == 0) {   /* class A: is class A(object): */
    Value key = str_intern(vm, "object", 6), obj;
    if (key == EXC_VAL) return EXC_VAL;
    obj = dict_get_str(vm->builtins, AS_STR(key));
    if (IS_TYPE(obj, &type_type)) {
      RootMark mark = gc_root_mark(vm);
      vm_push_root(vm, name);
      vm_push_root(vm, OBJ_VAL(ns));
      bases = tuple_new(vm, 1);
      gc_root_restore(vm, mark);
      if (bases == EXC_VAL) return EXC_VAL;
      AS_TUPLE(bases)->items[0] = obj;
    }
  }
  for (i = 0; i < AS_TUPLE(bases)->len; i++) {
    Value b = AS_TUPLE(bases)->items[i];
    const Type *bt;
    if (!IS_TYPE(b, &type_type)) return vm_raise(vm, &exc_TypeError, "bases must be types");
    bt = (const Type *)AS_OBJ(b);
    if (bt == &type_type || (IS_CLASS_TYPE(bt) && (((const ObjClass *)bt)->hooks & CLASS_HOOK_META))) meta_base = true;
    if (IS_CLASS_TYPE(bt)) {
      const Type *bb = ((const ObjClass *)bt)->builtin_base;
      if (bb != NULL && builtin_base != NULL && bb != builtin_base && !type_is_subtype(bb, builtin_base) &&
          !type_is_subtype(builtin_base, bb))
        return vm_raise(vm, &exc_TypeError, "multiple bases have instance lay-out conflict");
      if (bb != NULL && (builtin_base == NULL || type_is_subtype(bb, builtin_base))) builtin_base = bb;
      if (((const ObjClass *)bt)->value_base != NULL) {
        if (value_base != NULL && value_base != ((const ObjClass *)bt)->value_base)
          return vm_raise(vm, &exc_TypeError, "multiple bases have instance lay-out conflict");
        value_base = ((const ObjClass *)bt)->value_base;
      }
    } else if (type_is_exception(bt)) {
      if (builtin_base == NULL || type_is_subtype(bt, builtin_base)) builtin_base = bt;
    } else if (is_value_type(bt)) {
      if (value_base != NULL && value_base != bt)
        return vm_raise(vm, &exc_TypeError, "multiple bases have instance lay-out conflict");
      value_base = bt;
    } else if (!is_object_type(bt) && bt != &type_type) {   /* class M(type): a metaclass */
      return vm_raise_fmt(vm, &exc_TypeError, "type '%s' is not an acceptable base type", bt->name);
    }
    if (parent == NULL && !is_object_type(bt)) parent = bt;
  }
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, name);
  vm_push_root(vm, bases);
  vm_push_root(vm, OBJ_VAL(ns));
  cls = (ObjClass *)obj_alloc(vm, &type_type, sizeof(ObjClass));
  if (cls == NULL) { gc_root_restore(vm, mark); return EXC_VAL; }
  cls->type = instance_slots;   /* instance_trace marks it a Python class */
  cls->type.name = AS_STR(name)->chars;
  cls->type.parent = parent != NULL ? parent : builtin_base;
  cls->name = AS_STR(name);
  cls->bases = bases;
  cls->mro = NONE_VAL;
  cls->dict = ns;
  cls->builtin_base = builtin_base;
  cls->value_base = value_base;
  cls->meta = NONE_VAL;
  if ((builtin_base != NULL || meta_base) && value_base != NULL) { gc_root_restore(vm, mark); return vm_raise(vm, &exc_TypeError, "multiple bases have instance lay-out conflict"); }
  vm_push_root(vm, OBJ_VAL(cls));
  {   /* __new__ is a static method without saying so */
    Value key = name_of(vm, "__new__"), f = key == EXC_VAL ? UNBOUND_VAL : dict_get_str(ns, AS_STR(key));
    if (IS_FUNCTION(f)) {
      f = wrapper_new(vm, &staticmethod_type, f, NONE_VAL);
      if (f == EXC_VAL || !dict_set(vm, ns, key, f)) { gc_root_restore(vm, mark); return EXC_VAL; }
    }
  }
  mro = c3_mro(vm, cls);
  if (mro != EXC_VAL) cls->mro = mro;
  ok = mro != EXC_VAL && update_hooks(vm, cls);   /* may intern the hook names: cls stays rooted */
  gc_root_restore(vm, mark);
  return ok ? OBJ_VAL(cls) : EXC_VAL;
}

/* ==== instances ========================================================================== */

static inline Value call_with(VM *vm, Value fn, Value self, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  Value *base = vm->sp, r;
  int i;
  if (vm->sp + argc + 2 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = self;
  for (i = 0; i < argc; i++) *vm->sp++ = args[i];
  r = vm_call_kw(vm, fn, argc + 1, base, nkw, kwnames);
  vm->sp = base;
  return r;
}

/* A new, uninitialised instance of cls (object.__new__); for a subclass of a built-in type it
 * carries `value`, or the built-in's empty value when value is UNBOUND_VAL. */
static Value instance_alloc(VM *vm, ObjClass *cls, Value value) {
  ObjInstance *o;
  if (cls->value_base != NULL && value == UNBOUND_VAL) {
    value = vm_call(vm, OBJ_VAL(cls->value_base), 0, NULL);
    if (value == EXC_VAL) return EXC_VAL;
  }
  vm_push_root(vm, value);
  o = (ObjInstance *)obj_alloc(vm, &cls->type, sizeof(ObjInstance) + (cls->builtin_base != NULL ? sizeof(ExcChain) : 0));
  vm_pop_root(vm);
  if (o == NULL) return EXC_VAL;
  o->msg = cls->value_base != NULL ? value : NONE_VAL;
  o->dict = NULL;
  if (cls->builtin_base != NULL) exc_chain_init((ExcChain *)(o + 1));
  return OBJ_VAL(o);
}

static bool is_mutable_value_type(const Type *t) {
  return t == &list_type || t == &dict_type || t == &set_type || t == &bytearray_type;
}

/* cls.__new__(cls, *args): the class's own, or the built-in's value made from the arguments.
 * *newf: the class's __new__ (UNBOUND_VAL: none), NONE_VAL when it returned something that is
 * not an instance of cls (then __init__ is not run). */
static Value class_new_instance(VM *vm, ObjClass *cls, int argc, Value *args, int nkw, ObjTuple *kwnames, Value *newf) {
  Value self, f = (cls->hooks & CLASS_HOOK_NEW) ? lookup_cstr(vm, &cls->type, "__new__") : UNBOUND_VAL;
  if (f == EXC_VAL) return EXC_VAL;
  if (IS_TYPE(f, &staticmethod_type)) f = ((ObjWrapper *)AS_OBJ(f))->a;
  *newf = f;
  if (f != UNBOUND_VAL) {
    self = call_with(vm, f, OBJ_VAL(cls), argc, args, nkw, kwnames);
    if (self != EXC_VAL && (!IS_INSTANCE(self) || !type_in_mro(OBJ_TYPE(self), &cls->type))) *newf = NONE_VAL;
    return self;
  }
  if (cls->value_base != NULL && !is_mutable_value_type(cls->value_base)) {
    Value v = vm_call_kw(vm, OBJ_VAL(cls->value_base), argc, args, nkw, kwnames);   /* str(x), int(x), tuple(it) */
    if (v == EXC_VAL) return EXC_VAL;
    return instance_alloc(vm, cls, v);
  }
  return instance_alloc(vm, cls, UNBOUND_VAL);
}

static Value metaclass_instantiate(VM *vm, ObjClass *mcs, int argc, Value *args, int nkw, ObjTuple *kwnames);
static Value instantiate(VM *vm, ObjClass *cls, int argc, Value *args, int nkw, ObjTuple *kwnames);

/* cls(*args, **kw): its metaclass's __call__, if it has one, else instantiate(). */
Value class_instantiate(VM *vm, ObjClass *cls, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  if (!IS_NONE(cls->meta)) {
    Value f = lookup_cstr(vm, (const Type *)AS_OBJ(cls->meta), "__call__");
    if (f == EXC_VAL) return EXC_VAL;
    if (f != UNBOUND_VAL) return call_with(vm, f, OBJ_VAL(cls), argc, args, nkw, kwnames);
  }
  return instantiate(vm, cls, argc, args, nkw, kwnames);
}

/* type.__call__: __new__, then __init__. */
static Value instantiate(VM *vm, ObjClass *cls, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  ObjInstance *o;
  Value self, init, r, newf;
  int npos = argc - nkw;
  newf = UNBOUND_VAL;
  if (cls->hooks & CLASS_HOOK_META)
    return metaclass_instantiate(vm, cls, argc, args, nkw, kwnames);
  if (cls->value_base == NULL && !(cls->hooks & CLASS_HOOK_NEW)) {   /* most classes: object.__new__ */
    o = (ObjInstance *)obj_alloc(vm, &cls->type, sizeof(ObjInstance) + (cls->builtin_base != NULL ? sizeof(ExcChain) : 0));
    if (o == NULL) return EXC_VAL;
    o->msg = NONE_VAL;
    o->dict = NULL;
    if (cls->builtin_base != NULL) exc_chain_init((ExcChain *)(o + 1));
    self = OBJ_VAL(o);
  } else {
    self = class_new_instance(vm, cls, argc, args, nkw, kwnames, &newf);
    if (self == EXC_VAL || newf == NONE_VAL) return self;
  }
  o = (ObjInstance *)AS_OBJ(self);
  if (cls->builtin_base != NULL && IS_NONE(o->msg)) {   /* an exception: remember the arguments as its message */
    Value t;
    vm_push_root(vm, self);
    t = exception_args_value(vm, npos, args);
    vm_pop_root(vm);
    if (t == EXC_VAL) return EXC_VAL;
    o->msg = t;
  }
  vm_push_root(vm, self);
  init = lookup_cstr(vm, &cls->type, "__init__");
  if (init == UNBOUND_VAL && cls->value_base != NULL && is_mutable_value_type(cls->value_base) && argc > 0) {
    /* list.__init__(self, iterable), dict.__init__(self, mapping, **kw) */
    Value v = vm_call_kw(vm, OBJ_VAL(cls->value_base), argc, args, nkw, kwnames);
    vm_pop_root(vm);
    if (v == EXC_VAL) return EXC_VAL;
    o->msg = v;
    return self;
  }
  vm_pop_root(vm);   /* no root held while __init__ runs: self is on the VM stack then */
  if (init == EXC_VAL) return EXC_VAL;
  if (init == UNBOUND_VAL) {
    if (argc > 0 && cls->builtin_base == NULL && cls->value_base == NULL && newf == UNBOUND_VAL)
      return vm_raise_fmt(vm, &exc_TypeError, "%s() takes no arguments", cls->type.name);
    return self;
  }
  r = call_with(vm, init, self, argc, args, nkw, kwnames);
  if (r == EXC_VAL) return EXC_VAL;
  if (!IS_NONE(r)) return vm_raise_fmt(vm, &exc_TypeError, "__init__() should return None, not '%t'", r);
  return self;
}

/* ==== class creation: metaclasses, __set_name__, __init_subclass__ ======================== */

static bool is_metaclass(const Type *t) { return IS_CLASS_TYPE(t) && (((const ObjClass *)t)->hooks & CLASS_HOOK_META); }

/* type(v) for a class v: its metaclass, or type. */
Value class_meta(Value v) {
  if (IS_PYCLASS(v) && !IS_NONE(((const ObjClass *)AS_OBJ(v))->meta)) return ((const ObjClass *)AS_OBJ(v))->meta;
  return OBJ_VAL(&type_type);
}

static Value instantiate(VM *vm, ObjClass *cls, int argc, Value *args, int nkw, ObjTuple *kwnames);

/* fn(self, *args, **kw) with the keywords in a dict kw (UNBOUND_VAL: none); fn UNBOUND_VAL:
 * make an instance of the class self without its metaclass's __call__. */
static Value call_kwdict(VM *vm, Value fn, Value self, int argc, Value *args, Value kw) {
  Value *base = vm->sp, names = UNBOUND_VAL, r;
  ObjDict *d = kw != UNBOUND_VAL && IS_DICT(kw) ? AS_DICT(kw) : NULL;
  int i, nkw = d != NULL ? (int)d->live : 0, n = 0;
  uint32_t j;
  if (vm->sp + argc + nkw + 2 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = self;
  for (i = 0; i < argc; i++) *vm->sp++ = args[i];
  if (nkw > 0) {
    names = tuple_new(vm, (uint32_t)nkw);
    if (names == EXC_VAL) { vm->sp = base; return EXC_VAL; }
    for (j = 0; j < d->used; j++)
      if (d->entries[j].key != DELETED_VAL) {
        AS_TUPLE(names)->items[n++] = d->entries[j].key;
        *vm->sp++ = d->entries[j].value;
      }
  }
  vm_push_root(vm, names);
  if (fn == UNBOUND_VAL) r = instantiate(vm, (ObjClass *)AS_OBJ(self), argc + nkw, base + 1, nkw, nkw > 0 ? AS_TUPLE(names) : NULL);
  else r = vm_call_kw(vm, fn, argc + 1 + nkw, base, nkw, nkw > 0 ? AS_TUPLE(names) : NULL);
  vm_pop_root(vm);
  vm->sp = base;
  return r;
}

/* Every value of the new class's namespace that defines __set_name__ learns its owner and
 * name; the items are copied first, as the calls may change the namespace. */
static bool set_names(VM *vm, ObjClass *cls) {
  ObjDict *d = cls->dict;
  Value items = UNBOUND_VAL;
  uint32_t i, n = 0;
  for (i = 0; i < d->used; i++)
    if (d->entries[i].key != DELETED_VAL && IS_INSTANCE(d->entries[i].value)) n++;
  if (n == 0) return true;
  items = tuple_new(vm, 2 * n);
  if (items == EXC_VAL) return false;
  for (i = 0, n = 0; i < d->used; i++)
    if (d->entries[i].key != DELETED_VAL && IS_INSTANCE(d->entries[i].value)) {
      AS_TUPLE(items)->items[n++] = d->entries[i].key;
      AS_TUPLE(items)->items[n++] = d->entries[i].value;
    }
  vm_push_root(vm, items);
  for (i = 0; i < n; i += 2) {
    Value argv[2], v = AS_TUPLE(items)->items[i + 1];
    argv[0] = OBJ_VAL(cls);
    argv[1] = AS_TUPLE(items)->items[i];
    if (class_call_dunder(vm, v, "__set_name__", 2, argv) == EXC_VAL) {
      vm_pop_root(vm);
      if (vm_exc_pending_is(vm, &exc_RecursionError)) return false;
      return vm_raise_fmt(vm, &exc_RuntimeError, "Error calling __set_name__ on '%t' instance %v in '%s'", v, argv[1],
                          cls->type.name) != EXC_VAL;
    }
  }
  vm_pop_root(vm);
  return true;
}

/* super(cls, cls).__init_subclass__(**kw): the nearest base's, or object's (which takes no
 * keywords). */
static bool init_subclass(VM *vm, ObjClass *cls, Value kw) {
  ObjTuple *mro = AS_TUPLE(cls->mro);
  Value name = name_of(vm, "__init_subclass__");
  uint32_t i;
  if (name == EXC_VAL) return false;
  for (i = 1; i < mro->len; i++) {
    const Type *k = (const Type *)AS_OBJ(mro->items[i]);
    if (IS_CLASS_TYPE(k)) {
      Value f = dict_get_str(((const ObjClass *)k)->dict, AS_STR(name));
      if (f == UNBOUND_VAL) continue;
      if (IS_TYPE(f, &classmethod_type)) f = ((ObjWrapper *)AS_OBJ(f))->a;   /* it is a classmethod implicitly */
      return call_kwdict(vm, f, OBJ_VAL(cls), 0, NULL, kw) != EXC_VAL;
    }
  }
  if (kw != UNBOUND_VAL && IS_DICT(kw) && AS_DICT(kw)->live > 0) {
    vm_raise_fmt(vm, &exc_TypeError, "%s.__init_subclass__() takes no keyword arguments", cls->type.name);
    return false;
  }
  return true;
}

/* type.__new__(mcs, name, bases, ns, **kw): mcs NONE_VAL is type itself. */
static Value type_new(VM *vm, Value mcs, Value name, Value bases, Value ns, Value kw) {
  Value cls, copy;
  if (!IS_STR(name)) return vm_raise_fmt(vm, &exc_TypeError, "type.__new__() argument 1 must be str, not %t", name);
  if (!IS_TUPLE(bases)) return vm_raise_fmt(vm, &exc_TypeError, "type.__new__() argument 2 must be tuple, not %t", bases);
  if (!IS_DICT(ns)) return vm_raise_fmt(vm, &exc_TypeError, "type.__new__() argument 3 must be dict, not %t", ns);
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, name);
  vm_push_root(vm, bases);
  vm_push_root(vm, kw);
  copy = dict_new(vm);   /* the class gets its own namespace, as CPython's */
  if (copy != EXC_VAL) {
    ObjDict *src = AS_DICT(ns);
    uint32_t i;
    vm_push_root(vm, copy);
    for (i = 0; i < src->used && copy != EXC_VAL; i++)
      if (src->entries[i].key != DELETED_VAL && !dict_set(vm, AS_DICT(copy), src->entries[i].key, src->entries[i].value))
        copy = EXC_VAL;
    vm_pop_root(vm);
  }
  cls = copy == EXC_VAL ? EXC_VAL : class_new(vm, name, bases, AS_DICT(copy));
  if (cls != EXC_VAL) {
    ObjClass *c = (ObjClass *)AS_OBJ(cls);
    if (IS_PYCLASS(mcs) && mcs != cls) c->meta = mcs;
    vm_push_root(vm, cls);
    if (!set_names(vm, c) || !init_subclass(vm, c, kw)) cls = EXC_VAL;
    vm_pop_root(vm);
  }
  gc_root_restore(vm, mark);
  return cls;
}

/* type.__new__(mcs, name, bases, ns, **kw) as a native: reached through super() in a
 * metaclass's __new__, and when a metaclass without one is called. */
static Value bi_type_new(VM *vm, int argc, Value *args) {
  if (argc != 4) return vm_raise(vm, &exc_TypeError, "type.__new__() takes exactly 3 arguments");
  if (!IS_PYCLASS(args[0]) && args[0] != OBJ_VAL(&type_type))
    return vm_raise_fmt(vm, &exc_TypeError, "type.__new__(X): X is not a type object (%t)", args[0]);
  return type_new(vm, IS_PYCLASS(args[0]) ? args[0] : NONE_VAL, args[1], args[2], args[3], NATIVE_KW(args, argc, 0));
}
static const ObjBuiltin type_new_builtin = {{&builtin_type}, "__new__", bi_type_new, 1, -1, NATIVE_KW_DICT};

/* The most derived of the metaclasses of bases and meta (type when none); NULL: TypeError raised. */
static Value derive_meta(VM *vm, Value meta, Value bases) {
  uint32_t i;
  for (i = 0; i < AS_TUPLE(bases)->len; i++) {
    Value m = class_meta(AS_TUPLE(bases)->items[i]);
    const Type *mt = (const Type *)AS_OBJ(m), *have = (const Type *)AS_OBJ(meta);
    if (type_in_mro(mt, have)) meta = m;
    else if (!type_in_mro(have, mt))
      return vm_raise(vm, &exc_TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                                          "subclass of the metaclasses of all its bases");
  }
  return meta;
}

Value class_build(VM *vm, Value name, Value bases, ObjDict *ns, Value kw) {
  Value meta = OBJ_VAL(&type_type), r;
  if (kw != UNBOUND_VAL && IS_DICT(kw)) {
    Value key = name_of(vm, "metaclass"), m;
    bool found;
    if (key == EXC_VAL) return EXC_VAL;
    m = dict_get_str(AS_DICT(kw), AS_STR(key));
    if (m != UNBOUND_VAL) {
      vm_push_root(vm, m);
      if (!dict_delete(vm, AS_DICT(kw), key, &found)) { vm_pop_root(vm); return EXC_VAL; }
      vm_pop_root(vm);
      meta = m;
    }
  }
  if (IS_TYPE(meta, &type_type)) {
    meta = derive_meta(vm, meta, bases);
    if (meta == EXC_VAL) return EXC_VAL;
  }
  if (meta == OBJ_VAL(&type_type)) {   /* most classes: no metaclass */
    Value cls;
    if (!IS_TUPLE(bases)) return vm_raise(vm, &exc_TypeError, "bases must be a tuple");
    cls = class_new(vm, name, bases, ns);
    if (cls == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, cls);
    r = set_names(vm, (ObjClass *)AS_OBJ(cls)) && init_subclass(vm, (ObjClass *)AS_OBJ(cls), kw) ? cls : EXC_VAL;
    vm_pop_root(vm);
    return r;
  }
  {   /* meta(name, bases, ns, **kw): a metaclass, or any callable */
    Value argv[2];
    argv[0] = bases;
    argv[1] = OBJ_VAL(ns);
    return call_kwdict(vm, meta, name, 2, argv, kw);
  }
}

/* __build_class__(body, name, *bases, **kw): a class statement with keywords (metaclass=...). */
static Value bi_build_class(VM *vm, int argc, Value *args) {
  Value bases, ns, r;
  if (argc < 2 || !IS_FUNCTION(args[0]) || !IS_STR(args[1])) return vm_raise(vm, &exc_TypeError, "__build_class__: bad arguments");
  bases = tuple_new(vm, (uint32_t)(argc - 2));
  if (bases == EXC_VAL) return EXC_VAL;
  memcpy(AS_TUPLE(bases)->items, args + 2, (size_t)(argc - 2) * sizeof(Value));
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, bases);
  ns = dict_new(vm);
  if (ns == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  vm_push_root(vm, ns);
  r = call_class_body(vm, args[0], AS_DICT(ns));
  if (r != EXC_VAL) {
    Value cell = r;
    vm_push_root(vm, cell);
    r = class_build(vm, args[1], bases, AS_DICT(ns), NATIVE_KW(args, argc, 0));
    if (r != EXC_VAL && IS_TYPE(cell, &cell_type)) ((ObjCell *)AS_OBJ(cell))->value = r;
    vm_pop_root(vm);
  }
  gc_root_restore(vm, mark);
  return r;
}

/* type.__call__(cls, *args, **kw) through super() in a metaclass's __call__: make the instance. */
static Value bi_type_call(VM *vm, int argc, Value *args) {
  Value kw = NATIVE_KW(args, argc, 0);
  if (!IS_PYCLASS(args[0])) return vm_raise(vm, &exc_TypeError, "descriptor '__call__' requires a 'type' object");
  if (kw == UNBOUND_VAL || AS_DICT(kw)->live == 0) return instantiate(vm, (ObjClass *)AS_OBJ(args[0]), argc - 1, args + 1, 0, NULL);
  return call_kwdict(vm, UNBOUND_VAL, args[0], argc - 1, args + 1, kw);
}
static const ObjBuiltin type_call_builtin = {{&builtin_type}, "__call__", bi_type_call, 1, -1, NATIVE_KW_DICT};

/* object.__init_subclass__(cls) through super(): it takes no keywords. */
static Value bi_object_init_subclass(VM *vm, int argc, Value *args) {
  Value kw = NATIVE_KW(args, argc, 0);
  if (kw != UNBOUND_VAL && AS_DICT(kw)->live > 0)
    return vm_raise_fmt(vm, &exc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                        IS_TYPE(args[0], &type_type) ? ((const Type *)AS_OBJ(args[0]))->name : "object");
  return NONE_VAL;
}
static const ObjBuiltin object_init_subclass_builtin = {{&builtin_type}, "__init_subclass__", bi_object_init_subclass, 1, 1, NATIVE_KW_DICT};

/* metaclass(name, bases, ns, **kw): its __new__ (type.__new__ when it has none) makes the class,
 * then its __init__, if any, runs on it. */
static Value metaclass_instantiate(VM *vm, ObjClass *mcs, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  Value f = (mcs->hooks & CLASS_HOOK_NEW) ? lookup_cstr(vm, &mcs->type, "__new__") : OBJ_VAL(&type_new_builtin), cls, init;
  if (f == EXC_VAL) return EXC_VAL;
  if (IS_TYPE(f, &staticmethod_type)) f = ((ObjWrapper *)AS_OBJ(f))->a;
  cls = call_with(vm, f, OBJ_VAL(mcs), argc, args, nkw, kwnames);
  if (cls == EXC_VAL || !IS_PYCLASS(cls) || !type_in_mro((const Type *)AS_OBJ(class_meta(cls)), &mcs->type)) return cls;
  vm_push_root(vm, cls);
  init = lookup_cstr(vm, &mcs->type, "__init__");
  if (init != UNBOUND_VAL && init != EXC_VAL) init = call_with(vm, init, cls, argc, args, nkw, kwnames);
  vm_pop_root(vm);
  return init == EXC_VAL ? EXC_VAL : cls;
}

/* object.__new__(cls) and list.__new__(cls, ...), str.__new__(cls, ...), ... reached through
 * super().__new__ or object.__new__: the built-in value is made from the arguments. */
static Value bi_value_new(VM *vm, int argc, Value *args) {
  ObjClass *cls;
  Value v = UNBOUND_VAL;
  if (argc < 1 || !IS_PYCLASS(args[0])) return vm_raise(vm, &exc_TypeError, "object.__new__(X): X is not a type object");
  cls = (ObjClass *)AS_OBJ(args[0]);
  if (is_metaclass(&cls->type)) {   /* type.__new__(M, name, bases, ns) */
    if (argc != 4) return vm_raise(vm, &exc_TypeError, "type.__new__() takes exactly 3 arguments");
    return type_new(vm, args[0], args[1], args[2], args[3], UNBOUND_VAL);
  }
  if (cls->value_base != NULL && !is_mutable_value_type(cls->value_base) && argc > 1) {
    v = vm_call(vm, OBJ_VAL(cls->value_base), argc - 1, args + 1);
    if (v == EXC_VAL) return EXC_VAL;
  }
  return instance_alloc(vm, cls, v);
}
const ObjBuiltin value_new_builtin = {{&builtin_type}, "__new__", bi_value_new, 1, -1, NULL};

/* list.__init__(self, ...), dict.__init__(self, ..., **kw) through super(): the built-in value
 * is remade from the arguments (for immutable values, __new__ made it already). */
static Value bi_value_init(VM *vm, int argc, Value *args) {
  ObjInstance *o = (ObjInstance *)AS_OBJ(args[0]);
  Value kw = NATIVE_KW(args, argc, 0), v;
  const Type *t;
  if (class_builtin_value(args[0]) == UNBOUND_VAL) return NONE_VAL;
  t = ((const ObjClass *)o->obj.type)->value_base;
  if (!is_mutable_value_type(t) || (argc == 1 && kw == UNBOUND_VAL)) return NONE_VAL;
  v = vm_call(vm, OBJ_VAL(t), argc - 1, args + 1);
  if (v == EXC_VAL) return EXC_VAL;
  if (kw != UNBOUND_VAL && IS_DICT(v)) {
    ObjDict *d = AS_DICT(kw);
    uint32_t i;
    vm_push_root(vm, v);
    for (i = 0; i < d->used; i++)
      if (d->entries[i].key != DELETED_VAL && !dict_set(vm, AS_DICT(v), d->entries[i].key, d->entries[i].value)) {
        vm_pop_root(vm);
        return EXC_VAL;
      }
    vm_pop_root(vm);
  }
  o->msg = v;
  return NONE_VAL;
}
const ObjBuiltin value_init_builtin = {{&builtin_type}, "__init__", bi_value_init, 1, 2, NATIVE_KW_DICT};

/* Bind what a class attribute lookup found to the instance (or class) it was looked up for. */
static Value bind(VM *vm, Value attr, Value self, Value cls) {
  if (IS_FUNCTION(attr)) return self == UNBOUND_VAL ? attr : method_new(vm, self, attr);
  if (IS_TYPE(attr, &staticmethod_type)) return ((ObjWrapper *)AS_OBJ(attr))->a;
  if (IS_TYPE(attr, &classmethod_type)) return method_new(vm, cls, ((ObjWrapper *)AS_OBJ(attr))->a);
  if (IS_TYPE(attr, &property_type) && self != UNBOUND_VAL) {
    Value get = ((ObjWrapper *)AS_OBJ(attr))->a;
    if (IS_NONE(get)) return vm_raise(vm, &exc_AttributeError, "property has no getter");
    return vm_call(vm, get, 1, &self);
  }
  return attr;
}

static Value getattr_fallback(VM *vm, Value obj, ObjStr *name) {
  Value ga = lookup_cstr(vm, value_type(obj), "__getattr__");
  if (ga == EXC_VAL) return EXC_VAL;
  if (ga != UNBOUND_VAL) {
    Value argv[2];
    argv[0] = obj;
    argv[1] = OBJ_VAL(name);
    return vm_call(vm, ga, 2, argv);
  }
  return vm_raise_fmt(vm, &exc_AttributeError, "'%s' object has no attribute '%s'", value_type(obj)->name, name->chars);
}

/* __doc__ is a class's own (the body's docstring), never a base's: CPython stores None in
 * every class dict; here an absent one reads as None. */
static bool is_doc(const ObjStr *name) { return name->len == 7 && strcmp(name->chars, "__doc__") == 0; }

static Value class_doc(const Type *t, ObjStr *name) {
  Value v = IS_CLASS_TYPE(t) ? dict_get_str(((const ObjClass *)t)->dict, name) : UNBOUND_VAL;
  return v == UNBOUND_VAL ? NONE_VAL : v;
}

static Value instance_getattr(VM *vm, Value obj, ObjStr *name);

/* The type super(t, self) searches: self's class, or self's metaclass when self is a class. */
static Value super_self_type(Value self) { return IS_PYCLASS(self) ? class_meta(self) : OBJ_VAL(value_type(self)); }

static bool is_data_descriptor(VM *vm, Value attr) {
  Value f = lookup_cstr(vm, OBJ_TYPE(attr), "__set__");
  if (f == UNBOUND_VAL) f = lookup_cstr(vm, OBJ_TYPE(attr), "__delete__");
  return f != UNBOUND_VAL && f != EXC_VAL;
}

/* descr.__get__(obj, type(obj)) */
static Value descr_get(VM *vm, Value get, Value descr, Value obj) {
  Value argv[3];
  argv[0] = descr;
  argv[1] = obj;
  argv[2] = OBJ_VAL(OBJ_TYPE(obj));
  return vm_call(vm, get, 3, argv);
}

/* obj.name where obj is an instance of a Python class, a Python class, or a super object. */
Value class_getattr(VM *vm, Value obj, ObjStr *name) {
  if (IS_TYPE(obj, &super_type)) {
    ObjWrapper *s = (ObjWrapper *)AS_OBJ(obj);
    Value self = s->b;
    const Type *start = (const Type *)AS_OBJ(s->a), *t;
    /* inst: self is an instance of a subclass of start (a class, for a metaclass's methods) */
    bool inst = !IS_TYPE(self, &type_type) || !type_in_mro((const Type *)AS_OBJ(self), start);
    t = !inst ? (const Type *)AS_OBJ(self) : (const Type *)AS_OBJ(super_self_type(self));
    if (IS_CLASS_TYPE(t)) {
      ObjTuple *mro = AS_TUPLE(((const ObjClass *)t)->mro);
      uint32_t i = 0;
      while (i < mro->len && AS_OBJ(mro->items[i]) != (const Obj *)start) i++;
      for (i++; i < mro->len; i++) {
        const Type *k = (const Type *)AS_OBJ(mro->items[i]);
        if (IS_CLASS_TYPE(k)) {
          Value v = dict_get_str(((const ObjClass *)k)->dict, name);
          if (v != UNBOUND_VAL) return bind(vm, v, inst ? self : UNBOUND_VAL, OBJ_VAL(t));
        } else if (strcmp(name->chars, "__new__") == 0) {   /* object.__new__, tuple.__new__, ...: called with cls */
          return OBJ_VAL(k == &type_type ? &type_new_builtin : &value_new_builtin);
        } else if (k == &type_type && inst && strcmp(name->chars, "__call__") == 0) {
          return method_new(vm, self, OBJ_VAL(&type_call_builtin));
        } else if (k == &object_type && strcmp(name->chars, "__init_subclass__") == 0) {
          return method_new(vm, inst ? OBJ_VAL(t) : self, OBJ_VAL(&object_init_subclass_builtin));
        } else if (strcmp(name->chars, "__init__") == 0 && inst) {
          if (INNER(self) != UNBOUND_VAL) return method_new(vm, self, OBJ_VAL(&value_init_builtin));
          return method_new(vm, self, OBJ_VAL(&super_init_builtin));   /* object/Exception.__init__ */
        } else if (k != &object_type && INNER(self) != UNBOUND_VAL) {   /* list.append, dict.__getitem__, ... */
          Value v = value_getattr(vm, INNER(self), name);
          if (v != EXC_VAL || !vm_exc_pending_is(vm, &exc_AttributeError)) return v;
          vm->exc = NONE_VAL;
        } else if (object_attr_builtin(name) != NULL && inst) {
          return method_new(vm, self, OBJ_VAL(object_attr_builtin(name)));
        }
      }
    }
    return vm_raise_fmt(vm, &exc_AttributeError, "'super' object has no attribute '%s'", name->chars);
  }
  if (IS_TYPE(obj, &type_type)) {   /* a Python class */
    const Type *t = (const Type *)AS_OBJ(obj);
    Value v;
    if (is_doc(name)) return class_doc(t, name);
    v = class_lookup(t, name);
    if (IS_INSTANCE(v)) {   /* a descriptor's __get__(None, cls) */
      Value argv[2];
      argv[0] = NONE_VAL;
      argv[1] = obj;
      argv[1] = class_call_dunder(vm, v, "__get__", 2, argv);
      if (argv[1] != UNBOUND_VAL) return argv[1];
    }
    if (v != UNBOUND_VAL) return bind(vm, v, UNBOUND_VAL, obj);
    if (strcmp(name->chars, "__name__") == 0) return OBJ_VAL(((const ObjClass *)t)->name);
    if (strcmp(name->chars, "__class__") == 0) return class_meta(obj);
    if (!IS_NONE(((const ObjClass *)t)->meta)) {   /* the metaclass's methods and attributes, bound to the class */
      v = class_lookup((const Type *)AS_OBJ(((const ObjClass *)t)->meta), name);
      if (v != UNBOUND_VAL) return bind(vm, v, obj, ((const ObjClass *)t)->meta);
    }
    if (strcmp(name->chars, "__mro__") == 0) return ((const ObjClass *)t)->mro;
    if (strcmp(name->chars, "__bases__") == 0) return ((const ObjClass *)t)->bases;
    if (strcmp(name->chars, "__dict__") == 0) return OBJ_VAL(((const ObjClass *)t)->dict);   /* the dict itself, not a mappingproxy */
    return vm_raise_fmt(vm, &exc_AttributeError, "type object '%s' has no attribute '%s'", t->name, name->chars);
  }
  {
    Value v;
    if (((const ObjClass *)OBJ_TYPE(obj))->hooks & CLASS_HOOK_GETATTRIBUTE) {
      Value argv[2];
      argv[0] = obj;
      argv[1] = OBJ_VAL(name);
      v = vm_call(vm, lookup_cstr(vm, OBJ_TYPE(obj), "__getattribute__"), 2, argv);
      if (v != EXC_VAL || !vm_exc_pending_is(vm, &exc_AttributeError) ||
          lookup_cstr(vm, OBJ_TYPE(obj), "__getattr__") == UNBOUND_VAL) return v;
      vm->exc = NONE_VAL;   /* __getattribute__ raised AttributeError: __getattr__ gets a turn */
    } else {
      v = instance_getattr(vm, obj, name);
      if (v != UNBOUND_VAL) return v;
      if (INNER(obj) != UNBOUND_VAL) {   /* the built-in value's methods: MyList().append */
        v = value_getattr(vm, INNER(obj), name);
        if (v != EXC_VAL || !vm_exc_pending_is(vm, &exc_AttributeError)) return v;
        vm->exc = NONE_VAL;
      }
    }
    return getattr_fallback(vm, obj, name);
  }
}

/* object.__getattribute__ for an instance: its dict, its class, the special attributes;
 * UNBOUND_VAL when none has the name. */
static Value instance_getattr(VM *vm, Value obj, ObjStr *name) {
  {
    ObjInstance *o = (ObjInstance *)AS_OBJ(obj);
    const Type *t = o->obj.type;
    Value attr = class_lookup(t, name), get = UNBOUND_VAL;
    if (IS_TYPE(attr, &property_type)) {
      if (IS_NONE(((ObjWrapper *)AS_OBJ(attr))->a))
        return vm_raise_fmt(vm, &exc_AttributeError, "property '%s' of '%s' object has no getter", name->chars, t->name);
      return bind(vm, attr, obj, OBJ_VAL(t));
    }
    if (IS_INSTANCE(attr)) {   /* a descriptor: __get__; with __set__ or __delete__ it comes before the dict */
      get = lookup_cstr(vm, OBJ_TYPE(attr), "__get__");
      if (get == EXC_VAL) return EXC_VAL;
      if (get != UNBOUND_VAL && is_data_descriptor(vm, attr)) return descr_get(vm, get, attr, obj);
    }
    if (o->dict != NULL) {
      Value v = dict_get_str(o->dict, name);
      if (v != UNBOUND_VAL) return v;
    }
    if (get != UNBOUND_VAL) return descr_get(vm, get, attr, obj);
    if (attr != UNBOUND_VAL) return is_doc(name) ? class_doc(t, name) : bind(vm, attr, obj, OBJ_VAL(t));
    if (is_doc(name)) return NONE_VAL;
    if (strcmp(name->chars, "__class__") == 0) return OBJ_VAL(t);
    if (strcmp(name->chars, "__dict__") == 0) {
      if (o->dict == NULL) {
        Value d = dict_new(vm);
        if (d == EXC_VAL) return EXC_VAL;
        o->dict = AS_DICT(d);
      }
      return OBJ_VAL(o->dict);
    }
    if (object_attr_builtin(name) != NULL) return method_new(vm, obj, OBJ_VAL(object_attr_builtin(name)));
    if (((const ObjClass *)t)->builtin_base != NULL) return exception_getattr(vm, obj, name);   /* args, errno, ... */
    return UNBOUND_VAL;
  }
}

static Value instance_setattr(VM *vm, Value obj, ObjStr *name, Value v);

/* obj.name = v (v UNBOUND_VAL: del obj.name) for instances and classes. */
Value class_setattr(VM *vm, Value obj, ObjStr *name, Value v) {
  if (IS_TYPE(obj, &type_type)) {
    ObjClass *c = (ObjClass *)AS_OBJ(obj);
    if (v == UNBOUND_VAL) {
      bool found;
      if (!dict_delete(vm, c->dict, OBJ_VAL(name), &found)) return EXC_VAL;
      if (!found) return vm_raise_fmt(vm, &exc_AttributeError, "type object '%s' has no attribute '%s'", c->type.name, name->chars);
      return NONE_VAL;
    }
    if (!dict_set(vm, c->dict, OBJ_VAL(name), v)) return EXC_VAL;
    return is_hook_name(name) && !update_hooks(vm, c) ? EXC_VAL : NONE_VAL;
  }
  if (((const ObjClass *)OBJ_TYPE(obj))->hooks & (v == UNBOUND_VAL ? CLASS_HOOK_DELATTR : CLASS_HOOK_SETATTR)) {
    Value argv[3], f = lookup_cstr(vm, OBJ_TYPE(obj), v == UNBOUND_VAL ? "__delattr__" : "__setattr__");
    argv[0] = obj;
    argv[1] = OBJ_VAL(name);
    argv[2] = v;
    return vm_call(vm, f, v == UNBOUND_VAL ? 2 : 3, argv) == EXC_VAL ? EXC_VAL : NONE_VAL;
  }
  return instance_setattr(vm, obj, name, v);
}

/* object.__setattr__ / __delattr__ for an instance: properties, then its dict. */
static Value instance_setattr(VM *vm, Value obj, ObjStr *name, Value v) {
  {
    ObjInstance *o = (ObjInstance *)AS_OBJ(obj);
    Value attr = class_lookup(o->obj.type, name);
    if (IS_TYPE(attr, &property_type)) {
      Value set = v == UNBOUND_VAL ? ((ObjProperty *)AS_OBJ(attr))->del : ((ObjWrapper *)AS_OBJ(attr))->b, argv[2];
      if (IS_NONE(set))
        return vm_raise_fmt(vm, &exc_AttributeError, "property '%s' of '%s' object has no %s", name->chars, o->obj.type->name,
                            v == UNBOUND_VAL ? "deleter" : "setter");
      argv[0] = obj;
      argv[1] = v;
      return vm_call(vm, set, v == UNBOUND_VAL ? 1 : 2, argv) == EXC_VAL ? EXC_VAL : NONE_VAL;
    }
    if (IS_INSTANCE(attr)) {   /* a descriptor's __set__(obj, v) or __delete__(obj) */
      Value argv[2], r;
      argv[0] = obj;
      argv[1] = v;
      r = class_call_dunder(vm, attr, v == UNBOUND_VAL ? "__delete__" : "__set__", v == UNBOUND_VAL ? 1 : 2, argv);
      if (r != UNBOUND_VAL) return r == EXC_VAL ? EXC_VAL : NONE_VAL;
    }
    if (v == UNBOUND_VAL) {
      bool found = false;
      if (o->dict != NULL && !dict_delete(vm, o->dict, OBJ_VAL(name), &found)) return EXC_VAL;
      if (!found) return vm_raise_fmt(vm, &exc_AttributeError, "'%s' object has no attribute '%s'", o->obj.type->name, name->chars);
      return NONE_VAL;
    }
    if (o->dict == NULL) {
      Value d;
      vm_push_root(vm, v);
      d = dict_new(vm);
      vm_pop_root(vm);
      if (d == EXC_VAL) return EXC_VAL;
      o->dict = AS_DICT(d);
    }
    return dict_set(vm, o->dict, OBJ_VAL(name), v) ? NONE_VAL : EXC_VAL;
  }
}

/* ==== protocols ========================================================================== */

static const char *const binary_names[][3] = {
  {"__add__", "__radd__", "__iadd__"}, {"__sub__", "__rsub__", "__isub__"}, {"__mul__", "__rmul__", "__imul__"},
  {"__truediv__", "__rtruediv__", "__itruediv__"}, {"__floordiv__", "__rfloordiv__", "__ifloordiv__"},
  {"__mod__", "__rmod__", "__imod__"}, {"__pow__", "__rpow__", "__ipow__"}, {"__lshift__", "__rlshift__", "__ilshift__"},
  {"__rshift__", "__rrshift__", "__irshift__"}, {"__and__", "__rand__", "__iand__"}, {"__or__", "__ror__", "__ior__"},
  {"__xor__", "__rxor__", "__ixor__"}, {"__matmul__", "__rmatmul__", "__imatmul__"},
};

#define NOT_IMPLEMENTED OBJ_VAL(&not_implemented_obj)

/* a <op> b when either is an instance; UNBOUND_VAL when no method applies. */
Value class_binary(VM *vm, int op, Value a, Value b) {
  int base = op & ~BINOP_INPLACE;
  Value r;
  if (base < 0 || base >= (int)(sizeof binary_names / sizeof binary_names[0])) return UNBOUND_VAL;
  if ((op & BINOP_INPLACE) && IS_INSTANCE(a)) {
    r = class_call_dunder(vm, a, binary_names[base][2], 1, &b);
    if (r != UNBOUND_VAL && r != NOT_IMPLEMENTED) return r;
  }
  if (IS_INSTANCE(a)) {
    r = class_call_dunder(vm, a, binary_names[base][0], 1, &b);
    if (r != UNBOUND_VAL && r != NOT_IMPLEMENTED) return r;
  }
  if (IS_INSTANCE(b)) {
    r = class_call_dunder(vm, b, binary_names[base][1], 1, &a);
    if (r != UNBOUND_VAL && r != NOT_IMPLEMENTED) return r;
  }
  if (base == BINOP_MUL && (IS_INSTANCE(a) != IS_INSTANCE(b))) {   /* "ab" * n where n has __index__ */
    Value seq = IS_INSTANCE(a) ? b : a, n = IS_INSTANCE(a) ? a : b;
    if (IS_STR(seq) || IS_LIST(seq) || IS_TUPLE(seq) || IS_BYTESLIKE(seq)) {
      r = value_index(vm, n);
      if (r == EXC_VAL) return EXC_VAL;
      if (r != UNBOUND_VAL) return vm_binary_op(vm, op, seq, r);
    }
  }
  if (INNER(a) != UNBOUND_VAL || INNER(b) != UNBOUND_VAL) {   /* the built-in values' operator */
    Value x = INNER(a) != UNBOUND_VAL ? INNER(a) : a, y = INNER(b) != UNBOUND_VAL ? INNER(b) : b;
    r = vm_binary_op(vm, op, x, y);
    return (op & BINOP_INPLACE) && r == x && x != a ? a : r;   /* ml += [1] keeps ml */
  }
  return UNBOUND_VAL;
}

/* not a.__eq__(b) (object.__ne__); UNBOUND_VAL or NotImplemented when that gives no answer. */
static Value negated_eq(VM *vm, Value a, Value b) {
  Value r = class_call_dunder(vm, a, "__eq__", 1, &b);
  if (r == EXC_VAL || r == UNBOUND_VAL || r == NOT_IMPLEMENTED) return r;
  if (IS_INSTANCE(r)) {
    int t = class_truthy(vm, r);
    return t < 0 ? EXC_VAL : BOOL_VAL(!t);
  }
  return BOOL_VAL(!value_truthy(r));
}

/* Comparison when either side is an instance; UNBOUND_VAL when nothing applies. */
Value class_compare(VM *vm, int op, Value a, Value b) {
  static const char *const names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
  static const int swapped[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};
  Value r;
  if (op > CMP_GE) return UNBOUND_VAL;
  if (IS_INSTANCE(a)) {
    r = class_call_dunder(vm, a, names[op], 1, &b);
    if (r == UNBOUND_VAL && op == CMP_NE) r = negated_eq(vm, a, b);   /* object.__ne__ inverts __eq__ */
    if (r != UNBOUND_VAL && r != NOT_IMPLEMENTED) return r;
  }
  if (IS_INSTANCE(b)) {
    r = class_call_dunder(vm, b, names[swapped[op]], 1, &a);
    if (r == UNBOUND_VAL && op == CMP_NE) r = negated_eq(vm, b, a);
    if (r != UNBOUND_VAL && r != NOT_IMPLEMENTED) return r;
  }
  if (INNER(a) != UNBOUND_VAL || INNER(b) != UNBOUND_VAL)
    return value_compare(vm, op, INNER(a) != UNBOUND_VAL ? INNER(a) : a, INNER(b) != UNBOUND_VAL ? INNER(b) : b);
  if (op == CMP_EQ) return BOOL_VAL(a == b);
  if (op == CMP_NE) {
    r = class_compare(vm, CMP_EQ, a, b);
    if (r == EXC_VAL) return EXC_VAL;
    return BOOL_VAL(!value_truthy(r));
  }
  {
    static const char *const symbols[] = {"<", "<=", "==", "!=", ">", ">="};
    return vm_raise_fmt(vm, &exc_TypeError, "'%s' not supported between instances of '%t' and '%t'", symbols[op], a, b);
  }
}

/* bool(v) for an instance: __bool__, else __len__, else True. -1 on error. */
int class_truthy(VM *vm, Value v) {
  Value r = class_call_dunder(vm, v, "__bool__", 0, NULL);
  if (r == EXC_VAL) return -1;
  if (r != UNBOUND_VAL) {
    if (!IS_BOOL(r)) { vm_raise_fmt(vm, &exc_TypeError, "__bool__ should return bool, returned %t", r); return -1; }
    return r == TRUE_VAL;
  }
  r = class_call_dunder(vm, v, "__len__", 0, NULL);
  if (r == EXC_VAL) return -1;
  if (r == UNBOUND_VAL) return INNER(v) != UNBOUND_VAL ? value_truthy(INNER(v)) : 1;
  return value_truthy(r);
}

static Value missing(VM *vm, Value v, const char *what) {
  return vm_raise_fmt(vm, &exc_TypeError, what, value_type(v)->name);
}

Value class_len(VM *vm, Value v) {
  Value r = class_call_dunder(vm, v, "__len__", 0, NULL);
  if (r == UNBOUND_VAL && INNER(v) != UNBOUND_VAL) return value_len(vm, INNER(v));
  if (r == UNBOUND_VAL) return missing(vm, v, "object of type '%s' has no len()");
  if (r != EXC_VAL && !IS_INT(r)) return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", r);
  if (r != EXC_VAL && AS_INT(r) < 0) return vm_raise(vm, &exc_ValueError, "__len__() should return >= 0");
  return r;
}

Value class_getitem(VM *vm, Value obj, Value key) {
  Value r = class_call_dunder(vm, obj, "__getitem__", 1, &key);
  if (r == UNBOUND_VAL && INNER(obj) != UNBOUND_VAL) {
    r = value_getitem(vm, INNER(obj), key);
    if (r == EXC_VAL && IS_DICT(INNER(obj)) && vm_exc_pending_is(vm, &exc_KeyError)) {   /* dict.__missing__ */
      Value m = class_call_dunder(vm, obj, "__missing__", 1, &key);
      if (m != UNBOUND_VAL) { vm->exc = NONE_VAL; r = m == EXC_VAL ? EXC_VAL : m; }
    }
    return r;
  }
  return r == UNBOUND_VAL ? missing(vm, obj, "'%s' object is not subscriptable") : r;
}

Value class_setitem(VM *vm, Value obj, Value key, Value val) {
  Value argv[2], r;
  argv[0] = key;
  argv[1] = val;
  if (val == UNBOUND_VAL) {
    r = class_call_dunder(vm, obj, "__delitem__", 1, argv);
    if (r == UNBOUND_VAL && INNER(obj) != UNBOUND_VAL) return vm_delitem(vm, INNER(obj), key);
    return r == UNBOUND_VAL ? missing(vm, obj, "'%s' object does not support item deletion") : r;
  }
  r = class_call_dunder(vm, obj, "__setitem__", 2, argv);
  if (r == UNBOUND_VAL && INNER(obj) != UNBOUND_VAL) return value_setitem(vm, INNER(obj), key, val);
  return r == UNBOUND_VAL ? missing(vm, obj, "'%s' object does not support item assignment") : r;
}

Value class_iter(VM *vm, Value v) {
  Value r = class_call_dunder(vm, v, "__iter__", 0, NULL);
  if (r == UNBOUND_VAL && INNER(v) != UNBOUND_VAL) {
    Value gi = lookup_cstr(vm, value_type(v), "__getitem__");   /* a __getitem__ of its own is iterated through */
    if (gi == UNBOUND_VAL || IS_DICT(INNER(v)) || IS_ANYSET(INNER(v))) return value_iter(vm, INNER(v));
  }
  if (r == UNBOUND_VAL) {
    Value gi = lookup_cstr(vm, value_type(v), "__getitem__");
    if (gi == EXC_VAL) return EXC_VAL;
    if (gi != UNBOUND_VAL) return iter_new(vm, &seq_iter_type, v, 0, 0, 1);   /* obj[0], obj[1], ... */
    return missing(vm, v, "'%s' object is not iterable");
  }
  if (r != EXC_VAL && IS_INSTANCE(r)) {
    Value nx = lookup_cstr(vm, value_type(r), "__next__");
    if (nx == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_TypeError, "iter() returned non-iterator of type '%t'", r);
  }
  return r;
}

/* next() of an instance iterator: STOP_VAL when it raises StopIteration. */
/* The old sequence protocol: the next obj[i], until __getitem__ raises IndexError. */
Value seq_iter_next(VM *vm, ObjIter *it) {
  Value v;
  if (IS_NONE(it->seq)) return STOP_VAL;
  v = class_getitem(vm, it->seq, INT_VAL(it->index));
  if (v == EXC_VAL && (vm_exc_pending_is(vm, &exc_IndexError) || vm_exc_pending_is(vm, &exc_StopIteration))) {
    vm->exc = NONE_VAL;
    it->seq = NONE_VAL;   /* exhausted for good */
    return STOP_VAL;
  }
  if (v != EXC_VAL) it->index++;
  return v;
}

static Value seq_iternext(VM *vm, Value it) { return seq_iter_next(vm, AS_ITER(it)); }
const Type seq_iter_type = {{&type_type}, "iterator", NULL, iter_trace, NULL,
    .getiter = iter_self, .iternext = seq_iternext};

/* equal bound methods hash alike */
static bool method_hash(VM *vm, Value v, int64_t *out) {
  int64_t h;
  if (!value_hash64(vm, ((ObjMethod *)AS_OBJ(v))->self, &h)) return false;
  *out = h ^ (int64_t)(((ObjMethod *)AS_OBJ(v))->fn >> 4);
  return true;
}

Value class_next(VM *vm, Value it) {
  Value r = class_call_dunder(vm, it, "__next__", 0, NULL);
  if (r == UNBOUND_VAL) return missing(vm, it, "'%s' object is not an iterator");
  if (r == EXC_VAL && vm_exc_pending_is(vm, &exc_StopIteration)) {
    vm->exc = NONE_VAL;
    return STOP_VAL;
  }
  return r;
}

/* item in obj: __contains__, else iterate. */
Value class_contains(VM *vm, Value obj, Value item) {
  Value r = class_call_dunder(vm, obj, "__contains__", 1, &item), it, v;
  if (r == EXC_VAL) return EXC_VAL;
  if (r != UNBOUND_VAL) return BOOL_VAL(value_truthy(r));
  if (INNER(obj) != UNBOUND_VAL) return value_contains(vm, INNER(obj), item);
  it = value_iter(vm, obj);
  if (it == EXC_VAL) return EXC_VAL;
  if (vm->sp >= vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = it;   /* on the VM stack while __next__/__eq__ run */
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == EXC_VAL || v == STOP_VAL) break;
    r = value_compare(vm, CMP_EQ, v, item);
    if (r == EXC_VAL) { v = EXC_VAL; break; }
    if (value_truthy(r)) { v = TRUE_VAL; break; }
  }
  vm->sp--;
  return v == STOP_VAL ? FALSE_VAL : v;
}

/* hash() of an instance: __hash__ may return any int; CPython reduces it as it hashes ints. */
bool class_hash64(VM *vm, Value v, int64_t *out) {
  Value r = class_call_dunder(vm, v, "__hash__", 0, NULL);
  if (r == EXC_VAL) return false;
  if (r == UNBOUND_VAL) {
    Value eq = lookup_cstr(vm, value_type(v), "__eq__");
    if (INNER(v) != UNBOUND_VAL && eq == UNBOUND_VAL) return value_hash64(vm, INNER(v), out);
    if (eq != UNBOUND_VAL && eq != EXC_VAL) {
      vm_raise_fmt(vm, &exc_TypeError, "unhashable type: '%t'", v);
      return false;
    }
    *out = (int64_t)((uintptr_t)v >> 4);
    return true;
  }
  if (IS_NONE(r)) { vm_raise_fmt(vm, &exc_TypeError, "unhashable type: '%t'", v); return false; }
  if (INNER(r) != UNBOUND_VAL && IS_ANYINT(INNER(r))) r = INNER(r);
  if (!IS_ANYINT(r)) { vm_raise(vm, &exc_TypeError, "__hash__ method should return an integer"); return false; }
  if (!int_to_i64(r, out)) *out = int_hash(r);   /* CPython keeps a hash that fits as it is */
  if (*out == -1) *out = -2;
  return true;
}

/* module.Name of class c (the module its body ran in). */
static void write_qualified(VM *vm, const ObjClass *c) {
  Value key = str_intern(vm, "__module__", 10), mod = key == EXC_VAL ? UNBOUND_VAL : dict_get_str(c->dict, AS_STR(key));
  if (IS_STR(mod)) {
    vm_sb_add(vm, AS_STR(mod)->chars, AS_STR(mod)->len);
    vm_sb_add(vm, ".", 1);
  }
  vm_sb_cstr(vm, c->type.name);
}

/* 0x7f12... : the object's address, as CPython's default repr shows it. */
static void write_address(VM *vm, Value v) {
  uintptr_t a = (uintptr_t)AS_OBJ(v);
  char buf[2 * sizeof a + 2];
  int n = (int)sizeof buf;
  do { buf[--n] = "0123456789abcdef"[a & 15]; a >>= 4; } while (a != 0);
  buf[--n] = 'x';
  buf[--n] = '0';
  vm_sb_add(vm, buf + n, sizeof buf - (size_t)n);
}

static bool write_with(VM *vm, Value f, Value v, bool repr);

/* str()/repr() of an instance into the string builder; false when a method raised. */
bool class_write(VM *vm, Value v, bool repr) {
  Value f;
  f = lookup_cstr(vm, value_type(v), repr ? "__repr__" : "__str__");
  if (f == UNBOUND_VAL && !repr) f = lookup_cstr(vm, value_type(v), "__repr__");
  if (f == EXC_VAL) return false;
  if (f == UNBOUND_VAL) {
    const ObjClass *c = (const ObjClass *)value_type(v);
    if (c->builtin_base != NULL) return true;   /* the caller writes it as an exception */
    if (c->value_base != NULL) { value_write(vm, ((ObjInstance *)AS_OBJ(v))->msg, repr); return true; }
    vm_sb_add(vm, "<", 1);
    write_qualified(vm, c);
    vm_sb_cstr(vm, " object at ");
    write_address(vm, v);
    vm_sb_add(vm, ">", 1);
    return true;
  }
  return write_with(vm, f, v, repr);
}

/* f(v), a __str__ or __repr__, into the string builder. */
static bool write_with(VM *vm, Value f, Value v, bool repr) {
  Value r, before;
  bool ok;
  /* The method's own code may use the string builder: keep what is in it so far. `before` and
   * the result stay on the VM stack (not in a root) until both are back in the builder, whose
   * growing may collect. */
  before = vm->sb_len > 0 ? vm_sb_to_str(vm) : NONE_VAL;
  if (before == EXC_VAL) return false;
  if (vm->sp + 2 > vm->stack_end) { vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded"); return false; }
  *vm->sp++ = before;
  r = vm_call(vm, f, 1, &v);
  *vm->sp++ = r;
  vm_sb_reset(vm);
  if (IS_STR(before)) vm_sb_add(vm, AS_STR(before)->chars, AS_STR(before)->len);
  ok = r != EXC_VAL && IS_STR(r);
  if (ok) vm_sb_add(vm, AS_STR(r)->chars, AS_STR(r)->len);
  vm->sp -= 2;
  if (r != EXC_VAL && !ok) vm_raise_fmt(vm, &exc_TypeError, "__%s__ returned non-string (type %t)", repr ? "repr" : "str", r);
  return ok;
}

/* <class 'module.Name'> of a Python class, or what its metaclass's __repr__ says. */
void class_write_class(VM *vm, Value cls) {
  const ObjClass *c = (const ObjClass *)AS_OBJ(cls);
  if (!IS_NONE(c->meta)) {
    Value f = lookup_cstr(vm, (const Type *)AS_OBJ(c->meta), "__repr__");
    if (f != UNBOUND_VAL && f != EXC_VAL) {
      if (!write_with(vm, f, cls, true)) vm->exc = NONE_VAL;
      return;
    }
  }
  vm_sb_cstr(vm, "<class '");
  write_qualified(vm, c);
  vm_sb_cstr(vm, "'>");
}

/* ==== dir() ============================================================================== */

/* The attributes every object has from object (CPython 3.11's dir(object())). */
static const char *const object_names[] = {
  "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__",
  "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__",
  "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__"};

static bool dir_add(VM *vm, ObjDict *names, Value name) {
  if (name == EXC_VAL) return false;
  return !IS_STR(name) || dict_set(vm, names, name, NONE_VAL);
}

static bool dir_add_dict(VM *vm, ObjDict *names, const ObjDict *d) {
  uint32_t i;
  for (i = 0; i < d->used; i++)
    if (d->entries[i].key != DELETED_VAL && !(IS_STR(d->entries[i].key) && strcmp(AS_STR(d->entries[i].key)->chars, "__qualname__") == 0) &&
        !dir_add(vm, names, d->entries[i].key))
      return false;
  return true;
}

/* dir(obj) for an instance or a class: obj.__dir__() when its class defines one, else the
 * names of its dict, its class's and their bases', sorted. */
Value class_dir(VM *vm, Value obj) {
  const Type *t = IS_TYPE(obj, &type_type) ? (const Type *)AS_OBJ(obj) : OBJ_TYPE(obj);
  ObjTuple *mro = AS_TUPLE(((const ObjClass *)t)->mro);
  Value d, list, r;
  uint32_t i;
  bool ok = true, plain = false;
  if (!IS_TYPE(obj, &type_type)) {
    Value f = lookup_cstr(vm, t, "__dir__");
    if (f == EXC_VAL) return EXC_VAL;
    if (f != UNBOUND_VAL) {
      r = vm_call(vm, f, 1, &obj);
      if (r == EXC_VAL) return EXC_VAL;
      list = vm_call(vm, OBJ_VAL(&list_type), 1, &r);
      if (list == EXC_VAL) return EXC_VAL;
      vm_push_root(vm, list);
      r = list_sort(vm, AS_LIST(list), NONE_VAL, false);
      vm_pop_root(vm);
      return r == EXC_VAL ? EXC_VAL : list;
    }
  }
  d = dict_new(vm);
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  if (IS_INSTANCE(obj) && ((ObjInstance *)AS_OBJ(obj))->dict != NULL) ok = dir_add_dict(vm, AS_DICT(d), ((ObjInstance *)AS_OBJ(obj))->dict);
  for (i = 0; ok && i < mro->len; i++) {
    const Type *k = (const Type *)AS_OBJ(mro->items[i]);
    if (IS_CLASS_TYPE(k)) {
      const ObjClass *c = (const ObjClass *)k;
      if (c->value_base == NULL && c->builtin_base == NULL) plain = true;
      ok = dir_add_dict(vm, AS_DICT(d), c->dict);
    } else if (k == &object_type) {
      size_t j;
      for (j = 0; ok && j < sizeof object_names / sizeof object_names[0]; j++) ok = dir_add(vm, AS_DICT(d), name_of(vm, object_names[j]));
    } else {
      const MethodDef *m;
      for (m = k->methods; ok && m != NULL && m->name != NULL; m++) ok = dir_add(vm, AS_DICT(d), name_of(vm, m->name));
    }
  }
  if (ok && plain) ok = dir_add(vm, AS_DICT(d), name_of(vm, "__dict__")) && dir_add(vm, AS_DICT(d), name_of(vm, "__weakref__"));
  list = ok ? value_to_list(vm, d) : EXC_VAL;
  vm_pop_root(vm);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  r = list_sort(vm, AS_LIST(list), NONE_VAL, false);
  vm_pop_root(vm);
  return r == EXC_VAL ? EXC_VAL : list;
}

/* ==== builtins: super, classmethod, staticmethod, property =============================== */

static Value bi_super(VM *vm, int argc, Value *args) {
  const Type *t;
  if (argc != 2) return vm_raise(vm, &exc_RuntimeError, "super(): use super() inside a method, or super(Class, obj)");
  if (!IS_TYPE(args[0], &type_type)) return vm_raise_fmt(vm, &exc_TypeError, "super() argument 1 must be a type, not %t", args[0]);
  t = (const Type *)AS_OBJ(args[0]);
  if (!type_in_mro((const Type *)AS_OBJ(super_self_type(args[1])), t) &&
      !(IS_TYPE(args[1], &type_type) && type_in_mro((const Type *)AS_OBJ(args[1]), t)) && !is_object_type(t))
    return vm_raise(vm, &exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  return wrapper_new(vm, &super_type, args[0], args[1]);
}

/* <super: <class 'B'>, <B object>> */
void class_write_super(VM *vm, Value sup) {
  ObjWrapper *s = (ObjWrapper *)AS_OBJ(sup);
  vm_sb_cstr(vm, "<super: <class '");
  vm_sb_cstr(vm, ((const Type *)AS_OBJ(s->a))->name);
  vm_sb_cstr(vm, "'>, <");
  vm_sb_cstr(vm, IS_TYPE(s->b, &type_type) ? ((const Type *)AS_OBJ(s->b))->name : value_type(s->b)->name);
  vm_sb_cstr(vm, IS_TYPE(s->b, &type_type) ? " type>>" : " object>>");
}
static Value bi_classmethod(VM *vm, int argc, Value *args) { (void)argc; return wrapper_new(vm, &classmethod_type, args[0], NONE_VAL); }
static Value bi_staticmethod(VM *vm, int argc, Value *args) { (void)argc; return wrapper_new(vm, &staticmethod_type, args[0], NONE_VAL); }
static Value property_new(VM *vm, Value get, Value set, Value del, Value doc) {
  ObjProperty *p;
  Value r;
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, del);
  vm_push_root(vm, doc);
  r = wrapper_new(vm, &property_type, get, set);   /* allocates an ObjProperty: see property_type */
  gc_root_restore(vm, mark);
  if (r == EXC_VAL) return EXC_VAL;
  p = (ObjProperty *)AS_OBJ(r);
  p->del = del;
  p->doc = doc;
  return r;
}
/* property(fget=None, fset=None, fdel=None, doc=None) */
static Value bi_property(VM *vm, int argc, Value *args) {
  Value a[4];
  int i;
  for (i = 0; i < 4; i++) {
    a[i] = i < argc ? args[i] : NATIVE_KW(args, argc, i);
    if (a[i] == UNBOUND_VAL) a[i] = NONE_VAL;
  }
  return property_new(vm, a[0], a[1], a[2], a[3]);
}
/* object.__init__ / BaseException.__init__ reached through super(): args[0] is self. */
static Value bi_super_init(VM *vm, int argc, Value *args) {
  ObjInstance *o = (ObjInstance *)AS_OBJ(args[0]);
  if (!IS_INSTANCE(args[0]) || ((const ObjClass *)o->obj.type)->builtin_base == NULL) return NONE_VAL;
  {
    Value t = exception_args_value(vm, argc - 1, args + 1);
    if (t == EXC_VAL) return EXC_VAL;
    o->msg = t;
  }
  return NONE_VAL;
}
static Value m_setter(VM *vm, int argc, Value *args) {
  ObjProperty *p = (ObjProperty *)AS_OBJ(args[0]);
  (void)argc;
  return property_new(vm, p->w.a, args[1], p->del, p->doc);
}
static Value m_getter(VM *vm, int argc, Value *args) {
  ObjProperty *p = (ObjProperty *)AS_OBJ(args[0]);
  (void)argc;
  return property_new(vm, args[1], p->w.b, p->del, p->doc);
}
static Value m_deleter(VM *vm, int argc, Value *args) {
  ObjProperty *p = (ObjProperty *)AS_OBJ(args[0]);
  (void)argc;
  return property_new(vm, p->w.a, p->w.b, args[1], p->doc);
}
static Value bi_issubclass(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!IS_TYPE(args[0], &type_type)) return vm_raise(vm, &exc_TypeError, "issubclass() arg 1 must be a class");
  if (IS_TUPLE(args[1])) {
    uint32_t i;
    for (i = 0; i < AS_TUPLE(args[1])->len; i++) {
      Value one[2];
      one[0] = args[0];
      one[1] = AS_TUPLE(args[1])->items[i];
      if (bi_issubclass(vm, 2, one) == TRUE_VAL) return TRUE_VAL;
    }
    return FALSE_VAL;
  }
  if (!IS_TYPE(args[1], &type_type)) return vm_raise(vm, &exc_TypeError, "issubclass() arg 2 must be a class");
  if (is_object_type((const Type *)AS_OBJ(args[1]))) return TRUE_VAL;
  return BOOL_VAL(type_is_subtype((const Type *)AS_OBJ(args[0]), (const Type *)AS_OBJ(args[1])));
}

/* object.__setattr__(obj, name, value), object.__delattr__(obj, name), object.__getattribute__(obj, name):
 * the plain attribute access a class's own hooks fall back on. */
static bool attr_name_ok(VM *vm, Value name) {
  if (IS_STR(name)) return true;
  vm_raise_fmt(vm, &exc_TypeError, "attribute name must be string, not '%t'", name);
  return false;
}
static Value bi_object_setattr(VM *vm, int argc, Value *args) {
  Value v = argc == 3 ? args[2] : UNBOUND_VAL;
  if (!attr_name_ok(vm, args[1])) return EXC_VAL;
  if (IS_INSTANCE(args[0])) return instance_setattr(vm, args[0], AS_STR(args[1]), v);
  return value_setattr(vm, args[0], AS_STR(args[1]), v);
}
static Value bi_object_getattribute(VM *vm, int argc, Value *args) {
  Value v;
  (void)argc;
  if (!attr_name_ok(vm, args[1])) return EXC_VAL;
  if (!IS_INSTANCE(args[0])) return value_getattr(vm, args[0], AS_STR(args[1]));
  v = instance_getattr(vm, args[0], AS_STR(args[1]));
  if (v != UNBOUND_VAL) return v;
  return vm_raise_fmt(vm, &exc_AttributeError, "'%t' object has no attribute '%s'", args[0], AS_STR(args[1])->chars);
}
static const ObjBuiltin object_attr_builtins[] = {
  {{&builtin_type}, "__setattr__", bi_object_setattr, 3, 3, NULL},
  {{&builtin_type}, "__delattr__", bi_object_setattr, 2, 2, NULL},
  {{&builtin_type}, "__getattribute__", bi_object_getattribute, 2, 2, NULL},
};

const ObjBuiltin *object_attr_builtin(const ObjStr *name) {
  size_t i;
  if (name->len < 11 || name->chars[0] != '_') return NULL;
  for (i = 0; i < sizeof object_attr_builtins / sizeof object_attr_builtins[0]; i++)
    if (strcmp(name->chars, object_attr_builtins[i].name) == 0) return &object_attr_builtins[i];
  return NULL;
}

static const MethodDef property_methods[] = {
  {"setter", m_setter, 1, 1, NULL},
  {"getter", m_getter, 1, 1, NULL},
  {"deleter", m_deleter, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const ObjBuiltin super_init_builtin = {{&builtin_type}, "__init__", bi_super_init, 0, -1, NULL};
static const ObjBuiltin b_super = {{&builtin_type}, "super", bi_super, 0, 2, NULL};
static const ObjBuiltin b_issubclass = {{&builtin_type}, "issubclass", bi_issubclass, 2, 2, NULL};
static const ObjBuiltin b_classmethod = {{&builtin_type}, "classmethod", bi_classmethod, 1, 1, NULL};
static const ObjBuiltin b_staticmethod = {{&builtin_type}, "staticmethod", bi_staticmethod, 1, 1, NULL};
static const ObjBuiltin b_property = {{&builtin_type}, "property", bi_property, 0, 4, "fget fset fdel doc"};
static const ObjBuiltin b_build_class = {{&builtin_type}, "__build_class__", bi_build_class, 2, -1, NATIVE_KW_DICT};

const Type property_type = {{&type_type}, "property", NULL, property_trace, property_methods};

bool class_init(VM *vm) {
  static const Obj *const table[] = {&b_super.obj, &b_issubclass.obj, &b_classmethod.obj, &b_staticmethod.obj,
                                     &b_property.obj, &not_implemented_obj, &exc_GeneratorExit.base,
                                     &exc_ImportError.base, &exc_ModuleNotFoundError.base, &b_build_class.obj};
  static const char *const names[] = {"super", "issubclass", "classmethod", "staticmethod", "property", "NotImplemented",
                                      "GeneratorExit", "ImportError", "ModuleNotFoundError", "__build_class__"};
  size_t i;
  for (i = 0; i < sizeof table / sizeof table[0]; i++) {
    Value key = str_intern(vm, names[i], strlen(names[i]));
    if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, OBJ_VAL(table[i]))) return false;
  }
  return true;
}
