// A project is a folder: main.py, more .py modules, and viper.json naming the board, all at its
// top: the files the editor has tabs for and `import NAME` finds. Nothing else in the folder is
// read or written through the API, and no link is followed out of it.
import { copyFile, constants, link, lstat, mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { isModuleFile, isProjectFile, isReservedName, MANIFEST_FILE } from '../common/moduleFile';
import { writeFileAtomic } from './atomicWrite';

export interface ProjectManifest { name: string; board: string; main: string }
export interface Project { dir: string; manifest: ProjectManifest; files: string[] }

export const MANIFEST = MANIFEST_FILE;
export const AUTOSAVE_DIR = '.viper';

/** A single folder name a person typed: no separators, no dots-only, nothing hidden. */
export function checkFolderName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('give the project a name');
  if (/[\\/]/.test(trimmed) || trimmed === '.' || trimmed === '..') throw new Error(`"${name}" cannot be a folder name: no / or \\ please`);
  if (trimmed.startsWith('.')) throw new Error(`"${name}" would be a hidden folder: start it with a letter or digit`);
  if (/[\0<>:"|?*]/.test(trimmed) || trimmed.length > 100) throw new Error(`"${name}" cannot be a folder name on every system`);
  return trimmed;
}

/** Resolves a file of the project: a top-level module or viper.json, never a path or a device name. */
export function projectPath(dir: string, file: string): string {
  if (isReservedName(file)) throw new Error(`"${file}" is a name Windows keeps for a device, not a file of the project`);
  if (!isProjectFile(file)) throw new Error(`"${file}" is not a file inside the project: only its modules (name.py) and ${MANIFEST} are`);
  return join(dir, file);
}

/** Throws when `path` exists as anything but a plain file: a link could lead out of the project. */
async function refuseLink(path: string, file: string): Promise<void> {
  let info;
  try { info = await lstat(path); } catch { return; }   // not there yet: a save makes it
  if (info.isSymbolicLink()) throw new Error(`${file} is a link: Viper only opens plain files inside the project`);
  if (!info.isFile()) throw new Error(`${file} is not a plain file`);
}

// O_NOFOLLOW makes the open itself refuse a link that appeared after the check (absent on Windows).
const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Reads a plain file of the project; a link is refused, not followed. */
async function readPlainFile(path: string, file: string): Promise<string> {
  await refuseLink(path, file);
  const handle = await open(path, READ_NO_FOLLOW);
  try { return await handle.readFile('utf8'); } finally { await handle.close(); }
}

export async function readManifest(dir: string): Promise<ProjectManifest> {
  const fallback: ProjectManifest = { name: dir.split(sep).pop() ?? 'project', board: 'virtual', main: 'main.py' };
  const path = join(dir, MANIFEST);
  await refuseLink(path, MANIFEST);                  // its text could end up in an error message
  let raw: string;
  try { raw = await readPlainFile(path, MANIFEST); } catch { return fallback; }
  try {
    const data = JSON.parse(raw) as Partial<ProjectManifest>;
    return {
      name: typeof data.name === 'string' ? data.name : fallback.name,
      board: typeof data.board === 'string' ? data.board : fallback.board,
      main: typeof data.main === 'string' ? data.main : fallback.main,
    };
  } catch (err) {
    throw new Error(`${join(dir, MANIFEST)} is not valid JSON (${(err as Error).message}): fix or delete it`);
  }
}

/** The project's modules and viper.json, sorted with main.py first; links and folders skipped. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && isProjectFile(entry.name)) out.push(entry.name);
  }
  return out.sort((a, b) => (a === 'main.py' ? -1 : b === 'main.py' ? 1 : a.localeCompare(b)));
}

export async function openProject(dir: string): Promise<Project> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error();
  } catch { throw new Error(`there is no project folder at ${dir}`); }
  const manifest = await readManifest(dir);
  const files = await listFiles(dir);
  if (!files.length) throw new Error(`${dir} has no Python files: is it a Viper project?`);
  return { dir, manifest, files };
}

/** Makes a new project folder `name` in `parent`; refuses a folder that already exists. */
export async function createProject(parent: string, name: string, board: string, mainSource = '# Press Run to start.\nprint("hello")\n'): Promise<Project> {
  const dir = join(parent, checkFolderName(name));
  try { await mkdir(dir); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${dir} already exists: pick another name`);
    throw new Error(`cannot make ${dir}: ${(err as Error).message}`);
  }
  await writeFileAtomic(join(dir, 'main.py'), mainSource);
  await writeFileAtomic(join(dir, MANIFEST), JSON.stringify({ name: name.trim(), board, main: 'main.py' }, null, 2) + '\n');
  return openProject(dir);
}

export async function readProjectFile(dir: string, file: string): Promise<string> {
  return readPlainFile(projectPath(dir, file), file);
}

/** Writes a module or the manifest; the atomic rename replaces the name itself, never a link's target. */
export async function saveProjectFile(dir: string, file: string, text: string): Promise<void> {
  const path = projectPath(dir, file);
  await refuseLink(path, file);
  await writeFileAtomic(path, text);
}

/** A module file that may be renamed or deleted: an importable name at the top of the project, not main.py. */
function modulePath(dir: string, file: string): string {
  if (!isModuleFile(file) || file === 'main.py') throw new Error(`"${file}" is not a module of the project that can be renamed or deleted`);
  return projectPath(dir, file);
}

/** Throws unless `path` is a plain file (a folder or a link is not a module the IDE made). */
async function checkPlainFile(path: string, file: string): Promise<void> {
  let info;
  try { info = await lstat(path); } catch { throw new Error(`the project has no ${file}`); }
  if (!info.isFile()) throw new Error(`${file} is not a plain file`);
}

export async function deleteProjectFile(dir: string, file: string): Promise<void> {
  const path = modulePath(dir, file);
  await checkPlainFile(path, file);
  await unlink(path);
}

/** Renames a module; refuses when `to` exists. A hard link makes the new name appear atomically
 *  without ever replacing a file (rename() would overwrite); a copy stands in where links cannot. */
export async function renameProjectFile(dir: string, file: string, to: string): Promise<void> {
  const from = modulePath(dir, file);
  const target = modulePath(dir, to);
  if (file === to) throw new Error(`${file} already has that name`);
  await checkPlainFile(from, file);
  try {
    await link(from, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`the project already has ${to}`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw err;
    try { await copyFile(from, target, constants.COPYFILE_EXCL); } catch (copyErr) {
      if ((copyErr as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`the project already has ${to}`);
      await rm(target, { force: true }).catch(() => undefined);
      throw copyErr;
    }
  }
  try { await unlink(from); } catch (err) {
    await unlink(target).catch(() => undefined);   // back to just the old name
    throw err;
  }
}
