/* The virtual machine: one VM per running program, passed explicitly everywhere. */
#ifndef VIPER_VM_H
#define VIPER_VM_H

#include "config.h"
#include "object.h"

/* A handler pushed by SETUP_FINALLY: where to jump and the operand stack depth to restore. */
typedef struct Block {
  uint16_t handler;      /* code offset of the handler */
  uint16_t level;        /* operand stack depth (above the locals) when the block was pushed */
} Block;

typedef struct Frame {
  ObjCode *code;
  const uint8_t *ip;     /* next instruction; saved when the frame calls or raises */
  Value *slots;          /* locals, then the operand stack */
  ObjDict *globals;
  ObjDict *ns;           /* LOAD_NAME/STORE_NAME namespace: the globals, or a class body's dict */
  uint8_t nblocks;
  Block blocks[VIPER_MAX_BLOCKS];
} Frame;

typedef struct TraceEntry {
  ObjCode *code;
  uint32_t pc;
} TraceEntry;

typedef struct FreeBlock FreeBlock;

/* Where program output goes: the console (standalone) or STDOUT frames (link). */
typedef void (*VmWriteFn)(void *ctx, const char *text, size_t len);
/* Called every VIPER_POLL_INTERVAL backward jumps/calls; returns true to stop the program. */
typedef bool (*VmPollFn)(void *ctx);
/* input(): reads one line (without its newline) into buf; returns its length, -1 at end of
 * input, -2 when the program was stopped while waiting. */
typedef long (*VmReadFn)(void *ctx, char *buf, size_t max);

typedef enum {
  VM_OK = 0,          /* the program ran to its end */
  VM_EXCEPTION = 1,   /* an exception escaped: vm->exc, vm->traceback */
  VM_STOPPED = 2,     /* the poll hook asked to stop (KeyboardInterrupt) */
  VM_ERROR = 3        /* the VM could not start (heap too small, ...) */
} VmResult;

struct VM {
  /* heap (memory.c) */
  uint8_t *heap_start, *heap_end;
  uint8_t *heap_limit;   /* heap_end may grow up to here (VIPER_HEAP_GROW) */
  FreeBlock *free_list;
  Obj *grey[VIPER_GC_GREY_MAX];
  int grey_count;
  bool grey_overflow;
  bool gc_ready;              /* roots are initialised */

  /* execution. The fields marked (thread) are the running thread's: thread.c swaps them with a
   * thread's own copy (ThreadRun) when the interpreter lock changes hands. */
  Value *stack, *stack_end, *sp;   /* (thread) */
  Frame *frames;                   /* (thread) */
  int frame_count, max_frames;     /* (thread) */
  uint32_t poll_countdown;    /* another thread sets it to 1 to be let in soon (thread.c) */
  volatile bool interrupt;
  Frame main_frames[VIPER_MAX_FRAMES];

  /* threads (thread.c): every thread not yet reaped, main's included once one is needed */
  struct ObjThread *threads, *current, *main_thread;
  struct ObjThread *gil;           /* the thread holding the interpreter lock, or NULL */
  uint32_t gil_since;              /* when it got it (time slices) */
  volatile bool switch_wanted;     /* a ready thread outranks it: yield at the next poll */
  uint32_t thread_seq, thread_idents;
  uint32_t thread_stack_bytes;     /* _thread.stack_size(): the default size= (0: the port's) */

  /* names and modules */
  ObjDict *builtins;
  ObjDict *globals;           /* __main__ */
  ObjDict *modules;           /* imported modules by name (interp.c) */
  ObjDict *module_codes;      /* the image's other modules: name -> module body code */
  Value *interned;            /* open-addressed set of ObjStr, NONE_VAL empty */
  uint32_t intern_mask, intern_count;
  Value *names;               /* image name table, interned */
  uint32_t nnames;
  ObjCode **codes;
  uint32_t ncodes;
  uint32_t main_code;

  /* the pending exception and where it came from (outermost first); all (thread) */
  Value exc;                  /* always an exception instance (or None) */
  Value memory_error;         /* the MemoryError raised when the heap has no room for one */
  Value handling;             /* the exception an except/finally body is handling, else None */
  bool gen_yielded;           /* run() returned because a generator frame yielded */
  Value stop_value;           /* set by a generator that returned: its value, for next() */
  bool throw_pending;         /* run() starts by raising vm->exc (generator.throw) */
  Value traceback_exc;        /* the exception traceback[] was recorded for (compared only) */
  int traceback_caught_at;    /* the frame that caught traceback_exc: its entries start there */
  TraceEntry traceback[VIPER_TRACEBACK_MAX];
  int traceback_count;
  int traceback_omitted;

  /* generators dropped while suspended in try/with, waiting for close() (generator.c) */
  ObjGenerator *gen_finalize;
  bool finalizing;

  /* weak references (modweakref.c): every live weakref/finalize object, newest first (not
   * roots), and those whose referent died with a callback still to run (roots) */
  struct ObjWeakRef *weakrefs, *weak_pending;
  bool weak_running;
  bool gc_disabled;           /* gc.disable(): only reported, the heap still collects when full */

  /* C temporaries that must survive an allocation (thread) */
  Value *roots;
  int nroots, max_roots;
  Value main_roots[VIPER_TEMP_ROOTS];

  /* string builder for str()/repr()/print */
  char *sb;
  uint32_t sb_len, sb_cap;
  bool sb_oom;
  Value repr_active[8];            /* (thread) */
  int repr_depth;

  /* host hooks */
  VmWriteFn write;
  void *write_ctx;
  VmPollFn poll;
  void *poll_ctx;
  VmReadFn read;              /* console.c: set after vm_init by console_init */
  void *read_ctx;
  VmWriteFn write_err;        /* where stderr goes (tracebacks of threads, sys.stderr); NULL: port_error_write */
  void *write_err_ctx;

#if VIPER_DEBUGGER
  /* debug_inspect.c: the values a stopped program's variable references name (a raw block) */
  Value *debug_refs;
  uint32_t debug_nrefs;
#endif
};

/* Set the VM up over heap[0..heap_size). Returns false when the heap is too small. */
bool vm_init(VM *vm, void *heap, size_t heap_size, VmWriteFn write, void *write_ctx);
void vm_set_poll(VM *vm, VmPollFn poll, void *ctx);

/* Materialise a *verified* image (loader.h: image_verify) and run its first module. */
VmResult vm_run_image(VM *vm, const uint8_t *image, size_t len);

/* Call any callable from C; EXC_VAL on error. */
Value vm_call(VM *vm, Value callable, int argc, Value *args);
/* The same with keywords: the last nkw of the argc values are named by the str tuple kwnames. */
Value vm_call_kw(VM *vm, Value callable, int argc, Value *args, int nkw, ObjTuple *kwnames);
/* Run a class body fn with ns as its namespace (__build_class__); the __class__ cell or None. */

/* Temporary roots: C values that must survive an allocation. A function saves the mark, pushes,
 * and restores the mark at its one exit (no counted pops to get wrong):
 *   RootMark mark = gc_root_mark(vm); vm_push_root(vm, a); ... gc_root_restore(vm, mark);
 * Debug builds (VIPER_DEBUG, on in the sanitizer builds) check every push, pop and restore
 * against the bounds, and that a native called from the loop leaves the stack as it found it. */
typedef int RootMark;
#if VIPER_DEBUG
void vm_root_fail(const char *what);   /* memory.c: reports and aborts */
#define VIPER_ROOT_CHECK(ok, what) ((ok) ? (void)0 : vm_root_fail(what))
#else
#define VIPER_ROOT_CHECK(ok, what) ((void)0)
#endif
#define vm_push_root(vm, v) \
  (VIPER_ROOT_CHECK((vm)->nroots < (vm)->max_roots, "push past the end"), (vm)->roots[(vm)->nroots++] = (v))
#define vm_pop_root(vm)     (VIPER_ROOT_CHECK((vm)->nroots > 0, "pop of an empty stack"), (vm)->nroots--)
#define gc_root_mark(vm)    ((RootMark)(vm)->nroots)
#define gc_root_restore(vm, mark) \
  (VIPER_ROOT_CHECK((mark) >= 0 && (mark) <= (vm)->nroots, "restore above the top (popped too many)"), \
   (vm)->nroots = (mark))
/* Debug builds: the stack is back at mark (a forgotten pop shows here). */
#if VIPER_DEBUG
#define gc_root_check(vm, mark) VIPER_ROOT_CHECK((vm)->nroots == (mark), "unbalanced push/pop")
#else
#define gc_root_check(vm, mark) ((void)(mark))
#endif
/* The i-th root pushed since mark, to replace a rooted value in place. */
#define gc_root_at(vm, mark, i) ((vm)->roots[(mark) + (i)])

/* String builder. */
void vm_sb_reset(VM *vm);
void vm_sb_add(VM *vm, const char *s, size_t len);
void vm_sb_cstr(VM *vm, const char *s);
Value vm_sb_to_str(VM *vm);   /* a new str of the builder's text (or MemoryError) */

/* Text of the pending exception: "TypeError: message". Writes through vm_sb. */
void vm_format_exception(VM *vm);
void vm_format_exception_value(VM *vm, Value exc);

/* The exceptions an uncaught vm->exc chains back to, oldest first, ending with vm->exc itself;
 * how[i] says how chain[i] leads to chain[i + 1]. Returns the count (at most max). */
#define EXC_CHAINED_CAUSE   1   /* "The above exception was the direct cause of the following exception:" */
#define EXC_CHAINED_CONTEXT 2   /* "During handling of the above exception, another exception occurred:" */
int vm_exception_chain(VM *vm, Value *chain, uint8_t *how, int max);
extern const char *const exc_chained_text[3];
#define VIPER_CHAIN_MAX 8     /* chained exceptions a traceback shows at most */
/* The frames of one exception of the chain into out (VIPER_TRACEBACK_MAX room); the count. */
int vm_exception_frames(VM *vm, Value exc, TraceEntry *out);
/* The exit status an uncaught SystemExit asks for, or -1 (see exception.c). */
int vm_exit_status(VM *vm);
/* Whether the pending exception (an instance or a bare class) is base or derives from it. */
bool vm_exc_pending_is(VM *vm, const Type *base);
/* Line of the instruction at pc in code. */
uint32_t code_line_at(const ObjCode *code, uint32_t pc);

/* The error text of an exception value (message str or ""). */
const char *exception_type_name(Value exc);

/* a + b with Python's rules (sum() uses it). */
Value vm_binary_add(VM *vm, Value a, Value b);
/* Any binary (BinaryOpKind, BINOP_INPLACE allowed) or unary operator, and del obj[key], as the
 * interpreter does them (the special methods of built-in values call these). */
Value vm_binary_op(VM *vm, int op, Value a, Value b);
Value vm_unary_op(VM *vm, int op, Value a);
Value vm_delitem(VM *vm, Value obj, Value key);

/* The program has ended (not after a REPL entry): close every generator still suspended in
 * try/finally or with, as CPython does at exit. vm->exc and the traceback are kept. */
void vm_finish(VM *vm);

/* exception.c, for the loop: raising, matching and chaining. */
void record_traceback(VM *vm, int base);
bool is_exception_value(Value v);                       /* an exception instance */
int exception_matches(VM *vm, Value exc, Value want);   /* except want: 1, 0, or -1 (TypeError) */
Value make_exception(VM *vm, Value v);                  /* what `raise v` raises */
void chain_to_handled(VM *vm);                          /* vm->exc.__context__ = vm->handling */
void exception_raised(VM *vm);                          /* context and traceback of a new vm->exc */

/* The exception state around code run from C at a safe point (finalizers, weakref callbacks,
 * atexit handlers): saved before, put back after, so what they raise leaves no trace. The
 * caller roots exc and handling meanwhile. */
typedef struct RaiseState {
  Value exc, handling, traceback_exc;
  int count, omitted, caught_at;
  TraceEntry traceback[VIPER_TRACEBACK_MAX];
} RaiseState;
void raise_state_save(VM *vm, RaiseState *s);
void raise_state_restore(VM *vm, const RaiseState *s);
bool exception_set_cause(VM *vm, Value exc, Value cause);   /* raise exc from cause */
void stop_iteration_escaped(VM *vm, int base, const char *kind);   /* PEP 479 */

/* builtins.c */
bool builtins_init(VM *vm);

/* modsys.c: text for stderr (vm->write_err, else the port's error output). */
void vm_error_write(VM *vm, const char *text, size_t len);

/* console.c: input() and the REPL's __displayhook__, reading lines through read. */
bool console_init(VM *vm, VmReadFn read, void *read_ctx);

#endif
