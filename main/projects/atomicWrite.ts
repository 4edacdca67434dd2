// Writes a file so that a crash leaves either the old content or the new, never half of each:
// write a temp file beside it, flush it to disk, then rename it over the target.
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    const file = await open(tmp, 'wx');
    try { await file.writeFile(data); await file.sync(); } finally { await file.close(); }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
