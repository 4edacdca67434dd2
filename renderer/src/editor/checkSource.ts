// The one place the renderer calls the compiler: its fast `check` for live diagnostics.
// A crash inside the compiler must not take the editor down with it, so it becomes a note.
import { check } from '../../../compiler/src/index';
import type { Diagnostic } from '../../../compiler/src/diagnostics';

export const PROGRAM_FILE = 'main.py';

/** `board`: the selected board's id (boards/<id>.json), so pins it lacks are warned of. */
export function checkSource(source: string, file = PROGRAM_FILE, board?: string): Diagnostic[] {
  try {
    return check(source, file, { board });
  } catch (err) {
    console.error('viper: the checker failed', err);
    return [];
  }
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some(d => d.severity === 'error');
}
