// Finds the VM image to burn for a board in a firmware folder described by manifest.json:
// { "images": [ { "board", "vmVersion", "file", "sha256" } ] }. The file's hash is checked.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FlashError } from './flasher';

export interface FirmwareEntry { board: string; vmVersion: string; file: string; sha256: string }

export function buildHint(board: string, dir: string): string {
  return `Build the VM for this board with \`make -C vm-firmware firmware BOARD=${board} CHIBIOS=<path to ChibiOS>\`, ` +
    `then put the .bin and a manifest.json entry { "board": "${board}", "vmVersion", "file", "sha256" } in ${dir}.`;
}

function isEntry(v: unknown): v is FirmwareEntry {
  const e = v as Record<string, unknown>;
  return typeof e === 'object' && e !== null && ['board', 'vmVersion', 'file', 'sha256'].every(k => typeof e[k] === 'string');
}

export async function readManifest(dir: string): Promise<FirmwareEntry[]> {
  let text: string;
  try { text = await readFile(join(dir, 'manifest.json'), 'utf8'); } catch { return []; }
  let data: unknown;
  try { data = JSON.parse(text); } catch (err) {
    throw new FlashError(`${join(dir, 'manifest.json')} is not valid JSON: ${(err as Error).message}`, 'Rebuild the firmware folder, or fix the file by hand.');
  }
  const images = (data as { images?: unknown })?.images;
  return Array.isArray(images) ? images.filter(isEntry) : [];
}

/** The image for `board`, checked against its sha256; a FlashError saying how to build one if absent. */
export async function loadFirmware(dir: string, board: string): Promise<{ entry: FirmwareEntry; image: Uint8Array }> {
  const entry = (await readManifest(dir)).find(e => e.board === board);
  if (!entry) throw new FlashError(`there is no VM image for board "${board}" in ${dir}`, buildHint(board, dir));
  if (basename(entry.file) !== entry.file) throw new FlashError(`manifest entry for "${board}" names a file outside ${dir}`, buildHint(board, dir));
  let image: Buffer;
  try { image = await readFile(join(dir, entry.file)); } catch {
    throw new FlashError(`the VM image ${entry.file} for "${board}" is missing from ${dir}`, buildHint(board, dir));
  }
  const sha = createHash('sha256').update(image).digest('hex');
  if (sha !== entry.sha256.toLowerCase()) {
    throw new FlashError(`the VM image ${entry.file} is damaged (its sha256 does not match manifest.json)`, buildHint(board, dir));
  }
  return { entry, image: new Uint8Array(image) };
}

/**
 * The folder to burn `board`'s image from, out of `dirs` searched in order (a packaged app: the
 * user's own folder, then the bundled one): the first whose manifest lists the board. When none
 * does, the first folder, so the "how to build one" hint names a folder the person can write to.
 */
export async function firmwareDirFor(dirs: readonly string[], board: string): Promise<string> {
  if (dirs.length === 0) throw new Error('no firmware folder is configured');
  for (const dir of dirs) {
    if ((await readManifest(dir)).some(e => e.board === board)) return dir;
  }
  return dirs[0];
}
