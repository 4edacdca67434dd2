// Diagnostics are data: a stable code, a beginner-readable message and a source span.
// Lines and columns are 1-based; columns count code points of the line.

export interface Diagnostic {
  code: string;          // e.g. "V1001"; see CATALOGUE
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
