/* Classes written in Python: class objects (a Type followed by a dict and an MRO), their
 * instances, bound methods, super(), classmethod/staticmethod/property, and the dunder
 * protocols the interpreter and object.c dispatch to. */
#include <string.h>

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

const Type method_type = {{&type_type}, "method", NULL, method_trace, NULL};
const Type super_type = {{&type_type}, "super", NULL, wrapper_trace, NULL};
const Type classmethod_type = {{&type_type}, "classmethod", NULL, wrapper_trace, NULL};
const Type staticmethod_type = {{&type_type}, "staticmethod", NULL, wrapper_trace, NULL};
const Type not_implemented_type = {{&type_type}, "NotImplementedType", NULL, NULL, NULL};
const Obj not_implemented_obj = {&not_implemented_type};

static Value wrapper_new(VM *vm, const Type *type, Value a, Value b) {
  ObjWrapper *w;
  vm_push_root(vm, a);
  vm_push_root(vm, b);
  w = (ObjWrapper *)obj_alloc(vm, type, sizeof(ObjWrapper));
  vm->nroots -= 2;
  if (w == NULL) return EXC_VAL;
  w->a = a;
  w->b = b;
  return OBJ_VAL(w);
}

Value method_new(VM *vm, Value self, Value fn) {
  ObjMethod *m;
  vm_push_root(vm, self);
  vm_push_root(vm, fn);
  m = (ObjMethod *)obj_alloc(vm, &method_type, sizeof(ObjMethod));
  vm->nroots -= 2;
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
static Value c3_mro(VM *vm, ObjClass *cls) {
  ObjTuple *bases = AS_TUPLE(cls->bases);
  Value seqs[MRO_MAX + 1][MRO_MAX];
  uint32_t lens[MRO_MAX + 1], pos[MRO_MAX + 1], nseq = 0, i, j, k, nout = 0;
  Value out[MRO_MAX], t;
  if (bases->len > MRO_MAX) return vm_raise(vm, &exc_TypeError, "too many base classes");
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
  cls->hooks = 0;
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

/* class name(bases): ns is the dict the class body filled. */
Value class_new(VM *vm, Value name, Value bases, ObjDict *ns) {
  ObjClass *cls;
  uint32_t i;
  const Type *builtin_base = NULL, *parent = NULL, *value_base = NULL;
  Value mro;
  bool ok;
  if (AS_TUPLE(bases)->len == 0) {   /* class A: is class A(object): */
    Value key = str_intern(vm, "object", 6), obj;
    if (key == EXC_VAL) return EXC_VAL;
    obj = dict_get_str(vm->builtins, AS_STR(key));
    if (IS_TYPE(obj, &type_type)) {
      vm_push_root(vm, name);
      vm_push_root(vm, OBJ_VAL(ns));
      bases = tuple_new(vm, 1);
      vm->nroots -= 2;
      if (bases == EXC_VAL) return EXC_VAL;
      AS_TUPLE(bases)->items[0] = obj;
    }
  }
  for (i = 0; i < AS_TUPLE(bases)->len; i++) {
    Value b = AS_TUPLE(bases)->items[i];
    const Type *bt;
    if (!IS_TYPE(b, &type_type)) return vm_raise(vm, &exc_TypeError, "bases must be types");
    bt = (const Type *)AS_OBJ(b);
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
    } else if (!is_object_type(bt)) {
      return vm_raise_fmt(vm, &exc_TypeError, "type '%s' is not an acceptable base type", bt->name);
    }
    if (parent == NULL && !is_object_type(bt)) parent = bt;
  }
  vm_push_root(vm, name);
  vm_push_root(vm, bases);
  vm_push_root(vm, OBJ_VAL(ns));
  cls = (ObjClass *)obj_alloc(vm, &type_type, sizeof(ObjClass));
  if (cls == NULL) { vm->nroots -= 3; return EXC_VAL; }
  cls->type.base.type = &type_type;
  cls->type.name = AS_STR(name)->chars;
  cls->type.parent = parent != NULL ? parent : builtin_base;
  cls->type.trace = instance_trace;
  cls->type.methods = NULL;
  cls->name = AS_STR(name);
  cls->bases = bases;
  cls->mro = NONE_VAL;
  cls->dict = ns;
  cls->builtin_base = builtin_base;
  cls->value_base = value_base;
  if (builtin_base != NULL && value_base != NULL) { vm->nroots -= 3; return vm_raise(vm, &exc_TypeError, "multiple bases have instance lay-out conflict"); }
  vm_push_root(vm, OBJ_VAL(cls));
  mro = c3_mro(vm, cls);
  if (mro != EXC_VAL) cls->mro = mro;
  ok = mro != EXC_VAL && update_hooks(vm, cls);   /* may intern the hook names: cls stays rooted */
  vm->nroots -= 4;
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

/* cls(*args, **kw): __new__, then __init__. */
Value class_instantiate(VM *vm, ObjClass *cls, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  ObjInstance *o;
  Value self, init, r, newf;
  int npos = argc - nkw;
  newf = UNBOUND_VAL;
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

/* object.__new__(cls) and list.__new__(cls, ...), str.__new__(cls, ...), ... reached through
 * super().__new__ or object.__new__: the built-in value is made from the arguments. */
static Value bi_value_new(VM *vm, int argc, Value *args) {
  ObjClass *cls;
  Value v = UNBOUND_VAL;
  if (argc < 1 || !IS_PYCLASS(args[0])) return vm_raise(vm, &exc_TypeError, "object.__new__(X): X is not a type object");
  cls = (ObjClass *)AS_OBJ(args[0]);
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

static Value instance_getattr(VM *vm, Value obj, ObjStr *name);

/* obj.name where obj is an instance of a Python class, a Python class, or a super object. */
Value class_getattr(VM *vm, Value obj, ObjStr *name) {
  if (IS_TYPE(obj, &super_type)) {
    ObjWrapper *s = (ObjWrapper *)AS_OBJ(obj);
    Value self = s->b;
    const Type *start = (const Type *)AS_OBJ(s->a), *t = IS_TYPE(self, &type_type) ? (const Type *)AS_OBJ(self) : value_type(self);
    if (IS_CLASS_TYPE(t)) {
      ObjTuple *mro = AS_TUPLE(((const ObjClass *)t)->mro);
      uint32_t i = 0;
      while (i < mro->len && AS_OBJ(mro->items[i]) != (const Obj *)start) i++;
      for (i++; i < mro->len; i++) {
        const Type *k = (const Type *)AS_OBJ(mro->items[i]);
        if (IS_CLASS_TYPE(k)) {
          Value v = dict_get_str(((const ObjClass *)k)->dict, name);
          if (v != UNBOUND_VAL)
            return bind(vm, v, IS_TYPE(self, &type_type) ? UNBOUND_VAL : self, OBJ_VAL(t));
        } else if (strcmp(name->chars, "__new__") == 0) {
          return OBJ_VAL(&value_new_builtin);   /* object.__new__, tuple.__new__, ...: called with cls */
        } else if (strcmp(name->chars, "__init__") == 0 && !IS_TYPE(self, &type_type)) {
          if (INNER(self) != UNBOUND_VAL) return method_new(vm, self, OBJ_VAL(&value_init_builtin));
          return method_new(vm, self, OBJ_VAL(&super_init_builtin));   /* object/Exception.__init__ */
        } else if (k != &object_type && INNER(self) != UNBOUND_VAL) {   /* list.append, dict.__getitem__, ... */
          Value v = value_getattr(vm, INNER(self), name);
          if (v != EXC_VAL || !vm_exc_pending_is(vm, &exc_AttributeError)) return v;
          vm->exc = NONE_VAL;
        } else if (object_attr_builtin(name) != NULL && !IS_TYPE(self, &type_type)) {
          return method_new(vm, self, OBJ_VAL(object_attr_builtin(name)));
        }
      }
    }
    return vm_raise_fmt(vm, &exc_AttributeError, "'super' object has no attribute '%s'", name->chars);
  }
  if (IS_TYPE(obj, &type_type)) {   /* a Python class */
    const Type *t = (const Type *)AS_OBJ(obj);
    Value v = class_lookup(t, name);
    if (v != UNBOUND_VAL) return bind(vm, v, UNBOUND_VAL, obj);
    if (strcmp(name->chars, "__name__") == 0) return OBJ_VAL(((const ObjClass *)t)->name);
    if (strcmp(name->chars, "__mro__") == 0) return ((const ObjClass *)t)->mro;
    if (strcmp(name->chars, "__bases__") == 0) return ((const ObjClass *)t)->bases;
    if (strcmp(name->chars, "__dict__") == 0) return OBJ_VAL(((const ObjClass *)t)->dict);   /* the dict itself, not a mappingproxy */
    if (strcmp(name->chars, "__doc__") == 0) return NONE_VAL;   /* the image carries no docstrings yet */
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
    Value attr = class_lookup(t, name);
    if (IS_TYPE(attr, &property_type)) return bind(vm, attr, obj, OBJ_VAL(t));
    if (o->dict != NULL) {
      Value v = dict_get_str(o->dict, name);
      if (v != UNBOUND_VAL) return v;
    }
    if (attr != UNBOUND_VAL) return bind(vm, attr, obj, OBJ_VAL(t));
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
      Value set = ((ObjWrapper *)AS_OBJ(attr))->b, argv[2];
      if (IS_NONE(set) || v == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_AttributeError, "can't set attribute '%s'", name->chars);
      argv[0] = obj;
      argv[1] = v;
      return vm_call(vm, set, 2, argv) == EXC_VAL ? EXC_VAL : NONE_VAL;
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

const Type seq_iter_type = {{&type_type}, "iterator", NULL, iter_trace, NULL};

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

bool class_hash(VM *vm, Value v, uint32_t *out) {
  int64_t h;
  if (!class_hash64(vm, v, &h)) return false;
  *out = (uint32_t)h;
  return true;
}

/* str()/repr() of an instance into the string builder; false when a method raised. */
bool class_write(VM *vm, Value v, bool repr) {
  Value r, f, before;
  bool ok;
  f = lookup_cstr(vm, value_type(v), repr ? "__repr__" : "__str__");
  if (f == UNBOUND_VAL && !repr) f = lookup_cstr(vm, value_type(v), "__repr__");
  if (f == EXC_VAL) return false;
  if (f == UNBOUND_VAL) {
    const ObjClass *c = (const ObjClass *)value_type(v);
    if (c->builtin_base != NULL) return true;   /* the caller writes it as an exception */
    if (c->value_base != NULL) { value_write(vm, ((ObjInstance *)AS_OBJ(v))->msg, repr); return true; }
    vm_sb_cstr(vm, "<__main__.");
    vm_sb_cstr(vm, c->type.name);
    vm_sb_cstr(vm, " object>");
    return true;
  }
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

/* <class 'module.Name'> of a Python class. */
void class_write_class(VM *vm, Value cls) {
  const ObjClass *c = (const ObjClass *)AS_OBJ(cls);
  Value key = str_intern(vm, "__module__", 10), mod = key == EXC_VAL ? UNBOUND_VAL : dict_get_str(c->dict, AS_STR(key));
  vm_sb_cstr(vm, "<class '");
  if (IS_STR(mod)) {
    vm_sb_add(vm, AS_STR(mod)->chars, AS_STR(mod)->len);
    vm_sb_add(vm, ".", 1);
  }
  vm_sb_cstr(vm, c->type.name);
  vm_sb_cstr(vm, "'>");
}

/* ==== builtins: super, classmethod, staticmethod, property =============================== */

static Value bi_super(VM *vm, int argc, Value *args) {
  if (argc != 2) return vm_raise(vm, &exc_RuntimeError, "super(): use super() inside a method, or super(Class, obj)");
  if (!IS_TYPE(args[0], &type_type)) return vm_raise(vm, &exc_TypeError, "super() argument 1 must be a type");
  return wrapper_new(vm, &super_type, args[0], args[1]);
}
static Value bi_classmethod(VM *vm, int argc, Value *args) { (void)argc; return wrapper_new(vm, &classmethod_type, args[0], NONE_VAL); }
static Value bi_staticmethod(VM *vm, int argc, Value *args) { (void)argc; return wrapper_new(vm, &staticmethod_type, args[0], NONE_VAL); }
static Value bi_property(VM *vm, int argc, Value *args) {
  return wrapper_new(vm, &property_type, argc > 0 ? args[0] : NONE_VAL, argc > 1 ? args[1] : NONE_VAL);
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
  (void)argc;
  return wrapper_new(vm, &property_type, ((ObjWrapper *)AS_OBJ(args[0]))->a, args[1]);
}
static Value m_getter(VM *vm, int argc, Value *args) {
  (void)argc;
  return wrapper_new(vm, &property_type, args[1], ((ObjWrapper *)AS_OBJ(args[0]))->b);
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
  {NULL, NULL, 0, 0, NULL},
};

const ObjBuiltin super_init_builtin = {{&builtin_type}, "__init__", bi_super_init, 0, -1, NULL};
static const ObjBuiltin b_super = {{&builtin_type}, "super", bi_super, 0, 2, NULL};
static const ObjBuiltin b_issubclass = {{&builtin_type}, "issubclass", bi_issubclass, 2, 2, NULL};
static const ObjBuiltin b_classmethod = {{&builtin_type}, "classmethod", bi_classmethod, 1, 1, NULL};
static const ObjBuiltin b_staticmethod = {{&builtin_type}, "staticmethod", bi_staticmethod, 1, 1, NULL};
static const ObjBuiltin b_property = {{&builtin_type}, "property", bi_property, 0, 2, NULL};

const Type property_type = {{&type_type}, "property", NULL, wrapper_trace, property_methods};

bool class_init(VM *vm) {
  static const Obj *const table[] = {&b_super.obj, &b_issubclass.obj, &b_classmethod.obj, &b_staticmethod.obj,
                                     &b_property.obj, &not_implemented_obj, &exc_GeneratorExit.base,
                                     &exc_ImportError.base, &exc_ModuleNotFoundError.base};
  static const char *const names[] = {"super", "issubclass", "classmethod", "staticmethod", "property", "NotImplemented",
                                      "GeneratorExit", "ImportError", "ModuleNotFoundError"};
  size_t i;
  for (i = 0; i < sizeof table / sizeof table[0]; i++) {
    Value key = str_intern(vm, names[i], strlen(names[i]));
    if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, OBJ_VAL(table[i]))) return false;
  }
  return true;
}
