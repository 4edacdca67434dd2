// The debug frames' payloads (docs/link-protocol.md#debugging): requests encoded here, the VM's
// DEBUG_STOPPED and DEBUG_REPLY decoded and checked — a short, long or malformed payload throws
// a DebugWireError, never anything worse.
import { DEBUG_SCOPE_KINDS, DEBUG_STOP_REASONS, DEBUG_THREAD_STATES } from '../link/protocol';
import { PayloadReader } from '../link/payload';

export class DebugWireError extends Error {}

export type StopReason = 'breakpoint' | 'step' | 'pause' | 'exception' | 'raised';
export type ThreadState = 'ready' | 'stopped' | 'blocked';
export type ScopeKind = 'locals' | 'globals' | 'closure';

export interface DebugStop {
  reason: StopReason;
  thread: number;
  file: string;
  line: number;
  /** For 'exception' and 'raised'. */
  exception?: { type: string; message: string };
}
export interface DebugThread { ident: number; state: ThreadState; name: string }
export interface DebugFrame { id: number; file: string; function: string; line: number }
export interface DebugStack { total: number; frames: DebugFrame[] }
export interface DebugScope { kind: ScopeKind; reference: number; count: number }
export interface DebugVariable { name: string; type: string; value: string; reference: number; children: number }
export interface DebugVariables { total: number; variables: DebugVariable[] }
export interface DebugEvaluation { ok: boolean; type: string; value: string; reference: number; children: number }

/** The `__main__` globals, for DEBUG_EVALUATE when no frame is named. */
export const GLOBALS_FRAME = 0xffff;

const REASONS = inverse(DEBUG_STOP_REASONS) as Map<number, Uppercase<StopReason>>;
const STATES = inverse(DEBUG_THREAD_STATES) as Map<number, Uppercase<ThreadState>>;
const SCOPES = inverse(DEBUG_SCOPE_KINDS) as Map<number, Uppercase<ScopeKind>>;

function inverse(table: Record<string, number>): Map<number, string> {
  return new Map(Object.entries(table).map(([k, v]) => [v, k]));
}

// ---- requests ----

class Writer {
  private bytes: number[] = [];
  u8(v: number): this { this.bytes.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v).u8(v >> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  str16(s: string): this {
    const b = new TextEncoder().encode(s);
    if (b.length > 0xffff) throw new DebugWireError('name too long');
    this.u16(b.length);
    b.forEach(x => this.u8(x));
    return this;
  }
  bytesOf(b: Uint8Array): this { b.forEach(x => this.u8(x)); return this; }
  done(): Uint8Array { return Uint8Array.from(this.bytes); }
}

function checkRange(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new DebugWireError(`${what} ${value} out of range`);
  return value;
}

export function encodeDebugSet(flags: number): Uint8Array { return new Writer().u8(flags).done(); }

/** DEBUG_BREAKPOINTS: one file's lines (at most 255 in one frame; the VM refuses more than its table). */
export function encodeBreakpoints(file: string, lines: number[]): Uint8Array {
  if (lines.length > 255) throw new DebugWireError(`${lines.length} breakpoints in ${file}: at most 255`);
  const w = new Writer().str16(file).u8(lines.length);
  for (const line of lines) w.u16(checkRange(line, 0xffff, 'line'));
  return w.done();
}

export function encodeResume(how: number, thread: number): Uint8Array {
  return new Writer().u8(how).u32(checkRange(thread, 0xffffffff, 'thread')).done();
}

export function encodeStack(thread: number, start: number, levels: number): Uint8Array {
  return new Writer().u32(checkRange(thread, 0xffffffff, 'thread')).u16(checkRange(start, 0xffff, 'start'))
    .u16(checkRange(levels, 0xffff, 'levels')).done();
}

export function encodeScopes(frameId: number): Uint8Array { return new Writer().u16(checkRange(frameId, 0xffff, 'frame')).done(); }

export function encodeVariables(reference: number, start: number, count: number): Uint8Array {
  return new Writer().u32(checkRange(reference, 0xffffffff, 'reference')).u32(checkRange(start, 0xffffffff, 'start'))
    .u16(checkRange(count, 0xffff, 'count')).done();
}

/** DEBUG_EVALUATE: an image compiled in 'eval' mode, run in the frame's scope. */
export function encodeEvaluate(frameId: number, image: Uint8Array): Uint8Array {
  return new Writer().u16(checkRange(frameId, 0xffff, 'frame')).bytesOf(image).done();
}

// ---- answers ----

/** Runs a decoder over a payload: a short payload, bytes left over or an unknown code is an error. */
function decode<T>(what: string, payload: Uint8Array, read: (r: PayloadReader) => T): T {
  const r = new PayloadReader(payload);
  let value: T;
  try {
    value = read(r);
  } catch (err) {
    throw new DebugWireError(`malformed ${what}: ${(err as Error).message}`);
  }
  if (r.remaining() !== 0) throw new DebugWireError(`malformed ${what}: ${r.remaining()} bytes left over`);
  return value;
}

function known<T>(table: Map<number, T>, code: number, what: string): T {
  const name = table.get(code);
  if (name === undefined) throw new Error(`unknown ${what} ${code}`);
  return name;
}

export function decodeStopped(payload: Uint8Array): DebugStop {
  return decode('DEBUG_STOPPED', payload, r => {
    const reason = known(REASONS, r.u8(), 'stop reason').toLowerCase() as StopReason;
    const stop: DebugStop = { reason, thread: r.u32(), file: r.str16(), line: r.u16() };
    if (reason === 'exception' || reason === 'raised') stop.exception = { type: r.str16(), message: r.str16() };
    return stop;
  });
}

export function decodeThreads(payload: Uint8Array): DebugThread[] {
  return decode('thread list', payload, r => {
    const count = r.u8();
    const threads: DebugThread[] = [];
    for (let i = 0; i < count; i++) {
      threads.push({ ident: r.u32(), state: known(STATES, r.u8(), 'thread state').toLowerCase() as ThreadState, name: r.str8() });
    }
    return threads;
  });
}

export function decodeStack(payload: Uint8Array): DebugStack {
  return decode('stack', payload, r => {
    const total = r.u16(), count = r.u8();
    const frames: DebugFrame[] = [];
    for (let i = 0; i < count; i++) frames.push({ id: r.u16(), file: r.str16(), function: r.str16(), line: r.u16() });
    return { total, frames };
  });
}

export function decodeScopes(payload: Uint8Array): DebugScope[] {
  return decode('scopes', payload, r => {
    const count = r.u8();
    const scopes: DebugScope[] = [];
    for (let i = 0; i < count; i++) {
      scopes.push({ kind: known(SCOPES, r.u8(), 'scope kind').toLowerCase() as ScopeKind, reference: r.u32(), count: r.u32() });
    }
    return scopes;
  });
}

export function decodeVariables(payload: Uint8Array): DebugVariables {
  return decode('variables', payload, r => {
    const total = r.u32(), count = r.u8();
    const variables: DebugVariable[] = [];
    for (let i = 0; i < count; i++) {
      variables.push({ name: r.str16(), type: r.str16(), value: r.str16(), reference: r.u32(), children: r.u32() });
    }
    return { total, variables };
  });
}

export function decodeEvaluation(payload: Uint8Array): DebugEvaluation {
  return decode('evaluation', payload, r => {
    const ok = r.u8();
    if (ok > 1) throw new Error(`bad ok byte ${ok}`);
    return { ok: ok === 1, type: r.str16(), value: r.str16(), reference: r.u32(), children: r.u32() };
  });
}
