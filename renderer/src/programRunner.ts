// What Run, Debug and Stop do. Run sends main.py with the project's other modules (the service
// compiles what it imports); Debug sends the same to the debugger's launch. It checks every file first and refuses to send a program with errors,
// showing the same diagnostics the editor shows, in the console where the output would go.
import type { BoardInfo, ModuleSource, ViperApi } from '../../main/common/api';
import { isModuleFile } from '../../main/common/moduleFile';
import type { ProgramConsole } from './console/programConsole';
import type { DeviceBar } from './deviceBar';
import { checkSource, hasErrors, PROGRAM_FILE } from './editor/checkSource';
import type { ProgramEditor } from './editor/createEditor';

export interface ProgramRunner {
  run(): Promise<void>;
  /** Run's checks and preparation, then `start` instead of a Run: the debugger's launch, with
   *  every file's text (main.py and the project's modules) as the editor has it. */
  debug(start: (boardId: string, sources: Record<string, string>) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

const STOP_WAIT_MS = 3000;

/** `onStart`: a program is about to be sent (the plotter starts afresh); `onRunning`: the board has started it;
 *  `runAtBoot`: whether the board should also run it whenever it starts (the device bar's switch;
 *  undefined: as the program it replaces). */
export function createProgramRunner(api: ViperApi, editor: ProgramEditor, bar: DeviceBar, out: ProgramConsole, onStart: () => void = () => {}, onRunning: () => void = () => {},
  runAtBoot: () => boolean | undefined = () => undefined): ProgramRunner {
  let running = false;

  /** Run while a program runs: stop it first and wait until the board says it ended. */
  async function stopAndWait(boardId: string): Promise<void> {
    let unsubscribe = () => {};
    const ended = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`it did not stop within ${STOP_WAIT_MS / 1000} s; press Stop, or unplug the board`)), STOP_WAIT_MS);
      unsubscribe = api.onEvent(event => {
        if (event.boardId === boardId && (event.kind === 'done' || (event.kind === 'state' && event.state !== 'running' && event.state !== 'busy'))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    try {
      await api.stop({ boardId });
      await ended;
    } finally {
      unsubscribe();
    }
  }

  /** Checks every file, stops what runs, then `go`; a failure is said in the console. */
  async function send(verb: 'running' | 'debugging', go: (board: BoardInfo, source: string, modules: ModuleSource[], atBoot: boolean | undefined) => Promise<void>): Promise<void> {
    if (running) return;
    const board = bar.selectedBoard();
    if (!board) {
      out.error('No board is selected: pick one in the Board list above.');
      return;
    }
    const source = editor.source(PROGRAM_FILE);
    const modules: ModuleSource[] = editor.files()
      .filter(file => file !== PROGRAM_FILE && isModuleFile(file))
      .map(file => ({ file, source: editor.source(file) }));
    editor.markException(null);                      // the last run's exception is old news
    // A broken module stops the run too: main.py may import it (the service would refuse it).
    const diagnostics = [checkSource(source, PROGRAM_FILE), ...modules.map(m => checkSource(m.source, m.file))].flat();
    editor.checkNow();
    const press = verb === 'running' ? 'Run' : 'Debug';
    if (hasErrors(diagnostics)) {
      out.diagnostics(diagnostics);
      out.note(`${PROGRAM_FILE} was not run: fix the error${diagnostics.length > 1 ? 's' : ''} above, then press ${press} again.`);
      return;
    }
    out.diagnostics(diagnostics);                    // warnings, if any; they do not stop a run
    running = true;
    bar.setRunPending(true);
    try {
      const state = bar.selectedState();
      if (state === 'running' || state === 'busy') await stopAndWait(board.id);
    } catch (err) {
      out.error(`Could not stop the program running on ${board.name}: ${(err as Error).message}`);
      running = false;
      bar.setRunPending(false);
      return;
    }
    const atBoot = runAtBoot();
    out.note(`── ${verb} ${PROGRAM_FILE} on ${board.name}${atBoot && verb === 'running' ? ', kept to run at boot' : ''} ──`);
    onStart();
    try {
      await go(board, source, modules, atBoot);
    } catch (err) {
      out.error(`Could not ${verb === 'running' ? 'run' : 'debug'} on ${board.name}: ${(err as Error).message}`);
    } finally {
      running = false;
      bar.setRunPending(false);
    }
  }

  return {
    run() {
      return send('running', async (board, source, modules, atBoot) => {
        const result = await api.run({ boardId: board.id, file: PROGRAM_FILE, source, ...(modules.length ? { modules } : {}), ...(atBoot === undefined ? {} : { runAtBoot: atBoot }) });
        if (result.ok) {
          onRunning();
          return;
        }
        if ('diagnostics' in result) out.diagnostics(result.diagnostics);
        else out.error(`Could not run on ${board.name}: ${result.error}`);
      });
    },

    debug(start) {
      return send('debugging', async (board, source, modules) => {
        const sources: Record<string, string> = { [PROGRAM_FILE]: source };
        for (const m of modules) sources[m.file] = m.source;
        await start(board.id, sources);
        onRunning();
      });
    },

    async stop() {
      const board = bar.selectedBoard();
      if (!board) return;
      try {
        await api.stop({ boardId: board.id });
      } catch (err) {
        out.error(`Could not stop ${board.name}: ${(err as Error).message}`);
      }
    },
  };
}
