// The example gallery: one folder per example with main.py and example.json
// ({ title, description, tags, boards }). Browse, search, filter by board, clone into a project.
import { chmod, copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../projects/atomicWrite';
import { checkFolderName, MANIFEST } from '../projects/project';

export interface Example {
  id: string;            // the folder name
  title: string;
  description: string;
  tags: string[];
  /** Board ids it suits; "any" for every board. */
  boards: string[];
  files: string[];
}

export interface ExampleQuery { text?: string; tag?: string; board?: string }

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(x => typeof x === 'string');

async function readExample(root: string, id: string): Promise<Example | undefined> {
  try {
    const meta = JSON.parse(await readFile(join(root, id, 'example.json'), 'utf8')) as Record<string, unknown>;
    const files = (await readdir(join(root, id), { withFileTypes: true })).filter(e => e.isFile() && e.name.endsWith('.py')).map(e => e.name).sort();
    if (!files.includes('main.py') || typeof meta.title !== 'string') return undefined;
    return {
      id, title: meta.title,
      description: typeof meta.description === 'string' ? meta.description : '',
      tags: isStringArray(meta.tags) ? meta.tags : [],
      boards: isStringArray(meta.boards) && meta.boards.length ? meta.boards : ['any'],
      files,
    };
  } catch { return undefined; }   // not an example folder, or broken metadata: left out of the gallery
}

export async function listExamples(root: string): Promise<Example[]> {
  let dirs: string[];
  try { dirs = (await readdir(root, { withFileTypes: true })).filter(e => e.isDirectory() && !e.name.startsWith('.')).map(e => e.name); } catch { return []; }
  const found = await Promise.all(dirs.map(d => readExample(root, d)));
  return found.filter((e): e is Example => e !== undefined).sort((a, b) => a.title.localeCompare(b.title));
}

/** Text matches title or a tag (case-insensitive); tag must be one of its tags; board must suit it. */
export function searchExamples(examples: Example[], query: ExampleQuery): Example[] {
  const text = query.text?.trim().toLowerCase();
  const tag = query.tag?.trim().toLowerCase();
  return examples.filter(e =>
    (!text || e.title.toLowerCase().includes(text) || e.tags.some(t => t.toLowerCase().includes(text))) &&
    (!tag || e.tags.some(t => t.toLowerCase() === tag)) &&
    (!query.board || e.boards.includes('any') || e.boards.includes(query.board)));
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
