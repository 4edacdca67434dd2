// Formats an exception report the way CPython prints an uncaught exception, after the
// exceptions it chains back to.
import type { ExceptionReport } from './api';

const LED = {
  cause: '\nThe above exception was the direct cause of the following exception:\n\n',
  context: '\nDuring handling of the above exception, another exception occurred:\n\n',
};

export function formatTraceback(report: ExceptionReport): string {
  return (report.chain ?? []).map(c => formatOne(c.report) + LED[c.led]).join('') + formatOne(report);
}

function formatOne(report: ExceptionReport): string {
  const lines = report.frames.length ? ['Traceback (most recent call last):'] : [];   // a cause never raised has none
  for (const f of report.frames) lines.push(`  File "${f.file}", line ${f.line}, in ${f.function}`);
  lines.push(report.message ? `${report.type}: ${report.message}` : report.type);
  return lines.join('\n') + '\n';
}
