/* The callbacks of Pin.irq() and Timer: they do not run inside the interrupt. machine_events.c
 * queues each event, and one Python thread of the highest priority (a daemon, started with the
 * first callback) calls them in the order the events happened. Its target is the native
 * dispatch() below. An exception in a callback prints its traceback and turns that callback off,
 * as in MicroPython.
 *
 * The callbacks are kept in the machine module's dict, so the collector finds them there and
 * nothing is spent until a program uses one: _callbacks maps kind * 256 + id to a tuple
 * (callback, its argument, the irq object or None); _dispatcher is the thread. */
#include <string.h>

#include "call.h"
#include "machine.h"
#include "thread.h"

/* The dispatcher's Python stack on a board's small heap, in values: room for callbacks a few
 * calls deep (6 frames), about a third of a thread's default, so that a Nucleo's 28 KB heap has
 * room for it. A big heap (the desktop's) gives it a thread's default stack. */
#ifndef VIPER_CALLBACK_STACK_VALUES
#define VIPER_CALLBACK_STACK_VALUES 96
#endif

static uint32_t dispatcher_stack_bytes(VM *vm) {
  bool big = (size_t)(vm->heap_limit - vm->heap_start) >= 2u * 1024u * 1024u;   /* as thread_start */
  return big ? 0 : VIPER_CALLBACK_STACK_VALUES * (uint32_t)sizeof(Value);
}

static Value intern(VM *vm, const char *s) { return str_intern(vm, s, strlen(s)); }

/* The machine module's dict (imported now if the program dropped it from sys.modules). */
static ObjDict *machine_dict(VM *vm) {
  Value name = intern(vm, "machine"), m;
  if (name == EXC_VAL || (m = module_import(vm, AS_STR(name))) == EXC_VAL) return NULL;
  if (!IS_MODULE(m)) { vm_raise(vm, &exc_RuntimeError, "sys.modules['machine'] is not the machine module"); return NULL; }
  return AS_MODULE(m)->dict;
}

/* The _callbacks dict; create: made when missing (else NONE_VAL when missing). */
static Value callbacks_of(VM *vm, ObjDict *md, bool create) {
  Value key = intern(vm, "_callbacks"), d;
  bool ok;
  if (key == EXC_VAL) return EXC_VAL;
  d = dict_get_str(md, AS_STR(key));
  if (IS_DICT(d)) return d;
  if (!create) return NONE_VAL;
  if ((d = dict_new(vm)) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  ok = (key = intern(vm, "_callbacks")) != EXC_VAL && dict_set(vm, md, key, d);
  vm_pop_root(vm);
  return ok ? d : EXC_VAL;
}

static Value event_key(int kind, int id) { return INT_VAL(kind * 256 + id); }

/* A callback that raised: off, as if the program had turned it off. */
static void stop(int kind, int id) {
  if (kind == MACHINE_EVENT_PIN) {
    machine_events_pin(id, 0, 0);
    hal_pin_irq(id, 0);
  } else {
    machine_timer_stop(id);
  }
}

/* The dispatcher thread's target: dispatch(callbacks) runs until the program stops it. */
static Value dispatch(VM *vm, int argc, Value *args) {
  ObjDict *callbacks = AS_DICT(args[0]);   /* the thread's arguments keep it */
  MachineEvent e;
  (void)argc;
  while (machine_events_next(vm, &e)) {
    Value key = event_key(e.kind, e.id), entry = dict_get(vm, callbacks, key), arg;
    int depth = vm->frame_count;
    if (!IS_TUPLE(entry)) continue;   /* turned off since the event came */
    if (IS_TYPE(AS_TUPLE(entry)->items[2], &machine_pin_irq_type)) ((ObjPinIrq *)AS_OBJ(AS_TUPLE(entry)->items[2]))->flags = e.flags;
    arg = AS_TUPLE(entry)->items[1];
    vm_push_root(vm, entry);
    if (vm_call(vm, AS_TUPLE(entry)->items[0], 1, &arg) == EXC_VAL) {
      bool found;
      if (!vm_exc_pending_is(vm, &exc_Exception)) {   /* KeyboardInterrupt, SystemExit: the thread ends */
        vm_pop_root(vm);
        break;
      }
      traceback_report(vm, depth);
      if (dict_get(vm, callbacks, key) == entry) {   /* not replaced by the handler itself */
        dict_delete(vm, callbacks, key, &found);
        stop(e.kind, e.id);
      }
    }
    vm_pop_root(vm);
  }
  machine_events_detach();
  return EXC_VAL;
}

static const ObjBuiltin dispatch_builtin = {{&builtin_type}, "_dispatch", dispatch, 1, 1, NULL};

/* The dispatcher thread, started unless it runs already. */
static bool start_dispatcher(VM *vm, ObjDict *md, Value callbacks) {
  Value key = intern(vm, "_dispatcher"), t, targs, name;
  ObjThread *thread;
  RootMark mark = gc_root_mark(vm);
  if (key == EXC_VAL) return false;
  t = dict_get_str(md, AS_STR(key));
  if (IS_THREAD(t) && !thread_over(AS_THREAD(t))) return true;
  if ((targs = tuple_new(vm, 1)) == EXC_VAL) return false;
  AS_TUPLE(targs)->items[0] = callbacks;
  vm_push_root(vm, targs);
  if ((name = str_from_cstr(vm, "machine.irq")) == EXC_VAL) { gc_root_restore(vm, mark); return false; }
  vm_push_root(vm, name);
  thread = thread_start(vm, OBJ_VAL(&dispatch_builtin), targs, NONE_VAL, name, PRIO_HIGHEST, true, dispatcher_stack_bytes(vm));
  if (thread == NULL) { gc_root_restore(vm, mark); return false; }
  vm_push_root(vm, OBJ_VAL(thread));
  key = intern(vm, "_dispatcher");
  if (key == EXC_VAL || !dict_set(vm, md, key, OBJ_VAL(thread))) { gc_root_restore(vm, mark); return false; }
  /* Until it waits for events: a Timer started next counts from when its callbacks can run
   * (a new OS thread may take a while to start, while the timer would fire unheard). */
  while (!machine_events_waiting() && !thread_over(thread))
    if (!thread_wait(vm, 1)) { gc_root_restore(vm, mark); return false; }
  gc_root_restore(vm, mark);
  return true;
}

bool machine_callback_set(VM *vm, int kind, int id, Value callback, Value arg, Value irq) {
  ObjDict *md = machine_dict(vm);
  Value callbacks, entry;
  bool ok;
  if (md == NULL || (callbacks = callbacks_of(vm, md, true)) == EXC_VAL) return false;
  vm_push_root(vm, callbacks);
  if ((entry = tuple_new(vm, 3)) == EXC_VAL) { vm_pop_root(vm); return false; }
  AS_TUPLE(entry)->items[0] = callback;
  AS_TUPLE(entry)->items[1] = arg;
  AS_TUPLE(entry)->items[2] = irq;
  vm_push_root(vm, entry);
  ok = dict_set(vm, AS_DICT(callbacks), event_key(kind, id), entry) && start_dispatcher(vm, md, callbacks);
  vm_pop_root(vm);
  vm_pop_root(vm);
  return ok;
}

bool machine_callback_clear(VM *vm, int kind, int id) {
  ObjDict *md = machine_dict(vm);
  Value callbacks;
  bool found;
  if (md == NULL || (callbacks = callbacks_of(vm, md, false)) == EXC_VAL) return false;
  return !IS_DICT(callbacks) || dict_delete(vm, AS_DICT(callbacks), event_key(kind, id), &found);
}
