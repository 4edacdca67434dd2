/* Calls and argument binding (call.c), beside the dispatch loop (interp.c) as Lua's ldo.c is
 * beside lvm.c. The loop's common case, a Python function called with exactly its positional
 * parameters, is inlined here so it costs no more than before the split. */
#ifndef VIPER_CALL_H
#define VIPER_CALL_H

#include "gen/image_format.h"
#include "vm.h"

/* interp.c: run frames until the frame at depth base returns; its value goes to *result. */
VmResult vm_execute(VM *vm, int base, Value *result);

/* Push a frame for function fn whose argc arguments are below vm->sp (the last nkw of them
 * keywords named by kwnames), the function itself in the slot below them: binds keywords,
 * defaults, *args and **kwargs. False with vm->exc set on a binding error or RecursionError. */
bool call_push_frame_kw(VM *vm, ObjFunction *fn, int argc, int nkw, ObjTuple *kwnames);

/* The new frame of fn, its locals at slots (bound already). */
static inline void call_enter_frame(VM *vm, ObjFunction *fn, Value *slots) {
  Frame *f = &vm->frames[vm->frame_count++];
  f->code = fn->code;
  f->ip = fn->code->code;
  f->slots = slots;
  f->globals = fn->globals;
  f->ns = fn->globals;
  f->nblocks = 0;
}

/* call_push_frame_kw for positional arguments only, with the exact-arity case done in line. */
static inline bool call_push_frame(VM *vm, ObjFunction *fn, int argc) {
  ObjCode *code = fn->code;
  Value *slots = vm->sp - argc, *v;
  if (argc != code->argcount || code->kwonlyargcount != 0 ||
      (code->flags & (CODE_FLAG_VARARGS | CODE_FLAG_VARKEYWORDS)) != 0 || vm->frame_count >= vm->max_frames ||
      slots + code->nlocals + code->stacksize > vm->stack_end)
    return call_push_frame_kw(vm, fn, argc, 0, NULL);
  for (v = vm->sp; v < slots + code->nlocals; v++) *v = UNBOUND_VAL;
  vm->sp = slots + code->nlocals;
  call_enter_frame(vm, fn, slots);
  return true;
}

/* Call anything but a Python function (natives, built-in methods, classes, types, instances
 * with __call__, bound Python methods) with the argc values at args, the callee at args[-1];
 * the last nkw of them are keywords named by kwnames. */
Value call_native(VM *vm, Value callee, int argc, Value *args, int nkw, ObjTuple *kwnames);

/* Run function fn (no arguments) with ns as its LOAD_NAME/STORE_NAME namespace: a class body. */
Value call_class_body(VM *vm, Value fn, ObjDict *ns);

/* Run a module body: code c with module m's dict as its globals. m, or EXC_VAL. */
Value call_module_body(VM *vm, ObjCode *c, Value m);

/* modules.c: `import name` (see there). */
Value module_import(VM *vm, ObjStr *name);

#endif
