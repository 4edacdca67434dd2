// The renderer's entry point: builds the page's parts and connects them to the API.
import '@xterm/xterm/css/xterm.css';
import './styles.css';
import type { DeviceEvent } from '../../main/common/api';
import { connectApi } from './api/connectApi';
import { createConsole, type ProgramConsole } from './console/programConsole';
import { createRepl } from './console/repl';
import { DeviceBar } from './deviceBar';
import { createEditor } from './editor/createEditor';
import { exceptionTarget } from './editor/exceptionTarget';
import { boardDefinitionId, followSelectedBoard } from './editor/followBoard';
import { createProblemsSummary } from './problemsSummary';
import { createPlotter } from './plotter/plotter';
import { createProgramRunner } from './programRunner';
import { createRunAtBootSwitch } from './boards/runAtBoot';
import { installVirtualRamPicker } from './boards/virtualRamPicker';
import { createBoardPanel } from './boardPanel/boardPanel';
import { installBoardsAndBurn } from './burn/installBurn';
import { installProjects } from './projects/installProjects';
import { createDebugger } from './debug/installDebugger';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

const DONE_NOTES = {
  ok: '── finished ──',
  stopped: '── stopped ──',
  error: '── the board ended the program with an error ──',
  exception: null,                 // the traceback already said it
} as const;

/** How a REPL entry ended, when that needs saying (its output and traceback say the rest). */
const ENTRY_DONE_NOTES = { ok: null, exception: null, stopped: 'KeyboardInterrupt', error: DONE_NOTES.error } as const;

function showEvent(event: DeviceEvent, out: ProgramConsole, replEntry: boolean): void {
  switch (event.kind) {
    case 'output': return out.output(event.text);
    case 'exception': return out.exception(event.report);
    case 'done': {
      const note = (replEntry ? ENTRY_DONE_NOTES : DONE_NOTES)[event.status];
      if (note) (event.status === 'error' ? out.error : out.note)(note);
      return;
    }
    case 'state':
      // A session that ends by itself (the VM died, the cable came out) says why; a failed Run
      // has already said so and carries no detail.
      if (event.state === 'disconnected' && event.detail) out.error(lostBoardMessage(event.boardId, event.detail));
      return;
  }
}

function lostBoardMessage(boardId: string, reason: string): string {
  return boardId === 'virtual'
    ? `The Virtual board stopped: ${reason}. Press Run to start a fresh one.`
    : `The board on ${boardId} disconnected: ${reason}. Check its USB cable, then press Run to connect again.`;
}

function start(): void {
  const out = createConsole(byId('console'), {
    onOpenSource: (file, line, column) => {
      if (!editor.has(file)) return;
      editor.show(file);
      editor.reveal(line, column);
    },
    onInterrupt: () => { if (!repl.interrupt()) void runner.stop(); },
    onKeys: data => repl.keys(data),
  });
  const bar = new DeviceBar({
    select: byId<HTMLSelectElement>('board-select'),
    virtualRam: byId<HTMLSelectElement>('virtual-ram'),
    state: byId('board-state'),
    run: byId<HTMLButtonElement>('run'),
    stop: byId<HTMLButtonElement>('stop'),
    reset: byId<HTMLButtonElement>('reset'),
  });
  const api = connectApi(reason => out.error(`Lost the connection to Viper: ${reason}. Restart Viper and open the address it prints.`));

  // The editor, the problems line and the runner refer to each other; the closures below only
  // run after all three exist.
  const showProblems = createProblemsSummary(byId('problems'), (line, column) => editor.reveal(line, column));
  const debug = createDebugger({
    api, out, pane: byId('debug-panel'), debugButton: byId<HTMLButtonElement>('debug'),
    settled: () => repl.runSettled(),
  });
  const editor = createEditor({
    parent: byId('editor'),
    onRun: () => runProgram(),
    onDiagnostics: showProblems,
    extensions: debug.extensions,
  });
  const plotter = createPlotter({
    panel: byId('plotter'),
    canvas: byId<HTMLCanvasElement>('plot-canvas'),
    legend: byId('plot-legend'),
    pause: byId<HTMLButtonElement>('plot-pause'),
    exportCsv: byId<HTMLButtonElement>('plot-csv'),
    exportPng: byId<HTMLButtonElement>('plot-png'),
    clear: byId<HTMLButtonElement>('plot-clear'),
  });
  const repl = createRepl(api, bar, out);
  const boardPanel = createBoardPanel(api, bar, { pane: byId('board-panel'), workspace: byId('workspace') });
  const bootSwitch = createRunAtBootSwitch({ label: byId('run-at-boot-label'), box: byId<HTMLInputElement>('run-at-boot'), program: byId('board-program') }, () => bar.selectedBoard());
  bar.onSelect(() => bootSwitch.refresh());
  const runner = createProgramRunner(api, editor, bar, out, () => { plotter.reset(); repl.programStarted(); boardPanel.programStarted(); }, () => boardPanel.programRunning(),
    () => bootSwitch.runAtBoot());
  const runProgram = () => void runner.run().finally(() => repl.runSettled());
  debug.attach(editor, runner);
  installProjects({
    api, editor, out, bar: byId('project-bar'), tabs: byId('file-tabs'),
    selectedBoard: () => boardDefinitionId(bar.selectedBoard(), boardList.port(boardSelect.value)),
    showBoardPanel: example => boardPanel.reveal(example.uses.includes('uart') ? 'uart' : 'board'),
  });

  byId('run').addEventListener('click', runProgram);
  byId('reset').addEventListener('click', () => void repl.reset());
  byId('stop').addEventListener('click', () => void runner.stop());
  byId('clear-console').addEventListener('click', () => out.clear());

  api.onEvent(event => {
    bar.noteEvent(event);
    debug.noteEvent(event);
    bootSwitch.noteEvent(event);
    boardPanel.noteEvent(event);
    showEvent(event, out, repl.executing() && event.boardId === bar.selectedBoard()?.id);
    repl.noteEvent(event);
    if (event.kind === 'output' && !repl.executing()) plotter.output(event.text);   // the prompt's echoes are no data
    if (event.kind === 'exception') editor.markException(exceptionTarget(event.report, file => editor.has(file)));
  });
  installVirtualRamPicker(api, byId<HTMLSelectElement>('virtual-ram'), out);
  const boardSelect = byId<HTMLSelectElement>('board-select');
  const boardList = installBoardsAndBurn({ api, bar, out, select: boardSelect, burnButton: byId<HTMLButtonElement>('burn') });
  // the editor completes the selected board's pins and warns of pins it lacks
  followSelectedBoard(boardSelect, () => boardDefinitionId(bar.selectedBoard(), boardList.port(boardSelect.value)), id => editor.setBoard(id));
}

start();
