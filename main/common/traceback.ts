// Formats an exception report the way CPython prints an uncaught exception.
import type { ExceptionReport } from './api';

export function formatTraceback(report: ExceptionReport): string {
  const lines = ['Traceback (most recent call last):'];
  for (const f of report.frames) lines.push(`  File "${f.file}", line ${f.line}, in ${f.function}`);
  lines.push(report.message ? `${report.type}: ${report.message}` : report.type);
  return lines.join('\n') + '\n';
}
