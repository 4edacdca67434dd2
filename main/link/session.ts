// A device session: the host side of the link protocol (docs/link-protocol.md) over any
// transport — the Virtual board's pipes, a pseudo-terminal or a serial port.
import { EventEmitter } from 'node:events';
import { crc32 } from '../../compiler/src/bytecode/crc32';
import type { ExceptionReport, TracebackFrame } from '../common/api';
import { encodeFrame, FrameReader, type Frame } from './frame';
import { DONE_STATUS, EXCEPTION_LED, FRAME_TYPES, LINK_ERRORS, LINK_MAX_CHUNK, LINK_MAX_PAYLOAD, PROGRAM_FLAGS, VM_STATES, BOARD_INPUT_KINDS, PIN_MODES } from './protocol';
import { PayloadReader } from './payload';
import { decodeStopped, type DebugStop } from '../debug/wire';
import type { Transport } from './transport';

export interface VmInfo {
  protocolVersion: number;
  imageFormatVersion: number;
  vmVersion: string;
  heapBytes: number;
  storageBytes: number;
  boardId: string;
  chipId: string;
  /** Version 2 and later: */
  maxPayload?: number;
  /** Requests the VM takes before answering (1: one at a time). */
  window?: number;
  programStored?: boolean;
  runAtBoot?: boolean;
  /** Bytes the VM keeps for REPL entries (0: no REPL). */
  replBytes?: number;
}

export type VmState = 'idle' | 'running' | 'waiting-input' | 'uploading';

export interface VmStatus {
  state: VmState;
  programStored: boolean;
  runAtBoot: boolean;
  programBytes: number;
  programCrc: number;
  /** Damaged frames the VM dropped, and errors it answered, since it started. */
  droppedFrames: number;
  errors: number;
}

export interface UploadOptions {
  /** The board runs the program whenever it starts. */
  runAtBoot?: boolean;
  onProgress?: (sent: number, total: number) => void;
}

export type DoneStatus = 'ok' | 'exception' | 'stopped' | 'error';

export class LinkError extends Error {
  constructor(message: string, readonly code?: number) { super(message); }
}

export interface SessionOptions {
  /** How long to wait for the answer to one request before resending it. */
  timeoutMs?: number;
  /** How many times a request is sent before the session gives up. */
  attempts?: number;
  /** Upload chunk size (at most LINK_MAX_CHUNK; tests use small ones). */
  chunkSize?: number;
  /** How long a debugger's expression may run (the VM answers BUSY to its resends meanwhile). */
  evaluationWaitMs?: number;
}

interface Pending { seq: number; resolve(frame: Frame): void; reject(err: Error): void }

const ERROR_NAMES = new Map<number, string>(Object.entries(LINK_ERRORS).map(([k, v]) => [v, k]));
const DONE_NAMES: Record<number, DoneStatus> = {
  [DONE_STATUS.OK]: 'ok', [DONE_STATUS.EXCEPTION]: 'exception', [DONE_STATUS.STOPPED]: 'stopped', [DONE_STATUS.VM_ERROR]: 'error',
};

const STATE_NAMES: Record<number, VmState> = {
  [VM_STATES.IDLE]: 'idle', [VM_STATES.RUNNING]: 'running', [VM_STATES.WAITING_INPUT]: 'waiting-input', [VM_STATES.UPLOADING]: 'uploading',
};

/** What a session emits, and each event's arguments: `on('ouptut', …)` fails type checking. */
export interface SessionEvents {
  /** Text the program printed (UTF-8 decoded across frames). */
  output: [text: string];
  /** An uncaught exception, with the chain that led to it. */
  exception: [report: ExceptionReport];
  /** The program or REPL entry ended. */
  done: [status: DoneStatus];
  state: [state: 'running' | 'idle'];
  /** The transport closed; the session is over. */
  close: [reason: string];
  /** How the board's pins in use are now (BOARD_STATE: the whole table, sent on change, ≤ ~60/s). */
  boardState: [pins: PinState[]];
  /** Bytes a UART of the Virtual board sent (UART_OUT). */
  uartOut: [bus: number, bytes: Uint8Array];
  /** The program stopped for the debugger (DEBUG_STOPPED). */
  debugStopped: [stop: DebugStop];
}

/** One pin of a BOARD_STATE frame: its index in the board's definition (boards/<id>.json). */
export interface PinState { pin: number; mode: PinMode; value: number }
export type PinMode = Lowercase<keyof typeof PIN_MODES>;
const PIN_MODE_NAMES = new Map<number, PinMode>(Object.entries(PIN_MODES).map(([k, v]) => [v, k.toLowerCase() as PinMode]));

/** What a person does to the Virtual board (BOARD_INPUT). */
export type BoardInput =
  | { kind: 'snapshot' }
  | { kind: 'pin'; pin: number; level: 0 | 1 }
  | { kind: 'analog'; pin: number; value: number }
  | { kind: 'sensor'; temperature: number; humidity: number; connected?: boolean }
  | { kind: 'uart'; bus: number; bytes: Uint8Array }
  | { kind: 'pulses'; pin: number; count: number; periodUs: number };

/** The BOARD_INPUT payload of an input (docs/link-protocol.md). */
export function encodeBoardInput(input: BoardInput): Uint8Array {
  const k = BOARD_INPUT_KINDS;
  const bytes = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());
  const u16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
  const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  switch (input.kind) {
    case 'snapshot': return bytes([k.SNAPSHOT]);
    case 'pin': return bytes([k.PIN_LEVEL, input.pin, input.level]);
    case 'analog': return bytes([k.ANALOG, input.pin], u16(input.value));
    case 'sensor': {
      const measured = bytes([k.SENSOR], u16(Math.round(input.temperature * 100) & 0xffff), u16(Math.round(input.humidity * 100)));
      // the connected byte only when it is said: a VM older than it takes the 5-byte form
      return input.connected === undefined ? measured : bytes([...measured], [input.connected ? 1 : 0]);
    }
    case 'uart': return bytes([k.UART_RX, input.bus], [...input.bytes]);
    case 'pulses': return bytes([k.PULSES, input.pin], u16(input.count), u32(input.periodUs));
  }
}

/** A BOARD_STATE payload: u8 count, then per pin u8 index, u8 mode, u16 value. */
export function parseBoardState(payload: Uint8Array): PinState[] {
  const r = new PayloadReader(payload);
  const count = r.u8();
  const pins: PinState[] = [];
  for (let i = 0; i < count; i++) {
    const pin = r.u8(), mode = PIN_MODE_NAMES.get(r.u8()), value = r.u16();
    if (mode === undefined) throw new Error('unknown pin mode');
    pins.push({ pin, mode, value });
  }
  return pins;
}

/**
 * Requests are sent one at a time (the VM's window is 1); each waits for its answer, resending
 * it with the same sequence number on timeout — the VM answers a resent request again
 * without acting twice.
 */
export class DeviceSession extends EventEmitter<SessionEvents> {
  private readonly reader = new FrameReader(frame => this.onFrame(frame));
  private readonly decoder = new TextDecoder('utf-8');
  private chain: NonNullable<ExceptionReport['chain']> = [];
  private nextSeq = 0;
  private pending?: Pending;
  private queue: Promise<unknown> = Promise.resolve();
  private closedReason?: string;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly chunkSize: number;
  private readonly evaluationWaitMs: number;

  constructor(private readonly transport: Transport, options: SessionOptions = {}) {
    super();
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.attempts = options.attempts ?? 3;
    this.chunkSize = Math.min(options.chunkSize ?? LINK_MAX_CHUNK, LINK_MAX_CHUNK);
    this.evaluationWaitMs = options.evaluationWaitMs ?? 10000;
    transport.onData(bytes => this.reader.push(bytes));
    transport.onClose(reason => this.onClose(reason));
  }

  /** Frames dropped as damaged so far. */
  get droppedFrames(): number { return this.reader.dropped; }
  get closed(): boolean { return this.closedReason !== undefined; }

  async hello(): Promise<VmInfo> {
    const frame = await this.request(FRAME_TYPES.HELLO, new Uint8Array(), FRAME_TYPES.INFO);
    const r = new PayloadReader(frame.payload);
    const protocolVersion = r.u8();
    return {
      protocolVersion,
      imageFormatVersion: r.u16(),
      vmVersion: `${r.u8()}.${r.u8()}.${r.u8()}`,
      heapBytes: r.u32(),
      storageBytes: r.u32(),
      boardId: r.str8(),
      chipId: r.str8(),
      ...(protocolVersion >= 2 ? (() => {  // v1 INFO ends after the chip id
        const maxPayload = r.u16(), window = r.u8(), flags = r.u8(), replBytes = r.u32();
        return { maxPayload, window, programStored: (flags & PROGRAM_FLAGS.STORED) !== 0, runAtBoot: (flags & PROGRAM_FLAGS.RUN_AT_BOOT) !== 0, replBytes };
      })() : {}),
    };
  }

  async status(): Promise<VmStatus> {
    const frame = await this.request(FRAME_TYPES.STATUS, new Uint8Array(), FRAME_TYPES.STATE);
    const r = new PayloadReader(frame.payload);
    const state = STATE_NAMES[r.u8()] ?? 'idle', flags = r.u8();
    return {
      state, programStored: (flags & PROGRAM_FLAGS.STORED) !== 0, runAtBoot: (flags & PROGRAM_FLAGS.RUN_AT_BOOT) !== 0,
      programBytes: r.u32(), programCrc: r.u32(), droppedFrames: r.u32(), errors: r.u32(),
    };
  }

  /** Stores `image` as the board's program; the previous one stays if anything fails. */
  async upload(image: Uint8Array, options: UploadOptions | ((sent: number, total: number) => void) = {}): Promise<void> {
    const { runAtBoot = false, onProgress } = typeof options === 'function' ? { onProgress: options } : options;
    const begin = new Uint8Array(runAtBoot ? 9 : 8);
    const view = new DataView(begin.buffer);
    view.setUint32(0, image.length, true);
    view.setUint32(4, crc32(image), true);
    if (runAtBoot) begin[8] = PROGRAM_FLAGS.RUN_AT_BOOT;
    await this.request(FRAME_TYPES.UPLOAD_BEGIN, begin);
    for (let offset = 0; offset < image.length; offset += this.chunkSize) {
      const data = image.subarray(offset, Math.min(image.length, offset + this.chunkSize));
      const chunk = new Uint8Array(4 + data.length);
      new DataView(chunk.buffer).setUint32(0, offset, true);
      chunk.set(data, 4);
      await this.request(FRAME_TYPES.UPLOAD_CHUNK, chunk);
      onProgress?.(offset + data.length, image.length);
    }
    await this.request(FRAME_TYPES.UPLOAD_END, new Uint8Array());
  }

  /** Starts the stored program; its output arrives as events, ending with 'done'. */
  async run(): Promise<void> {
    await this.request(FRAME_TYPES.RUN, new Uint8Array());
    this.emit('state', 'running');
  }

  /** Runs the stored program and resolves with how it ended. */
  async runToEnd(): Promise<DoneStatus> {
    return this.untilDone(() => this.run());
  }

  /**
   * Runs one REPL entry (an image compiled with mode 'single') in the VM's persistent
   * `__main__`; its echo and output arrive as 'output' events. Resolves with how it ended.
   */
  async exec(image: Uint8Array): Promise<DoneStatus> {
    if (image.length > LINK_MAX_PAYLOAD) {
      throw new LinkError(`this entry compiles to ${image.length} bytes, more than the ${LINK_MAX_PAYLOAD} one REPL entry may have: ` +
        'split it, or put it in a file and use Run');
    }
    return this.untilDone(() => this.request(FRAME_TYPES.EXEC, image).then(() => this.emit('state', 'running')));
  }

  /** Sends text typed on the console (what input() reads; a line ends with "\n"). */
  async sendInput(text: string): Promise<void> {
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at < bytes.length; at += 128) await this.request(FRAME_TYPES.STDIN, bytes.subarray(at, at + 128));
  }

  private untilDone(start: () => Promise<unknown>): Promise<DoneStatus> {
    let cleanup = () => {};
    const done = new Promise<DoneStatus>((resolve, reject) => {
      const onDone = (status: DoneStatus) => { cleanup(); resolve(status); };
      const onClose = (reason: string) => { cleanup(); reject(new LinkError(`the board disconnected: ${reason}`)); };
      cleanup = () => { this.off('done', onDone); this.off('close', onClose); };
      this.on('done', onDone);
      this.on('close', onClose);
    });
    done.catch(() => undefined);
    return start().then(() => done, err => { cleanup(); throw err; });
  }

  /** Press a button, turn a knob, set the sensor, type into the UART (the Virtual board's). */
  async boardInput(input: BoardInput): Promise<void> { await this.request(FRAME_TYPES.BOARD_INPUT, encodeBoardInput(input)); }

  /** A debug frame (FRAME_TYPES.DEBUG_*): resolves with the DEBUG_REPLY payload, or an empty one
   *  for an ACK; an ERROR rejects with a LinkError carrying its code. */
  async debugRequest(type: number, payload: Uint8Array = new Uint8Array()): Promise<Uint8Array> {
    if (type < FRAME_TYPES.DEBUG_SET || type > FRAME_TYPES.DEBUG_EVALUATE) throw new LinkError(`0x${type.toString(16)} is not a debug frame`);
    const frame = await this.request(type, payload, [FRAME_TYPES.ACK, FRAME_TYPES.DEBUG_REPLY]);
    return frame.type === FRAME_TYPES.ACK ? new Uint8Array() : frame.payload;
  }

  async stop(): Promise<void> { await this.request(FRAME_TYPES.STOP, new Uint8Array()); }
  async reset(): Promise<void> { await this.request(FRAME_TYPES.RESET, new Uint8Array()); }

  async close(): Promise<void> { await this.transport.close(); }

  private request(type: number, payload: Uint8Array, expect: number | number[] = FRAME_TYPES.ACK): Promise<Frame> {
    const next = this.queue.then(() => this.exchange(type, payload, expect));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async exchange(type: number, payload: Uint8Array, expect: number | number[]): Promise<Frame> {
    const seq = this.nextSeq;
    this.nextSeq = (this.nextSeq + 1) & 0xff;
    const wire = encodeFrame({ type, seq, payload });
    const started = Date.now();
    let resend = true;
    for (let attempt = 1; ; attempt++) {
      if (this.closedReason !== undefined) throw new LinkError(`the board disconnected: ${this.closedReason}`);
      const answer = this.awaitAnswer(seq);
      if (resend) this.transport.write(wire);
      resend = true;
      const frame = await answer;
      if (frame === 'timeout') {
        if (attempt < this.attempts) continue;
        throw new LinkError(`the board did not answer (${this.attempts} tries of ${this.timeoutMs} ms)`);
      }
      if (frame.type === FRAME_TYPES.ERROR) {
        const error = errorFromFrame(frame);
        // a resent DEBUG_EVALUATE answered BUSY: the expression still runs; its answer comes with this seq
        if (type === FRAME_TYPES.DEBUG_EVALUATE && error.code === LINK_ERRORS.BUSY && attempt > 1) {
          if (Date.now() - started >= this.evaluationWaitMs) {
            throw new LinkError(`the expression still runs after ${Math.round(this.evaluationWaitMs / 1000)} s`, LINK_ERRORS.BUSY);
          }
          attempt = 0;
          resend = false;
          continue;
        }
        throw error;
      }
      if (!(Array.isArray(expect) ? expect.includes(frame.type) : frame.type === expect)) throw new LinkError(`unexpected answer of type 0x${frame.type.toString(16)}`);
      return frame;
    }
  }

  private awaitAnswer(seq: number): Promise<Frame | 'timeout'> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending = undefined; resolve('timeout'); }, this.timeoutMs);
      this.pending = {
        seq,
        resolve: frame => { clearTimeout(timer); this.pending = undefined; resolve(frame); },
        reject: err => { clearTimeout(timer); this.pending = undefined; reject(err); },
      };
    });
  }

  private onFrame(frame: Frame): void {
    switch (frame.type) {
      case FRAME_TYPES.ACK:
      case FRAME_TYPES.INFO:
      case FRAME_TYPES.STATE:
      case FRAME_TYPES.ERROR:
      case FRAME_TYPES.DEBUG_REPLY:
        if (this.pending && this.pending.seq === frame.seq) this.pending.resolve(frame);
        return; // a late answer to a request already resent is ignored
      case FRAME_TYPES.STDOUT:
        this.emit('output', this.decoder.decode(frame.payload, { stream: true }));
        return;
      case FRAME_TYPES.EXCEPTION: {
        let parsed: ReturnType<typeof parseException>;
        try { parsed = parseException(frame.payload); } catch { this.reader.dropped++; return; }   // malformed: counted, never thrown
        if (parsed.led) {                                // an earlier exception of a chain: the last one follows
          this.chain.push({ report: parsed.report, led: parsed.led });
          return;
        }
        if (this.chain.length) parsed.report.chain = this.chain;
        this.chain = [];
        this.emit('exception', parsed.report);
        return;
      }
      case FRAME_TYPES.BOARD_STATE: {
        let pins: PinState[];
        try { pins = parseBoardState(frame.payload); } catch { this.reader.dropped++; return; }
        this.emit('boardState', pins);
        return;
      }
      case FRAME_TYPES.UART_OUT:
        if (frame.payload.length < 1) { this.reader.dropped++; return; }
        this.emit('uartOut', frame.payload[0], frame.payload.slice(1));
        return;
      case FRAME_TYPES.DEBUG_STOPPED: {
        let stop: DebugStop;
        try { stop = decodeStopped(frame.payload); } catch { this.reader.dropped++; return; }
        this.emit('debugStopped', stop);
        return;
      }
      case FRAME_TYPES.DONE:
        this.chain = [];                                 // a chain cut short by a lost frame ends with its run
        this.emit('done', DONE_NAMES[frame.payload[0]] ?? 'error');
        this.emit('state', 'idle');
        return;
      default:
        this.reader.dropped++;
    }
  }

  private onClose(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.pending?.reject(new LinkError(`the board disconnected: ${reason}`));
    this.emit('close', reason);
  }
}

function errorFromFrame(frame: Frame): LinkError {
  const r = new PayloadReader(frame.payload);
  const code = r.u16();
  const message = r.rest();
  return new LinkError(`${message || ERROR_NAMES.get(code) || 'error'} (${ERROR_NAMES.get(code) ?? code})`, code);
}

/** An EXCEPTION payload; `led`: it is an earlier exception of a chain, and how it led to the next. */
export function parseException(payload: Uint8Array): { report: ExceptionReport; led?: 'cause' | 'context' } {
  const r = new PayloadReader(payload);
  const type = r.str16();
  const message = r.str16();
  const count = r.u8();
  const frames: TracebackFrame[] = [];
  for (let i = 0; i < count; i++) frames.push({ file: r.str16(), function: r.str16(), line: r.u16() });
  const report = { type, message, frames };
  if (r.remaining() === 0) return { report };
  const led = ({ [EXCEPTION_LED.CAUSE]: 'cause', [EXCEPTION_LED.CONTEXT]: 'context' } as const)[r.u8()];
  if (!led) throw new Error('unknown exception chain link');
  return { report, led };
}
