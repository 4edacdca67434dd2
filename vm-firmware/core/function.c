/* Functions made by MAKE_FUNCTION, built-in functions (const, in flash), bound methods of
 * built-in types, and code objects. */
#include <string.h>

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

const Type code_type = {{&type_type}, "code", NULL, code_trace, NULL};
const Type function_type = {{&type_type}, "function", NULL, function_trace, NULL};
const Type cell_type = {{&type_type}, "cell", NULL, cell_trace, NULL};
const Type builtin_type = {{&type_type}, "builtin_function_or_method", NULL, NULL, NULL};
const Type bound_method_type = {{&type_type}, "builtin_function_or_method", NULL, bound_trace, NULL};
