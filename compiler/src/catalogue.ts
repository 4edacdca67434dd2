// The catalogue of diagnostic codes. V1xxx: syntax, V2xxx: not supported yet, V3xxx: names and
// scopes, V4xxx: limits of the image format, V5xxx: warnings (what would fail when it runs). Each code has one fixed meaning so tools and docs
// can refer to it; the message text may carry details (a name, a line).
import { Diagnostic } from './diagnostics';

export const CATALOGUE = {
  INVALID_SYNTAX: 'V1001',
  EXPECTED_TOKEN: 'V1002',
  UNTERMINATED_STRING: 'V1003',
  UNTERMINATED_TRIPLE_STRING: 'V1004',
  NEVER_CLOSED: 'V1005',
  UNMATCHED_CLOSE: 'V1006',
  MISMATCHED_CLOSE: 'V1007',
  UNEXPECTED_INDENT: 'V1008',
  EXPECTED_INDENT: 'V1009',
  BAD_DEDENT: 'V1010',
  INVALID_NUMBER: 'V1011',
  INVALID_CHARACTER: 'V1012',
  BAD_ESCAPE: 'V1013',
  BYTES_NON_ASCII: 'V1014',
  INVALID_TARGET: 'V1015',
  MISSING_COMMA: 'V1016',
  TAB_INCONSISTENT: 'V1017',
  LINE_CONTINUATION: 'V1018',
  MIXED_STRING_BYTES: 'V1019',
  PRINT_STATEMENT: 'V1020',
  DUPLICATE_ARGUMENT: 'V1021',
  NON_DEFAULT_AFTER_DEFAULT: 'V1022',
  NOT_SUPPORTED: 'V2001',
  RETURN_OUTSIDE_FUNCTION: 'V3001',
  BREAK_OUTSIDE_LOOP: 'V3002',
  CONTINUE_OUTSIDE_LOOP: 'V3003',
  GLOBAL_AFTER_USE: 'V3004',
  GLOBAL_PARAMETER: 'V3005',
  NONLOCAL_AT_MODULE: 'V3006',
  YIELD_OUTSIDE_FUNCTION: 'V3007',
  NONLOCAL_NO_BINDING: 'V3008',
  AWAIT_OUTSIDE_ASYNC: 'V3009',
  TOO_LARGE: 'V4001',
  TOO_BIG_FOR_BOARD: 'V4002',
  UNDEFINED_NAME: 'V5001',
  BOARD_MISMATCH: 'V5002',
  WRONG_ARGUMENT_COUNT: 'V5003',
  LEVEL_LACKS: 'V5004',
} as const;

/** Nesting deeper than the compiler's own stack (CPython: RecursionError during compilation). */
export const TOO_DEEP = 'too deeply nested: maximum recursion depth exceeded during compilation';
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export type DiagnosticCode = typeof CATALOGUE[keyof typeof CATALOGUE];

/** Collects diagnostics for one file; a second error at the same position is dropped. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private seen = new Set<string>();
  constructor(readonly file: string) {}

  error(code: DiagnosticCode, message: string, line: number, column: number, endLine = line, endColumn = column + 1): void {
    const key = `${line}:${column}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, message, file: this.file, line, column, endLine, endColumn, severity: 'error' });
  }

  /** A warning: shown, never in the way of running. One per position, and never in an error's way. */
  warning(code: DiagnosticCode, message: string, line: number, column: number, endLine = line, endColumn = column + 1): void {
    const key = `warning ${line}:${column}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, message, file: this.file, line, column, endLine, endColumn, severity: 'warning' });
  }

  get hasErrors(): boolean { return this.list.some(d => d.severity === 'error'); }

  sorted(): Diagnostic[] {
    return [...this.list].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
