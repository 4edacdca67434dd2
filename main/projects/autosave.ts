// Unsaved editor buffers, kept in the project's .viper/autosave folder so no edit is lost to a
// crash: stash on every change (debounced by the caller), clear on save, recover on open.
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { AUTOSAVE_DIR, projectPath, readProjectFile } from './project';

export interface StashedBuffer { file: string; text: string; savedAt: number }
export interface Recovered extends StashedBuffer { diskText: string | undefined }

const entryName = (file: string) => `${encodeURIComponent(file)}.json`;

/** The project's autosave folder; throws when .viper or .viper/autosave is a link (it could lead anywhere). */
async function stashFolder(dir: string): Promise<string> {
  for (const path of [join(dir, AUTOSAVE_DIR), join(dir, AUTOSAVE_DIR, 'autosave')]) {
    const info = await lstat(path).catch(() => undefined);
    if (info && !info.isDirectory()) throw new Error(`${path} is not a plain folder: Viper keeps unsaved edits only inside the project`);
  }
  return join(dir, AUTOSAVE_DIR, 'autosave');
}

export async function stashBuffer(dir: string, file: string, text: string, now = Date.now()): Promise<void> {
  projectPath(dir, file);   // refuses anything but the project's own files
  const folder = await stashFolder(dir);
  await mkdir(folder, { recursive: true });
  const entry: StashedBuffer = { file, text, savedAt: now };
  await writeFileAtomic(join(folder, entryName(file)), JSON.stringify(entry));
}

export async function clearStash(dir: string, file: string): Promise<void> {
  await rm(join(await stashFolder(dir), entryName(file)), { force: true });
}

/** Carries a renamed file's unsaved edits (if any) over to its new name. */
export async function moveStash(dir: string, file: string, to: string): Promise<void> {
  let entry: StashedBuffer;
  try { entry = JSON.parse(await readFile(join(await stashFolder(dir), entryName(file)), 'utf8')); } catch { return; }
  if (typeof entry.text === 'string') await stashBuffer(dir, to, entry.text, entry.savedAt);
  await clearStash(dir, file);
}

/** Stashed buffers whose text differs from the file on disk (a missing file counts as different). */
export async function recoverBuffers(dir: string): Promise<Recovered[]> {
  const folder = await stashFolder(dir);
  let names: string[];
  try { names = await readdir(folder); } catch { return []; }
  const out: Recovered[] = [];
  for (const name of names.filter(n => n.endsWith('.json')).sort()) {
    let entry: StashedBuffer;
    try {
      if (!(await lstat(join(folder, name))).isFile()) continue;   // a link is no stash of ours
      entry = JSON.parse(await readFile(join(folder, name), 'utf8'));
      if (typeof entry.file !== 'string' || typeof entry.text !== 'string') continue;
      projectPath(dir, entry.file);
    } catch { continue; }   // a damaged entry cannot be restored; keep it for a person to look at
    let diskText: string | undefined;
    try { diskText = await readProjectFile(dir, entry.file); } catch { diskText = undefined; }
    if (diskText === entry.text) { await clearStash(dir, entry.file); continue; }
    out.push({ ...entry, diskText });
  }
  return out;
}
