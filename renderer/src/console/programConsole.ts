// The console under the editor: xterm.js showing what the program prints, its uncaught
// exceptions as a Python traceback in red, and compile errors as `main.py:1:7: error: ...`.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { ExceptionReport } from '../../../main/common/api';
import { formatTraceback } from '../../../main/common/traceback';
import { formatDiagnostic, type Diagnostic } from '../../../compiler/src/diagnostics';

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const DIM = '\x1b[90m';
const RESET = '\x1b[0m';

export interface ProgramConsole {
  output(text: string): void;
  exception(report: ExceptionReport): void;
  diagnostics(diagnostics: Diagnostic[]): void;
  error(message: string): void;
  note(message: string): void;
  clear(): void;
}

/** xterm.js moves down a line on \n but needs \r to return to the first column. */
function toTerminalLines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export function createConsole(parent: HTMLElement): ProgramConsole {
  const terminal = new Terminal({
    convertEol: false,
    disableStdin: true,          // no REPL yet: the console only shows what the board says
    cursorBlink: false,
    cursorStyle: 'bar',
    cursorInactiveStyle: 'none',
    fontFamily: '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 13,
    lineHeight: 1.2,
    scrollback: 5000,
    theme: {
      background: '#14171d', foreground: '#d8dee9', cursor: '#14171d', selectionBackground: '#34405a',
      red: '#ff6b6b', brightRed: '#ff8787', yellow: '#ffcc66', green: '#c3e88d', brightBlack: '#6b7689',
    },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(parent);
  const refit = () => { try { fit.fit(); } catch { /* hidden or zero-sized: keep the old size */ } };
  new ResizeObserver(refit).observe(parent);
  refit();

  let atLineStart = true;          // so our own messages never continue the program's line
  const write = (text: string) => {
    if (!text) return;
    terminal.write(toTerminalLines(text));
    atLineStart = text.endsWith('\n');
  };
  const writeBlock = (colour: string, text: string) => {
    if (!atLineStart) write('\n');
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    terminal.write(colour + toTerminalLines(body) + RESET + '\r\n');
    atLineStart = true;
  };

  return {
    output: write,
    exception: report => writeBlock(RED, formatTraceback(report)),
    diagnostics: list => {
      for (const d of list) writeBlock(d.severity === 'error' ? RED : YELLOW, formatDiagnostic(d));
    },
    error: message => writeBlock(RED, message),
    note: message => writeBlock(DIM, message),
    clear: () => { terminal.reset(); atLineStart = true; },
  };
}
