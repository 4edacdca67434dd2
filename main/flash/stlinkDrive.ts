// Burns the VM onto an ST Nucleo/Discovery board by copying the .bin onto the drive its ST-LINK
// mounts (NODE_F401RE and the like). The ST-LINK flashes the target, then remounts the drive;
// when it could not, a FAIL.TXT appears on the drive saying why.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FlashError, throwIfAborted, type FlashJob, type Flasher } from './flasher';

export interface StlinkDriveOptions {
  /** The mounted drive's folder. */
  drive: string;
  fileName?: string;
  /** How long to watch for FAIL.TXT after the copy. */
  settleMs?: number;
  pollMs?: number;
}

const CHUNK = 16 * 1024;

async function failText(drive: string): Promise<{ text: string; mtimeMs: number } | undefined> {
  try {
    const path = join(drive, 'FAIL.TXT');
    const s = await stat(path);
    return { text: (await readFile(path, 'utf8')).trim(), mtimeMs: s.mtimeMs };
  } catch { return undefined; }
}

/** Folders under `roots` (like /media/$USER) that look like an ST-LINK drive. */
export async function findStlinkDrives(roots: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) {
    let names: string[];
    try { names = await readdir(root); } catch { continue; }
    for (const name of names.sort()) {
      const dir = join(root, name);
      let files: string[];
      try { files = await readdir(dir); } catch { continue; }
      if (name.startsWith('NODE_') || (files.includes('DETAILS.TXT') && files.some(f => /^MBED\.HTM$/i.test(f)))) found.push(dir);
    }
  }
  return found;
}

export class StlinkDriveFlasher implements Flasher {
  readonly method = 'stlink-drive' as const;
  constructor(private readonly options: StlinkDriveOptions) {}

  async flash(job: FlashJob): Promise<void> {
    const { drive } = this.options;
    const progress = job.onProgress ?? (() => undefined);
    throwIfAborted(job.signal);
    progress({ phase: 'connect', done: 0, total: 1 });
    try {
      if (!(await stat(drive)).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new FlashError(`the board's drive ${drive} is not mounted`, 'Plug the board in with its ST-LINK USB port and wait for its drive (NODE_…) to appear.');
    }
    const before = await failText(drive);
    progress({ phase: 'connect', done: 1, total: 1 });

    const target = join(drive, this.options.fileName ?? 'viper-vm.bin');
    const total = job.image.length;
    try {
      const file = await open(target, 'w');
      try {
        for (let at = 0; at < total; at += CHUNK) {
          throwIfAborted(job.signal);
          await file.write(job.image, at, Math.min(CHUNK, total - at), at);
          progress({ phase: 'write', done: Math.min(total, at + CHUNK), total });
        }
        await file.sync();
      } finally { await file.close(); }
    } catch (err) {
      if (err instanceof FlashError) throw err;
      throw new FlashError(`could not copy the VM onto ${drive}: ${(err as Error).message}`, 'Check that the drive is not full or read-only, unplug and replug the board, and burn again.');
    }

    // The copy on the drive is what the ST-LINK reads; it may already be gone if it flashed fast.
    try {
      const back = await readFile(target);
      if (back.length === total && !back.equals(Buffer.from(job.image.buffer, job.image.byteOffset, total))) {
        throw new FlashError(`the copy on ${drive} differs from the VM image`, 'Unplug and replug the board, and burn again.');
      }
    } catch (err) { if (err instanceof FlashError) throw err; }
    progress({ phase: 'verify', done: total, total });

    progress({ phase: 'boot', done: 0, total: 1 });
    const deadline = Date.now() + (this.options.settleMs ?? 4000);
    while (Date.now() < deadline) {
      throwIfAborted(job.signal);
      const fail = await failText(drive);
      if (fail && (!before || fail.mtimeMs !== before.mtimeMs || fail.text !== before.text)) {
        throw new FlashError(`the ST-LINK could not program the board: ${fail.text || 'FAIL.TXT without a reason'}`,
          'Check that this VM image was built for this board; unplug and replug the board, and burn again.');
      }
      await new Promise(r => setTimeout(r, this.options.pollMs ?? 100));
    }
    progress({ phase: 'boot', done: 1, total: 1 });
  }
}
