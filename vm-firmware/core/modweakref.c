/* _weakref: the native half of weakref (compiler/lib/weakref.py builds ref and finalize on it).
 * A weak handle points at an object without keeping it alive. The GC (memory.c) does not mark
 * through handles; after marking it calls weakref_clear_dead(), which sets the referent of each
 * live handle whose object was not reached to None and queues the handles that have a callback.
 * The callbacks run later, at a safe point (gc.collect(), the interpreter's poll), never inside
 * the collector, as the heap is not in a state to run Python code there. */
#include <string.h>

#include "port.h"
#include "vm.h"
#if VIPER_HAS_WEAKREF   /* config.h: the level leaves it out (level_stubs.c answers for it) */

typedef struct ObjWeakRef {
  Obj obj;
  Value referent;                  /* None once the object has been collected */
  Value callback, arg;             /* callback(arg) when it is; callback None: nothing */
  struct ObjWeakRef *next;         /* vm->weakrefs while the referent lives */
  struct ObjWeakRef *next_pending; /* vm->weak_pending once it died, until its callback ran */
} ObjWeakRef;

static void weakref_trace(VM *vm, Obj *obj) {
  ObjWeakRef *w = (ObjWeakRef *)obj;   /* not the referent: that is the point */
  gc_mark_value(vm, w->callback);
  gc_mark_value(vm, w->arg);
}

const Type weakhandle_type = {{&type_type}, "weakhandle", NULL, weakref_trace, NULL};

/* Objects that may die are the heap objects CPython lets one refer to weakly: instances,
 * classes, functions, methods, sets, generators, modules. Built-in functions and types live in
 * flash (never collected) and are allowed too, as in CPython. */
static bool weakrefable(Value v) {
  const Type *t;
  if (!IS_OBJ(v)) return false;
  if (IS_INSTANCE(v) || IS_TYPE(v, &type_type)) return true;
  t = OBJ_TYPE(v);
  return t == &function_type || t == &method_type || t == &bound_method_type || t == &builtin_type ||
         t == &set_type || t == &frozenset_type || t == &generator_type || t == &module_type;
}

/* new(obj, callback, arg) -> handle */
static Value m_new(VM *vm, int argc, Value *args) {
  ObjWeakRef *w;
  (void)argc;
  if (!weakrefable(args[0])) return vm_raise_fmt(vm, &exc_TypeError, "cannot create weak reference to '%t' object", args[0]);
  w = (ObjWeakRef *)obj_alloc(vm, &weakhandle_type, sizeof(ObjWeakRef));
  if (w == NULL) return EXC_VAL;
  w->referent = args[0];
  w->callback = args[1];
  w->arg = args[2];
  w->next = vm->weakrefs;
  vm->weakrefs = w;
  return OBJ_VAL(w);
}

static bool is_handle(VM *vm, Value v) {
  if (IS_TYPE(v, &weakhandle_type)) return true;
  vm_raise_fmt(vm, &exc_TypeError, "expected a weak handle, not '%t'", v);
  return false;
}

/* get(handle) -> the object, or None when it was collected */
static Value m_get(VM *vm, int argc, Value *args) {
  (void)argc;
  return is_handle(vm, args[0]) ? ((ObjWeakRef *)AS_OBJ(args[0]))->referent : EXC_VAL;
}

/* count(obj) -> how many live handles point at obj (weakref.getweakrefcount) */
static Value m_count(VM *vm, int argc, Value *args) {
  ObjWeakRef *w;
  vint n = 0;
  (void)vm; (void)argc;
  for (w = vm->weakrefs; w != NULL; w = w->next)
    if (w->referent == args[0]) n++;
  return INT_VAL(n);
}

const ObjBuiltin weakref_functions[] = {
  {{&builtin_type}, "new", m_new, 3, 3, NULL},
  {{&builtin_type}, "get", m_get, 1, 1, NULL},
  {{&builtin_type}, "count", m_count, 1, 1, NULL},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

/* ---- the collector's side --------------------------------------------------------------- */

void weakref_mark_roots(VM *vm) {
  ObjWeakRef *w;
  for (w = vm->weak_pending; w != NULL; w = w->next_pending) gc_mark_value(vm, OBJ_VAL(w));
}

/* After marking, before the sweep: handles that are garbage themselves leave the list (their
 * callback is not called, as in CPython); live handles to unreached objects are cleared and,
 * with a callback, queued in list order (newest first, the order CPython calls them in). */
void weakref_clear_dead(VM *vm) {
  ObjWeakRef **link = &vm->weakrefs, **tail = &vm->weak_pending;
  while (*tail != NULL) tail = &(*tail)->next_pending;
  while (*link != NULL) {
    ObjWeakRef *w = *link;
    if (gc_is_marked(vm, OBJ_VAL(w)) && gc_is_marked(vm, w->referent)) { link = &w->next; continue; }
    *link = w->next;
    w->next = NULL;
    if (!gc_is_marked(vm, OBJ_VAL(w))) continue;
    w->referent = NONE_VAL;
    if (IS_NONE(w->callback)) continue;
    *tail = w;
    tail = &w->next_pending;
    w->next_pending = NULL;
  }
}

/* Run the queued callbacks (a safe point: no exception is being raised). An exception in one
 * is reported on stderr as CPython does ("Exception ignored in: ...") and does not stop the rest. */
void weakref_run_callbacks(VM *vm) {
  RaiseState saved;
  if (vm->weak_running || vm->weak_pending == NULL) return;
  vm->weak_running = true;
  raise_state_save(vm, &saved);
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, saved.exc);
  vm_push_root(vm, saved.handling);
  while (vm->weak_pending != NULL) {
    ObjWeakRef *w = vm->weak_pending;
    Value cb = w->callback, arg = w->arg;
    int depth = vm->frame_count;
    vm->weak_pending = w->next_pending;
    w->next_pending = NULL;
    w->callback = NONE_VAL;
    w->arg = NONE_VAL;
    vm->exc = NONE_VAL;
    vm->handling = NONE_VAL;
    vm_push_root(vm, cb);
    vm_push_root(vm, arg);
    if (vm_call(vm, cb, 1, &arg) == EXC_VAL) traceback_report_ignored(vm, cb, depth);
    vm_pop_root(vm);
    vm_pop_root(vm);
  }
  gc_root_restore(vm, mark);
  raise_state_restore(vm, &saved);
  vm->weak_running = false;
}
#endif   /* VIPER_HAS_WEAKREF */
