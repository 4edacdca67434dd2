// `viper` — the command line: compile Python to an image, run it on the Virtual board.
// Exit codes: 0 success, 1 uncaught exception in the program, 2 compile or usage error,
// 3 the board could not be reached or refused the program.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compile, disassemble, formatDiagnostic } from '../../compiler/src/index';
import { formatTraceback } from '../common/traceback';
import { openSession } from '../devices/connect';
import { startVirtualBoard } from '../devices/virtualBoard';

const USAGE = `usage:
  viper run FILE.py                 compile FILE.py and run it on the Virtual board
  viper compile FILE.py -o OUT.vbc  write the compiled image
  viper disasm FILE.vbc             print an image in readable form
exit codes: 0 ok, 1 uncaught exception, 2 compile or usage error, 3 board error`;

class UsageError extends Error {}

function compileFile(path: string): Uint8Array | undefined {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { image, diagnostics } = compile(source, basename(path));
  for (const d of diagnostics) process.stderr.write(formatDiagnostic({ ...d, file: path }) + '\n');
  return image;
}

async function runOnVirtualBoard(image: Uint8Array): Promise<number> {
  const { session } = await openSession(startVirtualBoard(text => process.stderr.write(text)));
  try {
    session.on('output', (text: string) => process.stdout.write(text));
    session.on('exception', report => process.stderr.write(formatTraceback(report)));
    await session.upload(image);
    const status = await session.runToEnd();
    return status === 'ok' ? 0 : status === 'exception' ? 1 : 3;
  } finally {
    await session.close();
  }
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'run': {
      if (rest.length !== 1) throw new UsageError('viper run takes one file');
      const image = compileFile(rest[0]);
      return image ? runOnVirtualBoard(image) : 2;
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

main(process.argv.slice(2)).then(
  code => { process.exitCode = code; },
  err => {
    const usage = err instanceof UsageError;
    process.stderr.write(`viper: ${(err as Error).message}\n${usage ? USAGE + '\n' : ''}`);
    process.exitCode = usage ? 2 : 3;
  },
);
