// Link protocol constants shared with the VM (generated into vm-firmware/core/gen/link_protocol.h).
// The protocol is specified in docs/link-protocol.md.

export const LINK_PROTOCOL_VERSION = 2;
/** Requests a host may have unanswered at once (v2 INFO carries the VM's own figure). */
export const LINK_WINDOW = 1;
/** Largest payload of one frame, in bytes (before COBS encoding). */
export const LINK_MAX_PAYLOAD = 1024;
/** Largest upload chunk: a payload holds a u32 offset and the data. */
export const LINK_MAX_CHUNK = LINK_MAX_PAYLOAD - 4;

/** Frame types: host to VM below 0x80, VM to host from 0x80. */
export const FRAME_TYPES = {
  HELLO: 0x01,
  UPLOAD_BEGIN: 0x02,
  UPLOAD_CHUNK: 0x03,
  UPLOAD_END: 0x04,
  RUN: 0x05,
  STOP: 0x06,
  RESET: 0x07,
  STDIN: 0x08,
  STATUS: 0x09,
  EXEC: 0x0a,
  BOARD_INPUT: 0x0b,
  DEBUG_SET: 0x0c,
  DEBUG_BREAKPOINTS: 0x0d,
  DEBUG_PAUSE: 0x0e,
  DEBUG_RESUME: 0x0f,
  DEBUG_THREADS: 0x10,
  DEBUG_STACK: 0x11,
  DEBUG_SCOPES: 0x12,
  DEBUG_VARIABLES: 0x13,
  DEBUG_EVALUATE: 0x14,
  ACK: 0x80,
  INFO: 0x81,
  ERROR: 0x82,
  STDOUT: 0x83,
  EXCEPTION: 0x84,
  DONE: 0x85,
  STATE: 0x86,
  BOARD_STATE: 0x87,
  UART_OUT: 0x88,
  DEBUG_STOPPED: 0x89,
  DEBUG_REPLY: 0x8a,
} as const;
export type FrameTypeName = keyof typeof FRAME_TYPES;

/** Codes carried by ERROR frames. */
export const LINK_ERRORS = {
  UNKNOWN_TYPE: 1,
  BAD_STATE: 2,
  TOO_BIG: 3,
  BAD_OFFSET: 4,
  CRC_MISMATCH: 5,
  BAD_IMAGE: 6,
  NO_PROGRAM: 7,
  BUSY: 8,
  BAD_PAYLOAD: 9,
  IMAGE_VERSION: 10,
  STORAGE: 11,
  TOO_LONG: 12,
} as const;

/** Status byte of a DONE frame. */
export const DONE_STATUS = {
  OK: 0,
  EXCEPTION: 1,
  STOPPED: 2,
  VM_ERROR: 3,
} as const;

/** The optional last byte of an EXCEPTION frame: it is an earlier exception of a chain, and
 *  the next EXCEPTION frame's exception was raised from it (CAUSE) or while handling it (CONTEXT). */
export const EXCEPTION_LED = {
  CAUSE: 1,
  CONTEXT: 2,
} as const;

/** Flags: UPLOAD_BEGIN's optional flags byte, and the stored program's flags in INFO and STATE. */
export const PROGRAM_FLAGS = {
  RUN_AT_BOOT: 0x01,
  STORED: 0x80,
} as const;

/** What a VM is doing, in STATE frames. */
export const VM_STATES = {
  IDLE: 0,
  RUNNING: 1,
  WAITING_INPUT: 2,
  UPLOADING: 3,
} as const;

/** What a BOARD_INPUT frame changes on the Virtual board (its first payload byte). */
export const BOARD_INPUT_KINDS = {
  SNAPSHOT: 0,
  PIN_LEVEL: 1,
  ANALOG: 2,
  SENSOR: 3,
  UART_RX: 4,
  PULSES: 5,
} as const;

/** How a pin is used, in BOARD_STATE frames. */
export const PIN_MODES = {
  UNUSED: 0,
  INPUT: 1,
  OUTPUT: 2,
  OPEN_DRAIN: 3,
  PWM: 4,
  ADC: 5,
  BUS: 6,
} as const;

/** DEBUG_SET's flags byte: the debugger is attached, and on which exceptions the program stops. */
export const DEBUG_FLAGS = {
  ATTACHED: 0x01,
  BREAK_UNCAUGHT: 0x02,
  BREAK_RAISED: 0x04,
} as const;

/** Why a program stopped, in DEBUG_STOPPED frames. */
export const DEBUG_STOP_REASONS = {
  BREAKPOINT: 0,
  STEP: 1,
  PAUSE: 2,
  EXCEPTION: 3,
  RAISED: 4,
} as const;

/** How DEBUG_RESUME goes on. */
export const DEBUG_RESUME_HOW = {
  CONTINUE: 0,
  NEXT: 1,
  STEP_IN: 2,
  STEP_OUT: 3,
} as const;

/** The scopes DEBUG_SCOPES lists for a frame. */
export const DEBUG_SCOPE_KINDS = {
  LOCALS: 0,
  GLOBALS: 1,
  CLOSURE: 2,
} as const;

/** A thread's state in DEBUG_THREADS. */
export const DEBUG_THREAD_STATES = {
  READY: 0,
  STOPPED: 1,
  BLOCKED: 2,
} as const;
