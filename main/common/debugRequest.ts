// The DAP requests the IDE's debugger sends through the API (`debug`), checked by shape before the
// main side's adapter sees them: only the commands the IDE uses, only the arguments it sends. The
// launch names files as the project does (main.py, helper.py): never a path. No Node imports here.
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import { isModuleFile } from './moduleFile';

/** A DAP request as the renderer sends it; the main side numbers it (`seq`). */
export interface DebugRequest { command: DebugCommand; arguments?: Record<string, unknown> }
export type DebugResponse = DP.Response;
export type DebugEvent = DP.Event;

const MAX_SOURCE = 1 << 20;
const MAX_PROJECT = 4 << 20;
const MAX_FILES = 64;
const MAX_EXPRESSION = 4096;        // a watch or a condition; its image must fit one link frame
const MAX_BREAKPOINTS = 256;        // per file: more than any person sets
const MAX_ID = 0xffffffff;          // thread idents, frame ids and variable references are the VM's u32s
const MAX_LINE = 1 << 20;

type Args = Record<string, unknown>;
type Check = (args: Args) => Args;

function isObject(v: unknown): v is Args {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keys(args: Args, allowed: string[]): void {
  for (const k of Object.keys(args)) if (!allowed.includes(k)) throw new Error(`unexpected argument "${k}"`);
}

function integer(args: Args, key: string, min: number, max: number, optional = false): void {
  const v = args[key];
  if (optional && v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Error(`"${key}" must be an integer from ${min} to ${max}`);
}

function string(args: Args, key: string, max: number, optional = false): void {
  const v = args[key];
  if (optional && v === undefined) return;
  if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
  if (v.length > max) throw new Error(`"${key}" is longer than ${max} characters`);
}

function boolean(args: Args, key: string): void {
  if (args[key] !== undefined && typeof args[key] !== 'boolean') throw new Error(`"${key}" must be true or false`);
}

/** A file of the project, named as the image names it. */
function projectFile(v: unknown, what: string): string {
  if (typeof v !== 'string' || !isModuleFile(v)) throw new Error(`${what} must be a file of the project (a Python identifier plus .py)`);
  return v;
}

function launch(args: Args): Args {
  keys(args, ['program', 'sources', 'stopOnEntry']);
  const program = projectFile(args.program, '"program"');
  if (!isObject(args.sources)) throw new Error('"sources" must be an object: file name -> text');
  const files = Object.keys(args.sources);
  if (files.length > MAX_FILES) throw new Error(`"sources" has more than ${MAX_FILES} files`);
  let total = 0;
  for (const file of files) {
    projectFile(file, `"sources" key ${JSON.stringify(file.slice(0, 100))}`);
    string(args.sources, file, MAX_SOURCE);
    total += (args.sources[file] as string).length;
  }
  if (total > MAX_PROJECT) throw new Error(`the program and its modules are longer than ${MAX_PROJECT} characters`);
  if (!files.includes(program)) throw new Error(`"sources" must hold the program ${program}`);
  boolean(args, 'stopOnEntry');
  return args;
}

function setBreakpoints(args: Args): Args {
  keys(args, ['source', 'breakpoints', 'sourceModified']);
  if (!isObject(args.source)) throw new Error('"source" must be an object');
  keys(args.source, ['name', 'path']);
  projectFile(args.source.path, '"source.path"');
  if (args.source.name !== undefined) projectFile(args.source.name, '"source.name"');
  if (!Array.isArray(args.breakpoints)) throw new Error('"breakpoints" must be an array');
  if (args.breakpoints.length > MAX_BREAKPOINTS) throw new Error(`more than ${MAX_BREAKPOINTS} breakpoints in one file`);
  args.breakpoints.forEach((b: unknown) => {
    if (!isObject(b)) throw new Error('each breakpoint must be an object');
    keys(b, ['line', 'condition', 'hitCondition', 'logMessage']);
    integer(b, 'line', 1, MAX_LINE);
    for (const k of ['condition', 'hitCondition', 'logMessage']) string(b, k, MAX_EXPRESSION, true);
  });
  boolean(args, 'sourceModified');
  return args;
}

const threadOnly: Check = args => { keys(args, ['threadId', 'singleThread']); integer(args, 'threadId', 0, MAX_ID); boolean(args, 'singleThread'); return args; };

/** The commands the IDE sends, with the check of their arguments. */
const COMMANDS = {
  initialize(args: Args) {
    keys(args, ['clientID', 'clientName', 'adapterID', 'locale', 'linesStartAt1', 'columnsStartAt1', 'pathFormat',
      'supportsVariableType', 'supportsVariablePaging', 'supportsRunInTerminalRequest']);
    for (const k of ['clientID', 'clientName', 'adapterID', 'locale', 'pathFormat']) string(args, k, 100, true);
    for (const k of ['linesStartAt1', 'columnsStartAt1', 'supportsVariableType', 'supportsVariablePaging', 'supportsRunInTerminalRequest']) boolean(args, k);
    return args;
  },
  launch,
  setBreakpoints,
  setExceptionBreakpoints(args: Args) {
    keys(args, ['filters']);
    if (!Array.isArray(args.filters) || !args.filters.every(f => f === 'uncaught' || f === 'raised')) {
      throw new Error('"filters" must be an array of "uncaught" and "raised"');
    }
    return args;
  },
  configurationDone: (args: Args) => { keys(args, []); return args; },
  threads: (args: Args) => { keys(args, []); return args; },
  stackTrace(args: Args) {
    keys(args, ['threadId', 'startFrame', 'levels']);
    integer(args, 'threadId', 0, MAX_ID);
    integer(args, 'startFrame', 0, MAX_ID, true);
    integer(args, 'levels', 0, MAX_ID, true);
    return args;
  },
  scopes: (args: Args) => { keys(args, ['frameId']); integer(args, 'frameId', 0, MAX_ID); return args; },
  variables(args: Args) {
    keys(args, ['variablesReference', 'start', 'count', 'filter']);
    integer(args, 'variablesReference', 1, MAX_ID);
    integer(args, 'start', 0, MAX_ID, true);
    integer(args, 'count', 0, MAX_ID, true);
    if (args.filter !== undefined && args.filter !== 'indexed' && args.filter !== 'named') throw new Error('"filter" must be "indexed" or "named"');
    return args;
  },
  evaluate(args: Args) {
    keys(args, ['expression', 'frameId', 'context']);
    string(args, 'expression', MAX_EXPRESSION);
    if (!(args.expression as string).trim()) throw new Error('"expression" must not be empty');
    integer(args, 'frameId', 0, MAX_ID, true);
    if (!['watch', 'hover', 'repl', undefined].includes(args.context as string)) throw new Error('"context" must be watch, hover or repl');
    return args;
  },
  continue: threadOnly,
  next: threadOnly,
  stepIn: threadOnly,
  stepOut: threadOnly,
  pause: (args: Args) => { keys(args, ['threadId']); integer(args, 'threadId', 0, MAX_ID); return args; },
  disconnect(args: Args) {
    keys(args, ['terminateDebuggee', 'restart']);
    boolean(args, 'terminateDebuggee');
    boolean(args, 'restart');
    return args;
  },
  terminate: (args: Args) => { keys(args, []); return args; },
} satisfies Record<string, Check>;

export type DebugCommand = keyof typeof COMMANDS;
export const DEBUG_COMMANDS = Object.keys(COMMANDS) as DebugCommand[];

/** Checks an untrusted DAP request from the renderer; throws an Error saying what is wrong. */
export function checkDebugRequest(raw: unknown): DebugRequest {
  if (!isObject(raw)) throw new Error('"request" must be an object');
  keys(raw, ['command', 'arguments']);
  const { command } = raw;
  if (typeof command !== 'string' || !Object.prototype.hasOwnProperty.call(COMMANDS, command)) {
    throw new Error(`"request.command" must be one of ${DEBUG_COMMANDS.join(', ')}`);
  }
  const args = raw.arguments ?? {};
  if (!isObject(args)) throw new Error('"request.arguments" must be an object');
  try {
    const checked = COMMANDS[command as DebugCommand](args);
    return raw.arguments === undefined ? { command: command as DebugCommand } : { command: command as DebugCommand, arguments: checked };
  } catch (err) {
    throw new Error(`${command}: ${(err as Error).message}`);
  }
}
