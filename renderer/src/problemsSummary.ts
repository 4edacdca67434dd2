// One line above the editor saying whether the program has problems; clicking it jumps to the first.
import type { Diagnostic } from '../../compiler/src/diagnostics';

export function createProblemsSummary(el: HTMLElement, reveal: (line: number, column: number) => void) {
  let first: Diagnostic | undefined;
  el.addEventListener('click', () => { if (first) reveal(first.line, first.column); });
  return (diagnostics: Diagnostic[]) => {
    const sorted = [...diagnostics].sort((a, b) => (a.severity === b.severity ? a.line - b.line : a.severity === 'error' ? -1 : 1));
    first = sorted[0];
    el.dataset.severity = first?.severity ?? 'none';
    el.title = first ? 'Go to the problem' : '';
    if (!first) {
      el.textContent = '✓ no problems';
      return;
    }
    const more = sorted.length > 1 ? ` (+${sorted.length - 1} more)` : '';
    el.textContent = `${first.severity === 'error' ? '✖' : '⚠'} line ${first.line}, column ${first.column}: ${first.message}${more}`;
  };
}
