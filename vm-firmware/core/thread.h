/* Python threads over the port's OS threads (thread.c), one running Python at a time under the
 * interpreter lock, which always goes to the ready thread of the highest priority. */
#ifndef VIPER_THREAD_H
#define VIPER_THREAD_H

#include "port.h"
#include "vm.h"

/* The priority levels of thread(..., prio=): PRIO_LOWEST .. PRIO_HIGHEST. */
enum { PRIO_LOWEST = 1, PRIO_LOWER, PRIO_NORMAL, PRIO_HIGHER, PRIO_HIGHEST };

typedef enum {
  THREAD_NEW,       /* made, its OS thread not yet running */
  THREAD_READY,     /* wants the interpreter lock */
  THREAD_RUNNING,   /* holds it */
  THREAD_BLOCKED,   /* sleeping, waiting for a lock, a join, input; the lock is free for others */
  THREAD_OUTSIDE,   /* in a blocking call of the port (thread_allow_begin): only it ends that */
  THREAD_DONE,      /* its function returned; the OS thread is ending */
  THREAD_CUT        /* the program ended without it: its OS thread ends when it wakes */
} ThreadState;

/* The VM fields that are a thread's own (marked "(thread)" in vm.h), kept here while another
 * thread runs. */
typedef struct ThreadRun {
  Value *stack, *stack_end, *sp;
  Frame *frames;
  int frame_count, max_frames;
  Value *roots;
  int nroots, max_roots;
  Value exc, handling, stop_value, traceback_exc;
  bool gen_yielded, throw_pending;
  int traceback_caught_at, traceback_count, traceback_omitted;
  TraceEntry traceback[VIPER_TRACEBACK_MAX];
  Value repr_active[8];
  int repr_depth;
} ThreadRun;

typedef struct ObjThread {
  Obj obj;
  struct ObjThread *next;       /* vm->threads, until reaped */
  VM *vm;
  PortThread *os;               /* NULL once reaped */
  uint32_t ident;
  uint32_t seq;                 /* when it became ready: first come, first served among equals */
  uint32_t wait_seq;            /* when it began waiting for a lock: the lock's FIFO among equals */
  uint8_t prio, eff_prio;       /* its own priority, and raised by the threads it keeps waiting */
  uint8_t state;                /* ThreadState */
  bool daemon;
  bool in_port;                 /* inside a blocking call of the port (thread_allow_begin) */
  Value target, args, kwargs, name;
  Value blocked_on;             /* the lock or thread it waits for (priority inheritance, join) */
  void *storage;                /* raw block: its value stack, frames and temporary roots */
  ThreadRun run;
} ObjThread;

/* A Python lock (_thread.lock): who holds it, for priority inheritance; its waiters are the
 * threads blocked_on it. */
typedef struct ObjLock { Obj obj; ObjThread *owner; } ObjLock;

/* t's state, read under the scheduler lock: other OS threads change it (not with that lock held). */
ThreadState thread_state(ObjThread *t);
/* t has ended or was cut off. */
bool thread_over(ObjThread *t);

extern const Type thread_type, lock_type;
Value lock_new(VM *vm);
ObjThread *lock_owner(Value v);   /* NULL: v is no lock, or a free one */
#define IS_THREAD(v) IS_TYPE(v, &thread_type)
#define AS_THREAD(v) ((ObjThread *)AS_OBJ(v))

/* The running thread; the main program's record is made on first need (NULL: MemoryError). */
ObjThread *thread_current(VM *vm);
/* A new thread calling target(*args, **kwargs) (kwargs None or a dict); values 0: the default
 * stack. Started at once; NULL with an exception raised when there is no room. */
ObjThread *thread_start(VM *vm, Value target, Value args, Value kwargs, Value name, int prio, bool daemon,
                        uint32_t stack_bytes);

/* Give the interpreter lock up for at most ms (or until thread_wake), then take it back. The
 * caller checks its own condition and loops. The main thread wakes at least every
 * VIPER_PUMP_MS to serve the link (vm->poll). False when the program is being stopped: then
 * KeyboardInterrupt is raised. */
bool thread_wait(VM *vm, uint32_t ms);
/* Make t (blocked) ready: it runs when it is the highest ready priority. */
void thread_wake(VM *vm, ObjThread *t);
/* Wake every thread blocked on `on` (a thread being joined, ...). */
void thread_wake_waiters(VM *vm, Value on);
/* Recompute priorities inherited through locks after a thread began or stopped waiting, or a
 * lock changed owner: an owner runs at the highest priority of those waiting for it. */
void thread_inherit(VM *vm);
void thread_set_prio(VM *vm, ObjThread *t, int prio);

/* Around a blocking call of the port that does not touch the VM (reading a terminal). */
ObjThread *thread_allow_begin(VM *vm);
void thread_allow_end(VM *vm, ObjThread *t);

/* The poll hook's part: give way to a ready thread that outranks the running one, or to an
 * equal once the running one's time slice is over. */
void thread_yield(VM *vm);
bool thread_slice_over(VM *vm);
/* STOP: every thread raises KeyboardInterrupt at its next poll or wait. */
void thread_interrupt(VM *vm);
/* The program's end: wait for the non-daemon threads (serving the link), then stop the others
 * and reap every OS thread. Returns true when a STOP came while waiting. */
bool threads_finish(VM *vm);
/* The collector: the running thread's stacks (in the VM) and every other thread's. */
void threads_mark(VM *vm);

#endif
