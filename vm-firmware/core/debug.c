/* The debugger's engine: breakpoints, stepping, pause and exception stops (debug.h). The
 * interpreter reports line events only while debug_checking is set (it switches to its checking
 * dispatch table at the next poll, call or return), and exceptions while debug_exceptions is;
 * a stop calls the host (link.c), which serves the link until the program may go on. */
#include <string.h>

#include "bytecode.h"
#include "debug.h"
#include "gen/link_protocol.h"
#include "thread.h"

#if VIPER_DEBUGGER

volatile bool debug_checking;
volatile uint8_t debug_exceptions;

typedef struct Breakpoint { uint8_t file; uint16_t line; } Breakpoint;

/* One debugger per process: it lives across runs (a RUN makes the VM afresh; DEBUG_SET and the
 * breakpoints stay until changed, RESET or the link closes). */
static struct {
  VM *vm;                       /* the VM the host drives */
  DebugStopFn host;
  void *host_ctx;
  uint8_t flags;                /* DEBUG_FLAG_* */
  char files[VIPER_DEBUG_FILES][VIPER_DEBUG_FILE_NAME];
  uint8_t file_len[VIPER_DEBUG_FILES];
  Breakpoint bp[VIPER_DEBUG_BREAKPOINTS];
  int nbp;
  bool pause;                   /* DEBUG_PAUSE: stop at the next line, or in a wait */
  bool stopped;                 /* stopped: the host serves inspection requests */
  bool in_stop;                 /* inside the host's stop: code run meanwhile (evaluate) never stops */
  uint8_t step;                 /* DEBUG_RESUME_NEXT, _STEP_IN, _STEP_OUT; CONTINUE: no step */
  uint32_t step_thread;
  int step_depth;               /* the stepping thread's frame count when the step began */
  /* which breakpoint file the last code's file is (-1 none), looked up once per code */
  const ObjCode *file_code;
  int file_index;
  /* the line segment [lo, hi) of the last code that pc fell in, and its line */
  const ObjCode *seg_code;
  uint32_t seg_lo, seg_hi, seg_line;
  /* the last instruction checked: a jump backwards within a frame starts a line */
  const Frame *last_frame;
  const ObjCode *last_code;
  uint32_t last_pc;
  Value uncaught_stopped;       /* the uncaught exception already stopped at (compared only) */
} dbg;

static void update_checking(void) {
  debug_checking = (dbg.flags & DEBUG_FLAG_ATTACHED) &&
                   (dbg.nbp > 0 || dbg.pause || dbg.step != DEBUG_RESUME_CONTINUE);
  debug_exceptions = (dbg.flags & DEBUG_FLAG_ATTACHED) ? dbg.flags & (DEBUG_FLAG_BREAK_UNCAUGHT | DEBUG_FLAG_BREAK_RAISED) : 0;
}

static void forget_code_caches(void) {
  dbg.file_code = NULL;
  dbg.seg_code = NULL;
  dbg.last_frame = NULL;
}

void debug_set_host(VM *vm, DebugStopFn stopped, void *ctx) {
  dbg.vm = vm;
  dbg.host = stopped;
  dbg.host_ctx = ctx;
}

void debug_set(VM *vm, uint8_t flags) {
  (void)vm;
  dbg.flags = flags;
  if (!(flags & DEBUG_FLAG_ATTACHED)) {   /* detach: forget everything, a stopped program goes on */
    dbg.flags = 0;
    dbg.nbp = 0;
    dbg.pause = false;
    dbg.step = DEBUG_RESUME_CONTINUE;
    dbg.stopped = false;
    memset(dbg.file_len, 0, sizeof dbg.file_len);
  }
  forget_code_caches();
  update_checking();
}

/* The file's slot in the table: found, or a free one taken (-1: none free). */
static int file_slot(const char *file, size_t len, bool take) {
  int i, free_slot = -1;
  for (i = 0; i < VIPER_DEBUG_FILES; i++) {
    if (dbg.file_len[i] == 0) { if (free_slot < 0) free_slot = i; continue; }
    if (dbg.file_len[i] == len && memcmp(dbg.files[i], file, len) == 0) return i;
  }
  if (!take || free_slot < 0) return -1;
  memcpy(dbg.files[free_slot], file, len);
  dbg.file_len[free_slot] = (uint8_t)len;
  return free_slot;
}

const char *debug_set_breakpoints(VM *vm, const char *file, size_t file_len, const uint16_t *lines,
                                  size_t count) {
  int slot, i, kept = 0;
  size_t k;
  (void)vm;
  if (file_len == 0) return "a breakpoint needs a file name";
  if (file_len >= VIPER_DEBUG_FILE_NAME) return "file name too long for the breakpoint table";
  slot = file_slot(file, file_len, false);
  /* the others' breakpoints, and how many this file's would make */
  for (i = 0; i < dbg.nbp; i++) if (dbg.bp[i].file != slot || slot < 0) kept++;
  if ((size_t)kept + count > VIPER_DEBUG_BREAKPOINTS) return "too many breakpoints for this VM";
  if (slot < 0 && count > 0) {
    slot = file_slot(file, file_len, true);
    if (slot < 0) return "too many files with breakpoints for this VM";
  }
  kept = 0;
  for (i = 0; i < dbg.nbp; i++) if (slot < 0 || dbg.bp[i].file != slot) dbg.bp[kept++] = dbg.bp[i];
  for (k = 0; k < count; k++) {
    dbg.bp[kept].file = (uint8_t)slot;
    dbg.bp[kept].line = lines[k];
    kept++;
  }
  dbg.nbp = kept;
  if (count == 0 && slot >= 0) dbg.file_len[slot] = 0;
  forget_code_caches();
  update_checking();
  return NULL;
}

bool debug_pause(VM *vm) {
  (void)vm;
  if (!(dbg.flags & DEBUG_FLAG_ATTACHED) || dbg.stopped) return false;
  dbg.pause = true;
  update_checking();
  return true;
}

static ObjThread *find_thread(VM *vm, uint32_t ident) {
  ObjThread *t;
  for (t = vm->threads; t != NULL; t = t->next)
    if (t->ident == ident && !thread_over(t)) return t;
  return NULL;
}

/* The running thread's ident, as _thread.get_ident() says (0: no room for its record). */
static uint32_t current_ident(VM *vm) {
  ObjThread *t = vm->current != NULL ? vm->current : thread_current(vm);
  return t != NULL ? t->ident : 0;
}

bool debug_resume(VM *vm, uint8_t how, uint32_t thread) {
  ObjThread *t;
  int depth;
  if (!dbg.stopped || how > DEBUG_RESUME_STEP_OUT) return false;
  if (vm->current == NULL || thread == vm->current->ident) {
    depth = vm->frame_count;
  } else {
    if ((t = find_thread(vm, thread)) == NULL) return false;
    depth = t->run.frame_count;
  }
  dbg.step = how;
  dbg.step_thread = thread;
  dbg.step_depth = depth;
  dbg.stopped = false;
  update_checking();
  return true;
}

bool debug_is_stopped(const VM *vm) {
  (void)vm;
  return dbg.stopped;
}

/* ==== stops ================================================================================ */

/* Stop here: the host serves the link until the program may go on. False: end the program. The
 * pending exception and its traceback are kept aside while the host evaluates expressions. */
static bool stop(VM *vm, uint8_t reason, ObjCode *code, uint32_t line, Value exc) {
  RaiseState saved;
  RootMark mark = gc_root_mark(vm);
  Value *sp = vm->sp;
  int frames = vm->frame_count;
  uint32_t ident = current_ident(vm);
  bool go_on;
  raise_state_save(vm, &saved);
  vm_push_root(vm, saved.exc);
  vm_push_root(vm, saved.handling);
  dbg.pause = false;
  dbg.step = DEBUG_RESUME_CONTINUE;
  dbg.stopped = true;
  dbg.in_stop = true;
  update_checking();
  go_on = dbg.host == NULL || dbg.host(dbg.host_ctx, vm, reason, ident, code, line, exc);
  vm->sp = sp;   /* as the interpreter saved them: what ran meanwhile (evaluations) is gone */
  vm->frame_count = frames;
  dbg.in_stop = false;
  dbg.stopped = false;
  dbg.last_frame = NULL;
  debug_inspect_forget(vm);
  update_checking();
  gc_root_restore(vm, mark);
  raise_state_restore(vm, &saved);
  if (!go_on) thread_interrupt(vm);   /* every thread ends; the caller raises KeyboardInterrupt */
  return go_on;
}

/* pc's line, and whether pc is where that line's code begins (a line table entry; a function's
 * first instruction unless it only makes the generator). */
static uint32_t line_at(const ObjCode *code, uint32_t pc, bool *starts) {
  if (code != dbg.seg_code || pc < dbg.seg_lo || pc >= dbg.seg_hi) {
    uint32_t addr = 0, lo = 0, hi = code->code_len, i;
    int32_t line = code->first_line;
    for (i = 0; i + 1 < code->lines_len; i += 2) {
      int8_t delta = (int8_t)code->lines[i + 1];
      addr += code->lines[i];
      if (delta == 0) continue;   /* a long address step */
      if (addr > pc) { hi = addr; break; }
      lo = addr;
      line += delta;
    }
    dbg.seg_code = code;
    dbg.seg_lo = lo;
    dbg.seg_hi = hi;
    dbg.seg_line = (uint32_t)line;
  }
  *starts = pc == dbg.seg_lo && !(pc == 0 && code->code[0] == OP_GEN_START);
  return dbg.seg_line;
}

static bool has_breakpoint(const ObjCode *code, uint32_t line) {
  int i;
  if (code != dbg.file_code) {
    dbg.file_code = code;
    dbg.file_index = code->file != NULL ? file_slot(code->file->chars, code->file->len, false) : -1;
  }
  if (dbg.file_index < 0) return false;
  for (i = 0; i < dbg.nbp; i++)
    if (dbg.bp[i].file == dbg.file_index && dbg.bp[i].line == line) return true;
  return false;
}

int debug_line(VM *vm, uint32_t pc) {
  const Frame *frame = &vm->frames[vm->frame_count - 1];
  ObjCode *code = frame->code;
  bool starts, backwards = frame == dbg.last_frame && code == dbg.last_code && pc <= dbg.last_pc;
  uint32_t line;
  uint8_t reason;
  if (vm != dbg.vm || dbg.in_stop) return 0;
  dbg.last_frame = frame;
  dbg.last_code = code;
  dbg.last_pc = pc;
  line = line_at(code, pc, &starts);
  if (!starts && !backwards) return 0;
  if (dbg.pause) {
    reason = DEBUG_STOP_PAUSE;
  } else if (dbg.step != DEBUG_RESUME_CONTINUE && current_ident(vm) == dbg.step_thread &&
             (dbg.step == DEBUG_RESUME_STEP_IN ||
              (dbg.step == DEBUG_RESUME_NEXT && vm->frame_count <= dbg.step_depth) ||
              (dbg.step == DEBUG_RESUME_STEP_OUT && vm->frame_count < dbg.step_depth))) {
    reason = DEBUG_STOP_STEP;
  } else if (dbg.nbp > 0 && has_breakpoint(code, line)) {
    reason = DEBUG_STOP_BREAKPOINT;
  } else {
    return 0;
  }
  return stop(vm, reason, code, line, NONE_VAL) ? 1 : -1;
}

/* The line the top frame is at (its ip is past the instruction that runs or raised). */
static uint32_t top_line(VM *vm, ObjCode **code) {
  const Frame *f = &vm->frames[vm->frame_count - 1];
  *code = f->code;
  return code_line_at(f->code, (uint32_t)(f->ip - f->code->code) - 1);
}

bool debug_waiting(VM *vm) {
  ObjCode *code;
  uint32_t line;
  if (vm != dbg.vm || dbg.in_stop || !dbg.pause || vm->frame_count == 0) return true;
  line = top_line(vm, &code);
  return stop(vm, DEBUG_STOP_PAUSE, code, line, NONE_VAL);
}

/* Exceptions the debugger leaves alone: a STOP, the program's own exit, iteration's end
 * (natives catch those). */
static bool ignored(VM *vm, Value exc) {
  return vm->interrupt || IS_TYPE(exc, &exc_SystemExit) || IS_TYPE(exc, &exc_StopIteration) ||
         IS_TYPE(exc, &exc_GeneratorExit);
}

bool debug_raised(VM *vm) {
  ObjCode *code;
  uint32_t line;
  Value exc = vm->exc;
  if (vm != dbg.vm || dbg.in_stop || !(debug_exceptions & DEBUG_FLAG_BREAK_RAISED) || vm->frame_count == 0 ||
      ignored(vm, exc))
    return true;
  line = top_line(vm, &code);
  return stop(vm, DEBUG_STOP_RAISED, code, line, exc);
}

static uint16_t code_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

/* exc is one of the classes (a class, or a tuple of them); anything else may match. */
static bool class_matches(Value exc, Value want) {
  uint32_t i;
  if (IS_TUPLE(want)) {
    for (i = 0; i < AS_TUPLE(want)->len; i++)
      if (class_matches(exc, AS_TUPLE(want)->items[i])) return true;
    return false;
  }
  if (!IS_TYPE(want, &type_type) || !type_is_exception((const Type *)AS_OBJ(want))) return true;
  return type_is_subtype(OBJ_TYPE(exc), (const Type *)AS_OBJ(want));
}

/* Whether the try block whose handler is at pc in frame f may catch exc. Its except clauses
 * (DUP_TOP, classes named by LOAD_NAME / LOAD_GLOBAL / BUILD_TUPLE, JUMP_IF_NOT_EXC_MATCH) are
 * checked without running anything; a finally (its handler begins with the block around its
 * body) and a with (its __exit__ seldom says to swallow it) re-raise; anything else (a bare
 * except, a class named by an attribute) may catch. */
static bool may_catch(VM *vm, const Frame *f, uint32_t pc, Value exc) {
  const ObjCode *code = f->code;
  const uint8_t *c = code->code;
  int clauses = 0;
  for (;;) {
    bool matched = false;
    int loaded = 0;
    if (pc >= code->code_len) return true;
    if ((c[pc] == OP_SETUP_FINALLY || c[pc] == OP_WITH_EXCEPT) && clauses == 0) return false;
    if (c[pc] == OP_RERAISE) return clauses == 0;   /* no clause matched */
    if (c[pc] != OP_DUP_TOP) return true;
    pc++;
    while (pc + 3 <= code->code_len && (c[pc] == OP_LOAD_NAME || c[pc] == OP_LOAD_GLOBAL || c[pc] == OP_BUILD_TUPLE)) {
      if (c[pc] == OP_BUILD_TUPLE) {
        if (code_u16(c + pc + 1) != loaded) return true;   /* nested tuples: not followed */
      } else {
        ObjStr *name = AS_STR(code->names[code_u16(c + pc + 1)]);
        Value v = c[pc] == OP_LOAD_NAME && f->ns != NULL ? dict_get_str(f->ns, name) : UNBOUND_VAL;
        if (v == UNBOUND_VAL) v = dict_get_str(f->globals, name);
        if (v == UNBOUND_VAL) v = dict_get_str(vm->builtins, name);
        if (v == UNBOUND_VAL || class_matches(exc, v)) matched = true;
        loaded++;
      }
      pc += 3;
    }
    if (matched || loaded == 0 || pc + 3 > code->code_len || c[pc] != OP_JUMP_IF_NOT_EXC_MATCH) return true;
    pc = (uint32_t)((int32_t)pc + 3 + (int16_t)code_u16(c + pc + 1));
    clauses++;
  }
}

bool debug_unwinding(VM *vm) {
  ObjCode *code;
  uint32_t line;
  Value exc = vm->exc;
  int k;
  if (vm != dbg.vm || dbg.in_stop || !(debug_exceptions & DEBUG_FLAG_BREAK_UNCAUGHT) || vm->frame_count == 0 ||
      exc == dbg.uncaught_stopped || ignored(vm, exc))
    return true;
  for (k = vm->frame_count - 1; k >= 0; k--) {   /* a try of this thread that may catch it */
    const Frame *f = &vm->frames[k];
    int b;
    for (b = f->nblocks - 1; b >= 0; b--)
      if (may_catch(vm, f, f->blocks[b].handler, exc)) return true;
  }
  dbg.uncaught_stopped = exc;
  line = top_line(vm, &code);
  return stop(vm, DEBUG_STOP_EXCEPTION, code, line, exc);
}

void debug_program_start(VM *vm) {
  (void)vm;
  dbg.uncaught_stopped = NONE_VAL;
  dbg.stopped = dbg.in_stop = false;
  dbg.step = DEBUG_RESUME_CONTINUE;
  dbg.pause = false;
  forget_code_caches();
  update_checking();
}

#endif
