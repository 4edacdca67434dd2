// `viper` — the command line: compile Python to an image, run it on the Virtual board or on
// a board on a serial port, store it there, list ports, open a REPL.
// Exit codes: 0 success, 1 uncaught exception in the program, 2 compile or usage error,
// 3 the board could not be reached or refused the program, 130 stopped by Ctrl-C.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compileProject, disassemble, formatDiagnostic, levelErrors } from '../../compiler/src/index';
import { boardById } from '../../compiler/src/hardware/boards';
import { formatTraceback } from '../common/traceback';
import { openSession } from '../devices/connect';
import { heapArgs, parseHeapSize, startVirtualBoard } from '../devices/virtualBoard';
import type { DeviceSession, DoneStatus } from '../link/session';
import { SerialTransport } from '../link/serialTransport';
import { dapCommand } from './dap';
import { debugCommand } from './debugCommand';
import { listPortsCommand } from './ports';
import { readProgramFiles, UnreadableFileError } from './programFiles';
import { replCommand } from './repl';

const USAGE = `usage:
  viper run FILE.py [--port PATH | --heap SIZE] [--board ID]
                                       compile FILE.py and run it (Virtual board, or the board on PATH)
  viper upload FILE.py --port PATH [--boot] [--board ID]
                                       store FILE.py on the board without running it
                                       (--boot: the board runs it whenever it starts)
  viper repl [--port PATH]             an interactive prompt on the board (or the Virtual board)
  viper debug FILE.py [--port PATH]    debug FILE.py at a pdb-like prompt (h lists its commands)
  viper dap [--port PATH]              a Debug Adapter Protocol server on stdin/stdout (for editors)
  viper ports [--port PATH ...]        list serial ports and the boards identified on them
  viper compile FILE.py -o OUT.vbc     write the compiled image
  viper disasm FILE.vbc                print an image in readable form
options: --baud N (default 115200)
         --board ID (run, upload: what that board's VM lacks, its feature level, is a compile error)
         --heap SIZE (run and repl on the Virtual board: its RAM, e.g. 96k or 2m, to check that a
                      program fits a board; by default the heap grows to 64m)
exit codes: 0 ok, 1 uncaught exception, 2 compile or usage error, 3 board error, 130 stopped (Ctrl-C)`;

class UsageError extends Error {}

/** Compile a program; with `board`, what that board's VM lacks (its feature level) is an error. */
function compileFile(path: string, board?: string): Uint8Array | undefined {
  // Sibling .py files the program imports (and those they import) go into the same image.
  let files: Record<string, string>;
  try {
    ({ files } = readProgramFiles(path));
  } catch (err) {
    if (err instanceof UnreadableFileError) throw new UsageError(err.message);
    throw err;
  }
  const { image, diagnostics } = compileProject(files, basename(path));
  if (image && board !== undefined) diagnostics.push(...levelErrors(files, board, basename(path)));
  for (const d of diagnostics) {
    process.stderr.write(formatDiagnostic({ ...d, file: d.file === basename(path) ? path : join(dirname(path), d.file) }) + '\n');
  }
  return diagnostics.some(d => d.severity === 'error') ? undefined : image;
}

/** --port PATH, --baud N, and flags, taken out of args. */
function takeOptions(args: string[], flags: string[] = []): { rest: string[]; port?: string; ports: string[]; baud: number; heap?: number; board?: string; flags: Set<string> } {
  const rest: string[] = [], ports: string[] = [], set = new Set<string>();
  let baud = 115200, heap: number | undefined, board: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--board' && flags.includes(a)) {
      if (i + 1 >= args.length) throw new UsageError('--board needs a board id');
      board = args[++i];
      if (!boardById(board)) throw new UsageError(`unknown board ${board}`);
    } else if (a === '--port' || a === '--baud' || (a === '--heap' && flags.includes(a))) {
      if (i + 1 >= args.length) throw new UsageError(`${a} needs a value`);
      if (a === '--heap') {
        if ((heap = parseHeapSize(args[++i])) === undefined) throw new UsageError('--heap needs a size from 24k to 1g, such as 96k or 2m');
      } else if (a === '--port') ports.push(args[++i]);
      else if (!(baud = Number(args[++i])) || baud <= 0) throw new UsageError('--baud needs a number');
    } else if (flags.includes(a)) set.add(a);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  const port = ports[ports.length - 1];
  if (heap !== undefined && port !== undefined) throw new UsageError('--heap is for the Virtual board (a real board has the RAM it has)');
  return { rest, port, ports, baud, heap, board, flags: set };
}

/** A session with the board on `port`, or with a fresh Virtual board (of `heap` bytes, if given). */
export async function connectBoard(port: string | undefined, baud = 115200, heap?: number): Promise<DeviceSession> {
  const transport = port ? await SerialTransport.open(port, baud) : startVirtualBoard(text => process.stderr.write(text), heapArgs(heap));
  return (await openSession(transport)).session;
}

/** Lines typed while a program runs go to its input(). */
function forwardStdin(session: DeviceSession): () => void {
  const onData = (b: Buffer) => { void session.sendInput(b.toString()).catch(() => undefined); };
  process.stdin.on('data', onData);
  return () => { process.stdin.off('data', onData); process.stdin.pause(); };
}

function exitCode(status: DoneStatus): number {
  if (status === 'error') process.stderr.write('viper: the VM could not start the program (a VM fault, or a heap too small to start in)\n');
  return status === 'ok' ? 0 : status === 'exception' ? 1 : status === 'stopped' ? 130 : 3;
}

async function runOnBoard(image: Uint8Array, port: string | undefined, baud: number, heap?: number): Promise<number> {
  const session = await connectBoard(port, baud, heap);
  const stopOnCtrlC = () => { void session.stop().catch(() => undefined); };
  let unforward = () => {};
  try {
    session.on('output', (text: string) => process.stdout.write(text));
    session.on('exception', report => process.stderr.write(formatTraceback(report)));
    await session.upload(image);
    process.on('SIGINT', stopOnCtrlC);
    unforward = forwardStdin(session);
    const status = await session.runToEnd();
    if (status === 'stopped') process.stderr.write('KeyboardInterrupt\n');
    return exitCode(status);
  } finally {
    process.off('SIGINT', stopOnCtrlC);
    unforward();
    await session.close();
  }
}

async function uploadToBoard(image: Uint8Array, port: string, baud: number, runAtBoot: boolean): Promise<number> {
  const session = await connectBoard(port, baud);
  try {
    await session.upload(image, { runAtBoot });
    const status = await session.status();
    process.stdout.write(`stored ${status.programBytes} bytes on ${port}${runAtBoot ? ' (runs at boot)' : ''}\n`);
    return 0;
  } finally {
    await session.close();
  }
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'run': {
      const o = takeOptions(rest, ['--heap', '--board']);
      if (o.rest.length !== 1) throw new UsageError('viper run takes one file');
      const image = compileFile(o.rest[0], o.board);
      return image ? runOnBoard(image, o.port, o.baud, o.heap) : 2;
    }
    case 'upload': {
      const o = takeOptions(rest, ['--boot', '--board']);
      if (o.rest.length !== 1 || !o.port) throw new UsageError('viper upload takes one file and --port PATH');
      const image = compileFile(o.rest[0], o.board);
      return image ? uploadToBoard(image, o.port, o.baud, o.flags.has('--boot')) : 2;
    }
    case 'repl': {
      const o = takeOptions(rest, ['--heap']);
      if (o.rest.length !== 0) throw new UsageError('viper repl takes no file');
      return replCommand(await connectBoard(o.port, o.baud, o.heap));
    }
    case 'debug': {
      const o = takeOptions(rest);
      if (o.rest.length !== 1) throw new UsageError('viper debug takes one file');
      return debugCommand(o.rest[0], { port: o.port, baud: o.baud });
    }
    case 'dap': {
      const o = takeOptions(rest);
      if (o.rest.length !== 0) throw new UsageError('viper dap takes no file: the client names it in its launch request');
      return dapCommand({ port: o.port, baud: o.baud });
    }
    case 'ports': {
      const o = takeOptions(rest);
      if (o.rest.length !== 0) throw new UsageError('viper ports takes no file');
      return listPortsCommand(o.ports, o.baud);
    }
    case 'compile': {
      const out = rest.indexOf('-o');
      const files = rest.filter((_, i) => i !== out && i !== out + 1);
      if (files.length !== 1 || (out >= 0 && out + 1 >= rest.length)) throw new UsageError('viper compile takes one file and -o OUT');
      const image = compileFile(files[0]);
      if (!image) return 2;
      writeFileSync(out >= 0 ? rest[out + 1] : files[0].replace(/\.py$/, '') + '.vbc', image);
      return 0;
    }
    case 'disasm': {
      if (rest.length !== 1) throw new UsageError('viper disasm takes one image file');
      process.stdout.write(disassemble(readFileSync(rest[0])));
      return 0;
    }
    case undefined: case '-h': case '--help':
      process.stdout.write(USAGE + '\n');
      return command ? 0 : 2;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

// `viper disasm x.vbc | head`: the reader went away; stop quietly, as a Unix command does.
process.stdout.on('error', err => {
  if ((err as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  code => { process.exitCode = code; },
  err => {
    const usage = err instanceof UsageError;
    process.stderr.write(`viper: ${(err as Error).message}\n${usage ? USAGE + '\n' : ''}`);
    process.exitCode = usage ? 2 : 3;
  },
);
