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

export interface CompileResult { image?: Uint8Array; diagnostics: Diagnostic[] }
export { type Diagnostic, formatDiagnostic } from './diagnostics';
export { CATALOGUE } from './catalogue';

/** Every stage up to code generation; returns the image structure when there were no errors. */
function frontEnd(source: string, file: string): { image?: Image; sink: DiagnosticSink } {
  const sink = new DiagnosticSink(file);
  const text = new SourceText(source);
  const tokens = tokenize(text, sink);
  const module = parse(text, tokens, sink);
  if (sink.hasErrors) return { sink }; // later stages would only repeat the syntax errors
  const scopes = analyzeScopes(module, text, sink);
  const image = generate(module, scopes, text, file, sink);
  return { image: sink.hasErrors ? undefined : image, sink };
}

/** Compiles a program; `file` (e.g. "main.py") becomes the `__main__` module's file name. */
export function compile(source: string, file: string): CompileResult {
  const { image, sink } = frontEnd(source, file);
  if (!image) return { diagnostics: sink.sorted() };
  try {
    return { image: writeImage(image), diagnostics: sink.sorted() };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    sink.error(CATALOGUE.TOO_LARGE, `the program is too large for the image format: ${e.message}`, 1, 1);
    return { diagnostics: sink.sorted() };
  }
}

/** Diagnostics only, for live checks in the editor. */
export function check(source: string, file: string): Diagnostic[] {
  return frontEnd(source, file).sink.sorted();
}

/** A readable listing of an image; throws if the image is malformed. */
export function disassemble(image: Uint8Array): string {
  return disassembleImage(image);
}
