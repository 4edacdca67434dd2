// The example gallery: one folder per example with main.py and example.json (exampleMeta.ts).
// Browse, search, filter by what a board can run (boardFit.ts), clone into a project.
import { chmod, copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../projects/atomicWrite';
import { checkFolderName, MANIFEST } from '../projects/project';
import { boardById } from '../../compiler/src/hardware/boards';
import { whyBoardCannotRun } from './boardFit';
import { checkExampleMeta, type ExampleMeta } from '../common/exampleMeta';

export interface Example extends ExampleMeta {
  id: string;            // the folder name
  files: string[];       // its .py files, main.py among them
}

/** An example as listed for a board: `cannotRun` says why that board cannot run it. */
export interface GalleryEntry extends Example { cannotRun?: string[] }

/** `board`: only what that board can run, or with `all` everything, what it cannot run marked. */
export interface ExampleQuery { text?: string; tag?: string; board?: string; all?: boolean }

/** A folder of the examples root left out of the gallery, and why. */
export interface RejectedExample { id: string; problem: string }

async function readExample(root: string, id: string): Promise<Example | RejectedExample | undefined> {
  let files: string[];
  try {
    files = (await readdir(join(root, id), { withFileTypes: true })).filter(e => e.isFile() && e.name.endsWith('.py')).map(e => e.name).sort();
  } catch { return undefined; }
  let text: string;
  try { text = await readFile(join(root, id, 'example.json'), 'utf8'); } catch { return { id, problem: 'no example.json' }; }
  if (!files.includes('main.py')) return { id, problem: 'no main.py' };
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) { return { id, problem: `example.json is not JSON: ${(err as Error).message}` }; }
  const checked = checkExampleMeta(raw);
  return checked.ok ? { id, ...checked.meta, files } : { id, problem: checked.problem };
}

/** Every example folder of `root`: the valid ones by title, and those left out with the reason. */
export async function readExamples(root: string): Promise<{ examples: Example[]; rejected: RejectedExample[] }> {
  let dirs: string[];
  try { dirs = (await readdir(root, { withFileTypes: true })).filter(e => e.isDirectory() && !e.name.startsWith('.')).map(e => e.name); } catch { return { examples: [], rejected: [] }; }
  const found = (await Promise.all(dirs.map(d => readExample(root, d)))).filter(e => e !== undefined);
  return {
    examples: found.filter((e): e is Example => !('problem' in e)).sort((a, b) => a.title.localeCompare(b.title)),
    rejected: found.filter((e): e is RejectedExample => 'problem' in e).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** The examples the gallery shows (folders with bad metadata are left out). */
export async function listExamples(root: string): Promise<Example[]> {
  return (await readExamples(root)).examples;
}

/** Text matches title or a tag (case-insensitive); tag must be one of its tags. */
export function searchExamples(examples: Example[], query: Pick<ExampleQuery, 'text' | 'tag'>): Example[] {
  const text = query.text?.trim().toLowerCase();
  const tag = query.tag?.trim().toLowerCase();
  return examples.filter(e =>
    (!text || e.title.toLowerCase().includes(text) || e.tags.some(t => t.toLowerCase().includes(text))) &&
    (!tag || e.tags.some(t => t.toLowerCase() === tag)));
}

// Checking an example's files for a board compiles them: the answer is kept while they are unchanged.
const fitCache = new Map<string, string[]>();
const FIT_CACHE_SIZE = 1000;

async function cannotRun(root: string, example: Example, board: string): Promise<string[]> {
  const files: Record<string, string> = {};
  for (const file of example.files) files[file] = await readFile(join(root, example.id, file), 'utf8');
  const key = JSON.stringify([board, example, files]);
  let reasons = fitCache.get(key);
  if (!reasons) {
    reasons = whyBoardCannotRun(example, files, board);
    if (fitCache.size >= FIT_CACHE_SIZE) fitCache.clear();
    fitCache.set(key, reasons);
  }
  return reasons;
}

/** The gallery's answer to a query: searched, then, for a board, filtered to what it can run
 *  (or, with `all`, everything: what it cannot run last, with `cannotRun`). Throws for an unknown board. */
export async function queryExamples(root: string, query: ExampleQuery): Promise<GalleryEntry[]> {
  const found = searchExamples(await listExamples(root), query);
  if (!query.board) return found;
  if (!boardById(query.board)) throw new Error(`Viper knows no board "${query.board}"`);
  const runnable: GalleryEntry[] = [], greyed: GalleryEntry[] = [];
  for (const example of found) {
    const reasons = await cannotRun(root, example, query.board);
    if (!reasons.length) runnable.push(example);
    else if (query.all) greyed.push({ ...example, cannotRun: reasons });
  }
  return [...runnable, ...greyed];   // what the board can run first
}

/** Copies example `id` into a new, writable project folder `name` in `parent`; returns its path. */
export async function cloneExample(root: string, id: string, parent: string, name: string, board = 'virtual'): Promise<string> {
  const example = (await listExamples(root)).find(e => e.id === id);
  if (!example) throw new Error(`there is no example "${id}"`);
  const dir = join(parent, checkFolderName(name));
  try { await mkdir(dir); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${dir} already exists: pick another name`);
    throw new Error(`cannot make ${dir}: ${(err as Error).message}`);
  }
  for (const file of example.files) {
    await copyFile(join(root, id, file), join(dir, file));
    await chmod(join(dir, file), 0o644);   // examples may ship read-only inside the app
  }
  await writeFileAtomic(join(dir, MANIFEST), JSON.stringify({ name: name.trim(), board, main: 'main.py', example: id }, null, 2) + '\n');
  return dir;
}
