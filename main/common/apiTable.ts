// The API's one method table: for every method of ViperApi, the validator of its parameters.
// `parseRequest` (both bridges, before anything acts), the renderer's client (apiClient.ts) and
// the dispatcher (services/dispatch.ts) are all derived from it, so a method exists everywhere or
// nowhere: the table's type is a mapped type over Method, and a method missing here fails tsc.
// No Node or Electron imports here.
import { BURN_METHODS as BOARD_BURN_METHODS } from '../../compiler/src/hardware/boardFirmware';
import type { BoardPanelInput, BurnMethod, Method, ModuleSource, ParamsOf, Request } from './api';
import { checkDebugRequest } from './debugRequest';
import { isModuleFile, isProjectFile, isReservedName, MANIFEST_FILE } from './moduleFile';
import { findVirtualRam, VIRTUAL_RAM_CHOICES } from './virtualRam';

/** Checks an untrusted parameters object; throws an Error saying what is wrong. */
export type Validator<M extends Method> = (params: Record<string, unknown>) => ParamsOf<M>;

const MAX_SOURCE = 1 << 20;    // 1 MiB of program text is far beyond any board's storage
const MAX_NAME = 4096;
const MAX_MODULES = 64;        // more modules than any board could hold
const MAX_PROJECT = 4 << 20;   // all of a run's sources together
const MAX_QUERY = 200;
const MAX_ENTRY = 64 << 10;    // one REPL entry; its image must fit one link frame anyway
const MAX_INPUT = 4096;        // typed text for input(); the VM's line buffer is 256 bytes

// What the board panel may send (the SHT31's measuring range; a u8 pin or bus, a u16 reading).
const SENSOR_CELSIUS = { min: -45, max: 130 };
const SENSOR_HUMIDITY = { min: 0, max: 100 };

const BURN_METHODS: readonly BurnMethod[] = BOARD_BURN_METHODS;

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

function checkOptionalBoolean(params: Record<string, unknown>, key: string): boolean | undefined {
  const v = params[key];
  if (v !== undefined && typeof v !== 'boolean') throw new Error(`"${key}" must be true or false`);
  return v;
}

function checkNonEmpty(params: Record<string, unknown>, key: string, max: number): string {
  const v = checkString(params, key, max);
  if (!v.trim()) throw new Error(`"${key}" must not be empty`);
  return v;
}

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

function refuseReserved(file: string, key: string): void {
  if (isReservedName(file)) throw new Error(`"${key}" is a name Windows keeps for a device (con, nul, com1…): pick another one`);
}

/** A file the editor reads or writes: a top-level module or the manifest; no paths, no device names. */
function checkProjectFile(params: Record<string, unknown>, key: string): string {
  const file = checkNonEmpty(params, key, MAX_NAME);
  refuseReserved(file, key);
  if (!isProjectFile(file)) throw new Error(`"${key}" must be a module of the project (a Python identifier plus .py) or ${MANIFEST_FILE}`);
  return file;
}

/** A module file that may be renamed or deleted: an importable top-level name, never the program itself. */
function checkRemovableModule(params: Record<string, unknown>, key: string): string {
  const file = checkString(params, key, MAX_NAME);
  refuseReserved(file, key);
  if (!isModuleFile(file)) throw new Error(`"${key}" must be a Python identifier plus .py`);
  if (file === 'main.py') throw new Error(`"${key}" must not be main.py: the program cannot be renamed or deleted`);
  return file;
}

function checkInteger(params: Record<string, unknown>, key: string, min: number, max: number): number {
  const v = params[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Error(`"${key}" must be an integer from ${min} to ${max}`);
  return v;
}

function checkNumber(params: Record<string, unknown>, key: string, min: number, max: number): number {
  const v = params[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Error(`"${key}" must be a number from ${min} to ${max}`);
  return v;
}

/** One thing the board panel does; the pins and buses it names are checked against the board by the service. */
function checkBoardInput(raw: unknown): BoardPanelInput {
  if (!isObject(raw)) throw new Error('"input" must be an object');
  switch (raw.kind) {
    case 'snapshot':
      checkKeys(raw, ['kind']);
      return { kind: 'snapshot' };
    case 'pin':
      checkKeys(raw, ['kind', 'pin', 'level']);
      return { kind: 'pin', pin: checkInteger(raw, 'pin', 0, 255), level: checkInteger(raw, 'level', 0, 1) as 0 | 1 };
    case 'analog':
      checkKeys(raw, ['kind', 'pin', 'value']);
      return { kind: 'analog', pin: checkInteger(raw, 'pin', 0, 255), value: checkInteger(raw, 'value', 0, 65535) };
    case 'sensor':
      checkKeys(raw, ['kind', 'temperature', 'humidity', 'connected']);
      if (raw.connected !== undefined && typeof raw.connected !== 'boolean') throw new Error('"connected" must be true or false');
      return {
        kind: 'sensor',
        temperature: checkNumber(raw, 'temperature', SENSOR_CELSIUS.min, SENSOR_CELSIUS.max),
        humidity: checkNumber(raw, 'humidity', SENSOR_HUMIDITY.min, SENSOR_HUMIDITY.max),
        ...(raw.connected === undefined ? {} : { connected: raw.connected }),
      };
    case 'uart': {
      checkKeys(raw, ['kind', 'bus', 'text']);
      const text = checkString(raw, 'text', MAX_INPUT);
      if (!text) throw new Error('"text" must not be empty');
      return { kind: 'uart', bus: checkInteger(raw, 'bus', 0, 255), text };
    }
    default:
      throw new Error('"input.kind" must be one of snapshot, pin, analog, sensor, uart');
  }
}

// Validators shared by several methods.
const noParams = (params: Record<string, unknown>): Record<string, never> => {
  checkKeys(params, []);
  return {};
};
const boardOnly = (params: Record<string, unknown>) => {
  checkKeys(params, ['boardId']);
  return { boardId: checkString(params, 'boardId', MAX_NAME) };
};
const dirOnly = (params: Record<string, unknown>) => {
  checkKeys(params, ['dir']);
  return { dir: checkNonEmpty(params, 'dir', MAX_NAME) };
};
const dirAndFile = (params: Record<string, unknown>) => {
  checkKeys(params, ['dir', 'file']);
  return { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkProjectFile(params, 'file') };
};
const dirFileText = (params: Record<string, unknown>) => {
  checkKeys(params, ['dir', 'file', 'text']);
  return { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkProjectFile(params, 'file'), text: checkString(params, 'text', MAX_SOURCE) };
};

/** Every method of the API, with the validator of its parameters. */
export const API_TABLE: { readonly [M in Method]: Validator<M> } = {
  // ---- boards ----
  listBoards: noParams,
  run(params) {
    checkKeys(params, ['boardId', 'file', 'source', 'modules', 'runAtBoot']);
    const run = {
      boardId: checkString(params, 'boardId', MAX_NAME),
      file: checkString(params, 'file', MAX_NAME),
      source: checkString(params, 'source', MAX_SOURCE),
    };
    const runAtBoot = checkOptionalBoolean(params, 'runAtBoot');
    return {
      ...run,
      ...(params.modules === undefined ? {} : { modules: checkModules(params.modules, run.file, run.source.length) }),
      ...(runAtBoot === undefined ? {} : { runAtBoot }),
    };
  },
  stop: boardOnly,
  exec(params) {
    checkKeys(params, ['boardId', 'source']);
    return { boardId: checkString(params, 'boardId', MAX_NAME), source: checkString(params, 'source', MAX_ENTRY) };
  },
  reset: boardOnly,
  sendInput(params) {
    checkKeys(params, ['boardId', 'text']);
    const text = checkString(params, 'text', MAX_INPUT);
    if (!text) throw new Error('"text" must not be empty');
    return { boardId: checkString(params, 'boardId', MAX_NAME), text };
  },
  setVirtualBoardRam(params) {
    checkKeys(params, ['ram']);
    const ram = checkString(params, 'ram', MAX_QUERY);
    if (!findVirtualRam(ram)) throw new Error(`"ram" must be one of ${VIRTUAL_RAM_CHOICES.map(c => c.id).join(', ')}`);
    return { ram };
  },
  boardInput(params) {
    checkKeys(params, ['boardId', 'input']);
    return { boardId: checkString(params, 'boardId', MAX_NAME), input: checkBoardInput(params.input) };
  },
  debug(params) {
    checkKeys(params, ['boardId', 'request']);
    return { boardId: checkString(params, 'boardId', MAX_NAME), request: checkDebugRequest(params.request) };
  },

  // ---- ports ----
  listPorts: noParams,
  setPortBoard(params) {
    checkKeys(params, ['path', 'board']);
    return { path: checkNonEmpty(params, 'path', MAX_NAME), board: checkNonEmpty(params, 'board', MAX_QUERY) };
  },
  listKnownBoards: noParams,

  // ---- examples ----
  listExamples(params) {
    checkKeys(params, ['text', 'tag', 'board', 'all']);
    const query: { text?: string; tag?: string; board?: string; all?: boolean } = {};
    for (const key of ['text', 'tag', 'board'] as const) {
      const v = checkOptionalString(params, key, MAX_QUERY);
      if (v !== undefined) query[key] = v;
    }
    if (params.all !== undefined) {
      if (typeof params.all !== 'boolean') throw new Error('"all" must be true or false');
      query.all = params.all;
    }
    return query;
  },
  cloneExample(params) {
    checkKeys(params, ['id', 'name', 'board']);
    return { id: checkNonEmpty(params, 'id', MAX_QUERY), name: checkNonEmpty(params, 'name', MAX_QUERY), board: checkNonEmpty(params, 'board', MAX_QUERY) };
  },

  // ---- projects and their files ----
  createProject(params) {
    checkKeys(params, ['name', 'board']);
    return { name: checkNonEmpty(params, 'name', MAX_QUERY), board: checkNonEmpty(params, 'board', MAX_QUERY) };
  },
  openProject: dirOnly,
  pickProject: noParams,
  recentProjects: noParams,
  readFile: dirAndFile,
  saveFile: dirFileText,
  stashBuffer: dirFileText,
  recoverBuffers: dirOnly,
  discardBuffer: dirAndFile,
  deleteFile(params) {
    checkKeys(params, ['dir', 'file']);
    return { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkRemovableModule(params, 'file') };
  },
  renameFile(params) {
    checkKeys(params, ['dir', 'file', 'to']);
    const rename = { dir: checkNonEmpty(params, 'dir', MAX_NAME), file: checkRemovableModule(params, 'file'), to: checkRemovableModule(params, 'to') };
    if (rename.file === rename.to) throw new Error('"to" must differ from "file"');
    return rename;
  },

  // ---- burning the VM ----
  listBurnBoards: noParams,
  burnVm(params) {
    checkKeys(params, ['board', 'method', 'target']);
    const method = checkString(params, 'method', MAX_QUERY);
    if (!(BURN_METHODS as readonly string[]).includes(method)) throw new Error(`"method" must be one of ${BURN_METHODS.join(', ')}`);
    return { board: checkNonEmpty(params, 'board', MAX_QUERY), method: method as BurnMethod, target: checkNonEmpty(params, 'target', MAX_NAME) };
  },
  cancelBurn(params) {
    checkKeys(params, ['target']);
    return { target: checkNonEmpty(params, 'target', MAX_NAME) };
  },
};

/** Every method name, in the table's order. */
export const API_METHODS = Object.keys(API_TABLE) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API_TABLE, name);
}

/** The checked parameters of one method; the generic keeps method and parameters paired. */
function validate<M extends Method>(method: M, params: Record<string, unknown>): ParamsOf<M> {
  return (API_TABLE[method] as Validator<M>)(params);
}

/** Validates an untrusted message; throws an Error saying what is wrong. */
export function parseRequest(raw: unknown): Request {
  if (!isObject(raw)) throw new Error('message must be an object');
  const { id, method, params = {} } = raw;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw new Error('"id" must be a non-negative integer');
  if (!isObject(params)) throw new Error('"params" must be an object');
  if (!isMethod(method)) throw new Error(`unknown method ${JSON.stringify(method)}`);
  return { id, method, params: validate(method, params) } as Request;
}
