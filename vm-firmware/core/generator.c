/* Generator objects: the methods send/throw/close and iteration. Suspending and resuming the
 * frame (GEN_START, YIELD_VALUE, YIELD_FROM, gen_resume) live in interp.c with the loop. */
#include <string.h>

#include "bytecode.h"
#include "gen/image_format.h"
#include "vm.h"

static void generator_trace(VM *vm, Obj *obj) {
  ObjGenerator *g = (ObjGenerator *)obj;
  uint32_t i;
  gc_mark_value(vm, OBJ_VAL(g->fn));
  gc_mark_raw(vm, g->saved);
  for (i = 0; i < g->nsaved; i++) gc_mark_value(vm, g->saved[i]);
}

/* StopIteration carrying a generator's return value. */
static Value stop_iteration(VM *vm, Value ret) {
  if (IS_NONE(ret)) return vm_raise(vm, &exc_StopIteration, NULL);
  return vm_raise_value(vm, &exc_StopIteration, ret);
}

Value gen_next(VM *vm, Value gen) { return gen_resume(vm, (ObjGenerator *)AS_OBJ(gen), NONE_VAL, false, NULL); }

static Value m_send(VM *vm, int argc, Value *args) {
  Value ret = NONE_VAL, r;
  r = gen_resume(vm, (ObjGenerator *)AS_OBJ(args[0]), argc > 1 ? args[1] : NONE_VAL, false, &ret);
  return r == STOP_VAL ? stop_iteration(vm, ret) : r;
}

static Value m_next(VM *vm, int argc, Value *args) {
  (void)argc;
  return m_send(vm, 1, args);
}

/* The exception instance `throw(x[, value])` raises: an instance as is; a class made with
 * value (an instance of it as is, a tuple as the arguments, None as none). */
static Value exception_of(VM *vm, Value x, Value value) {
  Value args_class = x;
  if (IS_TYPE(x, &type_type) && type_is_exception((const Type *)AS_OBJ(x))) {
    if (IS_OBJ(value) && type_is_subtype(OBJ_TYPE(value), (const Type *)AS_OBJ(x))) return value;
    x = IS_NONE(value) ? vm_call(vm, x, 0, NULL) :
        IS_TUPLE(value) ? vm_call(vm, x, (int)AS_TUPLE(value)->len, AS_TUPLE(value)->items) : vm_call(vm, x, 1, &value);
    if (x == EXC_VAL) return EXC_VAL;
    if (!IS_OBJ(x) || OBJ_TYPE(x) == &type_type || !type_is_exception(OBJ_TYPE(x)))   /* a __new__ may return anything */
      return vm_raise_fmt(vm, &exc_TypeError, "calling %v should have returned an instance of BaseException, not %t",
                          args_class, x);
    value = NONE_VAL;
  }
  if (IS_OBJ(x) && OBJ_TYPE(x) != &type_type && type_is_exception(OBJ_TYPE(x))) {
    if (!IS_NONE(value)) return vm_raise(vm, &exc_TypeError, "instance exception may not have a separate value");
    return x;
  }
  return vm_raise(vm, &exc_TypeError, "exceptions must derive from BaseException");
}

/* g.send(v) while g delegates with `yield from it` to an object that is not a generator:
 * it.send(v) (it.__next__() for None), whose StopIteration ends the `yield from` (STOP_VAL, its value in *ret). */
Value gen_delegate_send(VM *vm, Value it, Value v, Value *ret) {
  bool next = IS_NONE(v);   /* it.__next__(), so a StopIteration subclass keeps its value */
  Value name = next ? str_intern(vm, "__next__", 8) : str_intern(vm, "send", 4), send, r;
  if (name == EXC_VAL) return EXC_VAL;
  send = value_getattr(vm, it, AS_STR(name));
  if (send == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, send);
  r = vm_call(vm, send, next ? 0 : 1, &v);
  vm_pop_root(vm);
  return gen_delegate_stop(vm, r, ret);
}

/* r, what the iterator `yield from` delegates to gave: a StopIteration it raised ends the
 * `yield from` (STOP_VAL, the exception's value in *ret), as the iterator being exhausted. */
Value gen_delegate_stop(VM *vm, Value r, Value *ret) {
  if (r == EXC_VAL && vm_exc_pending_is(vm, &exc_StopIteration)) {
    Value key = str_intern(vm, "value", 5), stop = vm->exc;
    *ret = key == EXC_VAL ? NONE_VAL : exception_getattr(vm, stop, AS_STR(key));
    if (*ret == UNBOUND_VAL || *ret == EXC_VAL) *ret = NONE_VAL;
    vm->exc = NONE_VAL;
    return STOP_VAL;
  }
  return r;
}

static Value gen_close(VM *vm, ObjGenerator *g);
static Value coro_await(VM *vm, int argc, Value *args);

/* The iterator `g` delegates to while suspended in `yield from`, else UNBOUND_VAL. */
static Value delegate_value(ObjGenerator *g) {
  if (g->state != GEN_SUSPENDED || g->nsaved == 0 || g->fn->code->code[g->ip] != OP_YIELD_FROM) return UNBOUND_VAL;
  return g->saved[g->nsaved - 1];
}

/* The generator `g` delegates to while suspended in `yield from`, else NULL. */
static ObjGenerator *delegate_of(ObjGenerator *g) {
  Value sub = delegate_value(g);
  return IS_GENLIKE(sub) ? (ObjGenerator *)AS_OBJ(sub) : NULL;
}

/* Close what g delegates to: a generator, or an iterator with a close() method. */
static Value close_delegate(VM *vm, ObjGenerator *g) {
  Value sub = delegate_value(g), name, close;
  if (sub == UNBOUND_VAL || IS_GENLIKE(sub)) return sub == UNBOUND_VAL ? NONE_VAL : gen_close(vm, (ObjGenerator *)AS_OBJ(sub));
  if (!IS_INSTANCE(sub)) return NONE_VAL;
  name = str_intern(vm, "close", 5);
  if (name == EXC_VAL) return EXC_VAL;
  close = class_lookup(OBJ_TYPE(sub), AS_STR(name));
  return close == UNBOUND_VAL ? NONE_VAL : vm_call(vm, close, 1, &sub);
}

/* throw() into a generator suspended in `yield from sub`: as CPython, sub gets the exception
 * first; what sub yields, g yields; if sub returns, `yield from` ends with that value; if sub
 * raises, the exception comes out of `yield from` in g. */
static Value throw_through(VM *vm, ObjGenerator *g, ObjGenerator *sub, Value exc, Value *ret) {
  Value sub_ret = NONE_VAL, r;
  g->state = GEN_RUNNING;
  r = gen_resume(vm, sub, exc, true, &sub_ret);
  g->state = GEN_SUSPENDED;
  if (r == EXC_VAL) return gen_resume(vm, g, vm->exc, true, ret);
  if (r != STOP_VAL) return r;
  g->nsaved--;              /* drop sub; resuming after YIELD_FROM pushes its result */
  g->ip += 1;
  return gen_resume(vm, g, sub_ret, false, ret);
}

/* throw() into g suspended in `yield from it`, it an object with a throw() method: as CPython,
 * it.throw() gets the arguments as given; what it returns g yields, its StopIteration ends the
 * `yield from`, another exception comes out of `yield from` in g. UNBOUND_VAL: it has no throw(). */
static Value throw_to_object(VM *vm, ObjGenerator *g, int argc, Value *args, Value *ret) {
  Value sub = delegate_value(g), name, throw, r, sub_ret = NONE_VAL, argv[3];
  if (!IS_INSTANCE(sub)) return UNBOUND_VAL;
  if (IS_TYPE(args[1], &type_type) ? args[1] == OBJ_VAL(&exc_GeneratorExit) : IS_TYPE(args[1], &exc_GeneratorExit))
    return UNBOUND_VAL;   /* GeneratorExit closes the delegate instead */
  name = str_intern(vm, "throw", 5);
  if (name == EXC_VAL) return EXC_VAL;
  throw = class_lookup(OBJ_TYPE(sub), AS_STR(name));
  if (throw == UNBOUND_VAL) return UNBOUND_VAL;
  argv[0] = sub;
  argv[1] = args[1];
  argv[2] = argc > 2 ? args[2] : NONE_VAL;   /* a traceback (a third argument) is not passed on */
  g->state = GEN_RUNNING;
  r = gen_delegate_stop(vm, vm_call(vm, throw, argc > 2 ? 3 : 2, argv), &sub_ret);
  g->state = GEN_SUSPENDED;
  if (r == EXC_VAL) return gen_resume(vm, g, vm->exc, true, ret);
  if (r != STOP_VAL) return r;
  g->nsaved--;
  g->ip += 1;
  return gen_resume(vm, g, sub_ret, false, ret);
}

static Value m_throw(VM *vm, int argc, Value *args) {
  ObjGenerator *g = (ObjGenerator *)AS_OBJ(args[0]), *sub = delegate_of(g);
  Value exc, ret = NONE_VAL, r;
  if (sub == NULL && g->state == GEN_SUSPENDED) {
    r = throw_to_object(vm, g, argc, args, &ret);
    if (r != UNBOUND_VAL) return r == STOP_VAL ? stop_iteration(vm, ret) : r;
  }
  exc = exception_of(vm, args[1], argc > 2 ? args[2] : NONE_VAL);
  if (exc == EXC_VAL) return EXC_VAL;
  if (sub != NULL && IS_TYPE(exc, &exc_GeneratorExit)) {
    /* GeneratorExit closes the delegate first; what its close() raises comes out of yield from */
    vm_push_root(vm, exc);
    r = close_delegate(vm, g);
    vm_pop_root(vm);
    if (r == EXC_VAL) exc = vm->exc;
    r = gen_resume(vm, g, exc, true, &ret);
  } else {
    r = sub != NULL ? throw_through(vm, g, sub, exc, &ret) : gen_resume(vm, g, exc, true, &ret);
  }
  return r == STOP_VAL ? stop_iteration(vm, ret) : r;
}

static Value gen_close(VM *vm, ObjGenerator *g) {
  Value exc, r;
  if (g->state == GEN_CREATED || g->state == GEN_DONE) { g->state = GEN_DONE; return NONE_VAL; }
  if (close_delegate(vm, g) == EXC_VAL) {
    exc = vm->exc;   /* the delegate's close() failed: that comes out of yield from */
  } else {
    exc = exception_new(vm, &exc_GeneratorExit, NONE_VAL);
    if (exc == EXC_VAL) return EXC_VAL;
  }
  r = gen_resume(vm, g, exc, true, NULL);
  if (r == EXC_VAL) {
    if (vm_exc_pending_is(vm, &exc_GeneratorExit) || vm_exc_pending_is(vm, &exc_StopIteration)) {
      vm->exc = NONE_VAL;
      return NONE_VAL;
    }
    return EXC_VAL;
  }
  if (r == STOP_VAL) return NONE_VAL;
  return vm_raise_fmt(vm, &exc_RuntimeError, "%s ignored GeneratorExit", g->obj.type->name);
}

static Value m_close(VM *vm, int argc, Value *args) {
  (void)argc;
  return gen_close(vm, (ObjGenerator *)AS_OBJ(args[0]));
}

/* ---- finalisation ------------------------------------------------------------------------
 * A generator dropped while suspended inside try/finally or with is closed, so its cleanup
 * runs: the GC keeps such a generator on vm->gen_finalize (memory.c), and this runs close() on
 * each at the next safe point (the poll between instructions, gc.collect(), the program's
 * end). What close() raises is dropped, as CPython only reports it ("Exception ignored"). */
void gen_run_finalizers(VM *vm) {
  RaiseState saved;
  RootMark mark;
  if (vm->finalizing || vm->gen_finalize == NULL) return;
  vm->finalizing = true;
  raise_state_save(vm, &saved);
  mark = gc_root_mark(vm);
  vm_push_root(vm, saved.exc);
  vm_push_root(vm, saved.handling);
  while (vm->gen_finalize != NULL) {
    ObjGenerator *g = vm->gen_finalize;
    vm->gen_finalize = g->next_final;
    g->next_final = NULL;
    vm->exc = NONE_VAL;
    vm->handling = NONE_VAL;
    vm_push_root(vm, OBJ_VAL(g));
    if (gen_close(vm, g) == EXC_VAL) vm->exc = NONE_VAL;
    vm_pop_root(vm);
  }
  gc_root_restore(vm, mark);
  raise_state_restore(vm, &saved);
  vm->finalizing = false;
}

void vm_finish(VM *vm) {
  if (vm->interrupt) return;   /* stopped: nothing more runs */
  vm->sp = vm->stack;
  vm->frame_count = 0;
  weakref_run_callbacks(vm);   /* those of objects the last automatic collection found dead */
  atexit_run(vm);   /* as CPython: the atexit handlers, then the interpreter's teardown */
  gc_queue_generators(vm, true);
  gen_run_finalizers(vm);
}

static const MethodDef generator_methods[] = {
  {"send", m_send, 1, 1, NULL},
  {"throw", m_throw, 1, 3, NULL},
  {"close", m_close, 0, 0, NULL},
  {"__next__", m_next, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type generator_type = {{&type_type}, "generator", NULL, generator_trace, generator_methods,
    .getiter = iter_self, .iternext = gen_next, .getattr = function_getattr};

/* ---- coroutines ----------------------------------------------------------------------------
 * An async def makes a coroutine: a generator frame of another type, which is not iterable
 * and is awaited (`await` is `yield from` over it). __await__() gives a coroutine_wrapper, the
 * iterator over it. */
static const MethodDef coroutine_methods[] = {
  {"send", m_send, 1, 1, NULL},
  {"throw", m_throw, 1, 3, NULL},
  {"close", m_close, 0, 0, NULL},
  {"__await__", coro_await, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type coroutine_type = {{&type_type}, "coroutine", NULL, generator_trace, coroutine_methods,
    .getattr = function_getattr};

typedef struct ObjCoroWrapper { Obj obj; Value coro; } ObjCoroWrapper;
#define WRAPPED(v) (((ObjCoroWrapper *)AS_OBJ(v))->coro)

static void wrapper_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjCoroWrapper *)obj)->coro); }

static Value coro_await(VM *vm, int argc, Value *args) {
  ObjCoroWrapper *w = (ObjCoroWrapper *)obj_alloc(vm, &coroutine_wrapper_type, sizeof(ObjCoroWrapper));
  (void)argc;
  if (w == NULL) return EXC_VAL;
  w->coro = args[0];
  return OBJ_VAL(w);
}

/* The wrapper's methods are the coroutine's, on the coroutine. */
static Value w_send(VM *vm, int argc, Value *args) {
  Value a[2];
  a[0] = WRAPPED(args[0]);
  a[1] = argc > 1 ? args[1] : NONE_VAL;
  return m_send(vm, argc, a);
}

static Value w_next(VM *vm, int argc, Value *args) { (void)argc; return w_send(vm, 1, args); }

static Value w_throw(VM *vm, int argc, Value *args) {
  Value a[4];
  int i;
  a[0] = WRAPPED(args[0]);
  for (i = 1; i < argc && i < 4; i++) a[i] = args[i];
  return m_throw(vm, argc, a);
}

static Value w_close(VM *vm, int argc, Value *args) {
  (void)argc;
  return gen_close(vm, (ObjGenerator *)AS_OBJ(WRAPPED(args[0])));
}

static const MethodDef wrapper_methods[] = {
  {"send", w_send, 1, 1, NULL},
  {"throw", w_throw, 1, 3, NULL},
  {"close", w_close, 0, 0, NULL},
  {"__next__", w_next, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type coroutine_wrapper_type = {{&type_type}, "coroutine_wrapper", NULL, wrapper_trace, wrapper_methods,
    .getiter = iter_self, .iternext = coro_wrapper_next};

Value coro_wrapper_next(VM *vm, Value w) { return gen_next(vm, WRAPPED(w)); }

static bool is_coroutine(Value v) {
  return IS_TYPE(v, &coroutine_type) ||
         (IS_GENERATOR(v) && (((ObjGenerator *)AS_OBJ(v))->fn->code->flags & CODE_FLAG_ITERABLE_COROUTINE));
}

static bool has_method(VM *vm, Value v, const char *name) {
  Value n = str_intern(vm, name, strlen(name));
  return n != EXC_VAL && IS_INSTANCE(v) && class_lookup(OBJ_TYPE(v), AS_STR(n)) != UNBOUND_VAL;
}

/* The iterator `await v` runs: v itself when a coroutine, else what v.__await__() returns. */
static Value awaitable(VM *vm, Value v) {
  Value r, it;
  if (is_coroutine(v)) return v;
  r = IS_INSTANCE(v) ? class_call_dunder(vm, v, "__await__", 0, NULL) : UNBOUND_VAL;
  if (r == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_TypeError, "object %t can't be used in 'await' expression", v);
  if (r == EXC_VAL) return EXC_VAL;
  if (IS_TYPE(r, &coroutine_wrapper_type)) return WRAPPED(r);
  if (is_coroutine(r)) return vm_raise(vm, &exc_TypeError, "__await__() returned a coroutine");
  if (IS_GENERATOR(r) || has_method(vm, r, "__next__")) return r;
  if (!IS_INSTANCE(r)) {   /* a built-in iterator is its own iterator */
    vm_push_root(vm, r);
    it = value_iter(vm, r);
    vm_pop_root(vm);
    if (it == r) return r;
    if (it == EXC_VAL) vm->exc = NONE_VAL;
  }
  return vm_raise_fmt(vm, &exc_TypeError, "__await__() returned non-iterator of type '%t'", r);
}

/* GET_AWAITABLE: how 0, `await v`; 1, v.__aiter__() for async for; 2, the iterator awaiting
 * v.__anext__(); 3, v itself when an async context manager. The messages are CPython's. */
Value coro_get_awaitable(VM *vm, Value v, int how) {
  Value r;
  if (how == 0) return awaitable(vm, v);
  if (how == 3) {
    if (!has_method(vm, v, "__aenter__"))
      return vm_raise_fmt(vm, &exc_TypeError, "'%t' object does not support the asynchronous context manager protocol", v);
    if (!has_method(vm, v, "__aexit__"))
      return vm_raise_fmt(vm, &exc_TypeError, "'%t' object does not support the asynchronous context manager protocol (missed __aexit__ method)", v);
    return v;
  }
  if (how == 1) {
    r = IS_INSTANCE(v) ? class_call_dunder(vm, v, "__aiter__", 0, NULL) : UNBOUND_VAL;
    if (r == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_TypeError, "'async for' requires an object with __aiter__ method, got %t", v);
    if (r == EXC_VAL || has_method(vm, r, "__anext__")) return r;
    return vm_raise_fmt(vm, &exc_TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: %t", r);
  }
  r = class_call_dunder(vm, v, "__anext__", 0, NULL);
  if (r == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_TypeError, "'async for' requires an iterator with __anext__ method, got %t", v);
  if (r == EXC_VAL) return EXC_VAL;
  if (!is_coroutine(r) && !has_method(vm, r, "__await__"))
    return vm_raise_fmt(vm, &exc_TypeError, "'async for' received an invalid object from __anext__: %t", r);
  vm_push_root(vm, r);
  r = awaitable(vm, r);
  vm_pop_root(vm);
  return r;
}
