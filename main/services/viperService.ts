// The main-side implementation of the renderer API: boards, compile, upload, run, stop.
// Plain Node, no Electron: the Electron shell and the browser-mode server both wrap it.
import { EventEmitter } from 'node:events';
import { compile } from '../../compiler/src/index';
import type { BoardInfo, DeviceEvent, RunResult, ViperApi } from '../common/api';
import { openSession } from '../devices/connect';
import { startVirtualBoard, VIRTUAL_BOARD_ID } from '../devices/virtualBoard';
import type { DeviceSession } from '../link/session';
import type { MainApi } from './dispatch';

export interface ViperService extends MainApi {
  onEvent: ViperApi['onEvent'];
  dispose(): Promise<void>;
}

export function createViperService(): ViperService {
  const events = new EventEmitter();
  const sessions = new Map<string, Promise<DeviceSession>>();
  const emit = (event: DeviceEvent) => events.emit('event', event);

  function connect(boardId: string): Promise<DeviceSession> {
    if (boardId !== VIRTUAL_BOARD_ID) return Promise.reject(new Error(`no board "${boardId}": pick one from the board list`));
    let session = sessions.get(boardId);
    if (!session) {
      emit({ kind: 'state', boardId, state: 'connecting' });
      session = openSession(startVirtualBoard()).then(({ session: s, info }) => {
        s.on('output', (text: string) => emit({ kind: 'output', boardId, text }));
        s.on('exception', report => emit({ kind: 'exception', boardId, report }));
        s.on('done', status => {
          emit({ kind: 'done', boardId, status });
          emit({ kind: 'state', boardId, state: 'ready', detail: `VM v${info.vmVersion}` });
        });
        s.on('close', (reason: string) => {
          sessions.delete(boardId);
          emit({ kind: 'state', boardId, state: 'disconnected', detail: reason });
        });
        emit({ kind: 'state', boardId, state: 'ready', detail: `VM v${info.vmVersion}` });
        return s;
      });
      session.catch(() => sessions.delete(boardId));
      sessions.set(boardId, session);
    }
    return session;
  }

  return {
    async listBoards(): Promise<BoardInfo[]> {
      return [{ id: VIRTUAL_BOARD_ID, name: 'Virtual board', kind: 'virtual' }];
    },

    async run({ boardId, file, source }): Promise<RunResult> {
      const { image, diagnostics } = compile(source, file);
      if (!image) return { ok: false, diagnostics };
      try {
        const session = await connect(boardId);
        emit({ kind: 'state', boardId, state: 'busy', detail: 'uploading' });
        await session.upload(image);
        await session.run();
        emit({ kind: 'state', boardId, state: 'running' });
        return { ok: true };
      } catch (err) {
        emit({ kind: 'state', boardId, state: sessions.has(boardId) ? 'ready' : 'disconnected' });
        return { ok: false, error: (err as Error).message };
      }
    },

    async stop({ boardId }): Promise<void> {
      const session = sessions.get(boardId);
      if (session) await (await session).stop();
    },

    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },

    async dispose() {
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map(p => p.then(s => s.close(), () => undefined)));
    },
  };
}
