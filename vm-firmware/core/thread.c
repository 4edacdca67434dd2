/* Python threads: each is an OS thread of the port (port.h), and one at a time holds the
 * interpreter lock (the "GIL"), whose holder's VM state (ThreadRun) is the one in the VM.
 *
 * The lock is handed, never grabbed: the thread giving it up picks the ready thread of the
 * highest (effective) priority, first come first served among equals, and wakes it. A thread
 * that becomes ready with a higher priority than the holder's (its sleep ended, a lock it
 * waited for was handed to it, STOP) asks for the lock by setting vm->switch_wanted and
 * vm->poll_countdown to 1: the holder gives way at its next backward jump or call, where the
 * interpreter already polls for STOP. Equal priorities take turns: at its poll, a holder whose
 * time slice (VIPER_THREAD_SLICE_MS) is over gives way to an equal that is ready. A ready thread
 * sleeps until the lock is handed to it: one wake per switch.
 *
 * All scheduling state (states, the holder, seq numbers) changes under port_sched_lock(); the
 * VM itself only ever changes under the interpreter lock. */
#include <string.h>

#include "debug.h"
#include "thread.h"

#ifndef VIPER_THREAD_SLICE_MS
#define VIPER_THREAD_SLICE_MS 10
#endif
/* The main thread serves the link while it waits: it wakes at least this often. */
#ifndef VIPER_PUMP_MS
#define VIPER_PUMP_MS 50
#endif
/* After STOP, how long threads get to unwind and end on their own before they are cut off. */
#ifndef VIPER_STOP_GRACE_MS
#define VIPER_STOP_GRACE_MS 50
#endif

void traceback_report_thread(VM *vm, Value name);   /* modtraceback.c */
void machine_events_end(VM *vm);                       /* machine_events.c: no wakes for threads being reaped */

/* ---- a thread's own VM fields ------------------------------------------------------------ */

#define RUN_FIELDS(X) X(stack) X(stack_end) X(sp) X(frames) X(frame_count) X(max_frames) X(roots) \
  X(nroots) X(max_roots) X(exc) X(handling) X(stop_value) X(traceback_exc) X(gen_yielded) X(throw_pending) \
  X(traceback_caught_at) X(traceback_count) X(traceback_omitted) X(repr_depth)

static void run_save(VM *vm, ThreadRun *r) {
#define SAVE_FIELD(f) r->f = vm->f;
  RUN_FIELDS(SAVE_FIELD)
  memcpy(r->traceback, vm->traceback, sizeof r->traceback);
  memcpy(r->repr_active, vm->repr_active, sizeof r->repr_active);
}

static void run_restore(VM *vm, const ThreadRun *r) {
#define RESTORE_FIELD(f) vm->f = r->f;
  RUN_FIELDS(RESTORE_FIELD)
  memcpy(vm->traceback, r->traceback, sizeof r->traceback);
  memcpy(vm->repr_active, r->repr_active, sizeof r->repr_active);
}

/* ---- the collector ----------------------------------------------------------------------- */

static void mark_run(VM *vm, const ThreadRun *r) {
  const Value *v;
  int k;
  gc_mark_raw(vm, r->stack);
  for (v = r->stack; v < r->sp; v++) gc_mark_value(vm, *v);
  for (k = 0; k < r->frame_count; k++) {
    gc_mark_value(vm, OBJ_VAL(r->frames[k].code));
    gc_mark_value(vm, OBJ_VAL(r->frames[k].globals));
    if (r->frames[k].ns != NULL) gc_mark_value(vm, OBJ_VAL(r->frames[k].ns));
  }
  for (k = 0; k < r->nroots; k++) gc_mark_value(vm, r->roots[k]);
  for (k = 0; k < r->repr_depth; k++) gc_mark_value(vm, r->repr_active[k]);
  for (k = 0; k < r->traceback_count; k++) gc_mark_value(vm, OBJ_VAL(r->traceback[k].code));
  gc_mark_value(vm, r->exc);
  gc_mark_value(vm, r->handling);
  gc_mark_value(vm, r->stop_value);
  gc_mark_value(vm, r->traceback_exc);   /* compared by address: must not be freed and reused */
}

void thread_trace(VM *vm, Obj *obj) {
  ObjThread *t = (ObjThread *)obj;
  gc_mark_value(vm, t->target);
  gc_mark_value(vm, t->args);
  gc_mark_value(vm, t->kwargs);
  gc_mark_value(vm, t->name);
  gc_mark_value(vm, t->blocked_on);
  if (t->storage != NULL) gc_mark_raw(vm, t->storage);
  /* the running thread's state is the VM's own, which memory.c marks */
  if (t != vm->current && !thread_over(t)) mark_run(vm, &t->run);
}

void threads_mark(VM *vm) {
  ObjThread *t;
  ThreadRun running;
  run_save(vm, &running);   /* the running thread's fields are the VM's own */
  mark_run(vm, &running);
  for (t = vm->threads; t != NULL; t = t->next) gc_mark_value(vm, OBJ_VAL(t));
}

/* ---- the interpreter lock ---------------------------------------------------------------- */

ThreadState thread_state(ObjThread *t) {
  ThreadState s;
  port_sched_lock();
  s = (ThreadState)t->state;
  port_sched_unlock();
  return s;
}

bool thread_over(ObjThread *t) {
  ThreadState s = thread_state(t);
  return s == THREAD_DONE || s == THREAD_CUT;
}

static void ask_for_switch(VM *vm) {
  vm->switch_wanted = true;
  vm->poll_countdown = 1;   /* the holder's next poll comes at once */
}

/* The ready thread that goes next: the highest priority, then the one ready the longest. */
static ObjThread *best_ready(VM *vm) {
  ObjThread *t, *best = NULL;
  for (t = vm->threads; t != NULL; t = t->next)
    if (t->state == THREAD_READY &&
        (best == NULL || t->eff_prio > best->eff_prio ||
         (t->eff_prio == best->eff_prio && (int32_t)(t->seq - best->seq) < 0)))
      best = t;
  return best;
}

/* Wake t unless it is self, the caller: a wake is sticky, and one sent to a thread that is
 * awake would make its next sleep return at once (a thread joining would spin, and on an RTOS
 * starve the threads below it). */
static void wake_other(ObjThread *t, const ObjThread *self) {
  if (t != self) port_thread_wake(t->os);
}

/* Scheduler lock held: t (or nobody) gets the interpreter lock; self is the caller. */
static void hand_to(VM *vm, ObjThread *t, const ObjThread *self) {
  vm->gil = t;
  vm->switch_wanted = false;
  if (t == NULL) return;
  t->state = THREAD_RUNNING;
  vm->gil_since = port_ticks_ms();
  wake_other(t, self);
}

/* Scheduler lock held: t wants the interpreter lock; self is the caller. */
static void make_ready(VM *vm, ObjThread *t, const ObjThread *self) {
  if (t->state != THREAD_NEW && t->state != THREAD_BLOCKED) return;
  t->state = THREAD_READY;
  t->seq = ++vm->thread_seq;
  if (vm->gil == NULL) hand_to(vm, best_ready(vm), self);
  else if (t->eff_prio > vm->gil->eff_prio) ask_for_switch(vm);
}

/* On t's own OS thread, the scheduler lock held: wait for the interpreter lock, then load t's
 * state into the VM. */
static void gil_acquire_locked(VM *vm, ObjThread *t) {
  if (t->state == THREAD_OUTSIDE) t->state = THREAD_BLOCKED;
  make_ready(vm, t, t);
  while (vm->gil != t) {
    if (t->state == THREAD_CUT) {   /* the program ended without it (threads_finish) */
      port_sched_unlock();
      port_thread_exit();
    }
    port_thread_sleep(t->os, PORT_WAIT_FOREVER, false);
  }
  port_sched_unlock();
  run_restore(vm, &t->run);
  vm->current = t;
}

static void gil_acquire(VM *vm, ObjThread *t) {
  port_sched_lock();
  gil_acquire_locked(vm, t);
}

/* Save t's state and hand the interpreter lock on; t becomes `state`. The scheduler lock is
 * taken and kept: a thread that goes on to sleep or to wait for the lock again does so without
 * letting go of it in between, or a port that runs threads by OS priority (ChibiOS) would let
 * the thread just handed the lock run above it before its wait began: a timed wait's clock
 * would not start until that thread stopped (and an owner raised by a lock would miss its
 * wake-up). */
static void gil_release_locked(VM *vm, ObjThread *t, ThreadState state) {
  run_save(vm, &t->run);
  vm->current = NULL;
  port_sched_lock();
  t->state = (uint8_t)state;
  if (state == THREAD_READY) t->seq = ++vm->thread_seq;   /* behind its equals */
  hand_to(vm, best_ready(vm), t);
}

static void gil_release(VM *vm, ObjThread *t, ThreadState state) {
  gil_release_locked(vm, t, state);
  port_sched_unlock();
}

bool thread_slice_over(VM *vm) { return port_ticks_ms() - vm->gil_since >= VIPER_THREAD_SLICE_MS; }

void thread_yield(VM *vm) {
  ObjThread *t = vm->current, *best;
  bool give_way;
  if (t == NULL) { vm->switch_wanted = false; return; }
  port_sched_lock();
  best = best_ready(vm);
  give_way = best != NULL && (best->eff_prio > t->eff_prio || (best->eff_prio == t->eff_prio && thread_slice_over(vm)));
  if (!give_way) vm->gil_since = port_ticks_ms();   /* nobody to take turns with: a new slice */
  vm->switch_wanted = false;
  port_sched_unlock();
  if (!give_way) return;
  gil_release_locked(vm, t, THREAD_READY);
  gil_acquire_locked(vm, t);
}

/* ---- waiting ----------------------------------------------------------------------------- */

/* Sleep without the interpreter lock; the main thread serves the link when it wakes. */
static void wait_once(VM *vm, uint32_t ms) {
  ObjThread *t = vm->current;
  bool pump = t == vm->main_thread && vm->poll != NULL;
  if (pump && ms > VIPER_PUMP_MS) ms = VIPER_PUMP_MS;
  gil_release_locked(vm, t, THREAD_BLOCKED);
  if (ms > 0) port_thread_sleep(t->os, ms, pump);
  /* No unlocking between the sleep and asking for the interpreter lock (nor before the sleep:
   * gil_release_locked): a port may run a waking thread above the holder only until the
   * scheduler lock is given back (thread_chibios.c), and a thread raised by a lock it owns
   * must not stall in between. */
  gil_acquire_locked(vm, t);
  if (pump && !vm->interrupt && vm->poll(vm->poll_ctx)) thread_interrupt(vm);
}

bool thread_wait(VM *vm, uint32_t ms) {
  if (thread_current(vm) == NULL) return false;
  if (!vm->interrupt) wait_once(vm, ms);
#if VIPER_DEBUGGER
  if (debug_checking && !vm->interrupt) debug_waiting(vm);   /* a pause stops a waiting thread here */
#endif
  if (!vm->interrupt) return true;
  vm_raise(vm, &exc_KeyboardInterrupt, NULL);
  return false;
}

void thread_wake(VM *vm, ObjThread *t) {
  port_sched_lock();
  if (t->state == THREAD_BLOCKED) make_ready(vm, t, vm->current);
  port_sched_unlock();
}

void thread_wake_waiters(VM *vm, Value on) {
  ObjThread *t;
  port_sched_lock();
  for (t = vm->threads; t != NULL; t = t->next)
    if (t->blocked_on == on && t->state == THREAD_BLOCKED) make_ready(vm, t, vm->current);
  port_sched_unlock();
}

void thread_interrupt(VM *vm) {
  ObjThread *t;
  vm->interrupt = true;
  port_sched_lock();
  for (t = vm->threads; t != NULL; t = t->next)
    if (t->state == THREAD_BLOCKED) make_ready(vm, t, vm->current);
  port_sched_unlock();
}

ObjThread *thread_allow_begin(VM *vm) {
  ObjThread *t = vm->current;
  if (t == NULL) return NULL;
  t->in_port = true;   /* written only by t, holding the interpreter lock; read by reap_done */
  gil_release(vm, t, THREAD_OUTSIDE);   /* nothing may hand it the lock meanwhile */
  return t;
}

void thread_allow_end(VM *vm, ObjThread *t) {
  if (t == NULL) return;
  gil_acquire(vm, t);
  t->in_port = false;
}

/* ---- priorities -------------------------------------------------------------------------- */

/* Lock owners inherit the priority of the threads waiting for them, through chains of locks. */
static void inherit_locked(VM *vm) {
  ObjThread *t, *w;
  bool changed = true;
  int rounds = 0;
  for (t = vm->threads; t != NULL; t = t->next) t->eff_prio = t->prio;
  while (changed && rounds++ < 64) {
    changed = false;
    for (w = vm->threads; w != NULL; w = w->next) {
      ObjThread *owner = lock_owner(w->blocked_on);
      if (owner != NULL && owner->eff_prio < w->eff_prio) {
        owner->eff_prio = w->eff_prio;
        changed = true;
      }
    }
  }
  if (vm->gil != NULL) {
    ObjThread *best = best_ready(vm);
    if (best != NULL && best->eff_prio > vm->gil->eff_prio) ask_for_switch(vm);
  }
}

void thread_inherit(VM *vm) {
  port_sched_lock();
  inherit_locked(vm);
  port_sched_unlock();
}

void thread_set_prio(VM *vm, ObjThread *t, int prio) {
  port_sched_lock();
  t->prio = (uint8_t)prio;
  inherit_locked(vm);
  port_sched_unlock();
}

/* ---- starting and ending ----------------------------------------------------------------- */

/* Blocked on this: waiting for any thread to end (threads_finish). */
#define ANY_THREAD OBJ_VAL(&thread_type)

ObjThread *thread_current(VM *vm) {
  ObjThread *t;
  Value name;
  if (vm->current != NULL) return vm->current;
  name = str_from_cstr(vm, "MainThread");
  if (name == EXC_VAL) return NULL;
  vm_push_root(vm, name);
  t = (ObjThread *)obj_alloc(vm, &thread_type, sizeof(ObjThread));
  vm_pop_root(vm);
  if (t == NULL) return NULL;
  memset((uint8_t *)t + sizeof(Obj), 0, sizeof *t - sizeof(Obj));
  t->vm = vm;
  t->os = port_thread_main();
  t->ident = ++vm->thread_idents;
  t->prio = t->eff_prio = PRIO_NORMAL;
  t->state = THREAD_RUNNING;
  t->target = t->args = t->kwargs = t->blocked_on = NONE_VAL;
  t->name = name;
  t->next = vm->threads;
  vm->threads = t;
  vm->main_thread = vm->current = vm->gil = t;
  vm->gil_since = port_ticks_ms();
  return t;
}

/* target(*args, **kwargs) on the thread's own stack. */
static Value call_target(VM *vm, ObjThread *t) {
  ObjTuple *a = AS_TUPLE(t->args);
  ObjDict *kw = IS_NONE(t->kwargs) ? NULL : AS_DICT(t->kwargs);
  Value *base = vm->sp, names = NONE_VAL, r;
  uint32_t i, nkw = kw != NULL ? kw->live : 0, k = 0;
  if (vm->sp + a->len + nkw + 2 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  for (i = 0; i < a->len; i++) *vm->sp++ = a->items[i];
  if (nkw > 0) {
    names = tuple_new(vm, nkw);
    if (names == EXC_VAL) { vm->sp = base; return EXC_VAL; }
    for (i = 0; i < kw->used; i++) {
      if (kw->entries[i].key == DELETED_VAL) continue;
      AS_TUPLE(names)->items[k++] = kw->entries[i].key;
      *vm->sp++ = kw->entries[i].value;
    }
  }
  vm_push_root(vm, names);
  r = vm_call_kw(vm, t->target, (int)(a->len + nkw), base, (int)nkw, nkw > 0 ? AS_TUPLE(names) : NULL);
  vm_pop_root(vm);
  vm->sp = base;
  return r;
}

static void thread_entry(void *arg) {
  ObjThread *t = (ObjThread *)arg;
  VM *vm = t->vm;
  gil_acquire(vm, t);
  if (!vm->interrupt && call_target(vm, t) == EXC_VAL && !vm_exc_pending_is(vm, &exc_SystemExit) &&
      !(vm->interrupt && vm_exc_pending_is(vm, &exc_KeyboardInterrupt)))
    traceback_report_thread(vm, t->name);   /* "Exception in thread NAME:", as CPython */
  vm->exc = NONE_VAL;
  vm->handling = NONE_VAL;
  thread_wake_waiters(vm, OBJ_VAL(t));      /* join() */
  thread_wake_waiters(vm, ANY_THREAD);      /* the end of the program */
  gil_release(vm, t, THREAD_DONE);
}

/* Join the OS threads of the threads that ended (or were cut off: each ends as soon as it
 * wakes), and give their stacks back. */
static void reap_done(VM *vm) {
  ObjThread **link = &vm->threads;
  while (*link != NULL) {
    ObjThread *t = *link;
    if (!thread_over(t) || t == vm->main_thread || (thread_state(t) == THREAD_CUT && t->in_port)) {
      /* a cut thread inside the port (a daemon's input() on a terminal) cannot be joined now:
       * it ends when the call returns, and is reaped then (or the process ends first) */
      link = &t->next;
      continue;
    }
    port_thread_reap(t->os);
    t->state = THREAD_DONE;
    t->os = NULL;
    *link = t->next;
    t->next = NULL;
    if (t->storage != NULL) mem_free(vm, t->storage);
    t->storage = NULL;
  }
}

ObjThread *thread_start(VM *vm, Value target, Value args, Value kwargs, Value name, int prio, bool daemon,
                        uint32_t stack_bytes) {
  ObjThread *t;
  bool big = (size_t)(vm->heap_limit - vm->heap_start) >= 2u * 1024u * 1024u;
  uint32_t scale = big ? VIPER_THREAD_SCALE : 1;
  uint32_t values = VIPER_THREAD_STACK_VALUES * scale, frames = VIPER_THREAD_FRAMES * scale, roots = VIPER_THREAD_ROOTS * scale;
  size_t room;
  ThreadRun *r;
  RootMark mark = gc_root_mark(vm);
  if (thread_current(vm) == NULL) return NULL;
  reap_done(vm);
  if (stack_bytes == 0) stack_bytes = vm->thread_stack_bytes;
  if (stack_bytes > 0) {
    values = stack_bytes / sizeof(Value);
    if (values < 64) values = 64;
    frames = values / 16;
    if (frames < 4) frames = 4;
  }
  vm_push_root(vm, target);
  vm_push_root(vm, args);
  vm_push_root(vm, kwargs);
  vm_push_root(vm, name);
  t = (ObjThread *)obj_alloc(vm, &thread_type, sizeof(ObjThread));
  if (t == NULL) { gc_root_restore(vm, mark); return NULL; }
  memset((uint8_t *)t + sizeof(Obj), 0, sizeof *t - sizeof(Obj));
  t->vm = vm;
  t->target = target;
  t->args = args;
  t->kwargs = kwargs;
  t->name = name;
  t->blocked_on = NONE_VAL;
  t->prio = t->eff_prio = (uint8_t)prio;
  t->daemon = daemon;
  t->state = THREAD_NEW;
  t->ident = ++vm->thread_idents;
  r = &t->run;
  r->exc = r->handling = r->stop_value = r->traceback_exc = NONE_VAL;
  vm_push_root(vm, OBJ_VAL(t));
  if (frames > VIPER_MAX_FRAMES) frames = VIPER_MAX_FRAMES;
  room = frames * sizeof(Frame) + (values + roots) * sizeof(Value);
  t->storage = mem_alloc(vm, room, false);
  gc_root_restore(vm, mark);
  if (t->storage == NULL) { vm_raise(vm, &exc_MemoryError, "no room for the thread's stack"); return NULL; }
  r->stack = r->sp = (Value *)t->storage;   /* first: the collector marks the block through it */
  r->stack_end = r->stack + values;
  r->roots = r->stack_end;
  r->max_roots = (int)roots;
  r->frames = (Frame *)(r->roots + roots);
  r->max_frames = (int)frames;
  t->next = vm->threads;
  vm->threads = t;
  port_sched_lock();   /* the new thread wakes others through t->os: set before it runs */
  t->os = port_thread_start(thread_entry, t, prio);
  port_sched_unlock();
  if (t->os == NULL) {
    vm->threads = t->next;
    mem_free(vm, t->storage);
    t->storage = NULL;
    t->state = THREAD_DONE;
    vm_raise(vm, &exc_RuntimeError, "can't start new thread");
    return NULL;
  }
  return t;
}

static bool any_alive(VM *vm, bool daemons_too) {
  ObjThread *t;
  for (t = vm->threads; t != NULL; t = t->next)
    if (t != vm->main_thread && !thread_over(t) && (daemons_too || !t->daemon)) return true;
  return false;
}

/* The threads still alive are all parked (this thread holds the interpreter lock): each ends
 * its OS thread as soon as it wakes, without running more Python. They stay CUT until
 * reap_done has joined them: one that had not yet run when it was cut must still find CUT. */
static void cut_off(VM *vm) {
  ObjThread *t;
  port_sched_lock();
  for (t = vm->threads; t != NULL; t = t->next)
    if (t != vm->main_thread && t->state != THREAD_DONE && t->state != THREAD_CUT) {
      t->state = THREAD_CUT;
      port_thread_wake(t->os);
    }
  port_sched_unlock();
}

bool threads_finish(VM *vm) {
  ObjThread *self = vm->main_thread;
  RaiseState saved;
  bool stopped;
  if (self == NULL || vm->current != self) return vm->interrupt;
  if (!any_alive(vm, true)) { machine_events_end(vm); reap_done(vm); return vm->interrupt; }
  raise_state_save(vm, &saved);
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, saved.exc);
  vm_push_root(vm, saved.handling);
  self->blocked_on = ANY_THREAD;
  while (!vm->interrupt && any_alive(vm, false)) wait_once(vm, PORT_WAIT_FOREVER);
  stopped = vm->interrupt;
  if (stopped) {   /* STOP: they raise KeyboardInterrupt; a short while to unwind */
    uint32_t start = port_ticks_ms();
    while (any_alive(vm, true) && port_ticks_ms() - start < VIPER_STOP_GRACE_MS) wait_once(vm, 5);
  }
  self->blocked_on = NONE_VAL;
  machine_events_end(vm);   /* the callbacks' dispatcher goes now: no interrupt may wake it */
  cut_off(vm);   /* daemon threads end with the program, as in CPython */
  reap_done(vm);
  gc_root_restore(vm, mark);
  raise_state_restore(vm, &saved);
  vm->interrupt = stopped;
  return stopped;
}
