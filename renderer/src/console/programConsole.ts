// The console under the editor: xterm.js showing what the program prints, its uncaught
// exceptions as a Python traceback in red, and compile errors as `main.py:1:7: error: ...`.
// Locations in tracebacks and errors are links to the editor. Ctrl-C (with nothing selected)
// stops the program. Output is written once per animation frame, however fast it arrives, so a
// program printing megabytes a second cannot starve the page. Below the output sits the line being
// typed (the REPL's prompt, or a line for the program's input()): output arriving meanwhile is
// written above it, and the line is drawn again after it.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { ExceptionReport } from '../../../main/common/api';
import { formatTraceback } from '../../../main/common/traceback';
import { formatDiagnostic, type Diagnostic } from '../../../compiler/src/diagnostics';
import { findSourceLinks } from './sourceLinks';

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const DIM = '\x1b[90m';
const RESET = '\x1b[0m';

/** At most this much text waits for the next frame; beyond it the oldest is dropped and said so. */
const MAX_PENDING_CHARS = 4 << 20;
const WRITE_PIECE_CHARS = 16 << 10;

/** The line being typed. `ownLine`: it starts a line of its own (a REPL prompt); otherwise it
 *  follows what the program printed (an input() prompt). `cursor` indexes `text`. */
export interface InputLine { prompt: string; text: string; cursor: number; ownLine: boolean }

export interface ProgramConsole {
  output(text: string): void;
  /** Shows (or, with null, takes away) the line being typed. */
  setInput(line: InputLine | null): void;
  /** The line being typed was entered: it stays as it is shown, and output goes on below it. */
  commitInput(): void;
  exception(report: ExceptionReport): void;
  diagnostics(diagnostics: Diagnostic[]): void;
  error(message: string): void;
  note(message: string): void;
  clear(): void;
}

export interface ConsoleOptions {
  /** A location in the console was clicked (1-based line and column). */
  onOpenSource(file: string, line: number, column: number): void;
  /** Ctrl-C with nothing selected. */
  onInterrupt(): void;
  /** What a key (or a paste) typed into the console sends, as terminal input. */
  onKeys(data: string): void;
}

/** xterm.js moves down a line on \n but needs \r to return to the first column. */
function toTerminalLines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Terminal columns `text` takes (one per code point: enough for the text people type). */
const columns = (text: string) => [...text].length;
const left = (n: number) => (n > 0 ? `\x1b[${n}D` : '');
const right = (n: number) => (n > 0 ? `\x1b[${n}C` : '');

export function createConsole(parent: HTMLElement, options: ConsoleOptions): ProgramConsole {
  const terminal = new Terminal({
    convertEol: false,
    disableStdin: false,         // keys reach onKeys (the REPL, input()) and the handler below
    cursorBlink: true,
    cursorStyle: 'bar',
    cursorInactiveStyle: 'none',
    fontFamily: '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 13,
    lineHeight: 1.2,
    scrollback: 5000,
    theme: {
      background: '#14171d', foreground: '#d8dee9', cursor: '#d8dee9', selectionBackground: '#34405a',
      red: '#ff6b6b', brightRed: '#ff8787', yellow: '#ffcc66', green: '#c3e88d', brightBlack: '#6b7689',
    },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(parent);
  const refit = () => { try { fit.fit(); } catch { /* hidden or zero-sized: keep the old size */ } };
  new ResizeObserver(refit).observe(parent);
  refit();

  terminal.attachCustomKeyEventHandler(event => {
    if (event.type !== 'keydown' || !event.ctrlKey || event.altKey || event.metaKey) return true;
    if (event.key.toLowerCase() !== 'c') return true;
    if (terminal.hasSelection()) {
      // With a selection, Ctrl-C (and Ctrl-Shift-C) copies, as in any terminal.
      void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => { /* no clipboard access */ });
      terminal.clearSelection();
    } else if (!event.shiftKey) {
      options.onInterrupt();
    }
    event.preventDefault();
    return false;
  });

  terminal.onData(data => options.onKeys(data));

  terminal.registerLinkProvider({
    provideLinks(y, callback) {
      const text = terminal.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
      const links = findSourceLinks(text).map(link => ({
        range: { start: { x: link.start + 1, y }, end: { x: link.end, y } },
        text: text.slice(link.start, link.end),
        activate: () => options.onOpenSource(link.file, link.line, link.column),
      }));
      callback(links.length ? links : undefined);
    },
  });

  // Everything goes through `pending` and reaches xterm once per frame, in order.
  let pending: string[] = [];
  let pendingChars = 0;
  let dropped = 0;
  let frame = 0;
  const flush = () => {
    frame = 0;
    if (dropped) {
      pending.unshift(`${DIM}… ${dropped} characters of output skipped: the program printed faster than the console can show …${RESET}\r\n`);
      dropped = 0;
    }
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    // xterm.js parses each write in one go but yields between writes: pieces keep the page live.
    for (let at = 0; at < text.length; at += WRITE_PIECE_CHARS) terminal.write(text.slice(at, at + WRITE_PIECE_CHARS));
  };
  const enqueue = (text: string) => {
    pending.push(text);
    pendingChars += text.length;
    while (pendingChars > MAX_PENDING_CHARS && pending.length > 1) {
      const oldest = pending.shift() as string;
      pendingChars -= oldest.length;
      dropped += oldest.length;
    }
    if (!frame) frame = requestAnimationFrame(flush);
  };

  let atLineStart = true;          // so our own messages never continue the program's line
  let input: InputLine | null = null;
  let inputColumn = 0;             // where the terminal's cursor is, counted from the input line's start
  const eraseInput = () => {
    if (!input || !(input.prompt || input.text)) return;
    enqueue(left(inputColumn) + '\x1b[K');
    inputColumn = 0;
  };
  const drawInput = () => {
    if (!input) return;
    if (input.ownLine && !atLineStart) {
      enqueue('\r\n');
      atLineStart = true;
    }
    if (!input.prompt && !input.text) return;
    const before = input.text.slice(0, input.cursor);
    enqueue(input.prompt + input.text + '\x1b[K' + left(columns(input.text) - columns(before)));
    inputColumn = columns(input.prompt) + columns(before);
  };
  /** Writes above the line being typed. */
  const around = (writeOutput: () => void) => {
    eraseInput();
    writeOutput();
    drawInput();
  };
  const writeRaw = (text: string) => {
    if (!text) return;
    enqueue(toTerminalLines(text));
    atLineStart = text.endsWith('\n');
  };
  const write = (text: string) => { if (text) around(() => writeRaw(text)); };
  const writeBlock = (colour: string, text: string) => around(() => {
    if (!atLineStart) writeRaw('\n');
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    enqueue(colour + toTerminalLines(body) + RESET + '\r\n');
    atLineStart = true;
  });

  return {
    output: write,
    setInput: line => {
      eraseInput();
      input = line && { ...line };
      drawInput();
    },
    commitInput: () => {
      if (!input) return;
      enqueue(right(columns(input.text) - columns(input.text.slice(0, input.cursor))) + '\r\n');
      atLineStart = true;
      input = null;
      inputColumn = 0;
    },
    exception: report => writeBlock(RED, formatTraceback(report)),
    diagnostics: list => {
      for (const d of list) writeBlock(d.severity === 'error' ? RED : YELLOW, formatDiagnostic(d));
    },
    error: message => writeBlock(RED, message),
    note: message => writeBlock(DIM, message),
    clear: () => {
      pending = [];
      pendingChars = 0;
      dropped = 0;
      terminal.reset();
      atLineStart = true;
      inputColumn = 0;
      drawInput();
    },
  };
}
