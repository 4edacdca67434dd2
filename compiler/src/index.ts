// Public API of the Viper compiler. Runs in Node and in the renderer: no platform imports.
import { analyzeScopes } from './scopes';
import { DiagnosticSink, CATALOGUE } from './catalogue';
import { Diagnostic } from './diagnostics';
import { disassembleImage } from './disasm';
import { generate } from './codegen';
import { parse } from './parser';
import { SourceText } from './source';
import { tokenize } from './tokenizer';
import { Image, writeImage } from './bytecode/image';
import type { Expr, Span, Stmt } from './ast';

export interface CompileResult { image?: Uint8Array; diagnostics: Diagnostic[] }
/** 'single': one interactive-prompt entry; top-level expression values are echoed (their repr,
 * unless None) through the VM's `__displayhook__`, as Python's REPL does. */
export interface CompileOptions { mode?: 'exec' | 'single' }
export { type Diagnostic, formatDiagnostic } from './diagnostics';
export { CATALOGUE } from './catalogue';

/** Every stage up to code generation; returns the image structure when there were no errors. */
function frontEnd(source: string, file: string, options: CompileOptions = {}): { image?: Image; sink: DiagnosticSink } {
  const sink = new DiagnosticSink(file);
  const text = new SourceText(source);
  const tokens = tokenize(text, sink);
  const module = parse(text, tokens, sink);
  if (sink.hasErrors) return { sink }; // later stages would only repeat the syntax errors
  if (options.mode === 'single') module.body = module.body.map(echoExpression);
  const scopes = analyzeScopes(module, text, sink);
  const image = generate(module, scopes, text, file, sink);
  return { image: sink.hasErrors ? undefined : image, sink };
}

/** Compiles a program; `file` (e.g. "main.py") becomes the `__main__` module's file name. */
export function compile(source: string, file: string, options: CompileOptions = {}): CompileResult {
  const { image, sink } = frontEnd(source, file, options);
  if (!image) return { diagnostics: sink.sorted() };
  try {
    return { image: writeImage(image), diagnostics: sink.sorted() };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    sink.error(CATALOGUE.TOO_LARGE, `the program is too large for the image format: ${e.message}`, 1, 1);
    return { diagnostics: sink.sorted() };
  }
}

/** `expr` at the top level becomes `__displayhook__(expr)` (the interactive prompt's echo). */
function echoExpression(s: Stmt): Stmt {
  if (s.kind !== 'Expr') return s;
  const span: Span = { lineno: s.lineno, col_offset: s.col_offset, end_lineno: s.end_lineno, end_col_offset: s.end_col_offset, start: s.start, end: s.end };
  const func: Expr = { kind: 'Name', id: '__displayhook__', ctx: 'Load', ...span };
  return { ...s, value: { kind: 'Call', func, args: [s.value], keywords: [], ...span } };
}

/** Diagnostics only, for live checks in the editor. */
export function check(source: string, file: string): Diagnostic[] {
  return frontEnd(source, file).sink.sorted();
}

/** A readable listing of an image; throws if the image is malformed. */
export function disassemble(image: Uint8Array): string {
  return disassembleImage(image);
}
