// The debugger in the IDE: the Debug button and keys (F5 starts or continues, F10/F11/Shift+F11
// step, Shift+F5 stops), the breakpoint gutter (sent to the board as it changes), the stopped line
// (opening the file it is in), hovering a name while stopped, and the debugger's pane.
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import { EditorView, hoverTooltip } from '@codemirror/view';
import type { EditorState, Extension } from '@codemirror/state';
import type { DeviceEvent, ViperApi } from '../../../main/common/api';
import type { ProgramConsole } from '../console/programConsole';
import type { ProgramEditor } from '../editor/createEditor';
import { fileOfState } from '../editor/createEditor';
import type { ProgramRunner } from '../programRunner';
import { breakpointGutter, breakpointsOf, replaceBreakpoints, type Breakpoint } from './breakpointGutter';
import { editBreakpoint } from './breakpointDialog';
import { createDebugPanel, type DebugPanel } from './debugPanel';
import { DebugSession, type StopView } from './debugSession';
import { setStoppedLine, stoppedLine } from './stoppedLine';
import './debug.css';

const SEND_DELAY_MS = 200;
/** A dotted name under the pointer: what a hover evaluates (calls and subscripts are not run for a hover). */
const HOVER_NAME = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;

export interface Debugger {
  /** The editor extensions: create the editor with them, then call attach. */
  extensions: Extension;
  attach(editor: ProgramEditor, runner: ProgramRunner): void;
  noteEvent(event: DeviceEvent): void;
}

export interface DebuggerOptions {
  api: ViperApi;
  out: ProgramConsole;
  pane: HTMLElement;
  debugButton: HTMLButtonElement;
  /** Debug has returned (started, or failed): the console's prompt may come back. */
  settled(): void;
}

export function createDebugger({ api, out, pane, debugButton, settled }: DebuggerOptions): Debugger {
  let editor: ProgramEditor | undefined;
  let runner: ProgramRunner | undefined;
  let panel: DebugPanel | undefined;
  let markedFile: string | undefined;
  const sendTimers = new Map<string, ReturnType<typeof setTimeout>>();

  const session = new DebugSession(api, {
    phase(phase) {
      panel?.showPhase(phase);
      pane.hidden = false;
      debugButton.textContent = phase === 'stopped' ? '▶ Continue' : '🐞 Debug';
      debugButton.disabled = phase === 'starting' || phase === 'running';
    },
    stop: view => showStop(view),
    breakpoints(file, answered) {
      const state = editor?.stateOf(file);
      if (!editor || !state) return;
      const mine = breakpointsOf(state);
      const moved: Breakpoint[] = mine.map((b, i) => ({ ...b, line: answered[i]?.line ?? b.line }));
      const unverified = moved.filter((_, i) => answered[i] && !answered[i].verified).map(b => b.line);
      if (JSON.stringify(moved) === JSON.stringify(mine) && !unverified.length) return;
      editor.applyEffects(file, [replaceBreakpoints.of({ breakpoints: moved, unverified })]);
    },
    output: text => out.output(text),
    ended(message) {
      if (message) out.note(`── the debugger ended: ${message} ──`);
    },
  });

  function showStop(view: StopView | null): void {
    panel?.showStop(view);
    if (!editor) return;
    if (markedFile) editor.applyEffects(markedFile, [setStoppedLine.of(null)]);
    markedFile = undefined;
    const frame = view?.frame;
    const file = frame?.source?.name;
    if (!view || !frame || !file || !editor.has(file)) return;
    if (editor.currentFile() !== file) editor.show(file);    // a stop in a module opens its tab
    markedFile = file;
    const exception = view.reason === 'exception';
    const note = exception ? view.text ?? 'exception' : view.frame === view.stacks.get(view.threadId)?.[0] ? view.reason : undefined;
    editor.applyEffects(file, [setStoppedLine.of({ line: frame.line, note, exception })], frame.line);
  }

  function sendBreakpoints(file: string): Promise<void> {
    clearTimeout(sendTimers.get(file));
    sendTimers.delete(file);
    const current = editor?.stateOf(file);
    if (!current) return Promise.resolve();
    return session.setBreakpoints(file, breakpointsOf(current)).catch(err => out.error(`Breakpoints in ${file}: ${(err as Error).message}`));
  }

  function breakpointsChanged(state: EditorState): void {
    const file = state.facet(fileOfState);
    clearTimeout(sendTimers.get(file));
    sendTimers.set(file, setTimeout(() => void sendBreakpoints(file), SEND_DELAY_MS));
  }

  /** Breakpoint changes still waiting for the typing pause go out before the program goes on. */
  const flushBreakpoints = () => Promise.all([...sendTimers.keys()].map(sendBreakpoints));

  function allBreakpoints(): Map<string, Breakpoint[]> {
    const all = new Map<string, Breakpoint[]>();
    for (const file of editor?.files() ?? []) {
      const state = editor?.stateOf(file);
      if (state) all.set(file, breakpointsOf(state));
    }
    return all;
  }

  async function start(): Promise<void> {
    if (!runner || !panel) return;
    const filters = () => panel!.exceptionFilters();
    await runner.debug((board, sources) => session.start(board, 'main.py', sources, allBreakpoints, filters)).finally(settled);
  }

  const act = (what: () => Promise<void>) => () => void what().catch(err => out.error(`Debugger: ${(err as Error).message}`));
  const actions = {
    continue: act(() => flushBreakpoints().then(() => session.continue())),
    next: act(() => flushBreakpoints().then(() => session.next())),
    stepIn: act(() => flushBreakpoints().then(() => session.stepIn())),
    stepOut: act(() => flushBreakpoints().then(() => session.stepOut())),
    pause: act(() => session.pause()),
    stop: act(() => session.stop()),
  };

  const hover = hoverTooltip(async (view: EditorView, pos: number) => {
    if (session.phase() !== 'stopped') return null;
    const line = view.state.doc.lineAt(pos);
    for (const match of line.text.matchAll(HOVER_NAME)) {
      const from = line.from + match.index!;
      const to = from + match[0].length;
      if (pos < from || pos > to) continue;
      // up to the part under the pointer: hovering `b` in `a.b.c` shows a.b
      const upTo = match[0].slice(0, pos - from).length + match[0].slice(pos - from).search(/\.|$/);
      const expression = match[0].slice(0, upTo);
      let result: DP.EvaluateResponse['body'];
      try { result = await session.evaluate(expression, 'hover'); } catch { return null; }
      return {
        pos: from, end: from + upTo, above: true,
        create: () => {
          const dom = document.createElement('div');
          dom.className = 'cm-debugHover';
          dom.dataset.testid = 'debug-hover';
          dom.textContent = `${expression} = ${result.result}`;
          return { dom };
        },
      };
    }
    return null;
  });

  document.addEventListener('keydown', event => {
    const key = `${event.shiftKey ? 'Shift+' : ''}${event.key}`;
    const phase = session.phase();
    const handlers: Record<string, (() => void) | undefined> = {
      F5: phase === 'stopped' ? actions.continue : phase === 'idle' ? () => void start() : undefined,
      'Shift+F5': phase !== 'idle' ? actions.stop : undefined,
      F10: phase === 'stopped' ? actions.next : undefined,
      F11: phase === 'stopped' ? actions.stepIn : undefined,
      'Shift+F11': phase === 'stopped' ? actions.stepOut : undefined,
    };
    if (!(key in handlers)) return;
    event.preventDefault();                 // F5 reloads the page, F11 goes full screen
    handlers[key]?.();
  }, true);

  debugButton.addEventListener('click', () => (session.phase() === 'stopped' ? actions.continue() : void start()));

  return {
    extensions: [breakpointGutter({ onChange: breakpointsChanged, editOptions: editBreakpoint }), stoppedLine, hover],
    attach(e, r) {
      editor = e;
      runner = r;
      panel = createDebugPanel(pane, session, actions);
      panel.onExceptionFiltersChange(() => void session.setExceptionFilters(panel!.exceptionFilters()).catch(err => out.error(`Debugger: ${(err as Error).message}`)));
    },
    noteEvent: event => session.noteEvent(event),   // a board that goes away ends the session with the adapter's 'terminated'
  };
}
