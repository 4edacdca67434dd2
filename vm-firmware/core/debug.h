/* The debugger: the engine that stops a program at lines (debug.c) and what it shows of a
 * stopped program (debug_inspect.c). The link's frames are docs/link-protocol.md#debugging;
 * link.c decodes them and calls these. Built when VIPER_DEBUGGER (config.h). */
#ifndef VIPER_DEBUG_H
#define VIPER_DEBUG_H

#include "vm.h"

#if VIPER_DEBUGGER

/* ==== the engine (debug.c) ================================================================ */

/* What the host does while the program is stopped (link.c): sends DEBUG_STOPPED, then serves the
 * link until debug_resume, a detach, STOP or a closed link. Returns false when the program must
 * end (STOP, RESET, closed): the engine then raises KeyboardInterrupt where it stopped. */
typedef bool (*DebugStopFn)(void *ctx, VM *vm, uint8_t reason, uint32_t thread, ObjCode *code,
                            uint32_t line, Value exc);
void debug_set_host(VM *vm, DebugStopFn stopped, void *ctx);

/* DEBUG_SET: flags DEBUG_FLAG_*. 0 detaches (forgets breakpoints, a stopped program goes on). */
void debug_set(VM *vm, uint8_t flags);
/* DEBUG_BREAKPOINTS: replaces file's lines. NULL, or why not (too many: the link's TOO_BIG). */
const char *debug_set_breakpoints(VM *vm, const char *file, size_t file_len, const uint16_t *lines,
                                  size_t count);
/* DEBUG_PAUSE: false when nothing runs or the program is stopped already. */
bool debug_pause(VM *vm);
/* DEBUG_RESUME: how DEBUG_RESUME_*, the step for thread; false when not stopped. */
bool debug_resume(VM *vm, uint8_t how, uint32_t thread);
/* The program is stopped (the host serves inspection requests). */
bool debug_is_stopped(const VM *vm);

/* ---- the interpreter's side (interp.c, thread.c, link.c) ---- */
/* Line events are wanted (attached, and a breakpoint, a step or a pause): the interpreter uses
 * its checking dispatch table from its next poll, call or return. */
extern volatile bool debug_checking;
/* DEBUG_FLAG_BREAK_UNCAUGHT | DEBUG_FLAG_BREAK_RAISED, while attached. */
extern volatile uint8_t debug_exceptions;
/* The instruction at pc of the top frame (saved: ip past its opcode) is about to run: stops there
 * when it starts a line that a breakpoint, the step or a pause wants. 0 go on, -1 the program
 * must end (the caller raises KeyboardInterrupt; every thread is interrupted). */
int debug_line(VM *vm, uint32_t pc);
/* A thread waits (sleep, a lock, input): a pause stops it there. False: end the program. */
bool debug_waiting(VM *vm);
/* vm->exc was just raised (BREAK_RAISED), or is unwinding with no try left in its thread
 * (BREAK_UNCAUGHT). False: end the program. */
bool debug_raised(VM *vm);
bool debug_unwinding(VM *vm);
/* A program (RUN, EXEC) begins: no stop, step or pause is left over. */
void debug_program_start(VM *vm);

/* ==== a stopped program, as the link shows it (debug_inspect.c) =========================== */
/* These read the VM as it is paused: the current thread's frames and the others' saved ones. The
 * link checks debug_is_stopped first; tests call them from a native, where the VM is paused too. */
/* Each writes a DEBUG_REPLY payload into out[0..room) and returns its length, or -1 with *why
 * set (the link answers ERROR BAD_STATE when not stopped, BAD_PAYLOAD for an unknown thread,
 * frame or reference). Frame ids and references are valid until the program resumes
 * (debug_inspect_forget). */
long debug_reply_threads(VM *vm, uint8_t *out, size_t room, const char **why);
long debug_reply_stack(VM *vm, uint32_t thread, uint16_t start, uint16_t levels, uint8_t *out,
                       size_t room, const char **why);
long debug_reply_scopes(VM *vm, uint16_t frame_id, uint8_t *out, size_t room, const char **why);
long debug_reply_variables(VM *vm, uint32_t ref, uint32_t start, uint16_t count, uint8_t *out,
                           size_t room, const char **why);
/* Runs a verified image compiled in 'eval' mode in the frame's scope; the engine does not stop
 * inside it. */
long debug_reply_evaluate(VM *vm, uint16_t frame_id, const uint8_t *image, size_t len, uint8_t *out,
                          size_t room, const char **why);
/* At resume: frame ids and references end. */
void debug_inspect_forget(VM *vm);
/* GC: the values references point at. */
void debug_inspect_mark(VM *vm);

#endif
#endif
