// Where the editor marks an uncaught exception: the innermost traceback frame in one of the
// files it has open (a frame in a built-in module has no line to show).
import type { ExceptionReport } from '../../../main/common/api';

export interface ExceptionTarget { file: string; line: number; text: string }

export function exceptionTarget(report: ExceptionReport, isOpen: (file: string) => boolean): ExceptionTarget | null {
  const frame = [...report.frames].reverse().find(f => isOpen(f.file));
  if (!frame) return null;
  return { file: frame.file, line: frame.line, text: report.message ? `${report.type}: ${report.message}` : report.type };
}
