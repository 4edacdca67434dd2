/* What Python sees of threads (thread.c runs them): the `_thread` module, on which the library's
 * threading and queue are written, its lock with priority inheritance, and the original
 * Viper's built-in thread(fn, *args, prio=PRIO_NORMAL, size=None) with the PRIO_ levels. */
#include <math.h>
#include <string.h>

#include "thread.h"

void thread_trace(VM *vm, Obj *obj);   /* thread.c */

/* seconds (int or float) -> milliseconds for thread_wait; negative: forever */
static bool timeout_arg(VM *vm, Value v, bool none_forever, uint32_t *ms) {
  double s;
  if (none_forever && IS_NONE(v)) { *ms = PORT_WAIT_FOREVER; return true; }
  if (IS_FLOAT(v)) s = AS_FLOAT(v);
  else if (IS_INTLIKE(v)) s = (double)AS_INTLIKE(v);
  else { vm_raise_fmt(vm, &exc_TypeError, "timeout must be a number, not %t", v); return false; }
  if (isnan(s)) { vm_raise(vm, &exc_ValueError, "Invalid value NaN (not a number)"); return false; }
  *ms = s < 0 ? PORT_WAIT_FOREVER : s * 1000.0 >= 4e9 ? 4000000000u : (uint32_t)ceil(s * 1000.0);
  return true;
}

/* How much of a wait of total ms (from start) is left; 0 when it is over. */
static uint32_t remaining(uint32_t start, uint32_t total) {
  uint32_t spent = port_ticks_ms() - start;
  if (total == PORT_WAIT_FOREVER) return PORT_WAIT_FOREVER;
  return spent >= total ? 0 : total - spent;
}

/* ==== lock =============================================================================== */

ObjThread *lock_owner(Value v) { return IS_TYPE(v, &lock_type) ? ((ObjLock *)AS_OBJ(v))->owner : NULL; }

Value lock_new(VM *vm) {
  ObjLock *l = (ObjLock *)obj_alloc(vm, &lock_type, sizeof(ObjLock));
  if (l == NULL) return EXC_VAL;
  l->owner = NULL;
  return OBJ_VAL(l);
}

/* Hand the lock to its most urgent waiter (the highest priority, then the longest waiting). */
static void lock_hand_on(VM *vm, ObjLock *l) {
  ObjThread *t, *next = NULL;
  for (t = vm->threads; t != NULL; t = t->next)
    if (t->blocked_on == OBJ_VAL(l) &&
        (next == NULL || t->eff_prio > next->eff_prio ||
         (t->eff_prio == next->eff_prio && (int32_t)(t->wait_seq - next->wait_seq) < 0)))
      next = t;
  l->owner = next;
  if (next != NULL) {
    next->blocked_on = NONE_VAL;   /* the waiter sees it was handed the lock */
    thread_wake(vm, next);
  }
  thread_inherit(vm);
}

static Value lock_acquire(VM *vm, ObjLock *l, bool blocking, uint32_t total) {
  ObjThread *me = thread_current(vm);
  uint32_t start = port_ticks_ms(), left;
  Value result = FALSE_VAL;
  if (me == NULL) return EXC_VAL;
  if (l->owner == NULL) { l->owner = me; return TRUE_VAL; }
  if (!blocking || total == 0) return FALSE_VAL;
  me->blocked_on = OBJ_VAL(l);
  port_sched_lock();   /* thread_seq also counts under it (make_ready, from threads without the lock) */
  me->wait_seq = ++vm->thread_seq;   /* its place among the waiters */
  port_sched_unlock();
  thread_inherit(vm);
  for (;;) {
    bool ok = thread_wait(vm, remaining(start, total));
    /* handed over by release(), which clears blocked_on (owner == me cannot tell: a thread may
     * wait for a lock it holds itself until another releases it) */
    if (me->blocked_on != OBJ_VAL(l)) {
      result = ok ? TRUE_VAL : EXC_VAL;
      if (!ok) lock_hand_on(vm, l);   /* stopped just as it got it */
      break;
    }
    if (!ok) { result = EXC_VAL; break; }
    if (l->owner == NULL) { l->owner = me; result = TRUE_VAL; break; }
    if ((left = remaining(start, total)) == 0) break;
  }
  me->blocked_on = NONE_VAL;
  thread_inherit(vm);
  return result;
}

static Value m_lock_acquire(VM *vm, int argc, Value *args) {
  Value blocking = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0);
  Value timeout = argc > 2 ? args[2] : NATIVE_KW(args, argc, 1);
  uint32_t ms = PORT_WAIT_FOREVER;
  bool block = blocking == UNBOUND_VAL || value_truthy(blocking);
  if (timeout != UNBOUND_VAL && !timeout_arg(vm, timeout, false, &ms)) return EXC_VAL;
  if (!block && timeout != UNBOUND_VAL && ms != PORT_WAIT_FOREVER)
    return vm_raise(vm, &exc_ValueError, "can't specify a timeout for a non-blocking call");
  return lock_acquire(vm, (ObjLock *)AS_OBJ(args[0]), block, ms);
}

static Value m_lock_enter(VM *vm, int argc, Value *args) {
  (void)argc;
  return lock_acquire(vm, (ObjLock *)AS_OBJ(args[0]), true, PORT_WAIT_FOREVER);
}

static Value m_lock_release(VM *vm, int argc, Value *args) {
  ObjLock *l = (ObjLock *)AS_OBJ(args[0]);
  (void)argc;
  if (l->owner == NULL) return vm_raise(vm, &exc_RuntimeError, "release unlocked lock");
  lock_hand_on(vm, l);
  return NONE_VAL;
}

static Value m_lock_exit(VM *vm, int argc, Value *args) { return m_lock_release(vm, argc, args) == EXC_VAL ? EXC_VAL : FALSE_VAL; }

static Value m_lock_locked(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc;
  return ((ObjLock *)AS_OBJ(args[0]))->owner != NULL ? TRUE_VAL : FALSE_VAL;
}

/* _is_owned(): held by the calling thread (RLock and Condition in threading.py ask). */
static Value m_lock_is_owned(VM *vm, int argc, Value *args) {
  (void)argc;
  return ((ObjLock *)AS_OBJ(args[0]))->owner == vm->current && vm->current != NULL ? TRUE_VAL : FALSE_VAL;
}

static Value lock_make(VM *vm, int argc, Value *args) { (void)argc; (void)args; return lock_new(vm); }

static void lock_print(VM *vm, Value v, bool repr) {
  (void)repr;
  vm_sb_cstr(vm, ((ObjLock *)AS_OBJ(v))->owner != NULL ? "<locked _thread.lock object>" : "<unlocked _thread.lock object>");
}

static const MethodDef lock_methods[] = {
  {"acquire", m_lock_acquire, 0, 2, "blocking timeout"},
  {"acquire_lock", m_lock_acquire, 0, 2, "blocking timeout"},
  {"__enter__", m_lock_enter, 0, 0, NULL},
  {"release", m_lock_release, 0, 0, NULL},
  {"release_lock", m_lock_release, 0, 0, NULL},
  {"__exit__", m_lock_exit, 0, 3, NULL},
  {"locked", m_lock_locked, 0, 0, NULL},
  {"_is_owned", m_lock_is_owned, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

/* The owner stays alive while it holds the lock, even when it ended holding it: lock_owner,
 * priority inheritance and acquire compare and write through the pointer (a collected owner's
 * memory, reused for a new thread, made that thread the owner). */
static void lock_trace(VM *vm, Obj *obj) {
  ObjLock *l = (ObjLock *)obj;
  if (l->owner != NULL) gc_mark_value(vm, OBJ_VAL(l->owner));
}

const Type lock_type = {{&type_type}, "lock", NULL, lock_trace, lock_methods, .print = lock_print};

/* ==== thread handles ===================================================================== */

static int prio_arg(VM *vm, Value v) {
  if (v == UNBOUND_VAL || IS_NONE(v)) return PRIO_NORMAL;
  if (!IS_INTLIKE(v) || AS_INTLIKE(v) < PRIO_LOWEST || AS_INTLIKE(v) > PRIO_HIGHEST) {
    vm_raise_fmt(vm, &exc_ValueError, "prio must be one of PRIO_LOWEST (%d) .. PRIO_HIGHEST (%d), not %v",
                 PRIO_LOWEST, PRIO_HIGHEST, v);
    return -1;
  }
  return (int)AS_INTLIKE(v);
}

/* size=: bytes of the thread's Python stack (None: the board's default). */
static bool size_arg(VM *vm, Value v, uint32_t *bytes) {
  *bytes = 0;
  if (v == UNBOUND_VAL || IS_NONE(v)) return true;
  if (!IS_INTLIKE(v)) { vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v); return false; }
  if (AS_INTLIKE(v) < 0) { vm_raise(vm, &exc_ValueError, "size must be 0 or a positive value"); return false; }   /* CPython's words */
  if (AS_INTLIKE(v) > 0x1000000) { vm_raise_fmt(vm, &exc_ValueError, "size not valid: %v bytes (16 MB at most)", v); return false; }
  *bytes = (uint32_t)AS_INTLIKE(v);
  return true;
}

/* "Thread-N", the name CPython gives the Nth thread started without one (main is 1: the
 * count so far is the next thread's number). */
static Value default_name(VM *vm) {
  vm_sb_reset(vm);
  vm_sb_cstr(vm, "Thread-");
  value_write(vm, INT_VAL((vint)vm->thread_idents), false);
  return vm_sb_to_str(vm);
}

static Value start_thread(VM *vm, Value target, Value args, Value kwargs, Value name, int prio, bool daemon, uint32_t size) {
  ObjThread *t;
  if (!value_callable(vm, target)) return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not callable", target);
  if (!IS_TUPLE(args)) return vm_raise(vm, &exc_TypeError, "the thread's arguments must be a tuple");
  if (!IS_NONE(kwargs) && !IS_DICT(kwargs)) return vm_raise(vm, &exc_TypeError, "the thread's keyword arguments must be a dict");
  if (thread_current(vm) == NULL) return EXC_VAL;
  if (IS_NONE(name)) {
    vm_push_root(vm, args);
    vm_push_root(vm, kwargs);
    name = default_name(vm);
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (name == EXC_VAL) return EXC_VAL;
  } else if (!IS_STR(name)) {
    return vm_raise_fmt(vm, &exc_TypeError, "a thread's name must be a str, not %t", name);
  }
  t = thread_start(vm, target, args, kwargs, name, prio, daemon, size);
  return t == NULL ? EXC_VAL : OBJ_VAL(t);
}

/* thread(fn, *args, prio=PRIO_NORMAL, size=None) -> the started thread */
static Value bi_thread(VM *vm, int argc, Value *args) {
  int prio = prio_arg(vm, NATIVE_KW(args, argc, 0));
  uint32_t size;
  Value rest;
  if (prio < 0 || !size_arg(vm, NATIVE_KW(args, argc, 1), &size)) return EXC_VAL;
  rest = tuple_new(vm, (uint32_t)argc - 1);
  if (rest == EXC_VAL) return EXC_VAL;
  memcpy(AS_TUPLE(rest)->items, args + 1, (size_t)(argc - 1) * sizeof(Value));
  vm_push_root(vm, rest);
  rest = start_thread(vm, args[0], rest, NONE_VAL, NONE_VAL, prio, false, size);
  vm_pop_root(vm);
  return rest;
}

/* _thread.start(target, args, kwargs=None, name=None, prio=None, daemon=False, size=None) */
static Value m_start(VM *vm, int argc, Value *args) {
  Value kwargs = argc > 2 ? args[2] : NATIVE_KW(args, argc, 0);
  Value name = NATIVE_KW(args, argc, 1);
  Value daemon = NATIVE_KW(args, argc, 3);
  int prio = prio_arg(vm, NATIVE_KW(args, argc, 2));
  uint32_t size;
  if (prio < 0 || !size_arg(vm, NATIVE_KW(args, argc, 4), &size)) return EXC_VAL;
  return start_thread(vm, args[0], args[1], kwargs == UNBOUND_VAL ? NONE_VAL : kwargs,
                      name == UNBOUND_VAL ? NONE_VAL : name, prio, daemon != UNBOUND_VAL && value_truthy(daemon), size);
}

/* _thread.start_new_thread(function, args, kwargs=None) -> its ident */
static Value m_start_new_thread(VM *vm, int argc, Value *args) {
  Value t = start_thread(vm, args[0], args[1], argc > 2 ? args[2] : NONE_VAL, NONE_VAL, PRIO_NORMAL, false, 0);
  return t == EXC_VAL ? EXC_VAL : INT_VAL((vint)AS_THREAD(t)->ident);
}

static bool thread_alive(ObjThread *t) { return !thread_over(t); }

/* handle.join(timeout=None) -> True when the thread has ended */
static Value m_join(VM *vm, int argc, Value *args) {
  ObjThread *t = AS_THREAD(args[0]), *me = thread_current(vm);
  uint32_t total = PORT_WAIT_FOREVER, start = port_ticks_ms();
  Value timeout = argc > 1 ? args[1] : NATIVE_KW(args, argc, 0), result = TRUE_VAL;
  if (me == NULL) return EXC_VAL;
  if (timeout != UNBOUND_VAL && !timeout_arg(vm, timeout, true, &total)) return EXC_VAL;
  if (t == me) return vm_raise(vm, &exc_RuntimeError, "cannot join current thread");
  me->blocked_on = args[0];
  while (thread_alive(t)) {
    uint32_t left = remaining(start, total);
    if (left == 0) { result = FALSE_VAL; break; }
    if (!thread_wait(vm, left)) { result = EXC_VAL; break; }
  }
  me->blocked_on = NONE_VAL;
  return result;
}

static Value m_is_alive(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc;
  return thread_alive(AS_THREAD(args[0])) ? TRUE_VAL : FALSE_VAL;
}

static Value m_set_prio(VM *vm, int argc, Value *args) {
  int prio = prio_arg(vm, args[1]);
  (void)argc;
  if (prio < 0) return EXC_VAL;
  thread_set_prio(vm, AS_THREAD(args[0]), prio);
  return NONE_VAL;
}

static Value thread_getattr(VM *vm, Value obj, ObjStr *name) {
  ObjThread *t = AS_THREAD(obj);
  (void)vm;
  if (strcmp(name->chars, "ident") == 0) return INT_VAL((vint)t->ident);
  if (strcmp(name->chars, "name") == 0) return t->name;
  if (strcmp(name->chars, "daemon") == 0) return t->daemon ? TRUE_VAL : FALSE_VAL;
  if (strcmp(name->chars, "prio") == 0) return INT_VAL(t->prio);
  return UNBOUND_VAL;
}

static void thread_print(VM *vm, Value v, bool repr) {
  ObjThread *t = AS_THREAD(v);
  (void)repr;
  vm_sb_cstr(vm, "<thread '");
  vm_sb_add(vm, AS_STR(t->name)->chars, AS_STR(t->name)->len);
  vm_sb_cstr(vm, "' ");
  value_write(vm, INT_VAL((vint)t->ident), false);
  vm_sb_cstr(vm, thread_alive(t) ? ">" : " ended>");
}

static const MethodDef thread_methods[] = {
  {"join", m_join, 0, 1, "timeout"},
  {"is_alive", m_is_alive, 0, 0, NULL},
  {"set_prio", m_set_prio, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type thread_type = {{&type_type}, "thread", NULL, thread_trace, thread_methods,
                          .print = thread_print, .getattr = thread_getattr};

/* ==== the _thread module ================================================================= */

static Value m_get_ident(VM *vm, int argc, Value *args) {
  ObjThread *me = thread_current(vm);
  (void)argc; (void)args;
  return me == NULL ? EXC_VAL : INT_VAL((vint)me->ident);
}

static Value m_current(VM *vm, int argc, Value *args) {
  ObjThread *me = thread_current(vm);
  (void)argc; (void)args;
  return me == NULL ? EXC_VAL : OBJ_VAL(me);
}

static Value m_main(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return thread_current(vm) == NULL ? EXC_VAL : OBJ_VAL(vm->main_thread);
}

/* The threads alive, main first. */
static Value m_enumerate(VM *vm, int argc, Value *args) {
  ObjThread *t;
  Value list;
  (void)argc; (void)args;
  if (thread_current(vm) == NULL || (list = list_new(vm, 0)) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  for (t = vm->threads; t != NULL; t = t->next)
    if (thread_alive(t) && !list_append(vm, AS_LIST(list), OBJ_VAL(t))) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  {   /* vm->threads is newest first */
    ObjList *l = AS_LIST(list);
    uint32_t i;
    for (i = 0; i < l->len / 2; i++) {
      Value x = l->items[i];
      l->items[i] = l->items[l->len - 1 - i];
      l->items[l->len - 1 - i] = x;
    }
  }
  return list;
}

/* stack_size([size]) -> the size new threads got so far (0: the default), and sets it to size;
 * left out, size is 0, as in CPython: stack_size() alone puts the default back. */
static Value m_stack_size(VM *vm, int argc, Value *args) {
  uint32_t before = vm->thread_stack_bytes, size = 0;
  if (argc > 0 && !size_arg(vm, args[0], &size)) return EXC_VAL;
  vm->thread_stack_bytes = size;
  return INT_VAL((vint)before);
}

static Value m_exit(VM *vm, int argc, Value *args) {
  (void)argc; (void)args;
  return vm_raise_value(vm, &exc_SystemExit, NONE_VAL);
}

static Value m_count(VM *vm, int argc, Value *args) {
  ObjThread *t;
  vint n = 0;
  (void)argc; (void)args;
  for (t = vm->threads; t != NULL; t = t->next)
    if (t != vm->main_thread && thread_alive(t)) n++;
  return INT_VAL(n);
}

const ObjBuiltin thread_functions[] = {
  {{&builtin_type}, "start", m_start, 2, 3, "kwargs name prio daemon size"},
  {{&builtin_type}, "start_new_thread", m_start_new_thread, 2, 3, NULL},
  {{&builtin_type}, "start_new", m_start_new_thread, 2, 3, NULL},
  {{&builtin_type}, "allocate_lock", lock_make, 0, 0, NULL},
  {{&builtin_type}, "allocate", lock_make, 0, 0, NULL},
  {{&builtin_type}, "get_ident", m_get_ident, 0, 0, NULL},
  {{&builtin_type}, "get_native_id", m_get_ident, 0, 0, NULL},
  {{&builtin_type}, "current", m_current, 0, 0, NULL},
  {{&builtin_type}, "main", m_main, 0, 0, NULL},
  {{&builtin_type}, "enumerate", m_enumerate, 0, 0, NULL},
  {{&builtin_type}, "_count", m_count, 0, 0, NULL},
  {{&builtin_type}, "stack_size", m_stack_size, 0, 1, NULL},
  {{&builtin_type}, "exit", m_exit, 0, 0, NULL},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};

typedef bool (*PutFn)(VM *, ObjDict *, const char *, Value);

static bool put_prios(VM *vm, ObjDict *d, PutFn put) {
  static const char *const prios[] = {"PRIO_LOWEST", "PRIO_LOWER", "PRIO_NORMAL", "PRIO_HIGHER", "PRIO_HIGHEST"};
  int i;
  for (i = 0; i < 5; i++)
    if (!put(vm, d, prios[i], INT_VAL(PRIO_LOWEST + i))) return false;
  return true;
}

/* LockType, error, TIMEOUT_MAX and the PRIO_ levels. */
bool thread_module_fill(VM *vm, ObjDict *d, PutFn put) {
  Value max = float_new(vm, 4000000.0);   /* seconds: the longest wait thread_wait takes */
  return max != EXC_VAL && put(vm, d, "TIMEOUT_MAX", max) && put(vm, d, "LockType", OBJ_VAL(&lock_type)) &&
         put(vm, d, "error", OBJ_VAL(&exc_RuntimeError)) && put_prios(vm, d, put);
}

/* The built-ins: thread() and the PRIO_ levels. */
bool thread_builtins_init(VM *vm, PutFn put) {
  static const ObjBuiltin b_thread = {{&builtin_type}, "thread", bi_thread, 1, -1, "prio size"};
  return put(vm, vm->builtins, "thread", OBJ_VAL(&b_thread)) && put_prios(vm, vm->builtins, put);
}
