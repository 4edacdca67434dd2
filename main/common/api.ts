// The one contract between the renderer and the main side. In Electron it crosses the preload
// bridge (IPC); in browser mode a WebSocket. Both carry the same messages, checked by
// `parseRequest` before anything acts on them. No Node or Electron imports here.
import type { Diagnostic } from '../../compiler/src/diagnostics';
import { isModuleFile } from './moduleFile';

export type BoardKind = 'virtual' | 'serial' | 'qemu';
export type BoardState = 'disconnected' | 'connecting' | 'ready' | 'running' | 'busy';

export interface BoardInfo {
  id: string;            // "virtual", or a port path
  name: string;          // what the person sees: "Virtual board"
  kind: BoardKind;
  /** A serial port's VM that answered a probe ("VM v0.3.1"), before any session to it. */
  ready?: string;
}

export interface TracebackFrame { file: string; function: string; line: number }
export interface ExceptionReport {
  type: string;
  message: string;
  frames: TracebackFrame[];
  /** The exceptions this one chains back to, oldest first: each was the direct cause of the next
   *  (`raise ... from`), or was being handled when the next was raised. */
  chain?: { report: ExceptionReport; led: 'cause' | 'context' }[];
}

/** A project module sent with a run, so `import helper` finds helper.py. */
export interface ModuleSource { file: string; source: string }

export type RunResult =
  | { ok: true }
  | { ok: false; diagnostics: Diagnostic[] }        // the program did not compile
  | { ok: false; error: string };                   // the board could not take it

/** How one REPL entry went: compiled on the main side ('single' mode), run in the board's
 * persistent `__main__`; its echo and output arrive as events before this answer. */
export type ExecResult =
  | { ok: true }
  | { ok: false; diagnostics: Diagnostic[] }        // the entry did not compile
  | { ok: false; error: string };                   // the board could not take it

/** Boards: list them, run a program, stop it, talk to them interactively. */
export interface DeviceApi {
  listBoards(): Promise<BoardInfo[]>;
  /** Compiles `file` with the project's other `modules` (what it imports comes along) and runs it. */
  run(params: { boardId: string; file: string; source: string; modules?: ModuleSource[] }): Promise<RunResult>;
  stop(params: { boardId: string }): Promise<void>;
  /** Runs one REPL entry (complete statements) and resolves when it has ended. */
  exec(params: { boardId: string; source: string }): Promise<ExecResult>;
  /** Soft-resets the board: stops what runs and forgets the REPL's names; keeps the stored program. */
  reset(params: { boardId: string }): Promise<void>;
  /** Text typed on the console for the program's input() (a line ends with "\n"). */
  sendInput(params: { boardId: string; text: string }): Promise<void>;
}

/** Everything the renderer may call. Every method is async and validated on the main side. */
export interface ViperApi extends DeviceApi, ToolsApi {
  onEvent(listener: (event: DeviceEvent) => void): () => void;
}

/** A serial port, with what the IDE could tell about the board behind it. */
export interface PortEntry {
  path: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  byId?: string;
  /** What the USB ID table says it is ("Arduino Due (programming port)"). */
  usbName?: string;
  /** The board: what the USB ID says, else what its VM reports (when Viper knows that board), else what the person told us. */
  board?: string;
  /** Whether a Viper VM answers there, found out in the background: the list never waits for it. */
  vm?: PortVm;
}

/** 'probing': not known yet (ask again soon); 'in-use': a session has the port open and has not heard its VM yet. */
export type PortVm =
  | { status: 'probing' | 'none' | 'in-use' }
  | { status: 'ready'; vmVersion: string; boardId: string };

export interface ExampleInfo { id: string; title: string; description: string; tags: string[]; boards: string[]; files: string[] }
export interface ProjectInfo { dir: string; name: string; board: string; files: string[] }
/** An edit kept by autosave that differs from the file on disk (diskText absent: no such file). */
export interface RecoveredBuffer { file: string; text: string; savedAt: number; diskText?: string }
export type BurnMethod = 'stm32-uart' | 'samba' | 'stlink-drive';
export type BurnResult = { ok: true; vmVersion: string } | { ok: false; error: string; hint: string; cancelled: boolean };

/** Ports, burning the VM, projects and examples. */
export interface ToolsApi {
  /** Serial ports at once; `board` is what the USB ID, the port's VM or the person said; `vm` whether a VM answers. */
  listPorts(): Promise<PortEntry[]>;
  /** Remembers which board sits behind a generic USB-serial adapter. */
  setPortBoard(params: { path: string; board: string }): Promise<void>;
  /** Boards a generic adapter may be said to belong to: id → the name a person sees. */
  listKnownBoards(): Promise<Record<string, string>>;
  listExamples(params: { text?: string; tag?: string; board?: string }): Promise<ExampleInfo[]>;
  cloneExample(params: { id: string; name: string; board: string }): Promise<ProjectInfo>;
  createProject(params: { name: string; board: string }): Promise<ProjectInfo>;
  openProject(params: { dir: string }): Promise<ProjectInfo>;
  /** Recently opened projects that still open, newest first. */
  recentProjects(): Promise<ProjectInfo[]>;
  readFile(params: { dir: string; file: string }): Promise<string>;
  /** Writes the file and drops its autosaved copy. */
  saveFile(params: { dir: string; file: string; text: string }): Promise<void>;
  /** Keeps an unsaved edit in the project so a crash cannot lose it. */
  stashBuffer(params: { dir: string; file: string; text: string }): Promise<void>;
  /** Autosaved edits that differ from the files on disk. */
  recoverBuffers(params: { dir: string }): Promise<RecoveredBuffer[]>;
  /** Drops the autosaved copy of a file (the person chose the disk version). */
  discardBuffer(params: { dir: string; file: string }): Promise<void>;
  /** Deletes a module (never main.py) and its autosaved copy. */
  deleteFile(params: { dir: string; file: string }): Promise<void>;
  /** Renames a module (never main.py, never over an existing file); its autosaved copy follows. */
  renameFile(params: { dir: string; file: string; to: string }): Promise<void>;
  /** Progress arrives as 'burn' events. */
  burnVm(params: { board: string; method: BurnMethod; target: string }): Promise<BurnResult>;
  cancelBurn(params: { target: string }): Promise<void>;
}

/** Pushed from the main side to the renderer. */
export type DeviceEvent =
  | { kind: 'burn'; boardId: string; phase: 'connect' | 'erase' | 'write' | 'verify' | 'boot'; done: number; total: number }
  | { kind: 'output'; boardId: string; text: string }
  | { kind: 'exception'; boardId: string; report: ExceptionReport }
  | { kind: 'state'; boardId: string; state: BoardState; detail?: string }
  | { kind: 'done'; boardId: string; status: 'ok' | 'exception' | 'stopped' | 'error' };

// ---- wire messages ----

export type Method = keyof DeviceApi | keyof ToolsApi;
/** The parameters object of a method; `{}` for a method that takes none. */
export type ParamsOf<M extends Method> = Parameters<ViperApi[M]> extends [infer P] ? P : Record<string, never>;
export type Request = { [M in Method]: { id: number; method: M; params: ParamsOf<M> } }[Method];

export type Response =
  | { id: number; result: unknown }
  | { id: number | null; error: string };

export type ServerMessage = Response | { event: DeviceEvent };

const MAX_SOURCE = 1 << 20;    // 1 MiB of program text is far beyond any board's storage
const MAX_NAME = 4096;
const MAX_MODULES = 64;        // more modules than any board could hold
const MAX_PROJECT = 4 << 20;   // all of a run's sources together
const MAX_QUERY = 200;
const MAX_ENTRY = 64 << 10;    // one REPL entry; its image must fit one link frame anyway
const MAX_INPUT = 4096;        // typed text for input(); the VM's line buffer is 256 bytes

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkString(params: Record<string, unknown>, key: string, max: number): string {
  const v = params[key];
  if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
  if (v.length > max) throw new Error(`"${key}" is longer than ${max} characters`);
  return v;
}

function checkOptionalString(params: Record<string, unknown>, key: string, max: number): string | undefined {
  return params[key] === undefined ? undefined : checkString(params, key, max);
}

function checkNonEmpty(params: Record<string, unknown>, key: string, max: number): string {
  const v = checkString(params, key, max);
  if (!v.trim()) throw new Error(`"${key}" must not be empty`);
  return v;
}

const BURN_METHODS: readonly BurnMethod[] = ['stm32-uart', 'samba', 'stlink-drive'];

function checkKeys(params: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(params)) if (!allowed.includes(k)) throw new Error(`unexpected parameter "${k}"`);
}

/** A run's extra modules: importable names, no duplicates, none named like the program, bounded in number and size. */
function checkModules(raw: unknown, mainFile: string, mainSize: number): ModuleSource[] {
  if (!Array.isArray(raw)) throw new Error('"modules" must be an array');
  if (raw.length > MAX_MODULES) throw new Error(`"modules" has more than ${MAX_MODULES} files`);
  const seen = new Set([mainFile]);
  let total = mainSize;
  return raw.map((m: unknown, i) => {
    if (!isObject(m)) throw new Error(`"modules[${i}]" must be an object`);
    checkKeys(m, ['file', 'source']);
    const file = checkString(m, 'file', MAX_NAME);
    const source = checkString(m, 'source', MAX_SOURCE);
    if (!isModuleFile(file)) throw new Error(`"modules[${i}].file" must be a Python identifier plus .py`);
    if (seen.has(file)) throw new Error(`"modules" names ${file} twice`);
    seen.add(file);
    total += source.length;
    if (total > MAX_PROJECT) throw new Error(`the program and its modules are longer than ${MAX_PROJECT} characters`);
    return { file, source };
  });
}

/** A module file that may be renamed or deleted: an importable top-level name, never the program itself. */
function checkRemovableModule(params: Record<string, unknown>, key: string): string {
  const file = checkString(params, key, MAX_NAME);
  if (!isModuleFile(file)) throw new Error(`"${key}" must be a Python identifier plus .py`);
  if (file === 'main.py') throw new Error(`"${key}" must not be main.py: the program cannot be renamed or deleted`);
  return file;
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
    case 'run': {
      checkKeys(params, ['boardId', 'file', 'source', 'modules']);
      const run = {
        boardId: checkString(params, 'boardId', MAX_NAME),
        file: checkString(params, 'file', MAX_NAME),
        source: checkString(params, 'source', MAX_SOURCE),
      };
      if (params.modules === undefined) return { id, method, params: run };
      return { id, method, params: { ...run, modules: checkModules(params.modules, run.file, run.source.length) } };
    }
    case 'stop':
    case 'reset':
      checkKeys(params, ['boardId']);
      return { id, method, params: { boardId: checkString(params, 'boardId', MAX_NAME) } };
    case 'exec':
      checkKeys(params, ['boardId', 'source']);
      return { id, method, params: { boardId: checkString(params, 'boardId', MAX_NAME), source: checkString(params, 'source', MAX_ENTRY) } };
    case 'sendInput': {
      checkKeys(params, ['boardId', 'text']);
      const text = checkString(params, 'text', MAX_INPUT);
      if (!text) throw new Error('"text" must not be empty');
      return { id, method, params: { boardId: checkString(params, 'boardId', MAX_NAME), text } };
    }
    case 'listPorts':
    case 'listKnownBoards':
    case 'recentProjects':
      checkKeys(params, []);
      return { id, method, params: {} };
    case 'setPortBoard':
      checkKeys(params, ['path', 'board']);
      return { id, method, params: { path: checkNonEmpty(params, 'path', MAX_NAME), board: checkNonEmpty(params, 'board', MAX_QUERY) } };
    case 'listExamples': {
      checkKeys(params, ['text', 'tag', 'board']);
      const query: { text?: string; tag?: string; board?: string } = {};
      for (const key of ['text', 'tag', 'board'] as const) {
        const v = checkOptionalString(params, key, MAX_QUERY);
        if (v !== undefined) query[key] = v;
      }
      return { id, method, params: query };
    }
    case 'cloneExample':
      checkKeys(params, ['id', 'name', 'board']);
      return { id, method, params: { id: checkNonEmpty(params, 'id', MAX_QUERY), name: checkNonEmpty(params, 'name', MAX_QUERY), board: checkNonEmpty(params, 'board', MAX_QUERY) } };
    case 'createProject':
      checkKeys(params, ['name', 'board']);
      return { id, method, params: { name: checkNonEmpty(params, 'name', MAX_QUERY), board: checkNonEmpty(params, 'board', MAX_QUERY) } };
    case 'openProject':
    case 'recoverBuffers':
      checkKeys(params, ['dir']);
      return { id, method, params: { dir: checkNonEmpty(params, 'dir', MAX_NAME) } };
    case 'readFile':
    case 'discardBuffer':
      checkKeys(params, ['dir', 'file']);
      return { id, method, params: { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkNonEmpty(params, 'file', MAX_NAME) } };
    case 'saveFile':
    case 'stashBuffer':
      checkKeys(params, ['dir', 'file', 'text']);
      return { id, method, params: { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkNonEmpty(params, 'file', MAX_NAME), text: checkString(params, 'text', MAX_SOURCE) } };
    case 'deleteFile':
      checkKeys(params, ['dir', 'file']);
      return { id, method, params: { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkRemovableModule(params, 'file') } };
    case 'renameFile': {
      checkKeys(params, ['dir', 'file', 'to']);
      const rename = { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkRemovableModule(params, 'file'), to: checkRemovableModule(params, 'to') };
      if (rename.file === rename.to) throw new Error('"to" must differ from "file"');
      return { id, method, params: rename };
    }
    case 'burnVm': {
      checkKeys(params, ['board', 'method', 'target']);
      const burn = checkString(params, 'method', MAX_QUERY);
      if (!(BURN_METHODS as readonly string[]).includes(burn)) throw new Error(`"method" must be one of ${BURN_METHODS.join(', ')}`);
      return { id, method, params: { board: checkNonEmpty(params, 'board', MAX_QUERY), method: burn as BurnMethod, target: checkNonEmpty(params, 'target', MAX_NAME) } };
    }
    case 'cancelBurn':
      checkKeys(params, ['target']);
      return { id, method, params: { target: checkNonEmpty(params, 'target', MAX_NAME) } };
    default:
      throw new Error(`unknown method ${JSON.stringify(method)}`);
  }
}
