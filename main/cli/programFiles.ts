// A program on disk: its main file and the sibling .py files it imports (and those they import),
// as the compiler takes them (file name -> text).
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { importedModules } from '../../compiler/src/index';

export class UnreadableFileError extends Error {}

/** `overrides`: texts to use instead of the files' (an editor's unsaved text). */
export function readProgramFiles(path: string, overrides: Record<string, string> = {}): { files: Record<string, string>; entry: string } {
  const entry = basename(path);
  let source = overrides[entry];
  if (source === undefined) {
    try {
      source = readFileSync(path, 'utf8');
    } catch (err) {
      throw new UnreadableFileError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const files: Record<string, string> = { [entry]: source };
  const queue = [source];
  while (queue.length) {
    for (const name of importedModules(queue.pop()!)) {
      const file = name + '.py';
      if (file in files) continue;
      try {
        files[file] = overrides[file] ?? readFileSync(join(dirname(path), file), 'utf8');
        queue.push(files[file]);
      } catch {
        // not a project file: a built-in module (math, time, sys) or an ImportError at run time
      }
    }
  }
  return { files, entry };
}
