// `viper debug FILE.py`: a small pdb-like prompt over the DAP adapter. It stops at the program's
// first line; commands come from stdin, one a line, so a script can drive it too.
import { createInterface } from 'node:readline';
import { basename, dirname, resolve } from 'node:path';
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import { DebugAdapter } from '../debug/adapter';
import { FileTarget, type BoardChoice } from '../debug/fileTarget';

const HELP = `commands:
  b LINE | b FILE:LINE [if COND]   set a breakpoint (b alone lists them)
  c  continue     n  next line     s  step into     r  return from this function
  p EXPR          print an expression's value in the current frame
  bt              the call stack   l  the source around the current line
  q               stop the program and leave`;

export async function debugCommand(path: string, board: BoardChoice): Promise<number> {
  const target = new FileTarget(board);
  const adapter = new DebugAdapter(target);
  const interactive = process.stdin.isTTY === true;
  let seq = 1;
  let stopped: DP.StoppedEvent['body'] | undefined;
  let frame: DP.StackFrame | undefined;
  let exitCode = 0;
  let files: Record<string, string> = {};
  const breakpoints = new Map<string, DP.SourceBreakpoint[]>();
  let wake: () => void = () => {};
  let ended = false;
  const waitForStop = () => new Promise<void>(r => { wake = r; });

  const request = async <T = any>(command: string, args?: object): Promise<T> => {
    const response = await adapter.handle({ seq: seq++, type: 'request', command, arguments: args });
    if (!response.success) throw new Error(response.message);
    return response.body as T;
  };

  adapter.onEvent(event => {
    const body = event.body ?? {};
    switch (event.event) {
      case 'output':
        (body.category === 'stderr' || body.category === 'important' ? process.stderr : process.stdout).write(body.output);
        return;
      case 'stopped':
        stopped = body;
        wake();
        return;
      case 'exited':
        exitCode = body.exitCode;
        process.stdout.write(`The program exited (code ${body.exitCode}).\n`);
        return;
      case 'terminated':
        ended = true;
        stopped = undefined;
        wake();
        return;
    }
  });

  const showStop = async (): Promise<void> => {
    try { await showWhere(); } catch (err) { process.stdout.write(`*** ${(err as Error).message}\n`); }
  };
  const showWhere = async (): Promise<void> => {
    const { stackFrames } = await request<DP.StackTraceResponse['body']>('stackTrace', { threadId: stopped!.threadId, startFrame: 0, levels: 1 });
    frame = stackFrames[0];
    if (stopped!.reason === 'exception') process.stdout.write(`Exception: ${stopped!.text}\n`);
    if (!frame) return;
    process.stdout.write(`> ${frame.source?.name}(${frame.line})${frame.name}()\n`);
    const text = lineOf(frame);
    if (text !== undefined) process.stdout.write(`-> ${text.trim()}\n`);
  };
  const lineOf = (f: DP.StackFrame, line = f.line): string | undefined => {
    const name = f.source?.path ? Object.keys(files).find(k => resolve(dirname(path), k) === f.source!.path) : undefined;
    return name ? files[name].split('\n')[line - 1] : undefined;
  };

  // the iterator is taken at once: it buffers lines that arrive while the program starts
  const rl = createInterface({ input: process.stdin, terminal: interactive, prompt: '(viper) ' });
  const lines = rl[Symbol.asyncIterator]();
  await request('initialize', { adapterID: 'viper', clientID: 'viper-debug', linesStartAt1: true, columnsStartAt1: true });
  const initialized = new Promise<void>(r => { const off = adapter.onEvent(e => { if (e.event === 'initialized') { off(); r(); } }); });
  const stop = waitForStop();
  try {
    await request('launch', { program: path, stopOnEntry: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    rl.close();
    await target.close();
    return 2;
  }
  files = target.files;
  await initialized;
  await request('setExceptionBreakpoints', { filters: ['uncaught'] });
  await request('configurationDone');
  await stop;

  const prompt = () => { if (interactive) rl.prompt(); };
  if (stopped) await showStop();
  prompt();
  let running = false;
  const step = async (command: string) => {
    const next = waitForStop();
    const threadId = stopped?.threadId;
    stopped = undefined;
    running = true;
    try {
      await request(command, { threadId });
      await next;
    } finally {
      running = false;
    }
    if (stopped) await showStop();
  };
  // Ctrl-C while the program runs pauses it, as in pdb; at the prompt it stops the program
  const onInterrupt = () => {
    if (running) void request('pause', { threadId: 1 }).catch(() => undefined);
    else void request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
  };
  rl.on('SIGINT', onInterrupt);
  process.on('SIGINT', onInterrupt);
  try {
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const raw = next.value;
      const line = raw.trim();
      if (!line) { prompt(); continue; }
      if (ended) break;
      const [word, ...restWords] = line.split(/\s+/);
      const rest = restWords.join(' ');
      try {
        switch (word) {
          case 'b': case 'break': {
            if (!rest) { listBreakpoints(breakpoints); break; }
            const m = /^(?:(\S+):)?(\d+)(?:\s+if\s+(.+))?$/.exec(rest);
            if (!m) { process.stdout.write('usage: b LINE, b FILE:LINE, b LINE if COND\n'); break; }
            const file = m[1] ?? basename(path);
            const list = [...(breakpoints.get(file) ?? []), { line: Number(m[2]), ...(m[3] ? { condition: m[3] } : {}) }];
            const answer = await request<DP.SetBreakpointsResponse['body']>('setBreakpoints',
              { source: { path: resolve(dirname(path), file), name: file }, breakpoints: list });
            const placed = answer.breakpoints[answer.breakpoints.length - 1];
            if (!placed.verified) { process.stdout.write(`*** ${placed.message}\n`); break; }
            breakpoints.set(file, list);
            process.stdout.write(`Breakpoint ${placed.id} at ${file}:${placed.line}${m[3] ? ` if ${m[3]}` : ''}\n`);
            break;
          }
          case 'c': case 'continue': await step('continue'); break;
          case 'n': case 'next': await step('next'); break;
          case 's': case 'step': await step('stepIn'); break;
          case 'r': case 'return': await step('stepOut'); break;
          case 'p': case 'print': {
            const result = await request<DP.EvaluateResponse['body']>('evaluate', { expression: rest, frameId: frame?.id, context: 'repl' })
              .catch(err => ({ result: `*** ${(err as Error).message}` }));
            process.stdout.write(result.result + '\n');
            break;
          }
          case 'bt': case 'where': {
            const { stackFrames } = await request<DP.StackTraceResponse['body']>('stackTrace', { threadId: stopped?.threadId ?? 1 });
            for (const f of [...stackFrames].reverse()) {
              process.stdout.write(`${f.id === frame?.id ? '>' : ' '} ${f.source?.name}(${f.line})${f.name}()\n`);
            }
            break;
          }
          case 'l': case 'list': {
            if (!frame) break;
            for (let n = Math.max(1, frame.line - 5); n <= frame.line + 5; n++) {
              const text = lineOf(frame, n);
              if (text === undefined) break;
              process.stdout.write(`${String(n).padStart(4)}${n === frame.line ? ' ->' : '   '} ${text}\n`);
            }
            break;
          }
          case 'q': case 'quit':
            await request('disconnect', { terminateDebuggee: true });
            ended = true;
            break;
          case 'h': case 'help': process.stdout.write(HELP + '\n'); break;
          default: process.stdout.write(`*** unknown command "${word}"\n${HELP}\n`);
        }
      } catch (err) {
        process.stdout.write(`*** ${(err as Error).message}\n`);
      }
      if (ended) break;
      prompt();
    }
    if (!ended) await request('disconnect', { terminateDebuggee: true }).catch(() => undefined);   // stdin ended
  } finally {
    process.off('SIGINT', onInterrupt);
    rl.close();
    await target.close();
  }
  return exitCode;
}

function listBreakpoints(breakpoints: Map<string, DP.SourceBreakpoint[]>): void {
  for (const [file, list] of breakpoints) {
    for (const b of list) process.stdout.write(`${file}:${b.line}${b.condition ? ` if ${b.condition}` : ''}\n`);
  }
}
