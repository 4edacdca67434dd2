// Compiler diagnostics (1-based line, 1-based column counted in code points) to CodeMirror
// diagnostics (UTF-16 offsets into the document).
import type { Text } from '@codemirror/state';
import type { Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from '../../../compiler/src/diagnostics';

/** The document offset of a line/column; positions past the end clamp to the nearest end. */
export function offsetOf(doc: Text, line: number, column: number): number {
  if (line > doc.lines) return doc.length;
  const { from, text } = doc.line(Math.max(1, line));
  let offset = 0;
  for (let codePoint = 1; codePoint < column && offset < text.length; codePoint++) {
    offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return from + offset;
}

export function toEditorDiagnostic(doc: Text, d: Diagnostic): EditorDiagnostic {
  const from = offsetOf(doc, d.line, d.column);
  const to = Math.max(from, offsetOf(doc, d.endLine, d.endColumn));
  return { from, to, severity: d.severity, message: d.message, source: d.code };
}
