// `viper repl`: Python's interactive prompt, with the compiler on this side. Each entry is
// compiled in 'single' mode and sent as one EXEC; the VM runs it in its persistent __main__
// and echoes expression values. Works the same on a board and on the Virtual board.
import { createInterface } from 'node:readline';
import { compile, formatDiagnostic } from '../../compiler/src/index';
import { formatTraceback } from '../common/traceback';
import type { DeviceSession, DoneStatus } from '../link/session';

/** True while `source` needs more lines: an open block (until a blank line) or an open bracket. */
export function needsMore(source: string): boolean {
  const lines = source.split('\n');
  let depth = 0, quote = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = ''; continue; }
    if (c === '#') { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
  }
  if (depth > 0) return true;
  const opensBlock = /:\s*(#.*)?$/.test(lines[0]) || /^\s*@/.test(lines[0]);
  return opensBlock && lines[lines.length - 1].trim() !== '';
}

export async function replCommand(session: DeviceSession): Promise<number> {
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, prompt: '>>> ' });
  let running = false;
  let buffer: string[] = [];
  session.on('output', (text: string) => process.stdout.write(text));
  session.on('exception', report => process.stderr.write(formatTraceback(report)));
  const closed = new Promise<void>(resolve => session.once('close', () => resolve()));

  const runEntry = async (source: string): Promise<DoneStatus | 'compile-error'> => {
    const { image, diagnostics } = compile(source + '\n', '<stdin>', { mode: 'single' });
    for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    if (!image) return 'compile-error';
    running = true;
    try { return await session.exec(image); } finally { running = false; }
  };

  rl.on('SIGINT', () => {
    if (running) void session.stop().catch(() => undefined);
    else { buffer = []; process.stdout.write('\nKeyboardInterrupt\n'); rl.setPrompt('>>> '); rl.prompt(); }
  });

  if (interactive) process.stdout.write('Viper REPL on the board; Ctrl-D leaves, Ctrl-C stops a running entry\n');
  rl.prompt();
  const lines: AsyncIterable<string> = rl;
  let failed = false;
  for await (const line of lines) {
    if (running) { await session.sendInput(line + '\n'); continue; }   // what input() waits for
    buffer.push(line);
    const source = buffer.join('\n');
    if (source.trim() === '') { buffer = []; rl.prompt(); continue; }
    if (needsMore(source)) { rl.setPrompt('... '); rl.prompt(); continue; }
    buffer = [];
    try {
      const status = await runEntry(source);
      failed = status !== 'ok';
    } catch (err) {
      process.stderr.write(`viper: ${(err as Error).message}\n`);
      if (session.closed) { rl.close(); await closed; return 3; }
    }
    rl.setPrompt('>>> ');
    rl.prompt();
  }
  if (buffer.join('').trim() !== '') await runEntry(buffer.join('\n'));
  if (interactive) process.stdout.write('\n');
  await session.close();
  return failed && !interactive ? 1 : 0;
}
