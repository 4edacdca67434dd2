// The main-side implementation of the renderer API: boards, compile, upload, run, stop.
// Plain Node, no Electron: the Electron shell and the browser-mode server both wrap it.
import { EventEmitter } from 'node:events';
import { compile } from '../../compiler/src/index';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BoardInfo, BurnResult, DeviceEvent, PortEntry, RunResult, ToolsApi, ViperApi } from '../common/api';
import { identifyUsb } from '../devices/boardTable';
import { listPorts } from '../devices/listPorts';
import type { PortInfo } from '../devices/portInfo';
import { cloneExample, listExamples, searchExamples } from '../examples/gallery';
import { burnVm } from '../flash/burnVm';
import { FlashError } from '../flash/flasher';
import { openProject, saveProjectFile } from '../projects/project';
import { openSession } from '../devices/connect';
import { startVirtualBoard, VIRTUAL_BOARD_ID } from '../devices/virtualBoard';
import type { DeviceSession } from '../link/session';
import type { MainApi } from './dispatch';

/** Where the tools find and keep things; each defaults under the repository or the home folder. */
export interface ServiceOptions {
  examplesDir?: string;
  projectsDir?: string;
  firmwareDir?: string;
  listPorts?: () => Promise<PortInfo[]>;
}

export interface ViperService extends Omit<MainApi, keyof ToolsApi>, ToolsApi {
  onEvent: ViperApi['onEvent'];
  dispose(): Promise<void>;
}

export function createViperService(options: ServiceOptions = {}): ViperService {
  const root = join(__dirname, '..', '..');
  const examplesDir = options.examplesDir ?? join(root, 'examples');
  const projectsDir = options.projectsDir ?? join(homedir(), 'Viper');
  const firmwareDir = options.firmwareDir ?? join(root, 'vm-firmware', 'build', 'firmware');
  const burns = new Map<string, AbortController>();
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

    async listPorts(): Promise<PortEntry[]> {
      return (await (options.listPorts ?? listPorts)()).map(p => {
        const usb = identifyUsb(p.vendorId, p.productId);
        return { ...p, ...(usb ? { usbName: usb.name } : {}), ...(usb?.board ? { board: usb.board } : {}) };
      });
    },

    async listExamples(query) { return searchExamples(await listExamples(examplesDir), query); },

    async cloneExample({ id, name, board }) {
      const project = await openProject(await cloneExample(examplesDir, id, projectsDir, name, board));
      return { dir: project.dir, name: project.manifest.name, board: project.manifest.board, files: project.files };
    },

    async openProject({ dir }) {
      const project = await openProject(dir);
      return { dir: project.dir, name: project.manifest.name, board: project.manifest.board, files: project.files };
    },

    async saveFile({ dir, file, text }) { await saveProjectFile(dir, file, text); },

    async burnVm({ board, method, target }): Promise<BurnResult> {
      if (burns.has(target)) return { ok: false, error: `already burning through ${target}`, hint: 'Wait for it to finish or cancel it.', cancelled: false };
      const abort = new AbortController();
      burns.set(target, abort);
      try {
        const { vmVersion } = await burnVm({ board, method, target, firmwareDir, signal: abort.signal,
          onProgress: p => emit({ kind: 'burn', boardId: target, ...p }) });
        return { ok: true, vmVersion };
      } catch (err) {
        if (err instanceof FlashError) return { ok: false, error: err.message, hint: err.hint, cancelled: err.cancelled };
        return { ok: false, error: (err as Error).message, hint: 'Unplug and replug the board, and try again.', cancelled: false };
      } finally {
        burns.delete(target);
      }
    },

    async cancelBurn({ target }) { burns.get(target)?.abort(); },

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
