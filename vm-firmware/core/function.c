/* Functions made by MAKE_FUNCTION, built-in functions (const, in flash), bound methods of
 * built-in types, and code objects. */
#include <string.h>

#include "gen/image_format.h"
#include "vm.h"

static void code_trace(VM *vm, Obj *obj) {
  ObjCode *c = (ObjCode *)obj;
  uint32_t i;
  gc_mark_value(vm, OBJ_VAL(c->name));
  gc_mark_value(vm, OBJ_VAL(c->qualname));
  gc_mark_value(vm, OBJ_VAL(c->file));
  gc_mark_raw(vm, c->consts);
  for (i = 0; i < c->nconsts; i++) gc_mark_value(vm, c->consts[i]);
  gc_mark_raw(vm, c->local_names);
  for (i = 0; i < c->nlocals; i++) gc_mark_value(vm, c->local_names[i]);
  gc_mark_raw(vm, c->names);
  for (i = 0; c->names != NULL && i < c->nnames; i++) gc_mark_value(vm, c->names[i]);
  gc_mark_raw(vm, c->codes);
  for (i = 0; c->codes != NULL && i < c->ncodes; i++) gc_mark_value(vm, OBJ_VAL(c->codes[i]));
}

static void function_trace(VM *vm, Obj *obj) {
  ObjFunction *f = (ObjFunction *)obj;
  gc_mark_value(vm, OBJ_VAL(f->code));
  gc_mark_value(vm, OBJ_VAL(f->globals));
  gc_mark_value(vm, f->defaults);
  gc_mark_value(vm, f->kwdefaults);
  gc_mark_value(vm, f->closure);
  if (f->dict != NULL) gc_mark_value(vm, OBJ_VAL(f->dict));
  if (f->meta != NULL) gc_mark_value(vm, OBJ_VAL(f->meta));
}

static void cell_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjCell *)obj)->value); }

Value cell_new(VM *vm, Value v) {
  ObjCell *c;
  vm_push_root(vm, v);
  c = (ObjCell *)obj_alloc(vm, &cell_type, sizeof(ObjCell));
  vm_pop_root(vm);
  if (c == NULL) return EXC_VAL;
  c->value = v;
  return OBJ_VAL(c);
}

static void bound_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjBoundMethod *)obj)->self); }

Value function_new(VM *vm, ObjCode *code, ObjDict *globals) {
  ObjFunction *f = (ObjFunction *)obj_alloc(vm, &function_type, sizeof(ObjFunction));
  if (f == NULL) return EXC_VAL;
  f->code = code;
  f->globals = globals;
  f->defaults = NONE_VAL;
  f->kwdefaults = NONE_VAL;
  f->closure = NONE_VAL;
  f->dict = NULL;
  f->meta = NULL;
  return OBJ_VAL(f);
}

Value bound_method_new(VM *vm, Value self, const MethodDef *m) {
  ObjBoundMethod *b;
  vm_push_root(vm, self);
  b = (ObjBoundMethod *)obj_alloc(vm, &bound_method_type, sizeof(ObjBoundMethod));
  vm_pop_root(vm);
  if (b == NULL) return EXC_VAL;
  b->self = self;
  b->method = m;
  return OBJ_VAL(b);
}

const MethodDef *methods_find(const MethodDef *table, const ObjStr *name) {
  if (table == NULL) return NULL;
  for (; table->name != NULL; table++)
    if (strlen(table->name) == name->len && memcmp(table->name, name->chars, name->len) == 0)
      return table;
  return NULL;
}

static void function_print(VM *vm, Value v, bool repr) {
  (void)repr;
  vm_sb_cstr(vm, "<function ");
  vm_sb_cstr(vm, AS_FUNCTION(v)->code->name->chars);
  vm_sb_cstr(vm, ">");
}

static void builtin_print(VM *vm, Value v, bool repr) {
  (void)repr;
  vm_sb_cstr(vm, "<built-in function ");
  vm_sb_cstr(vm, AS_BUILTIN(v)->name);
  vm_sb_cstr(vm, ">");
}

static void bound_method_print(VM *vm, Value v, bool repr) {
  const ObjBoundMethod *b = (const ObjBoundMethod *)AS_OBJ(v);
  (void)repr;
  vm_sb_cstr(vm, "<built-in method ");
  vm_sb_cstr(vm, b->method->name);
  vm_sb_cstr(vm, " of ");
  vm_sb_cstr(vm, value_type(b->self)->name);
  vm_sb_cstr(vm, " object>");
}

const Type code_type = {{&type_type}, "code", NULL, code_trace, NULL,
    .getattr = function_getattr};
const Type function_type = {{&type_type}, "function", NULL, function_trace, NULL,
    .print = function_print, .getattr = function_getattr};
const Type cell_type = {{&type_type}, "cell", NULL, cell_trace, NULL};
const Type builtin_type = {{&type_type}, "builtin_function_or_method", NULL, NULL, NULL,
    .print = builtin_print, .getattr = function_getattr};
const Type bound_method_type = {{&type_type}, "builtin_function_or_method", NULL, bound_trace, NULL,
    .print = bound_method_print, .getattr = function_getattr};

/* ---- attributes ------------------------------------------------------------------------- */

/* A code object whose flags have CODE_FLAG_DOC keeps its docstring as consts[0] (CPython's
 * co_consts[0] rule); the compiler leaves it out when told to strip docstrings. */

static bool is_name(const ObjStr *name, const char *s) { return strcmp(name->chars, s) == 0; }

static Value code_doc(const ObjCode *c) {
  return (c->flags & CODE_FLAG_DOC) && c->nconsts > 0 && IS_STR(c->consts[0]) ? c->consts[0] : NONE_VAL;
}

/* f.__dict__ (or f's meta dict), made when first asked for or written to. */
static ObjDict *function_dict(VM *vm, ObjDict **slot) {
  if (*slot == NULL) {
    Value d = dict_new(vm);
    if (d == EXC_VAL) return NULL;
    *slot = AS_DICT(d);
  }
  return *slot;
}

/* The four metadata names a program may assign, kept apart from f.__dict__ as in CPython. */
static bool is_meta_name(const ObjStr *name) {
  return is_name(name, "__name__") || is_name(name, "__qualname__") || is_name(name, "__doc__") ||
         is_name(name, "__module__");
}

static Value code_getattr(VM *vm, ObjCode *c, ObjStr *name) {
  if (is_name(name, "co_name")) return OBJ_VAL(c->name);
  if (is_name(name, "co_qualname")) return OBJ_VAL(c->qualname);
  if (is_name(name, "co_filename")) return OBJ_VAL(c->file);
  if (is_name(name, "co_argcount")) return INT_VAL(c->argcount);
  if (is_name(name, "co_posonlyargcount")) return INT_VAL(c->posonlyargcount);
  if (is_name(name, "co_kwonlyargcount")) return INT_VAL(c->kwonlyargcount);
  if (is_name(name, "co_nlocals")) return INT_VAL(c->nlocals);
  if (is_name(name, "co_firstlineno")) return INT_VAL(c->first_line);
  if (is_name(name, "co_stacksize")) return INT_VAL(c->stacksize);
  if (is_name(name, "co_code")) return bytes_new(vm, &bytes_type, c->code, c->code_len);   /* Viper's bytecode */
  if (is_name(name, "co_consts")) {
    /* CPython 3.11: a function's co_consts[0] is its docstring or None */
    uint32_t skip = (c->flags & (CODE_FLAG_DOC | CODE_FLAG_MODULE)) ? 0 : 1;
    Value t = tuple_new(vm, c->nconsts + skip);
    if (t == EXC_VAL) return EXC_VAL;
    if (skip) AS_TUPLE(t)->items[0] = NONE_VAL;
    memcpy(AS_TUPLE(t)->items + skip, c->consts, c->nconsts * sizeof(Value));
    return t;
  }
  if (is_name(name, "co_varnames")) {
    Value t = tuple_new(vm, c->nlocals);
    if (t != EXC_VAL) memcpy(AS_TUPLE(t)->items, c->local_names, c->nlocals * sizeof(Value));
    return t;
  }
  return UNBOUND_VAL;
}

/* The module a function was defined in: its globals' __name__. */
static Value module_name_of(VM *vm, ObjDict *globals) {
  Value key = str_intern(vm, "__name__", 8), v;
  if (key == EXC_VAL) return EXC_VAL;
  v = dict_get_str(globals, AS_STR(key));
  return v == UNBOUND_VAL ? NONE_VAL : v;
}

static Value fn_getattr(VM *vm, ObjFunction *f, ObjStr *name) {
  if (f->dict != NULL) {   /* set by the program: f.calls, wrapper.__name__ = ... */
    Value v = dict_get_str(f->dict, name);
    if (v != UNBOUND_VAL) return v;
  }
  if (name->len < 4 || name->chars[0] != '_' || name->chars[1] != '_') return UNBOUND_VAL;
  if (f->meta != NULL) {
    Value v = dict_get_str(f->meta, name);
    if (v != UNBOUND_VAL) return v;
  }
  if (is_name(name, "__name__")) return OBJ_VAL(f->code->name);
  if (is_name(name, "__qualname__")) return OBJ_VAL(f->code->qualname);
  if (is_name(name, "__doc__")) return code_doc(f->code);
  if (is_name(name, "__module__")) return module_name_of(vm, f->globals);
  if (is_name(name, "__defaults__")) return f->defaults;
  if (is_name(name, "__kwdefaults__")) return f->kwdefaults;
  if (is_name(name, "__globals__")) return OBJ_VAL(f->globals);
  if (is_name(name, "__closure__")) return f->closure;
  if (is_name(name, "__code__")) return OBJ_VAL(f->code);
  if (is_name(name, "__annotations__")) return dict_new(vm);   /* annotations are not kept */
  if (is_name(name, "__dict__")) {
    ObjDict *d = function_dict(vm, &f->dict);
    return d == NULL ? EXC_VAL : OBJ_VAL(d);
  }
  return UNBOUND_VAL;
}

Value function_getattr(VM *vm, Value obj, ObjStr *name) {
  const Type *t = OBJ_TYPE(obj);
  if (t == &function_type) return fn_getattr(vm, AS_FUNCTION(obj), name);
  if (t == &method_type) {   /* a bound Python method: __func__, __self__, else its function's */
    const ObjMethod *m = (const ObjMethod *)AS_OBJ(obj);
    if (is_name(name, "__func__")) return m->fn;
    if (is_name(name, "__self__")) return m->self;
    return IS_FUNCTION(m->fn) ? fn_getattr(vm, AS_FUNCTION(m->fn), name) : UNBOUND_VAL;
  }
  if (t == &code_type) return code_getattr(vm, AS_CODE(obj), name);
  if (t == &generator_type || t == &coroutine_type) {
    const ObjGenerator *g = (const ObjGenerator *)AS_OBJ(obj);
    if (is_name(name, "__name__")) return OBJ_VAL(g->fn->code->name);
    if (is_name(name, "__qualname__")) return OBJ_VAL(g->fn->code->qualname);
    if (is_name(name, t == &generator_type ? "gi_running" : "cr_running")) return BOOL_VAL(g->state == GEN_RUNNING);
    if (is_name(name, t == &generator_type ? "gi_code" : "cr_code")) return OBJ_VAL(g->fn->code);
    return UNBOUND_VAL;
  }
  if (t == &builtin_type) {
    if (is_name(name, "__name__") || is_name(name, "__qualname__")) return str_from_cstr(vm, AS_BUILTIN(obj)->name);
    if (is_name(name, "__module__")) return str_from_cstr(vm, "builtins");
    return UNBOUND_VAL;
  }
  if (t == &bound_method_type) {
    const ObjBoundMethod *b = (const ObjBoundMethod *)AS_OBJ(obj);
    if (is_name(name, "__name__")) return str_from_cstr(vm, b->method->name);
    if (is_name(name, "__self__")) return b->self;
  }
  return UNBOUND_VAL;
}

/* f.name = v: __defaults__ and __kwdefaults__ change the call; anything else goes to f.__dict__
 * (where __name__, __qualname__, __doc__ and __module__ override the code's). */
Value function_setattr(VM *vm, Value fn, ObjStr *name, Value v) {
  ObjFunction *f = AS_FUNCTION(fn);
  ObjDict *d;
  if (is_name(name, "__defaults__") || is_name(name, "__kwdefaults__")) {
    bool kw = name->chars[2] == 'k';
    if (v == UNBOUND_VAL) v = NONE_VAL;
    if (!IS_NONE(v) && !(kw ? IS_DICT(v) : IS_TUPLE(v)))
      return vm_raise_fmt(vm, &exc_TypeError, "%s must be set to a %s object", kw ? "__kwdefaults__" : "__defaults__",
                          kw ? "dict" : "tuple");
    if (kw) f->kwdefaults = v;
    else f->defaults = v;
    return NONE_VAL;
  }
  if (is_name(name, "__globals__") || is_name(name, "__closure__"))
    return vm_raise(vm, &exc_AttributeError, "readonly attribute");
  if (is_name(name, "__dict__")) {
    if (!IS_DICT(v)) return vm_raise(vm, &exc_TypeError, "__dict__ must be set to a dictionary");
    f->dict = AS_DICT(v);
    return NONE_VAL;
  }
  if ((is_name(name, "__name__") || is_name(name, "__qualname__")) && !IS_STR(v))
    return vm_raise_fmt(vm, &exc_TypeError, "%s must be set to a string object", name->chars);
  d = function_dict(vm, is_meta_name(name) ? &f->meta : &f->dict);
  if (d == NULL) return EXC_VAL;
  if (v == UNBOUND_VAL) {
    bool found;
    if (!dict_delete(vm, d, OBJ_VAL(name), &found)) return EXC_VAL;
    if (!found) return vm_raise_fmt(vm, &exc_AttributeError, "'function' object has no attribute '%s'", name->chars);
    return NONE_VAL;
  }
  return dict_set(vm, d, OBJ_VAL(name), v) ? NONE_VAL : EXC_VAL;
}
