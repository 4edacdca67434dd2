// The one contract between the renderer and the main side. In Electron it crosses the preload
// bridge (IPC); in browser mode a WebSocket. Both carry the same messages, checked by
// `parseRequest` before anything acts on them. No Node or Electron imports here.
import type { Diagnostic } from '../../compiler/src/diagnostics';

export type BoardKind = 'virtual' | 'serial' | 'qemu';
export type BoardState = 'disconnected' | 'connecting' | 'ready' | 'running' | 'busy';

export interface BoardInfo {
  id: string;            // "virtual", or a port path
  name: string;          // what the person sees: "Virtual board"
  kind: BoardKind;
}

export interface TracebackFrame { file: string; function: string; line: number }
export interface ExceptionReport { type: string; message: string; frames: TracebackFrame[] }

export type RunResult =
  | { ok: true }
  | { ok: false; diagnostics: Diagnostic[] }        // the program did not compile
  | { ok: false; error: string };                   // the board could not take it

/** Methods the renderer may call. Every one is async and validated on the main side. */
export interface ViperApi {
  listBoards(): Promise<BoardInfo[]>;
  run(params: { boardId: string; file: string; source: string }): Promise<RunResult>;
  stop(params: { boardId: string }): Promise<void>;
  onEvent(listener: (event: DeviceEvent) => void): () => void;
}

/** Pushed from the main side to the renderer. */
export type DeviceEvent =
  | { kind: 'output'; boardId: string; text: string }
  | { kind: 'exception'; boardId: string; report: ExceptionReport }
  | { kind: 'state'; boardId: string; state: BoardState; detail?: string }
  | { kind: 'done'; boardId: string; status: 'ok' | 'exception' | 'stopped' | 'error' };

// ---- wire messages ----

export type Method = 'listBoards' | 'run' | 'stop';
export type Request =
  | { id: number; method: 'listBoards'; params: Record<string, never> }
  | { id: number; method: 'run'; params: { boardId: string; file: string; source: string } }
  | { id: number; method: 'stop'; params: { boardId: string } };

export type Response =
  | { id: number; result: unknown }
  | { id: number | null; error: string };

export type ServerMessage = Response | { event: DeviceEvent };

const MAX_SOURCE = 1 << 20;    // 1 MiB of program text is far beyond any board's storage
const MAX_NAME = 4096;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkString(params: Record<string, unknown>, key: string, max: number): string {
  const v = params[key];
  if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
  if (v.length > max) throw new Error(`"${key}" is longer than ${max} characters`);
  return v;
}

function checkKeys(params: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(params)) if (!allowed.includes(k)) throw new Error(`unexpected parameter "${k}"`);
}

/** Validates an untrusted message; throws an Error saying what is wrong. */
export function parseRequest(raw: unknown): Request {
  if (!isObject(raw)) throw new Error('message must be an object');
  const { id, method, params = {} } = raw;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw new Error('"id" must be a non-negative integer');
  if (!isObject(params)) throw new Error('"params" must be an object');
  switch (method) {
    case 'listBoards':
      checkKeys(params, []);
      return { id, method, params: {} };
    case 'run':
      checkKeys(params, ['boardId', 'file', 'source']);
      return { id, method, params: {
        boardId: checkString(params, 'boardId', MAX_NAME),
        file: checkString(params, 'file', MAX_NAME),
        source: checkString(params, 'source', MAX_SOURCE),
      } };
    case 'stop':
      checkKeys(params, ['boardId']);
      return { id, method, params: { boardId: checkString(params, 'boardId', MAX_NAME) } };
    default:
      throw new Error(`unknown method ${JSON.stringify(method)}`);
  }
}
