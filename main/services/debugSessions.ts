// The IDE's debug sessions: one DAP adapter (main/debug/adapter.ts) per board, made afresh by each
// `initialize`, fed the renderer's checked requests and passing its events on as 'debug' device
// events. What the adapter calls back for (prepare: compile and upload without RUN) is the
// boards service's run path, so the console, board panel and state events work as in a Run.
import { basename } from 'node:path';
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import type { DebugRequest } from '../common/debugRequest';
import type { DeviceEvent } from '../common/api';
import type { DebugAdapter, DebugTarget } from '../debug/adapter';

/** The part of DebugAdapter the IDE uses (tests give a fake). */
export type AdapterHandle = Pick<DebugAdapter, 'handle' | 'onEvent' | 'dispose'>;
export type AdapterFactory = (target: DebugTarget) => AdapterHandle;

export interface DebugSessions {
  request(boardId: string, request: DebugRequest, target: () => DebugTarget): Promise<DP.Response>;
  /** Detaches every session (the IDE is closing): programs go on running. */
  dispose(): Promise<void>;
}

/** Source paths the renderer sees are file names of the project: never a path on this machine. */
function projectNames<T>(value: T): T {
  if (Array.isArray(value)) return value.map(projectNames) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'source' && typeof v === 'object' && v !== null) {
      const { name, path } = v as DP.Source;
      const file = path ? basename(path) : name;
      out[key] = file === undefined ? {} : { name: file, path: file };
    } else out[key] = projectNames(v);
  }
  return out as T;
}

function failure(seq: number, command: string, message: string): DP.Response {
  return { seq: 0, type: 'response', request_seq: seq, command, success: false, message };
}

export function createDebugSessions(makeAdapter: AdapterFactory | undefined, emit: (event: DeviceEvent) => void): DebugSessions {
  const adapters = new Map<string, { adapter: AdapterHandle; unsubscribe: () => void }>();
  let seq = 1;

  async function end(boardId: string): Promise<void> {
    const open = adapters.get(boardId);
    if (!open) return;
    adapters.delete(boardId);
    open.unsubscribe();
    await open.adapter.dispose().catch(() => undefined);
  }

  function start(boardId: string, target: DebugTarget): AdapterHandle {
    const adapter = makeAdapter!(target);
    const unsubscribe = adapter.onEvent(event => {
      emit({ kind: 'debug', boardId, event: projectNames(event) });
      // the device bar says whether the program is paused; it runs again at 'continued'
      if (event.event === 'stopped') emit({ kind: 'state', boardId, state: 'running', detail: 'paused by the debugger' });
      if (event.event === 'continued') emit({ kind: 'state', boardId, state: 'running', detail: 'under the debugger' });
      if (event.event === 'terminated' && adapters.get(boardId)?.adapter === adapter) {
        adapters.delete(boardId);
        unsubscribe();
      }
    });
    adapters.set(boardId, { adapter, unsubscribe });
    return adapter;
  }

  return {
    async request(boardId, { command, arguments: args }, target) {
      const request: DP.Request = { seq: seq++, type: 'request', command, ...(args ? { arguments: args } : {}) };
      if (!makeAdapter) return failure(request.seq, command, 'this Viper was built without the debugger');
      let adapter = adapters.get(boardId)?.adapter;
      if (command === 'initialize') {
        await end(boardId);                 // a new session replaces the board's last one
        adapter = start(boardId, target());
      }
      if (!adapter) return failure(request.seq, command, 'no debug session on this board: press Debug to start one');
      return projectNames(await adapter.handle(request));
    },

    async dispose() {
      await Promise.all([...adapters.keys()].map(end));
    },
  };
}
