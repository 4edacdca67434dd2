// Public API of the Viper compiler. Runs in Node and in the renderer: no platform imports.
import { analyzeScopes } from './scopes';
import { DiagnosticSink, CATALOGUE, isStackOverflow } from './catalogue';
import { Diagnostic } from './diagnostics';
import { disassembleImage } from './disasm';
import { ModuleUnit, generate, generateProject } from './codegen';
import { parse } from './parser';
import { SourceText } from './source';
import { tokenize } from './tokenizer';
import { Image, writeImage } from './bytecode/image';
import type { Expr, Module, Span, Stmt } from './ast';
import { librarySource } from './stdlib.generated';
import { boardById, type BoardDefinition } from './hardware/boards';
import { collectWarnings } from './warnings';

export interface CompileResult { image?: Uint8Array; diagnostics: Diagnostic[] }
/** 'single': one interactive-prompt entry; top-level expression values are echoed (their repr,
 * unless None) through the VM's `__displayhook__`, as Python's REPL does. 'eval': one expression
 * (the debugger's watch, hover and console); the image's main code returns its value, and its
 * names are looked up as a module's are (LOAD_NAME), in the scope the VM runs it in. */
export interface CompileOptions {
  mode?: 'exec' | 'single' | 'eval';
  /** false: leave docstrings out of the image (they cost their text in flash); __doc__ is then None. */
  docstrings?: boolean;
}
export { type Diagnostic, formatDiagnostic } from './diagnostics';
export { CATALOGUE } from './catalogue';

/** Every stage up to code generation; returns the image structure when there were no errors. */
function frontEnd(source: string, file: string, options: CompileOptions = {}, withLibrary = false): { image?: Image; sink: DiagnosticSink } {
  const sink = new DiagnosticSink(file);
  const text = new SourceText(source);
  const tokens = tokenize(text, sink);
  const module = parse(text, tokens, sink);
  if (sink.hasErrors) return { sink }; // later stages would only repeat the syntax errors
  if (options.mode === 'single') module.body = module.body.map(echoExpression);
  if (options.mode === 'eval' && (module.body.length !== 1 || module.body[0].kind !== 'Expr')) {
    const at = module.body.find(st => st.kind !== 'Expr') ?? module.body[1];
    sink.error(CATALOGUE.INVALID_SYNTAX, 'an expression is expected here (a name, a call, x + 1), not a statement',
      at ? text.line(at.start) : 1, at ? text.column(at.start) : 1);
    return { sink };
  }
  const scopes = analyzeScopes(module, text, sink);
  if (options.mode === 'eval') {
    const image = generateProject([{ module, scopes, source: text, file, name: '__main__', sink }], { evaluate: true });
    return { image: sink.hasErrors ? undefined : image, sink };
  }
  if (!withLibrary) return { image: generate(module, scopes, text, file, sink), sink };
  const units: ModuleUnit[] = [{ module, scopes, source: text, file, name: '__main__', sink }];
  addLibrary(units);
  const image = generateProject(units, { docstrings: options.docstrings });
  return { image: sink.hasErrors ? undefined : image, sink };
}

/** Compiles a program; `file` (e.g. "main.py") becomes the `__main__` module's file name. */
export function compile(source: string, file: string, options: CompileOptions = {}): CompileResult {
  const { image, sink } = frontEnd(source, file, options, true);
  if (!image) return { diagnostics: sink.sorted() };
  try {
    return { image: writeImage(image), diagnostics: sink.sorted() };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    sink.error(CATALOGUE.TOO_LARGE, `the program is too large for the image format: ${e.message}`, 1, 1);
    return { diagnostics: sink.sorted() };
  }
}

/** The lines of a source that have code (where the VM can stop), ascending; empty when it does
 *  not compile. A debugger moves a breakpoint on a blank line or a comment to the next of these. */
export function executableLines(source: string, file: string): number[] {
  const { image } = frontEnd(source, file, {}, false);
  const lines = new Set<number>();
  for (const code of image?.codes ?? []) {
    // each entry starts a run of instructions at its line; an empty run (a delta split in steps) has no code
    let address = 0, line = code.firstLine;
    const t = code.lineTable;
    for (let i = 0; i + 1 < t.length; i += 2) {
      if (t[i] > 0) lines.add(line);
      address += t[i];
      line += (t[i + 1] << 24) >> 24;
    }
    if (address < code.code.length) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Names of the modules a program imports (`import x`, `from x import y`), in order of appearance. */
export function importedModules(source: string): string[] {
  const sink = new DiagnosticSink('<scan>');
  const text = new SourceText(source);
  const module = parse(text, tokenize(text, sink), sink);
  return sink.hasErrors ? [] : moduleImports(module);
}

function moduleImports(module: Module): string[] {
  const found: string[] = [];
  const visit = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'Import') s.names.forEach(a => found.push(a.name.split('.')[0]));
      else if (s.kind === 'ImportFrom' && !s.level && s.module) found.push(s.module.split('.')[0]);
      for (const key of ['body', 'orelse', 'finalbody', 'handlers'] as const) {
        const inner = (s as unknown as Record<string, unknown>)[key];
        if (Array.isArray(inner)) visit(inner.flatMap(x => (x.kind === 'ExceptHandler' ? x.body : [x])) as Stmt[]);
      }
    }
  };
  visit(module.body);
  return [...new Set(found)];
}

/** A project of several files. `files` maps file names ("main.py", "helpers.py") to their
 * source; `entry` runs as `__main__`, and every project file it imports (directly or not) goes
 * into the same image as module "helpers". Imports of other names (math, time, sys) are left to
 * the VM. Diagnostics carry the file they belong to. */
export function compileProject(files: Record<string, string>, entry: string): CompileResult {
  return buildProject(files, entry, true);
}

/** compileProject; withLibrary false leaves the library modules out (to weigh them). `library`:
 * the library modules that went in. */
function buildProject(files: Record<string, string>, entry: string, withLibrary: boolean): CompileResult & { library?: string[] } {
  const units: ModuleUnit[] = [];
  const diagnostics: Diagnostic[] = [];
  // The entry runs as __main__; imported again by name it is a second, separate module (as in CPython).
  const queue = [{ file: entry, name: '__main__' }];
  const seen = new Set<string>(['__main__']);
  while (queue.length) {
    const { file, name: moduleName } = queue.shift()!;
    const sink = new DiagnosticSink(file);
    const text = new SourceText(files[file]);
    const module = parse(text, tokenize(text, sink), sink);
    if (!sink.hasErrors) {
      const scopes = analyzeScopes(module, text, sink);
      units.push({ module, scopes, source: text, file, name: moduleName, sink });
      for (const name of moduleImports(module)) {
        const dep = name + '.py';
        if (dep in files && !seen.has(name)) { seen.add(name); queue.push({ file: dep, name }); }
      }
    }
    diagnostics.push(...sink.sorted());
  }
  if (diagnostics.some(d => d.severity === 'error')) return { diagnostics };
  const own = units.length;
  if (withLibrary) addLibrary(units);
  const image = generateProject(units);
  const all = units.flatMap(u => u.sink.sorted());
  if (all.some(d => d.severity === 'error')) return { diagnostics: all };
  try {
    return { image: writeImage(image), diagnostics: all, library: units.slice(own).map(u => u.name) };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const sink = new DiagnosticSink(entry);
    sink.error(CATALOGUE.TOO_LARGE, `the program is too large for the image format: ${e.message}`, 1, 1);
    return { diagnostics: sink.sorted() };
  }
}

/** Adds the library modules (compiler/lib) that the units import, directly or through each other,
 * and that no unit already provides (a project file of that name wins). */
function addLibrary(units: ModuleUnit[]): void {
  const seen = new Set(units.map(u => u.name));
  for (let i = 0; i < units.length; i++) {
    for (const name of moduleImports(units[i].module)) {
      const source = librarySource(name);
      if (source === undefined || seen.has(name)) continue;
      seen.add(name);
      const file = `lib/${name}.py`, sink = new DiagnosticSink(file), text = new SourceText(source);
      const module = parse(text, tokenize(text, sink), sink);
      const scopes = analyzeScopes(module, text, sink);
      if (sink.hasErrors) throw new Error(`library module ${name}: ${sink.sorted()[0].message}`);
      units.push({ module, scopes, source: text, file, name, sink });
    }
  }
}

/** `expr` at the top level becomes `__displayhook__(expr)` (the interactive prompt's echo). */
function echoExpression(s: Stmt): Stmt {
  if (s.kind !== 'Expr') return s;
  const span: Span = { lineno: s.lineno, col_offset: s.col_offset, end_lineno: s.end_lineno, end_col_offset: s.end_col_offset, start: s.start, end: s.end };
  const func: Expr = { kind: 'Name', id: '__displayhook__', ctx: 'Load', ...span };
  return { ...s, value: { kind: 'Call', func, args: [s.value], keywords: [], ...span } };
}

export interface CheckOptions {
  /** The selected board (an id of boards/*.json, or a definition): pins and buses it lacks are warned of. */
  board?: string | BoardDefinition;
}

/** Diagnostics only, for live checks in the editor: the errors, and warnings of what would fail
 * when the program runs (undefined names, the board's pins, argument counts). */
export function check(source: string, file: string, options: CheckOptions = {}): Diagnostic[] {
  const sink = new DiagnosticSink(file);
  const text = new SourceText(source);
  const module = parse(text, tokenize(text, sink), sink);
  if (sink.hasErrors) return sink.sorted();
  const scopes = analyzeScopes(module, text, sink);
  const board = typeof options.board === 'string' ? boardById(options.board) : options.board;
  try {
    collectWarnings(module, scopes, text, sink, board);
  } catch (e) {
    if (!isStackOverflow(e)) throw e;   // nesting too deep for the walk: the errors still count, the warnings wait
  }
  generate(module, scopes, text, file, sink);   // code generation finds the remaining errors
  return sink.sorted();
}

/** What the board's VM lacks (its feature level, boards/<id>.json) that a program's files use:
 * errors (V5004) with their place; and an error (V4002) when the program's image is bigger than
 * the board keeps (its firmware's programBytes), saying what makes it big. None for a board this
 * compiler does not know. `entry`: the file that runs (main.py, else the first). */
export function levelErrors(files: Record<string, string>, boardId: string, entry?: string): Diagnostic[] {
  const board = boardById(boardId);
  if (!board?.firmware) return [];
  const lacking = board.firmware.level === 'full' ? []
    : Object.entries(files).flatMap(([file, text]) => check(text, file, { board }).filter(d => d.code === CATALOGUE.LEVEL_LACKS));
  const main = entry ?? ('main.py' in files ? 'main.py' : Object.keys(files)[0]);
  return main === undefined ? lacking : [...lacking, ...sizeErrors(files, main, board)];
}

/** V4002 when the program's image is bigger than `board` keeps. */
function sizeErrors(files: Record<string, string>, entry: string, board: BoardDefinition): Diagnostic[] {
  const limit = board.firmware!.programBytes;
  const whole = buildProject(files, entry, true);
  if (!whole.image || whole.image.length <= limit) return [];
  const kb = (n: number): string => (n < 1024 ? `${n} bytes` : `${Math.round(n / 1024)} KB`);
  let why = '';
  if (whole.library?.length) {
    const own = buildProject(files, entry, false).image?.length ?? 0;
    const names = whole.library.length === 1 ? whole.library[0]
      : `${whole.library.slice(0, -1).join(', ')} and ${whole.library[whole.library.length - 1]}`;
    why = ` (the library module${whole.library.length === 1 ? '' : 's'} ${names} add${whole.library.length === 1 ? 's' : ''} ${kb(whole.image.length - own)} of it, your own code ${kb(own)})`;
  }
  const sink = new DiagnosticSink(entry);
  sink.error(CATALOGUE.TOO_BIG_FOR_BOARD,
    `the program is too big for the ${board.name}: compiled it takes ${whole.image.length} bytes${why}, and the board keeps programs of up to ${limit} bytes (${kb(limit)})`, 1, 1);
  return sink.sorted();
}

/** A readable listing of an image; throws if the image is malformed. */
export function disassemble(image: Uint8Array): string {
  return disassembleImage(image);
}
