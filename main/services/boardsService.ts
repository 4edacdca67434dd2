// Boards: one device session per board, opened on first use; run, stop, REPL entries, input.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { compile, compileProject, levelErrors } from '../../compiler/src/index';
import { formatDiagnostic } from '../../compiler/src/diagnostics';
import type { BoardInfo, DeviceApi, ExecResult, RunResult, StoredProgram } from '../common/api';
import { openSession } from '../devices/connect';
import { QEMU_BOARD_ID, QEMU_BOARD_NAME, qemuBoardAvailability, startQemuBoard } from '../devices/qemuBoard';
import { DEFAULT_VIRTUAL_RAM, findVirtualRam } from '../common/virtualRam';
import { heapArgs, startVirtualBoard, VIRTUAL_BOARD_ID, virtualBoardAvailability } from '../devices/virtualBoard';
import { SerialTransport } from '../link/serialTransport';
import { LINK_ERRORS } from '../link/protocol';
import { LinkError, type DeviceSession, type VmInfo } from '../link/session';
import type { Transport } from '../link/transport';
import { findBoardDefinition } from '../common/boardDefinitions';
import { linkInputs } from './boardInput';
import type { DebugTarget } from '../debug/adapter';
import { createDebugSessions, type AdapterFactory } from './debugSessions';
import type { ServiceContext } from './serviceContext';

/** What INFO says the board keeps; a v1 VM's INFO has no program flags. */
function storedProgram(info: VmInfo): StoredProgram {
  return info.programStored === undefined ? { keeps: false } : { keeps: true, stored: info.programStored, runAtBoot: info.runAtBoot ?? false };
}

async function bootProgramRunning(session: DeviceSession, info: VmInfo): Promise<boolean> {
  return info.runAtBoot === true && (await session.status()).state === 'running';
}

/** How long a program the IDE did not start (a board's boot program) gets to end after STOP. */
const BOOT_STOP_MS = 3000;

/** Stops a program that runs without the IDE having started it, and waits until it has ended. */
async function stopWhatRuns(session: DeviceSession): Promise<void> {
  if ((await session.status()).state !== 'running') return;
  let cleanup = () => {};
  const ended = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the program running on the board did not stop within ${BOOT_STOP_MS / 1000} s: ` +
      'reset the board while holding its button (or press Stop within its first second) to skip it')), BOOT_STOP_MS);
    const onDone = () => resolve();
    session.once('done', onDone);
    cleanup = () => { clearTimeout(timer); session.off('done', onDone); };
  });
  try {
    await session.stop();
    await ended;
  } finally { cleanup(); }
}

export interface BoardsOptions {
  /** Where the Virtual board keeps its program across its restarts, as a board keeps it in flash
   *  (absent: it starts empty each time). It then runs a program stored to run at boot when it starts. */
  virtualStoreFile?: string;
  /** Makes a board's DAP adapter (main/debug/adapter.ts); absent: `debug` answers that there is no debugger. */
  debugAdapter?: AdapterFactory;
}

export function createBoardsService({ emit, flush, prober, listSerialPorts }: ServiceContext, options: BoardsOptions = {}): DeviceApi & { dispose(): Promise<void> } {
  const sessions = new Map<string, Promise<DeviceSession>>();
  const readyDetails = new Map<string, string>();     // "VM v0.1.0", what 'ready' says for a board
  const vmBoards = new Map<string, string>();         // the board id each session's VM reported ("virtual")
  const programs = new Map<string, StoredProgram>();  // what each session's VM last said it keeps
  let virtualRam = DEFAULT_VIRTUAL_RAM;

  /** The Virtual board, or a serial port that is plugged in now (never any other path). */
  async function transportFor(boardId: string): Promise<Transport> {
    if (boardId === VIRTUAL_BOARD_ID) {
      const virtual = virtualBoardAvailability();
      if (!virtual.available) throw new Error(virtual.reason);
      return startVirtualBoard(undefined, [...heapArgs(findVirtualRam(virtualRam)?.heapBytes), ...virtualStoreArgs()]);
    }
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

  function noteProgram(boardId: string, program: StoredProgram): void {
    programs.set(boardId, program);
    emit({ kind: 'program', boardId, program });
  }

  function virtualStoreArgs(): string[] {
    if (!options.virtualStoreFile) return [];
    mkdirSync(dirname(options.virtualStoreFile), { recursive: true });
    return ['--store-file', options.virtualStoreFile, '--autorun'];
  }

  /** After a request failed: a board that refused it because a program runs (its boot program) is still running. */
  function emitFailedState(boardId: string, err: unknown): void {
    const busy = err instanceof LinkError && err.code === LINK_ERRORS.BUSY;
    emit({ kind: 'state', boardId, state: !sessions.has(boardId) ? 'disconnected' : busy ? 'running' : 'ready' });
  }

  const debugSessions = createDebugSessions(options.debugAdapter, emit);

  const isSerial = (boardId: string) => boardId !== VIRTUAL_BOARD_ID && boardId !== QEMU_BOARD_ID;

  function connect(boardId: string): Promise<DeviceSession> {
    let session = sessions.get(boardId);
    if (!session) {
      emit({ kind: 'state', boardId, state: 'connecting' });
      // A port's hold (taken by transportFor) ends with the session, or here if no session came of it.
      // its output from the start: a board running its boot program prints before it answers HELLO
      const listen = (s: DeviceSession) => { s.on('output', text => emit({ kind: 'output', boardId, text })); };
      const opened = transportFor(boardId).then(transport => openSession(transport, undefined, listen).catch(err => {
        if (isSerial(boardId)) prober.release(boardId);
        throw err;
      }));
      session = opened.then(async ({ session: s, info }) => {
        readyDetails.set(boardId, `VM v${info.vmVersion}`);
        if (isSerial(boardId)) prober.noteSession(boardId, info);
        vmBoards.set(boardId, info.boardId);
        s.on('boardState', pins => emit({ kind: 'pins', boardId, board: info.boardId, pins }));
        const uartDecoders = new Map<number, TextDecoder>();   // per bus: a character may span frames
        s.on('uartOut', (bus, bytes) => {
          let decoder = uartDecoders.get(bus);
          if (!decoder) uartDecoders.set(bus, decoder = new TextDecoder('utf-8'));
          const text = decoder.decode(bytes, { stream: true });
          if (text) emit({ kind: 'uart', boardId, bus, text });
        });
        s.on('exception', report => emit({ kind: 'exception', boardId, report }));
        s.on('done', status => {
          emit({ kind: 'done', boardId, status });
          emit({ kind: 'state', boardId, state: 'ready', detail: `VM v${info.vmVersion}` });
        });
        s.on('close', reason => {
          sessions.delete(boardId);
          vmBoards.delete(boardId);
          programs.delete(boardId);
          if (isSerial(boardId)) prober.release(boardId);
          emit({ kind: 'state', boardId, state: 'disconnected', detail: reason });
        });
        noteProgram(boardId, storedProgram(info));
        // A board that started with a program stored to run at boot may be running it: say so, so
        // that Stop works and Run stops it first.
        if (await bootProgramRunning(s, info)) emit({ kind: 'state', boardId, state: 'running', detail: 'the program stored to run at boot' });
        else emit({ kind: 'state', boardId, state: 'ready', detail: `VM v${info.vmVersion}` });
        return s;
      });
      session.catch(() => sessions.delete(boardId));
      sessions.set(boardId, session);
    }
    return session;
  }

  /** Run's path without its RUN: compiles `files` (what `file` imports comes along), refuses what
   *  the board's level lacks or cannot keep, stops what runs and uploads. Throws when the board
   *  cannot take it (the caller says so). */
  async function prepareProgram(boardId: string, files: Record<string, string>, file: string, asked: boolean | undefined)
    : Promise<{ ok: true; session: DeviceSession } | Exclude<RunResult, { ok: true }>> {
    const { image, diagnostics } = Object.keys(files).length > 1 ? compileProject(files, file) : compile(files[file], file);
    if (!image) return { ok: false, diagnostics };
    const session = await connect(boardId);
    // the VM named its board: what that board's level lacks, or a program bigger than it keeps,
    // is refused here, with its place
    const lacking = levelErrors(files, vmBoards.get(boardId) ?? '', file);
    if (lacking.length) return { ok: false, diagnostics: lacking };
    const kept = programs.get(boardId);
    if (asked && !kept?.keeps) {
      return { ok: false, error: 'the VM on this board is too old to run a program at boot: burn the VM that comes with this IDE onto it, or untick "run at boot"' };
    }
    if (kept?.keeps) await stopWhatRuns(session);   // the boot program would refuse the upload (BUSY)
    // not asked: as the program it replaces (a board that runs its program at boot goes on doing so)
    const runAtBoot = asked ?? (kept?.keeps === true && kept.runAtBoot);
    emit({ kind: 'state', boardId, state: 'busy', detail: 'uploading' });
    let shown = -1;
    await session.upload(image, { runAtBoot, onProgress: (sent, total) => {
      const percent = Math.floor(sent * 100 / total);
      if (percent === shown) return;
      shown = percent;
      emit({ kind: 'state', boardId, state: 'busy', detail: `uploading ${percent}%` });
    } });
    if (kept?.keeps) {                               // what the board now keeps, as it says itself
      const { programStored, runAtBoot: atBoot } = await session.status();
      noteProgram(boardId, { keeps: true, stored: programStored, runAtBoot: atBoot });
    }
    return { ok: true, session };
  }

  /** What a board's debug adapter calls to start a session: the run path; the adapter sends RUN
   *  (configurationDone), and the console already shows the program's output. */
  function debugTarget(boardId: string): DebugTarget {
    return {
      forwardOutput: false,
      async prepare({ program, sources = {} }) {
        const files: Record<string, string> = Object.create(null);
        for (const [name, text] of Object.entries(sources)) files[name] = text;
        const prepared = await prepareProgram(boardId, files, program, undefined).catch(err => { emitFailedState(boardId, err); throw err; });
        // refused before anything ran (as a Run's diagnostics): the board's state is unchanged
        if (!prepared.ok) throw new Error('diagnostics' in prepared ? prepared.diagnostics.filter(d => d.severity === 'error').map(formatDiagnostic).join('\n') : prepared.error);
        emit({ kind: 'state', boardId, state: 'running', detail: 'under the debugger' });
        return { session: prepared.session, files, entry: program };
      },
    };
  }

  return {
    async listBoards(): Promise<BoardInfo[]> {
      const virtual = virtualBoardAvailability();
      const boards: BoardInfo[] = [{ id: VIRTUAL_BOARD_ID, name: 'Virtual board', kind: 'virtual', ram: virtualRam, ...(virtual.available ? {} : { unavailable: virtual.reason }) }];
      if (qemuBoardAvailability().available) boards.push({ id: QEMU_BOARD_ID, name: QEMU_BOARD_NAME, kind: 'qemu' });
      return boards;
    },

    async run({ boardId, file, source, modules = [], runAtBoot: asked }): Promise<RunResult> {
      const files: Record<string, string> = Object.create(null);
      for (const m of modules) files[m.file] = m.source;
      files[file] = source;
      try {
        const prepared = await prepareProgram(boardId, files, file, asked);
        if (!prepared.ok) return prepared;
        emit({ kind: 'state', boardId, state: 'running' });  // before RUN: a short program's 'done' may beat RUN's ACK
        await prepared.session.run();
        return { ok: true };
      } catch (err) {
        emitFailedState(boardId, err);
        return { ok: false, error: (err as Error).message };
      }
    },

    async debug({ boardId, request }) {
      return debugSessions.request(boardId, request, () => debugTarget(boardId));
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
        flush(boardId);                                  // and passed on, before the answer
        return { ok: true };
      } catch (err) {
        emitFailedState(boardId, err);
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

    async setVirtualBoardRam({ ram }): Promise<void> {
      if (ram === virtualRam) return;
      virtualRam = ram;
      // The heap is fixed when the VM starts: end the running one; the next Run starts afresh.
      const session = sessions.get(VIRTUAL_BOARD_ID);
      if (session) await session.then(s => s.close(), () => undefined);
    },

    async boardInput({ boardId, input }): Promise<void> {
      const pending = sessions.get(boardId);
      if (!pending) throw new Error('the board is not connected: press Run first');
      const session = await pending;
      for (const frame of linkInputs(findBoardDefinition(vmBoards.get(boardId) ?? ''), input)) await session.boardInput(frame);
    },

    async dispose() {
      await debugSessions.dispose();
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map(p => p.then(s => s.close(), () => undefined)));
    },
  };
}
