// The main-side implementation of the renderer API: boards, compile, upload, run, stop.
// Plain Node, no Electron: the Electron shell and the browser-mode server both wrap it.
import { EventEmitter } from 'node:events';
import { compile, compileProject } from '../../compiler/src/index';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BoardInfo, BurnResult, DeviceEvent, ExecResult, PortEntry, ProjectInfo, RunResult, ViperApi } from '../common/api';
import { KNOWN_BOARDS } from '../devices/boardTable';
import { BoardMemory } from '../devices/boardMemory';
import { listPorts } from '../devices/listPorts';
import { portEntry } from '../devices/portEntry';
import type { PortInfo } from '../devices/portInfo';
import { PortProber } from '../devices/portProber';
import { probeVm } from '../devices/probeVm';
import { cloneExample, listExamples, searchExamples } from '../examples/gallery';
import { burnVm } from '../flash/burnVm';
import { FlashError } from '../flash/flasher';
import { clearStash, moveStash, recoverBuffers, stashBuffer } from '../projects/autosave';
import { createProject, deleteProjectFile, openProject, readProjectFile, renameProjectFile, saveProjectFile, type Project } from '../projects/project';
import { RecentProjects } from '../projects/recentProjects';
import { openSession } from '../devices/connect';
import { startVirtualBoard, VIRTUAL_BOARD_ID } from '../devices/virtualBoard';
import { QEMU_BOARD_ID, QEMU_BOARD_NAME, qemuBoardAvailability, startQemuBoard } from '../devices/qemuBoard';
import { SerialTransport } from '../link/serialTransport';
import type { DeviceSession, VmInfo } from '../link/session';
import type { Transport } from '../link/transport';
import type { MainApi } from './dispatch';
import { createOutputBatcher } from './outputBatcher';

/** Where the tools find and keep things; each defaults under the repository or the home folder. */
export interface ServiceOptions {
  examplesDir?: string;
  projectsDir?: string;
  firmwareDir?: string;
  /** Where recent projects and remembered boards are kept. */
  settingsDir?: string;
  listPorts?: () => Promise<PortInfo[]>;
  /** Asks one port whether a VM answers (default: probeVm with a short timeout). */
  probePort?: (path: string) => Promise<VmInfo | undefined>;
}

export interface ViperService extends MainApi {
  onEvent: ViperApi['onEvent'];
  dispose(): Promise<void>;
}

const projectInfo = (p: Project): ProjectInfo => ({ dir: p.dir, name: p.manifest.name, board: p.manifest.board, files: p.files });

export function createViperService(options: ServiceOptions = {}): ViperService {
  const root = join(__dirname, '..', '..');
  const examplesDir = options.examplesDir ?? join(root, 'examples');
  const projectsDir = options.projectsDir ?? join(homedir(), 'Viper');
  const firmwareDir = options.firmwareDir ?? join(root, 'vm-firmware', 'build', 'firmware');
  const settingsDir = options.settingsDir ?? join(homedir(), '.viper');
  const boardMemory = new BoardMemory(settingsDir);
  const recent = new RecentProjects(settingsDir);
  const listSerialPorts = options.listPorts ?? listPorts;
  // 400 ms is ten HELLO round trips at 115200 baud; the deadline covers an open() or close() that hangs.
  const prober = new PortProber({ probe: options.probePort ?? (path => probeVm(path, { timeoutMs: 400 })), deadlineMs: 2000 });
  /** Opens a project and puts it first in the recent list. */
  async function openAndRemember(dir: string): Promise<ProjectInfo> {
    const project = projectInfo(await openProject(dir));
    await recent.add(project.dir).catch(() => undefined);   // a read-only settings folder must not stop work
    return project;
  }
  const burns = new Map<string, AbortController>();
  const events = new EventEmitter();
  const sessions = new Map<string, Promise<DeviceSession>>();
  const readyDetails = new Map<string, string>();     // "VM v0.1.0", what 'ready' says for a board
  const batcher = createOutputBatcher(event => events.emit('event', event));
  const emit = batcher.emit;

  /** The Virtual board, or a serial port that is plugged in now (never any other path). */
  async function transportFor(boardId: string): Promise<Transport> {
    if (boardId === VIRTUAL_BOARD_ID) return startVirtualBoard();
    if (boardId === QEMU_BOARD_ID) {
      const qemu = qemuBoardAvailability();
      if (!qemu.available) throw new Error(`the QEMU board cannot start: ${qemu.missing}`);
      return startQemuBoard();
    }
    const ports = await listSerialPorts().catch(() => []);
    if (!ports.some(p => p.path === boardId)) throw new Error(`no board "${boardId}": pick one from the board list`);
    await prober.hold(boardId);                          // released when the session ends or fails
    try {
      return await SerialTransport.open(boardId);
    } catch (err) {
      prober.release(boardId);
      throw err;
    }
  }

  const isSerial = (boardId: string) => boardId !== VIRTUAL_BOARD_ID && boardId !== QEMU_BOARD_ID;

  function connect(boardId: string): Promise<DeviceSession> {
    let session = sessions.get(boardId);
    if (!session) {
      emit({ kind: 'state', boardId, state: 'connecting' });
      // A port's hold (taken by transportFor) ends with the session, or here if no session came of it.
      const opened = transportFor(boardId).then(transport => openSession(transport).catch(err => {
        if (isSerial(boardId)) prober.release(boardId);
        throw err;
      }));
      session = opened.then(({ session: s, info }) => {
        readyDetails.set(boardId, `VM v${info.vmVersion}`);
        if (isSerial(boardId)) prober.noteSession(boardId, info);
        s.on('output', (text: string) => emit({ kind: 'output', boardId, text }));
        s.on('exception', report => emit({ kind: 'exception', boardId, report }));
        s.on('done', status => {
          emit({ kind: 'done', boardId, status });
          emit({ kind: 'state', boardId, state: 'ready', detail: `VM v${info.vmVersion}` });
        });
        s.on('close', (reason: string) => {
          sessions.delete(boardId);
          if (isSerial(boardId)) prober.release(boardId);
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
      const boards: BoardInfo[] = [{ id: VIRTUAL_BOARD_ID, name: 'Virtual board', kind: 'virtual' }];
      if (qemuBoardAvailability().available) boards.push({ id: QEMU_BOARD_ID, name: QEMU_BOARD_NAME, kind: 'qemu' });
      return boards;
    },

    async run({ boardId, file, source, modules = [] }): Promise<RunResult> {
      // The program's modules travel with it; what it imports is compiled into one image.
      const files: Record<string, string> = Object.create(null);
      for (const m of modules) files[m.file] = m.source;
      files[file] = source;
      const { image, diagnostics } = modules.length ? compileProject(files, file) : compile(source, file);
      if (!image) return { ok: false, diagnostics };
      try {
        const session = await connect(boardId);
        emit({ kind: 'state', boardId, state: 'busy', detail: 'uploading' });
        let shown = -1;
        await session.upload(image, { onProgress: (sent, total) => {
          const percent = Math.floor(sent * 100 / total);
          if (percent === shown) return;
          shown = percent;
          emit({ kind: 'state', boardId, state: 'busy', detail: `uploading ${percent}%` });
        } });
        emit({ kind: 'state', boardId, state: 'running' });  // before RUN: a short program's 'done' may beat RUN's ACK
        await session.run();
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

    async exec({ boardId, source }): Promise<ExecResult> {
      const { image, diagnostics } = compile(source.endsWith('\n') ? source : source + '\n', '<stdin>', { mode: 'single' });
      if (!image) return { ok: false, diagnostics };
      try {
        const session = await connect(boardId);
        emit({ kind: 'state', boardId, state: 'busy', detail: 'sending the entry' });
        emit({ kind: 'state', boardId, state: 'running' });
        await session.exec(image);                       // resolves at DONE: the output has been emitted
        batcher.flush(boardId);                          // and passed on, before the answer
        return { ok: true };
      } catch (err) {
        emit({ kind: 'state', boardId, state: sessions.has(boardId) ? 'ready' : 'disconnected' });
        return { ok: false, error: (err as Error).message };
      }
    },

    async reset({ boardId }): Promise<void> {
      const session = sessions.get(boardId);
      if (!session) return;                                // no session yet: nothing to forget
      await (await session).reset();
      // A reset ends what ran without a DONE: the board is ready again.
      emit({ kind: 'state', boardId, state: 'ready', detail: readyDetails.get(boardId) });
    },

    async sendInput({ boardId, text }): Promise<void> {
      const session = sessions.get(boardId);
      if (!session) throw new Error('no program is running to read this input');
      await (await session).sendInput(text);
    },

    async listPorts(): Promise<PortEntry[]> {
      const ports = await listSerialPorts();
      prober.update(ports.map(p => p.path));             // probes new ports in the background
      return ports.map(p => portEntry(p, prober.status(p.path), boardMemory));
    },

    async setPortBoard({ path, board }) {
      if (!Object.prototype.hasOwnProperty.call(KNOWN_BOARDS, board)) throw new Error(`"${board}" is not a board Viper knows`);
      const port = (await listSerialPorts()).find(p => p.path === path);
      if (!port) throw new Error(`there is no port ${path} any more: plug the board in again`);
      boardMemory.remember(port, board);
    },

    async listKnownBoards() { return { ...KNOWN_BOARDS }; },

    async listExamples(query) { return searchExamples(await listExamples(examplesDir), query); },

    async cloneExample({ id, name, board }) {
      await mkdir(projectsDir, { recursive: true });
      return openAndRemember(await cloneExample(examplesDir, id, projectsDir, name, board));
    },

    async createProject({ name, board }) {
      await mkdir(projectsDir, { recursive: true });
      return openAndRemember((await createProject(projectsDir, name, board)).dir);
    },

    openProject: ({ dir }) => openAndRemember(dir),

    async recentProjects() {
      const opened = await Promise.all(recent.list().map(dir => openProject(dir).then(projectInfo, () => undefined)));
      return opened.filter((p): p is ProjectInfo => p !== undefined);
    },

    readFile: ({ dir, file }) => readProjectFile(dir, file),

    async saveFile({ dir, file, text }) {
      await saveProjectFile(dir, file, text);
      await clearStash(dir, file);
    },

    stashBuffer: ({ dir, file, text }) => stashBuffer(dir, file, text),

    async recoverBuffers({ dir }) {
      return (await recoverBuffers(dir)).map(({ file, text, savedAt, diskText }) => ({ file, text, savedAt, ...(diskText === undefined ? {} : { diskText }) }));
    },

    discardBuffer: ({ dir, file }) => clearStash(dir, file),

    async deleteFile({ dir, file }) {
      await deleteProjectFile(dir, file);
      await clearStash(dir, file);
    },

    async renameFile({ dir, file, to }) {
      await renameProjectFile(dir, file, to);
      await moveStash(dir, file, to);
    },

    async burnVm({ board, method, target }): Promise<BurnResult> {
      if (burns.has(target)) return { ok: false, error: `already burning through ${target}`, hint: 'Wait for it to finish or cancel it.', cancelled: false };
      const abort = new AbortController();
      burns.set(target, abort);
      await prober.hold(target);                         // a probe's HELLO must not land in a bootloader
      try {
        const { vmVersion } = await burnVm({ board, method, target, firmwareDir, signal: abort.signal,
          onProgress: p => emit({ kind: 'burn', boardId: target, ...p }) });
        return { ok: true, vmVersion };
      } catch (err) {
        if (err instanceof FlashError) return { ok: false, error: err.message, hint: err.hint, cancelled: err.cancelled };
        return { ok: false, error: (err as Error).message, hint: 'Unplug and replug the board, and try again.', cancelled: false };
      } finally {
        burns.delete(target);
        prober.release(target);
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
      await prober.stop();
      batcher.dispose();
    },
  };
}
