/* Build-time configuration defaults. A port overrides them with -D or in its port_config.h;
 * impossible combinations are rejected with #error. */
#ifndef VIPER_CONFIG_H
#define VIPER_CONFIG_H

#define VIPER_VERSION_MAJOR 0
#define VIPER_VERSION_MINOR 1
#define VIPER_VERSION_PATCH 0
#define VIPER_VERSION_STRING "0.1.0"

/* Feature levels, chosen per board (MicroPython's ROM levels): what the VM carries.
 *  minimal:  small ints (overflow raises OverflowError), floats, str, list, tuple, dict, functions,
 *            closures, classes, exceptions, generators, machine, board, _thread;
 *  standard: + big ints, set/frozenset, bytes/bytearray, full str formatting (format specs, %);
 *  full:     + array, memoryview, weakref, atexit (everything; the host VM). */
#define VIPER_LEVEL_MINIMAL  0
#define VIPER_LEVEL_STANDARD 1
#define VIPER_LEVEL_FULL     2
#ifndef VIPER_LEVEL
#define VIPER_LEVEL VIPER_LEVEL_FULL
#endif
#if VIPER_LEVEL < VIPER_LEVEL_MINIMAL || VIPER_LEVEL > VIPER_LEVEL_FULL
#error "VIPER_LEVEL must be VIPER_LEVEL_MINIMAL (0), VIPER_LEVEL_STANDARD (1) or VIPER_LEVEL_FULL (2)"
#endif
#define VIPER_HAS_BIGINT      (VIPER_LEVEL >= VIPER_LEVEL_STANDARD)
#define VIPER_HAS_SET         (VIPER_LEVEL >= VIPER_LEVEL_STANDARD)
#define VIPER_HAS_BYTES       (VIPER_LEVEL >= VIPER_LEVEL_STANDARD)
#define VIPER_HAS_FULL_FORMAT (VIPER_LEVEL >= VIPER_LEVEL_STANDARD)
#define VIPER_HAS_ARRAY       (VIPER_LEVEL >= VIPER_LEVEL_FULL)
#define VIPER_HAS_MEMORYVIEW  (VIPER_LEVEL >= VIPER_LEVEL_FULL)
#define VIPER_HAS_WEAKREF     (VIPER_LEVEL >= VIPER_LEVEL_FULL)
#define VIPER_HAS_ATEXIT      (VIPER_LEVEL >= VIPER_LEVEL_FULL)
/* breakpoints, stepping and inspection over the link (debug.h); minimal boards lack the room */
#ifndef VIPER_DEBUGGER
#define VIPER_DEBUGGER        (VIPER_LEVEL >= VIPER_LEVEL_STANDARD)
#endif
/* The debugger's breakpoint table: lines in all, files, a file name's room (with its NUL). */
#ifndef VIPER_DEBUG_BREAKPOINTS
#define VIPER_DEBUG_BREAKPOINTS 32
#endif
#ifndef VIPER_DEBUG_FILES
#define VIPER_DEBUG_FILES 8
#endif
#ifndef VIPER_DEBUG_FILE_NAME
#define VIPER_DEBUG_FILE_NAME 48
#endif
/* The name a level's error messages use ("sets are not available in the minimal VM"). */
#define VIPER_LEVEL_NAME (VIPER_LEVEL == VIPER_LEVEL_MINIMAL ? "minimal" : VIPER_LEVEL == VIPER_LEVEL_STANDARD ? "standard" : "full")

/* Dispatch by computed goto (GCC/Clang "labels as values") or by a plain switch. */
#ifndef VIPER_COMPUTED_GOTO
#  if defined(__GNUC__)
#    define VIPER_COMPUTED_GOTO 1
#  else
#    define VIPER_COMPUTED_GOTO 0
#  endif
#endif

/* Deepest Python call nesting before RecursionError. */
#ifndef VIPER_MAX_FRAMES
#define VIPER_MAX_FRAMES 100
#endif

/* Nested try blocks in one function (the compiler refuses deeper nesting). */
#ifndef VIPER_MAX_BLOCKS
#define VIPER_MAX_BLOCKS 8
#endif
#if VIPER_MAX_BLOCKS > 8
#error "VIPER_MAX_BLOCKS must be at most 8 (generators save that many)"
#endif

/* Operand stack + locals of all frames, in values. */
#ifndef VIPER_STACK_VALUES
#define VIPER_STACK_VALUES 2048
#endif

/* Backward jumps and calls between two calls of the poll hook (STOP, ticks). */
#ifndef VIPER_POLL_INTERVAL
#define VIPER_POLL_INTERVAL 1000
#endif

/* Frames kept in a traceback (outermost half + innermost half when deeper). */
#ifndef VIPER_TRACEBACK_MAX
#define VIPER_TRACEBACK_MAX 16
#endif

/* Values the C code may hold across an allocation (see vm_push_root). */
#ifndef VIPER_TEMP_ROOTS
#define VIPER_TEMP_ROOTS 32
#endif

/* A thread's Python stack when thread() gives no size: values (locals and operands) and call
 * depth; and its C temporaries' roots. All come from the heap when the thread starts. */
#ifndef VIPER_THREAD_STACK_VALUES
#define VIPER_THREAD_STACK_VALUES 256
#endif
#ifndef VIPER_THREAD_FRAMES
#define VIPER_THREAD_FRAMES 16
#endif
#ifndef VIPER_THREAD_ROOTS
#define VIPER_THREAD_ROOTS 32
#endif
/* The host VM, whose heap grows to megabytes, gives a thread this many times as much (a host
 * VM given a board's small heap, --heap 32k, keeps the board's sizes). */
#ifndef VIPER_THREAD_SCALE
#define VIPER_THREAD_SCALE 1
#endif

/* Debug checks (GC root bounds and balance): on in the sanitizer builds, off on boards. */
#ifndef VIPER_DEBUG
#  if defined(__SANITIZE_ADDRESS__)
#    define VIPER_DEBUG 1
#  else
#    define VIPER_DEBUG 0
#  endif
#endif

/* Entries of the GC's grey stack; deeper structures fall back to a heap rescan. */
#ifndef VIPER_GC_GREY_MAX
#define VIPER_GC_GREY_MAX 64
#endif

#if VIPER_MAX_FRAMES < 4
#error "VIPER_MAX_FRAMES must be at least 4"
#endif
#if VIPER_STACK_VALUES < 64
#error "VIPER_STACK_VALUES must be at least 64"
#endif
#if VIPER_TRACEBACK_MAX < 2 || (VIPER_TRACEBACK_MAX % 2) != 0
#error "VIPER_TRACEBACK_MAX must be an even number >= 2"
#endif

#endif
