// The DebugTarget of `viper dap` and `viper debug`: a program on disk (its folder's modules it
// imports), compiled here and uploaded to the Virtual board or to the board on a serial port.
import { dirname, join, resolve } from 'node:path';
import { compileProject, formatDiagnostic } from '../../compiler/src/index';
import { readProgramFiles } from '../cli/programFiles';
import { openSession } from '../devices/connect';
import { startVirtualBoard } from '../devices/virtualBoard';
import { SerialTransport } from '../link/serialTransport';
import type { DeviceSession } from '../link/session';
import type { Transport } from '../link/transport';
import type { DebugLaunchArgs, DebugTarget } from './adapter';

export interface BoardChoice {
  /** A serial port (a board, a pseudo-terminal); none: a fresh Virtual board. */
  port?: string;
  baud?: number;
  /** Where the Virtual board's own messages go (its stderr). */
  onVmMessage?: (text: string) => void;
}

export class FileTarget implements DebugTarget {
  readonly forwardOutput = true;
  session?: DeviceSession;
  /** The program's files, once prepared. */
  files: Record<string, string> = {};

  constructor(private readonly board: BoardChoice = {}, private readonly connect: () => Promise<Transport> = () => defaultTransport(board)) {}

  async prepare(args: DebugLaunchArgs): Promise<{ session: DeviceSession; files: Record<string, string>; entry: string }> {
    const path = resolve(args.program);
    const { files, entry } = readProgramFiles(path, args.sources);
    this.files = files;
    const { image, diagnostics } = compileProject(files, entry);
    const errors = diagnostics.filter(d => d.severity === 'error');
    if (!image || errors.length) {
      throw new Error(errors.map(d => formatDiagnostic({ ...d, file: join(dirname(path), d.file) })).join('\n') || 'the program did not compile');
    }
    const { session } = await openSession(await this.connect());
    this.session = session;
    try {
      await session.upload(image);
    } catch (err) {
      await session.close();
      throw err;
    }
    return { session, files, entry };
  }

  async close(): Promise<void> { await this.session?.close(); }
}

async function defaultTransport(board: BoardChoice): Promise<Transport> {
  if (board.port) return SerialTransport.open(board.port, board.baud ?? 115200);
  return startVirtualBoard(board.onVmMessage ?? (text => process.stderr.write(text)));
}
