// The console as Python's interactive prompt. With no program running it shows `>>> `; each
// complete entry goes to the main side, which compiles it in 'single' mode and runs it in the
// board's persistent __main__ (its echo and output come back as the usual events). While an entry
// or a program runs, a typed line goes to the program's input(). Ctrl-D on an empty prompt (or the
// Reset button) soft-resets the board; Ctrl-C at the prompt drops the line being typed.
import type { DeviceEvent, ViperApi } from '../../../main/common/api';
import type { DeviceBar } from '../deviceBar';
import { LineEditor, splitKeys } from './lineEditor';
import type { ProgramConsole } from './programConsole';
import { EntryBuffer } from './replEntry';

export interface Repl {
  /** Terminal input from the console. */
  keys(data: string): void;
  /** Ctrl-C: true when the prompt took it (nothing was running to stop). */
  interrupt(): boolean;
  /** Soft-resets the selected board and forgets the entry being typed. */
  reset(): Promise<void>;
  /** Run was pressed and the program is on its way: the prompt gives way to the program. */
  programStarted(): void;
  /** Run has returned: if nothing runs now (it failed, or already ended), the prompt comes back. */
  runSettled(): void;
  noteEvent(event: DeviceEvent): void;
  /** A REPL entry is running: its 'done' is not a program's end. */
  executing(): boolean;
}

type Mode = 'prompt' | 'exec' | 'program';

export function createRepl(api: ViperApi, bar: DeviceBar, out: ProgramConsole): Repl {
  const editor = new LineEditor();
  const entries = new EntryBuffer();
  let mode: Mode = 'prompt';
  /** Keys that came after an Enter that started an entry (a paste of several lines): they wait
   *  for the prompt to come back, then are typed in order. */
  let typeAhead: string[] = [];

  const show = () => out.setInput(mode === 'prompt'
    ? { prompt: entries.prompt, text: editor.text, cursor: editor.cursor, ownLine: true }
    : { prompt: '', text: editor.text, cursor: editor.cursor, ownLine: false });

  function toPrompt(): void {
    mode = 'prompt';
    editor.reset();
    show();
    if (typeAhead.length) {
      const keys = typeAhead;
      typeAhead = [];
      type(keys);
    }
  }

  function toProgram(): void {
    if (mode === 'program') return;
    mode = 'program';
    entries.clear();
    editor.reset();
    typeAhead = [];
    show();
  }

  async function runEntries(sources: string[]): Promise<void> {
    const board = bar.selectedBoard();
    mode = 'exec';
    show();
    if (!board) {
      out.error('No board is selected: pick one in the Board list above.');
      typeAhead = [];
      toPrompt();
      return;
    }
    for (const source of sources) {
      try {
        const result = await api.exec({ boardId: board.id, source });
        if (result.ok) continue;
        if ('diagnostics' in result) out.diagnostics(result.diagnostics);
        else out.error(`Could not run on ${board.name}: ${result.error}`);
      } catch (err) {
        out.error(`Could not run on ${board.name}: ${(err as Error).message}`);
      }
    }
    toPrompt();
  }

  function promptLine(text: string): void {
    out.commitInput();
    const complete = entries.push(text);
    if (complete.length) void runEntries(complete);
    else {
      editor.reset();
      show();
    }
  }

  function inputLine(text: string): void {
    out.commitInput();
    show();
    const board = bar.selectedBoard();
    if (!board) return;
    api.sendInput({ boardId: board.id, text: text + '\n' })
      .catch(err => out.error(`Could not send the line to ${board.name}: ${(err as Error).message}`));
  }

  function type(keys: string[]): void {
    for (let i = 0; i < keys.length; i++) {
      if (mode === 'exec' && typeAhead.length) { typeAhead.push(...keys.slice(i)); return; }
      const action = editor.key(keys[i]);
      if (action.kind === 'edit') show();
      else if (action.kind === 'eof' && mode === 'prompt' && entries.empty) void reset();
      else if (action.kind === 'line') {
        if (mode !== 'prompt') { inputLine(action.text); continue; }
        promptLine(action.text);
        // The rest of a paste waits for the entry to end (mode is 'exec' until then).
        if ((mode as Mode) === 'exec' && i + 1 < keys.length) { typeAhead = keys.slice(i + 1); return; }
      }
    }
  }

  async function reset(): Promise<void> {
    const board = bar.selectedBoard();
    entries.clear();
    editor.reset();
    typeAhead = [];
    if (!board) return;
    out.setInput(null);
    try {
      await api.reset({ boardId: board.id });
      out.note(`── soft reset: ${board.name} forgot the names defined at the prompt ──`);
    } catch (err) {
      out.error(`Could not reset ${board.name}: ${(err as Error).message}`);
    }
    mode = 'prompt';
    show();
  }

  show();
  return {
    keys: data => type(splitKeys(data)),
    interrupt() {
      if (mode !== 'prompt') { typeAhead = []; return false; }
      out.commitInput();
      out.note('KeyboardInterrupt');
      entries.clear();
      editor.reset();
      show();
      return true;
    },
    reset,
    programStarted: toProgram,
    runSettled() {
      const state = bar.selectedState();
      if (mode === 'program' && state !== 'running' && state !== 'busy') toPrompt();
    },
    noteEvent(event) {
      if (event.boardId !== bar.selectedBoard()?.id || mode === 'exec') return;
      if (mode === 'program' && (event.kind === 'done' || (event.kind === 'state' && event.state === 'disconnected'))) toPrompt();
    },
    executing: () => mode === 'exec',
  };
}
