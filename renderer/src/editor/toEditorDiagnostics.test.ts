// Compiler positions count code points from 1; CodeMirror offsets count UTF-16 units from 0.
import { Text } from '@codemirror/state';
import type { Diagnostic } from '../../../compiler/src/diagnostics';
import { offsetOf, toEditorDiagnostic } from './toEditorDiagnostics';

const doc = Text.of(['x = 1', 's = "🐍🐍" + (', 'print(s)']);

function diagnostic(line: number, column: number, endLine: number, endColumn: number): Diagnostic {
  return { code: 'V1005', message: "'(' was never closed", file: 'main.py', line, column, endLine, endColumn, severity: 'error' };
}

test('maps line and column to an offset', () => {
  expect(offsetOf(doc, 1, 1)).toBe(0);
  expect(offsetOf(doc, 1, 5)).toBe(4);
  expect(offsetOf(doc, 2, 1)).toBe(6);
});

test('counts a character outside the BMP as one column', () => {
  // line 2 is `s = "🐍🐍" + (`: the ( is column 12 but UTF-16 offset 13 in the line
  expect(doc.sliceString(offsetOf(doc, 2, 12), offsetOf(doc, 2, 13))).toBe('(');
});

test('clamps positions past a line or past the document', () => {
  expect(offsetOf(doc, 1, 99)).toBe(5);
  expect(offsetOf(doc, 9, 1)).toBe(doc.length);
});

test('converts a diagnostic, keeping an empty span empty', () => {
  expect(toEditorDiagnostic(doc, diagnostic(2, 12, 2, 13))).toMatchObject({ from: 6 + 13, to: 6 + 14, severity: 'error', source: 'V1005' });
  const point = toEditorDiagnostic(doc, diagnostic(3, 9, 3, 9));
  expect(point.from).toBe(point.to);
});
