// Code generation: AST + scopes → an image (names, one module, code objects). Statements and
// expressions are visited through tables keyed by node kind, so a new kind fails type checking
// until it is either compiled or refused with a "not supported yet" diagnostic.
import * as A from './ast';
import { Assembler, Label } from './bytecode/assembler';
import { CODE_FLAGS } from './bytecode/format';
import { CodeObject, Image, ImageConst } from './bytecode/image';
import { BINARY_OP_INPLACE, BINARY_OPS, COMPARE_OPS, FUNC_ATTRS, OpName, UNARY_OPS, binaryOp, compareOp, unaryOp } from './bytecode/opcodes';
import { CATALOGUE, DiagnosticSink, TOO_DEEP, isStackOverflow } from './catalogue';
import { Scope, ScopeTable, resolveName, slotOf } from './scopes';
import { SourceText } from './source';

export function generate(module: A.Module, scopes: ScopeTable, source: SourceText, file: string, sink: DiagnosticSink): Image {
  return generateProject([{ module, scopes, source, file, name: '__main__', sink }]);
}

/** One module of a project: the first is the entry point (`__main__`). */
export interface ModuleUnit { module: A.Module; scopes: ScopeTable; source: SourceText; file: string; name: string; sink: DiagnosticSink }

/** Several modules in one image: one names table, one list of code objects. */
/** docstrings: false leaves them out of the image (each costs its text in flash); __doc__ is None.
 *  evaluate: the module is one expression whose value its code returns (the debugger's 'eval'). */
export function generateProject(units: ModuleUnit[], options: { docstrings?: boolean; evaluate?: boolean } = {}): Image {
  const builder = new ImageBuilder(units[0].scopes, units[0].source, units[0].sink);
  builder.docstrings = options.docstrings ?? true;
  builder.evaluate = options.evaluate ?? false;
  for (const u of units) builder.addModule(u);
  return builder.image();
}

const BINARY: Record<A.Operator, typeof BINARY_OPS[number]> = {
  Add: 'ADD', Sub: 'SUB', Mult: 'MUL', Div: 'TRUEDIV', FloorDiv: 'FLOORDIV', Mod: 'MOD', Pow: 'POW',
  LShift: 'LSHIFT', RShift: 'RSHIFT', BitAnd: 'AND', BitOr: 'OR', BitXor: 'XOR', MatMult: 'MATMUL',
};
const UNARY: Record<A.UnaryOperator, typeof UNARY_OPS[number]> = { USub: 'NEG', UAdd: 'POS', Not: 'NOT', Invert: 'INVERT' };
const COMPARE: Record<A.CmpOperator, typeof COMPARE_OPS[number]> = {
  Lt: 'LT', LtE: 'LE', Eq: 'EQ', NotEq: 'NE', Gt: 'GT', GtE: 'GE', In: 'IN', NotIn: 'NOT_IN', Is: 'IS', IsNot: 'IS_NOT',
};
/** FORMAT_VALUE's operand: the index of an f-string field's conversion (-1 none, then !s, !r, !a). */
const CONVERSIONS = [-1, 's'.charCodeAt(0), 'r'.charCodeAt(0), 'a'.charCodeAt(0)];
const INT64_MIN = -(1n << 63n), INT64_MAX = (1n << 63n) - 1n;
/** Items a display pushes before it collects them: a bigger display is built a chunk at a time
 * (as CPython does), so a 4,096-entry lookup table needs a few dozen stack slots, not thousands. */
const CHUNK = 32;
/** Nesting of constant tuples the VM's loader accepts. */
const MAX_CONST_DEPTH = 8;

/** Image-wide state: the shared names table and the list of code objects. */
class ImageBuilder {
  private names: string[] = [];
  private nameIndex = new Map<string, number>();
  readonly codes: (CodeObject | null)[] = [];

  private modules: { name: number; file: number; code: number }[] = [];
  docstrings = true;
  evaluate = false;

  /** The module being built has `from __future__ import annotations`: annotations are kept as strings. */
  futureAnnotations = false;

  constructor(public scopes: ScopeTable, public source: SourceText, public sink: DiagnosticSink) {}

  name(s: string): number {
    let i = this.nameIndex.get(s);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(s);
      this.nameIndex.set(s, i);
    }
    return i;
  }

  /** Code objects are numbered in order of appearance: reserve the slot before compiling nested ones. */
  reserveCode(): number { this.codes.push(null); return this.codes.length - 1; }

  error(message: string, node: A.Span, code: typeof CATALOGUE[keyof typeof CATALOGUE] = CATALOGUE.NOT_SUPPORTED): void {
    const s = this.source;
    this.sink.error(code, message, s.line(node.start), s.column(node.start), s.line(node.end), s.column(node.end));
  }

  addModule(u: ModuleUnit): void {
    this.scopes = u.scopes;
    this.source = u.source;
    this.sink = u.sink;
    const index = this.build(u.module);
    this.modules.push({ name: this.name(u.name), file: this.name(u.file), code: index });
  }

  image(): Image {
    return { names: this.names, modules: this.modules, codes: this.codes.map(c => c!) };
  }

  private build(module: A.Module): number {
    const index = this.reserveCode();
    const compiler = new CodeCompiler(this, this.scopes.scopeOf(module), 1);
    if (this.evaluate) {
      const line = module.body.length ? module.body[0].end_lineno : 1;
      this.codes[index] = compiler.evaluation(module.body[0] as A.ExprStmt, line);
      return index;
    }
    // __doc__ = the module's docstring (the VM starts every module with __doc__ None)
    const doc = docstringOf(module.body);
    if (doc !== undefined && this.docstrings) compiler.storeDoc(doc);
    this.futureAnnotations = module.body.some(s => s.kind === 'ImportFrom' && s.module === '__future__'
      && s.names.some(a => a.name === 'annotations'));
    compiler.setupAnnotations(module.body);
    compiler.statements(doc === undefined ? module.body : module.body.slice(1));
    // the implicit return's line: the last statement's first (a debugger stops there once, as in CPython)
    const lastLine = module.body.length ? module.body[module.body.length - 1].lineno : 1;
    this.codes[index] = compiler.finish('<module>', { ...NO_PARAMS, flags: CODE_FLAGS.MODULE }, lastLine, module);
    return index;
  }
}

/** The docstring of a module, class or function body: its first statement, when a plain string. */
function docstringOf(body: A.Stmt[]): string | undefined {
  const first = body[0];
  return first && first.kind === 'Expr' && first.value.kind === 'Constant' && first.value.value.t === 'str'
    ? first.value.value.v : undefined;
}

interface Params { argcount: number; posonlyargcount: number; kwonlyargcount: number; flags: number }
const NO_PARAMS: Params = { argcount: 0, posonlyargcount: 0, kwonlyargcount: 0, flags: 0 };

/** What a `break`, `continue` or `return` must undo on its way out (innermost last). */
type Block =
  | { kind: 'while' | 'for'; breakTo: Label; continueTo: Label }
  | { kind: 'try' }                      // inside SETUP_FINALLY of try/except: POP_BLOCK
  | { kind: 'finally'; body: A.Stmt[] }  // inside SETUP_FINALLY of try/finally: POP_BLOCK, run the body
  | { kind: 'handler' }                  // inside an except body: [prev] on the stack
  | { kind: 'finexc' }                   // inside a finally body run for an exception: [prev, exc]
  | { kind: 'with'; async?: boolean }    // inside a with body: [exit] below, a handler block
  | { kind: 'returning' };               // inside a finally body run for a return: the return value below

type StmtTable = { [K in A.StmtKind]: (s: Extract<A.Stmt, { kind: K }>) => void };
type ExprTable = { [K in A.ExprKind]: (e: Extract<A.Expr, { kind: K }>) => void };

/** Compiles one code object (a module body or a function body). */
class CodeCompiler {
  private asm = new Assembler();
  private consts: ImageConst[] = [];
  private constIndex = new Map<string, number>();
  private blocks: Block[] = [];
  private line: number;

  constructor(private image: ImageBuilder, private scope: Scope, private firstLine: number) {
    this.line = firstLine;
  }

  finish(name: string, params: Params, lastLine: number, at: A.Span | A.Module, implicitReturn = true): CodeObject {
    this.line = lastLine;
    if (implicitReturn) {
      this.emit('LOAD_NONE');
      this.emit('RETURN_VALUE');
    }
    const { argcount, posonlyargcount, kwonlyargcount, flags } = params;
    const locals = this.scope.kind === 'module' ? []
      : this.scope.kind === 'class' ? [...(this.scope.classCell ? ['__class__'] : []), ...this.scope.frees].map(l => this.image.name(l))
      : [...this.scope.locals, ...this.scope.frees].map(l => this.image.name(l));
    const qualname = this.image.name(this.qualname(name));
    const empty = { name: 0, qualname, argcount, posonlyargcount, kwonlyargcount, flags, locals, stacksize: 0, firstLine: this.firstLine, consts: [],
      code: new Uint8Array(), lineTable: new Uint8Array() };
    // Refused constructs emit nothing, so the stack would not balance; there will be no image anyway.
    if (this.image.sink.hasErrors) return empty;
    try {
      const { code, lineTable, stacksize } = this.asm.assemble(this.firstLine);
      return { name: this.image.name(name), qualname, argcount, posonlyargcount, kwonlyargcount, flags, locals, stacksize, firstLine: this.firstLine,
        consts: this.consts, code, lineTable };
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      const span = 'start' in at ? at : { start: 0, end: 0 };
      this.image.error(`'${name}' is too large: ${e.message}`, span as A.Span, CATALOGUE.TOO_LARGE);
      return empty;
    }
  }

  /** An 'eval' module's code: the expression's value is what it returns. */
  evaluation(s: A.ExprStmt, lastLine: number): CodeObject {
    this.line = s.lineno;
    this.expr(s.value);
    this.emit('RETURN_VALUE');
    return this.finish('<module>', { ...NO_PARAMS, flags: CODE_FLAGS.MODULE }, lastLine, s, false);
  }

  // ---- emit helpers ----
  private emit(op: OpName, arg = 0): void { this.asm.emit(op, arg, this.line); }
  private jump(op: OpName, label: Label): void { this.asm.emitJump(op, label, this.line); }
  private unsupported(what: string, node: A.Span, verb: 'is' | 'are' = 'is'): void {
    this.image.error(`${what} ${verb} not supported yet`, node);
  }

  private constant(c: ImageConst): number {
    const key = constKey(c);
    let i = this.constIndex.get(key);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(c);
      this.constIndex.set(key, i);
    }
    return i;
  }

  private count(n: number, max: number, what: string, node: A.Span): number {
    if (n > max) this.image.error(`too many ${what} (at most ${max})`, node, CATALOGUE.TOO_LARGE);
    return Math.min(n, max);
  }

  // ---- names ----
  private loadName(id: string): void {
    const access = resolveName(this.scope, id);
    if (access === 'deref') this.emit('LOAD_DEREF', slotOf(this.scope, id));
    else if (access === 'fast') this.emit('LOAD_FAST', this.scope.locals.indexOf(id));
    else this.emit(access === 'global' ? 'LOAD_GLOBAL' : 'LOAD_NAME', this.image.name(id));
  }

  private storeName(id: string, constant?: string): void {
    if (constant !== undefined) this.loadConstant({ t: 'str', v: constant });
    const access = resolveName(this.scope, id);
    if (access === 'deref') this.emit('STORE_DEREF', slotOf(this.scope, id));
    else if (access === 'fast') this.emit('STORE_FAST', this.scope.locals.indexOf(id));
    else this.emit(access === 'global' ? 'STORE_GLOBAL' : 'STORE_NAME', this.image.name(id));
  }

  private deleteName(id: string): void {
    const access = resolveName(this.scope, id);
    if (access === 'deref') this.emit('DELETE_DEREF', slotOf(this.scope, id));
    else if (access === 'fast') this.emit('DELETE_FAST', this.scope.locals.indexOf(id));
    else this.emit(access === 'global' ? 'DELETE_GLOBAL' : 'DELETE_NAME', this.image.name(id));
  }

  /** CPython's __qualname__: enclosing classes and functions ("<locals>") before the name. */
  private qualname(name: string): string {
    const parts: string[] = [];
    for (let s = this.scope.parent; s && s.kind !== 'module'; s = s.parent) {
      const n = s.node as { name?: string };
      if (s.kind === 'class') parts.unshift(n.name!);
      else if (s.kind === 'function') parts.unshift(n.name! + '.<locals>');
      else if (s.kind === 'lambda') parts.unshift('<lambda>.<locals>');
    }
    return [...parts, name].join('.');
  }

  /** Function start: wrap captured locals in cells, fetch the free variables from the closure. */
  prologue(): void {
    if (this.scope.kind === 'class') {
      if (this.scope.classCell) this.emit('MAKE_CELL', 0);
      if (this.scope.frees.length) this.emit('COPY_FREE_VARS', this.scope.frees.length);
      return;
    }
    for (const name of this.scope.cells) this.emit('MAKE_CELL', this.scope.locals.indexOf(name));
    if (this.scope.frees.length) this.emit('COPY_FREE_VARS', this.scope.frees.length);
    if (this.scope.generator || this.scope.coroutine) this.emit('GEN_START');
  }

  /** __doc__ = doc */
  storeDoc(doc: string): void {
    this.loadConstant({ t: 'str', v: doc });
    this.storeName('__doc__');
  }

  // ---- statements ----
  statements(body: A.Stmt[]): void {
    for (const s of body) {
      this.line = s.lineno;
      try {
        (this.stmtTable[s.kind] as (s: A.Stmt) => void)(s);
      } catch (e) {
        if (!isStackOverflow(e)) throw e;
        this.image.error(TOO_DEEP, s, CATALOGUE.TOO_LARGE);
      }
    }
  }

  private stmtTable: StmtTable = {
    Expr: s => { this.expr(s.value); this.emit('POP_TOP'); },
    Assign: s => this.assign(s),
    AugAssign: s => this.augAssign(s),
    AnnAssign: s => {
      // The annotation is not evaluated (as under `from __future__ import annotations`).
      if (!s.value) {
        const t = s.target;
        this.keepAnnotation(s);
        if (t.kind === 'Attribute') { this.expr(t.value); this.emit('POP_TOP'); }
        if (t.kind === 'Subscript') { this.expr(t.value); this.expr(t.slice); this.emit('POP_TOP'); this.emit('POP_TOP'); }
        return;
      }
      this.expr(s.value);
      this.store(s.target);
      this.keepAnnotation(s);
    },
    If: s => this.ifStatement(s),
    While: s => this.whileLoop(s),
    For: s => this.forLoop(s),
    AsyncFor: s => this.asyncForLoop(s),
    Break: s => this.breakOrContinue(s, 'break'),
    Continue: s => this.breakOrContinue(s, 'continue'),
    Pass: () => {},
    FunctionDef: s => this.functionDef(s),
    AsyncFunctionDef: s => this.functionDef(s),
    ClassDef: s => this.classDef(s),
    Return: s => this.returnStatement(s),
    Delete: s => {
      for (const t of s.targets) {
        this.deleteTarget(t);
      }
    },
    Global: () => {},
    Nonlocal: () => {},
    Raise: s => this.raiseStatement(s),
    Assert: s => this.assertStatement(s),
    Import: s => {
      for (const a of s.names) {
        if (a.name.includes('.')) { this.unsupported('importing from packages (dotted module names)', a); continue; }
        this.emit('IMPORT_NAME', this.image.name(a.name));
        this.storeName(a.asname ?? a.name);
      }
    },
    ImportFrom: s => {
      if (s.module === '__future__' && !s.level) return;   // compile-time directives: nothing to run
      if (s.level || (s.module ?? '').includes('.')) { this.unsupported('relative imports and packages', s, 'are'); return; }
      this.emit('IMPORT_NAME', this.image.name(s.module!));
      if (s.names.some(a => a.name === '*')) { this.emit('IMPORT_STAR'); return; }
      for (const a of s.names) {
        this.emit('IMPORT_FROM', this.image.name(a.name));
        this.storeName(a.asname ?? a.name);
      }
      this.emit('POP_TOP');
    },
    Try: s => this.tryStatement(s),
    With: s => this.withStatement(s, 0),
    AsyncWith: s => this.withStatement(s, 0),
  };

  /** A module or class body with annotated names starts with `__annotations__ = {}`, as CPython's. */
  setupAnnotations(body: A.Stmt[]): void {
    const has = (stmts: A.Stmt[]): boolean => stmts.some(s => s.kind === 'AnnAssign' || (
      s.kind !== 'FunctionDef' && s.kind !== 'ClassDef' && s.kind !== 'AsyncFunctionDef' &&
      ['body', 'orelse', 'finalbody'].some(k => Array.isArray((s as any)[k]) && has((s as any)[k])) ||
      (s.kind === 'Try' && s.handlers.some(h => has(h.body)))));
    if (!has(body)) return;
    this.emit('BUILD_DICT', 0);
    this.storeName('__annotations__');
  }

  /** `name: annotation` in a module or class body records the annotation in `__annotations__`. */
  private keepAnnotation(s: A.AnnAssign): void {
    if (this.scope.kind === 'function' || !s.simple || s.target.kind !== 'Name') return;
    this.line = s.lineno;
    // `int | None` needs types.UnionType, which Viper lacks: such an annotation is kept as its text.
    const union = (e: A.Expr): boolean => e.kind === 'BinOp' && e.op === 'BitOr'
      || (e.kind === 'Subscript' && (union(e.value) || union(e.slice)))
      || (e.kind === 'Tuple' && e.elts.some(union));
    if (this.image.futureAnnotations || union(s.annotation)) {
      this.loadConstant({ t: 'str', v: this.image.source.text.slice(s.annotation.start, s.annotation.end) });
    } else this.expr(s.annotation);
    this.loadName('__annotations__');
    this.loadConstant({ t: 'str', v: s.target.id });
    this.emit('STORE_SUBSCR');
  }

  private deleteTarget(t: A.Expr): void {
    this.line = t.lineno;
    switch (t.kind) {
      case 'Name': this.deleteName(t.id); return;
      case 'Tuple': case 'List': t.elts.forEach(e => this.deleteTarget(e)); return;
      case 'Subscript': this.expr(t.value); this.expr(t.slice); this.emit('DELETE_SUBSCR'); return;
      case 'Attribute': this.expr(t.value); this.emit('DELETE_ATTR', this.image.name(t.attr)); return;
      default: this.unsupported("'del' of this kind of target", t);
    }
  }

  private assign(s: A.Assign): void {
    this.expr(s.value);
    s.targets.forEach((t, i) => {
      if (i < s.targets.length - 1) this.emit('DUP_TOP');
      this.store(t);
    });
  }

  /** Stores TOS into a target (Name, Attribute or Subscript). */
  private store(t: A.Expr): void {
    this.line = t.lineno;
    switch (t.kind) {
      case 'Name': this.storeName(t.id); return;
      case 'Attribute': this.expr(t.value); this.emit('STORE_ATTR', this.image.name(t.attr)); return;
      case 'Subscript':
        this.expr(t.value); this.expr(t.slice); this.emit('STORE_SUBSCR'); return;
      case 'Tuple': case 'List': this.unpack(t.elts, t); return;
      default: this.unsupported(`assigning to this kind of target`, t);
    }
  }

  /** Unpacks TOS into several targets, one of them possibly starred. */
  private unpack(elts: A.Expr[], t: A.Expr): void {
    const star = elts.findIndex(e => e.kind === 'Starred');
    if (star >= 0) {
      if (elts.findIndex((e, i) => i > star && e.kind === 'Starred') >= 0) {
        this.image.error('multiple starred expressions in assignment', t, CATALOGUE.INVALID_TARGET);
        return;
      }
      const after = elts.length - star - 1;
      if (star > 255 || after > 255) { this.image.error('too many expressions in star-unpacking assignment', t, CATALOGUE.TOO_LARGE); return; }
      this.emit('UNPACK_EX', star | (after << 8));
    } else this.emit('UNPACK_SEQUENCE', this.count(elts.length, 0xffff, 'targets', t));
    for (const e of elts) this.store(e.kind === 'Starred' ? e.value : e);
  }

  private augAssign(s: A.AugAssign): void {
    const op = binaryOp(BINARY[s.op]) | BINARY_OP_INPLACE;
    const t = s.target;
    if (t.kind === 'Name') {
      this.loadName(t.id);
      this.expr(s.value);
      this.line = s.lineno;
      this.emit('BINARY_OP', op);
      this.storeName(t.id);
    } else if (t.kind === 'Attribute') {
      this.expr(t.value);
      this.emit('DUP_TOP');
      this.emit('LOAD_ATTR', this.image.name(t.attr));
      this.expr(s.value);
      this.line = s.lineno;
      this.emit('BINARY_OP', op);
      this.emit('ROT_TWO');
      this.emit('STORE_ATTR', this.image.name(t.attr));
    } else if (t.kind === 'Subscript') {
      // obj, obj, key, key → ROT_THREE → obj, key, obj, key: one copy to read, one to write.
      this.expr(t.value);
      this.emit('DUP_TOP');
      this.expr(t.slice);
      this.emit('DUP_TOP');
      this.emit('ROT_THREE');
      this.emit('BINARY_SUBSCR');
      this.expr(s.value);
      this.line = s.lineno;
      this.emit('BINARY_OP', op);
      this.emit('ROT_THREE');
      this.emit('STORE_SUBSCR');
    }
  }

  private ifStatement(s: A.If): void {
    const orelse = this.asm.newLabel(), end = this.asm.newLabel();
    this.expr(s.test);
    this.jump('POP_JUMP_IF_FALSE', orelse);
    this.statements(s.body);
    if (s.orelse.length) {
      this.line = s.body[s.body.length - 1].end_lineno;
      this.jump('JUMP', end);
    }
    this.asm.place(orelse);
    this.statements(s.orelse);
    this.asm.place(end);
  }

  private whileLoop(s: A.While): void {
    const top = this.asm.newLabel(), orelse = this.asm.newLabel(), end = this.asm.newLabel();
    this.asm.place(top);
    this.expr(s.test);
    this.jump('POP_JUMP_IF_FALSE', orelse);
    this.blocks.push({ kind: 'while', breakTo: end, continueTo: top });
    this.statements(s.body);
    this.blocks.pop();
    this.line = s.lineno;
    this.jump('JUMP', top);
    this.asm.place(orelse);
    this.statements(s.orelse);
    this.asm.place(end);
  }

  /** async for: the loop awaits `__anext__()` of `__aiter__()`; StopAsyncIteration ends it. */
  private asyncForLoop(s: A.AsyncFor): void {
    const top = this.asm.newLabel(), done = this.asm.newLabel(), orelse = this.asm.newLabel(), end = this.asm.newLabel();
    const reraise = this.asm.newLabel();
    this.expr(s.iter);
    this.line = s.lineno;
    this.emit('GET_AWAITABLE', 1);
    this.asm.place(top);
    this.jump('SETUP_FINALLY', done);
    this.emit('DUP_TOP');
    this.await(2);
    this.emit('POP_BLOCK');
    this.store(s.target);
    this.blocks.push({ kind: 'for', breakTo: end, continueTo: top });
    this.statements(s.body);
    this.blocks.pop();
    this.line = s.lineno;
    this.jump('JUMP', top);
    this.asm.place(done);          // [aiter, prev, exc]
    this.emit('DUP_TOP');
    this.emit('LOAD_GLOBAL', this.image.name('StopAsyncIteration'));
    this.jump('JUMP_IF_NOT_EXC_MATCH', reraise);
    this.emit('POP_TOP');
    this.emit('POP_EXCEPT');
    this.emit('POP_TOP');          // the async iterator
    this.jump('JUMP', orelse);
    this.asm.place(reraise);
    this.emit('RERAISE');
    this.asm.place(orelse);
    this.statements(s.orelse);
    this.asm.place(end);
  }

  private forLoop(s: A.For): void {
    const top = this.asm.newLabel(), orelse = this.asm.newLabel(), end = this.asm.newLabel();
    this.expr(s.iter);
    this.line = s.lineno;
    this.emit('GET_ITER');
    this.asm.place(top);
    this.jump('FOR_ITER', orelse);
    this.store(s.target);
    this.blocks.push({ kind: 'for', breakTo: end, continueTo: top });
    this.statements(s.body);
    this.blocks.pop();
    this.line = s.lineno;
    this.jump('JUMP', top);
    this.asm.place(orelse);
    this.statements(s.orelse);
    this.asm.place(end);
  }

  /** Undo blocks[i]; `keepTop`: a value (the return value) sits above what the block left. */
  private unwind(i: number, keepTop: boolean): void {
    const b = this.blocks[i];
    const dropBelowTop = () => { if (keepTop) this.emit('ROT_TWO'); this.emit('POP_TOP'); };
    switch (b.kind) {
      case 'for': case 'returning': dropBelowTop(); return;
      case 'while': return;
      case 'try': this.emit('POP_BLOCK'); return;
      case 'handler': if (keepTop) this.emit('ROT_TWO'); this.emit('POP_EXCEPT'); return;
      case 'finexc': dropBelowTop(); if (keepTop) this.emit('ROT_TWO'); this.emit('POP_EXCEPT'); return;
      case 'with':
        this.emit('POP_BLOCK');
        if (keepTop) this.emit('ROT_TWO');
        this.callExit(b.async);
        return;
      case 'finally': {
        this.emit('POP_BLOCK');
        const saved = this.blocks;
        // A break, continue or return in this copy of the body drops the pending return value.
        this.blocks = keepTop ? [...saved.slice(0, i), { kind: 'returning' }] : saved.slice(0, i);
        this.statements(b.body);
        this.blocks = saved;
      }
    }
  }

  private breakOrContinue(s: A.Break | A.Continue, word: 'break' | 'continue'): void {
    let i = this.blocks.length - 1;
    while (i >= 0 && this.blocks[i].kind !== 'for' && this.blocks[i].kind !== 'while') i--;
    if (i < 0) return; // reported by the scope pass
    const loop = this.blocks[i] as Extract<Block, { kind: 'for' | 'while' }>;
    for (let k = this.blocks.length - 1; k > i; k--) this.unwind(k, false);
    this.line = s.lineno;
    if (word === 'break') {
      if (loop.kind === 'for') this.emit('POP_TOP'); // the iterator
      this.jump('JUMP', loop.breakTo);
    } else this.jump('JUMP', loop.continueTo);
  }

  private returnStatement(s: A.Return): void {
    if (this.scope.kind !== 'function') return; // reported by the scope pass
    if (s.value) this.expr(s.value); else this.emit('LOAD_NONE');
    for (let k = this.blocks.length - 1; k >= 0; k--) this.unwind(k, true);
    this.line = s.lineno;
    this.emit('RETURN_VALUE');
  }

  private raiseStatement(s: A.Raise): void {
    if (!s.exc) { this.emit('RAISE', 0); return; }
    this.expr(s.exc);
    if (s.cause) this.expr(s.cause);
    this.line = s.lineno;
    this.emit('RAISE', s.cause ? 2 : 1);
  }

  private assertStatement(s: A.Assert): void {
    const ok = this.asm.newLabel();
    this.expr(s.test);
    this.jump('POP_JUMP_IF_TRUE', ok);
    this.emit('LOAD_GLOBAL', this.image.name('AssertionError'));
    if (s.msg) { this.expr(s.msg); this.line = s.lineno; this.emit('CALL', 1); }
    this.emit('RAISE', 1);
    this.asm.place(ok);
  }

  /** exit(None, None, None) for the __exit__ method on top of the stack (awaited for async with), result dropped. */
  private callExit(async = false): void {
    this.emit('LOAD_NONE'); this.emit('LOAD_NONE'); this.emit('LOAD_NONE');
    this.emit('CALL', 3);
    if (async) this.await(0);
    this.emit('POP_TOP');
  }

  /** `await TOS` (how 0), or the await of `TOS.__anext__()` (how 2): `yield from` its iterator. */
  private await(how: 0 | 2): void {
    this.emit('GET_AWAITABLE', how);
    this.emit('LOAD_NONE');
    this.emit('YIELD_FROM');
  }

  private withStatement(s: A.With | A.AsyncWith, i: number): void {
    const item = s.items[i], async = s.kind === 'AsyncWith';
    const handler = this.asm.newLabel(), end = this.asm.newLabel(), suppress = this.asm.newLabel();
    this.expr(item.context_expr);
    this.line = s.lineno;
    if (async) this.emit('GET_AWAITABLE', 3);
    this.emit('DUP_TOP');
    this.emit('LOAD_ATTR', this.image.name(async ? '__aexit__' : '__exit__'));
    this.emit('ROT_TWO');
    this.emit('LOAD_ATTR', this.image.name(async ? '__aenter__' : '__enter__'));
    this.emit('CALL', 0);
    if (async) this.await(0);
    if (item.optional_vars) this.store(item.optional_vars); else this.emit('POP_TOP');
    this.line = s.lineno;
    this.jump('SETUP_FINALLY', handler);
    this.blocks.push({ kind: 'with', async });
    if (i + 1 < s.items.length) this.withStatement(s, i + 1); else this.statements(s.body);
    this.blocks.pop();
    this.line = s.lineno;
    this.emit('POP_BLOCK');
    this.callExit(async);
    this.jump('JUMP', end);
    this.asm.place(handler);       // [exit, prev, exc]
    this.emit('WITH_EXCEPT');
    if (async) this.await(0);
    this.jump('POP_JUMP_IF_TRUE', suppress);
    this.emit('RERAISE');
    this.asm.place(suppress);
    this.emit('POP_TOP');
    this.emit('POP_EXCEPT');
    this.emit('POP_TOP');
    this.asm.place(end);
  }

  private tryStatement(s: A.Try): void {
    if (!s.finalbody.length) { this.tryExcept(s); return; }
    const handler = this.asm.newLabel(), end = this.asm.newLabel();
    this.jump('SETUP_FINALLY', handler);
    this.blocks.push({ kind: 'finally', body: s.finalbody });
    if (s.handlers.length) this.tryExcept(s); else this.statements(s.body);
    this.blocks.pop();
    this.emit('POP_BLOCK');
    this.statements(s.finalbody);
    this.jump('JUMP', end);
    this.asm.place(handler);
    this.blocks.push({ kind: 'finexc' });
    this.restoringHandled(() => this.statements(s.finalbody), 1);
    this.blocks.pop();
    this.emit('RERAISE');
    this.asm.place(end);
  }

  /**
   * Compiles the body of an except or finally clause so that an exception escaping it first puts
   * back the exception that was being handled before the clause (CPython's cleanup block);
   * otherwise that one would be taken for the context of every later exception. `above`: values
   * the clause keeps above the saved one (finally keeps the exception it is handling).
   */
  private restoringHandled(body: () => void, above: number): void {
    const cleanup = this.asm.newLabel(), done = this.asm.newLabel();
    this.jump('SETUP_FINALLY', cleanup);
    this.blocks.push({ kind: 'try' });
    body();
    this.blocks.pop();
    this.emit('POP_BLOCK');
    this.jump('JUMP', done);
    this.asm.place(cleanup);       // [saved, (above), handled, escaping]
    for (let i = 0; i <= above; i++) { this.emit('ROT_TWO'); this.emit('POP_TOP'); }
    this.emit('RERAISE');          // [saved, escaping]: the escaping one goes on, saved is handled again
    this.asm.place(done);
  }

  private tryExcept(s: A.Try): void {
    const handler = this.asm.newLabel(), end = this.asm.newLabel();
    this.line = s.lineno;
    this.jump('SETUP_FINALLY', handler);
    this.blocks.push({ kind: 'try' });
    this.statements(s.body);
    this.blocks.pop();
    this.emit('POP_BLOCK');
    this.statements(s.orelse);
    this.jump('JUMP', end);
    this.asm.place(handler);
    for (const h of s.handlers) {
      const next = this.asm.newLabel();
      this.line = h.lineno;
      if (h.type) {
        this.emit('DUP_TOP');
        this.expr(h.type);
        this.jump('JUMP_IF_NOT_EXC_MATCH', next);
      }
      if (h.name) this.storeName(h.name); else this.emit('POP_TOP');
      this.blocks.push({ kind: 'handler' });
      this.restoringHandled(() => this.statements(h.body), 0);
      this.blocks.pop();
      this.emit('POP_EXCEPT');
      if (h.name) { this.emit('LOAD_NONE'); this.storeName(h.name); this.deleteName(h.name); }
      this.jump('JUMP', end);
      this.asm.place(next);
    }
    this.emit('RERAISE');
    this.asm.place(end);
  }

  private functionDef(s: A.FunctionDef | A.AsyncFunctionDef): void {
    s.decorator_list.forEach(d => this.expr(d));
    this.line = s.lineno;
    const doc = docstringOf(s.body);
    this.makeFunction(s, s.name, s.args, inner => inner.statements(doc === undefined ? s.body : s.body.slice(1)), s.body[s.body.length - 1].lineno,
      true, doc);
    for (let i = 0; i < s.decorator_list.length; i++) this.emit('CALL', 1);
    this.storeName(s.name);
  }

  /** Pushes a new function: defaults, keyword defaults and closure, then the code object. */
  private makeFunction(node: A.FunctionDef | A.AsyncFunctionDef | A.Lambda, name: string, a: A.Arguments, body: (inner: CodeCompiler) => void,
                       lastLine: number, implicitReturn = true, doc?: string): void {
    const attrs: number[] = [];
    if (a.defaults.length) {
      a.defaults.forEach(d => this.expr(d));
      this.emit('BUILD_TUPLE', a.defaults.length);
      attrs.push(FUNC_ATTRS.DEFAULTS);
    }
    const kwDefaults = a.kwonlyargs.map((k, i) => [k, a.kw_defaults[i]] as const).filter(([, d]) => d);
    if (kwDefaults.length) {
      for (const [k, d] of kwDefaults) { this.loadConstant({ t: 'str', v: k.arg }); this.expr(d!); }
      this.emit('BUILD_DICT', kwDefaults.length);
      attrs.push(FUNC_ATTRS.KWDEFAULTS);
    }
    const scope = this.image.scopes.scopeOf(node);
    if (scope.frees.length) {
      for (const free of scope.frees) this.emit('LOAD_CLOSURE', slotOf(this.scope, free));
      this.emit('BUILD_TUPLE', scope.frees.length);
      attrs.push(FUNC_ATTRS.CLOSURE);
    }
    const positional = a.posonlyargs.length + a.args.length;
    const params: Params = {
      argcount: this.count(positional, 255, 'parameters', node),
      posonlyargcount: a.posonlyargs.length,
      kwonlyargcount: this.count(a.kwonlyargs.length, 255, 'keyword-only parameters', node),
      flags: (a.vararg ? CODE_FLAGS.VARARGS : 0) | (a.kwarg ? CODE_FLAGS.VARKEYWORDS : 0) |
        (scope.generator || scope.coroutine ? CODE_FLAGS.GENERATOR : 0) | (scope.coroutine ? CODE_FLAGS.COROUTINE : 0),
    };
    const index = this.image.reserveCode();
    const inner = new CodeCompiler(this.image, scope, node.lineno);
    if (doc !== undefined && this.image.docstrings) {   // consts[0], as CPython's co_consts
      inner.constant({ kind: 'STR', value: doc });
      params.flags |= CODE_FLAGS.DOC;
    }
    inner.prologue();
    body(inner);
    this.image.codes[index] = inner.finish(name, params, lastLine, node, implicitReturn);
    this.line = node.lineno;
    this.emit('MAKE_FUNCTION', index);
    for (const attr of attrs.reverse()) this.emit('SET_FUNCTION_ATTR', attr);
  }

  private classDef(s: A.ClassDef): void {
    const doubleStar = s.keywords.find(k => k.arg === null);
    if (doubleStar) { this.unsupported("'**' in a class's keywords", doubleStar.value, 'is'); return; }
    const starred = s.bases.find(b => b.kind === 'Starred');
    if (starred) { this.unsupported("'*' in a class's bases", starred, 'is'); return; }
    s.decorator_list.forEach(d => this.expr(d));
    this.line = s.lineno;
    // class C(B, metaclass=M, **kw): __build_class__(body, 'C', B, metaclass=M), as CPython.
    if (s.keywords.length) this.emit('LOAD_GLOBAL', this.image.name('__build_class__'));
    const scope = this.image.scopes.scopeOf(s);
    const index = this.image.reserveCode();
    const inner = new CodeCompiler(this.image, scope, s.lineno);
    inner.prologue();
    inner.loadName('__name__');
    inner.storeName('__module__');
    inner.loadConstant({ t: 'str', v: this.qualname(s.name) });
    inner.storeName('__qualname__');
    const doc = docstringOf(s.body);
    if (doc !== undefined && this.image.docstrings) inner.storeDoc(doc);
    inner.setupAnnotations(s.body);
    inner.statements(doc === undefined ? s.body : s.body.slice(1));
    inner.line = s.end_lineno;
    if (scope.classCell) inner.emit('LOAD_CLOSURE', 0); else inner.emit('LOAD_NONE');
    inner.emit('RETURN_VALUE');
    this.image.codes[index] = inner.finish(s.name, NO_PARAMS, s.end_lineno, s, false);
    this.line = s.lineno;
    if (scope.frees.length) {
      for (const free of scope.frees) this.emit('LOAD_CLOSURE', slotOf(this.scope, free));
      this.emit('BUILD_TUPLE', scope.frees.length);
    }
    this.emit('MAKE_FUNCTION', index);
    if (scope.frees.length) this.emit('SET_FUNCTION_ATTR', FUNC_ATTRS.CLOSURE);
    this.loadConstant({ t: 'str', v: s.name });
    s.bases.forEach(b => this.expr(b));
    this.line = s.lineno;
    if (s.keywords.length) {
      s.keywords.forEach(k => this.expr(k.value));
      this.line = s.lineno;
      this.emit('LOAD_CONST', this.constant({ kind: 'TUPLE', items: s.keywords.map(k => ({ kind: 'STR', value: k.arg! })) }));
      this.emit('CALL_KW', this.count(2 + s.bases.length + s.keywords.length, 255, 'base classes and keywords', s));
    } else {
      this.emit('BUILD_CLASS', this.count(s.bases.length, 255, 'base classes', s));
    }
    for (let i = 0; i < s.decorator_list.length; i++) this.emit('CALL', 1);
    this.storeName(s.name);
  }

  /** A comprehension is a nested function called at once with the outermost iterator. */
  private comprehension(e: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp): void {
    const scope = this.image.scopes.scopeOf(e);
    const name = { ListComp: '<listcomp>', SetComp: '<setcomp>', DictComp: '<dictcomp>', GeneratorExp: '<genexpr>' }[e.kind];
    const fake = { posonlyargs: [], args: [{ arg: '.0' }], vararg: null, kwonlyargs: [], kw_defaults: [], kwarg: null, defaults: [] } as unknown as A.Arguments;
    this.makeFunction(e as unknown as A.Lambda, name, fake, inner => inner.comprehensionBody(e), e.end_lineno, e.kind === 'GeneratorExp');
    void scope;
    this.expr(e.generators[0].iter);
    this.line = e.lineno;
    this.emit('GET_ITER');
    this.emit('CALL', 1);
  }

  comprehensionBody(e: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp): void {
    const result = e.kind === 'ListComp' ? 'BUILD_LIST' : e.kind === 'SetComp' ? 'BUILD_SET' : e.kind === 'DictComp' ? 'BUILD_DICT' : null;
    if (result) this.emit(result, 0);
    const loops = (i: number, depth: number): void => {
      const g = e.generators[i];
      const top = this.asm.newLabel(), end = this.asm.newLabel();
      if (i === 0) this.emit('LOAD_FAST', 0); else { this.expr(g.iter); this.emit('GET_ITER'); }
      this.asm.place(top);
      this.jump('FOR_ITER', end);
      this.store(g.target);
      for (const cond of g.ifs) { this.expr(cond); this.jump('POP_JUMP_IF_FALSE', top); }
      if (i + 1 < e.generators.length) loops(i + 1, depth + 1);
      else if (e.kind === 'DictComp') { this.expr(e.key); this.expr(e.value); this.emit('MAP_ADD_AT', depth + 1); }
      else {
        this.expr(e.elt);
        if (e.kind === 'GeneratorExp') { this.emit('YIELD_VALUE'); this.emit('POP_TOP'); }
        else this.emit(e.kind === 'ListComp' ? 'LIST_APPEND_AT' : 'SET_ADD_AT', depth + 1);
      }
      this.jump('JUMP', top);
      this.asm.place(end);
    };
    loops(0, 1);
    if (result) this.emit('RETURN_VALUE');
  }

  private lambda(e: A.Lambda): void {
    this.makeFunction(e, '<lambda>', e.args, inner => {
      inner.expr(e.body);
      inner.emit('RETURN_VALUE');
    }, e.end_lineno, false);
  }

  // ---- expressions ----
  private expr(e: A.Expr): void {
    const saved = this.line;
    this.line = e.lineno;
    (this.exprTable[e.kind] as (e: A.Expr) => void)(e);
    this.line = saved;
  }

  private exprTable: ExprTable = {
    Constant: e => this.loadConstant(e.value),
    Name: e => this.loadName(e.id),
    BinOp: e => {
      // A long chain (`a + b + c + ...`) nests to the left: compile it without recursing there.
      const chain: A.BinOp[] = [];
      let left: A.Expr = e;
      for (; left.kind === 'BinOp'; left = left.left) chain.push(left);
      this.expr(left);
      for (let i = chain.length - 1; i >= 0; i--) {
        this.expr(chain[i].right);
        this.line = chain[i].lineno;
        this.emit('BINARY_OP', binaryOp(BINARY[chain[i].op]));
      }
    },
    UnaryOp: e => { this.expr(e.operand); this.emit('UNARY_OP', unaryOp(UNARY[e.op])); },
    BoolOp: e => {
      const end = this.asm.newLabel();
      e.values.forEach((v, i) => {
        this.expr(v);
        if (i < e.values.length - 1) this.jump(e.op === 'And' ? 'JUMP_IF_FALSE_OR_POP' : 'JUMP_IF_TRUE_OR_POP', end);
      });
      this.asm.place(end);
    },
    Compare: e => this.compare(e),
    Call: e => this.call(e),
    Attribute: e => { this.expr(e.value); this.emit('LOAD_ATTR', this.image.name(e.attr)); },
    Subscript: e => { this.expr(e.value); this.expr(e.slice); this.emit('BINARY_SUBSCR'); },
    Slice: e => {
      if (e.lower) this.expr(e.lower); else this.emit('LOAD_NONE');
      if (e.upper) this.expr(e.upper); else this.emit('LOAD_NONE');
      if (e.step) this.expr(e.step);
      this.emit('BUILD_SLICE', e.step ? 3 : 2);
    },
    Starred: e => this.unsupported("'*' unpacking", e),
    List: e => this.display('list', e.elts, e),
    Tuple: e => {
      const folded = this.constantTuple(e, 0);
      if (folded) this.emit('LOAD_CONST', this.constant(folded)); else this.display('tuple', e.elts, e);
    },
    Set: e => this.display('set', e.elts, e),
    Dict: e => this.dict(e),
    IfExp: e => {
      const orelse = this.asm.newLabel(), end = this.asm.newLabel();
      this.expr(e.test);
      this.jump('POP_JUMP_IF_FALSE', orelse);
      this.expr(e.body);
      this.jump('JUMP', end);
      this.asm.place(orelse);
      this.expr(e.orelse);
      this.asm.place(end);
    },
    Lambda: e => this.lambda(e),
    ListComp: e => this.comprehension(e),
    SetComp: e => this.comprehension(e),
    GeneratorExp: e => this.comprehension(e),
    DictComp: e => this.comprehension(e),
    Yield: e => {
      if (e.value) this.expr(e.value); else this.emit('LOAD_NONE');
      this.emit('YIELD_VALUE');
    },
    YieldFrom: e => {
      this.expr(e.value);
      this.emit('GET_ITER');
      this.emit('LOAD_NONE');
      this.emit('YIELD_FROM');
    },
    Await: e => { this.expr(e.value); this.line = e.lineno; this.await(0); },
    NamedExpr: e => {
      this.expr(e.value);
      this.emit('DUP_TOP');
      this.store(e.target);
    },
    JoinedStr: e => {
      if (!e.values.length) { this.loadConstant({ t: 'str', v: '' }); return; }
      e.values.forEach((v, i) => { this.expr(v); if (i > 0) this.emit('BINARY_OP', binaryOp('ADD')); });
    },
    FormattedValue: e => {
      this.expr(e.value);
      if (e.format_spec) this.expr(e.format_spec); else this.loadConstant({ t: 'str', v: '' });
      this.emit('FORMAT_VALUE', CONVERSIONS.indexOf(e.conversion));
    },
  };

  private loadConstant(c: A.PyConst): void {
    switch (c.t) {
      case 'none': this.emit('LOAD_NONE'); return;
      case 'bool': this.emit(c.v ? 'LOAD_TRUE' : 'LOAD_FALSE'); return;
      case 'int':
        if (c.v >= -0x8000n && c.v <= 0x7fffn) { this.emit('LOAD_SMALL_INT', Number(c.v)); return; }
        this.emit('LOAD_CONST', this.constant({ kind: c.v >= INT64_MIN && c.v <= INT64_MAX ? 'INT' : 'BIGINT', value: c.v }));
        return;
      case 'float': this.emit('LOAD_CONST', this.constant({ kind: 'FLOAT', value: c.v })); return;
      case 'str': this.emit('LOAD_CONST', this.constant({ kind: 'STR', value: c.v })); return;
      case 'bytes': this.emit('LOAD_CONST', this.constant({ kind: 'BYTES', value: c.v })); return;
      case 'ellipsis': this.emit('LOAD_CONST', this.constant({ kind: 'ELLIPSIS' })); return;
    }
  }

  /** A tuple display of constants (tuples of constants included) is one constant, as in CPython. */
  private constantTuple(e: A.Tuple, depth: number): ImageConst | null {
    if (!e.elts.length || e.elts.length > 0xffff || depth >= MAX_CONST_DEPTH) return null;
    const items: ImageConst[] = [];
    for (const x of e.elts) {
      const c = x.kind === 'Constant' ? imageConst(x.value) : x.kind === 'Tuple' ? this.constantTuple(x, depth + 1) : null;
      if (!c) return null;
      items.push(c);
    }
    return { kind: 'TUPLE', items };
  }

  /**
   * A list, tuple or set display, `*x` items spread. Small ones push their items and build at
   * once; bigger or starred ones start a list (or set) from the first chunk and extend it by a
   * tuple of each further chunk and by each `*x`; a tuple is made from that list at the end.
   */
  private display(kind: 'list' | 'tuple' | 'set', elts: A.Expr[], node: A.Span): void {
    const starred = elts.some(x => x.kind === 'Starred');
    const line = node.lineno;
    if (!starred && elts.length <= CHUNK) {
      elts.forEach(x => this.expr(x));
      this.line = line;
      this.emit(kind === 'list' ? 'BUILD_LIST' : kind === 'tuple' ? 'BUILD_TUPLE' : 'BUILD_SET', elts.length);
      return;
    }
    const build = kind === 'set' ? 'BUILD_SET' : 'BUILD_LIST', extend = kind === 'set' ? 'SET_UPDATE' : 'LIST_EXTEND';
    let i = 0;
    while (i < elts.length) {
      const first = i === 0, item = elts[i];
      if (item.kind === 'Starred') {
        if (first) { this.line = line; this.emit(build, 0); }
        this.expr(item.value);
        this.line = line;
        this.emit(extend);
        i++;
        continue;
      }
      let n = 0;
      for (; i < elts.length && elts[i].kind !== 'Starred' && n < CHUNK; i++, n++) this.expr(elts[i]);
      this.line = line;
      if (first) this.emit(build, n); else { this.emit('BUILD_TUPLE', n); this.emit(extend); }
    }
    if (kind === 'tuple') this.emit('LIST_TO_TUPLE');
  }

  /** A dict display: key/value pairs a chunk at a time, merged with each `**mapping` in order. */
  private dict(e: A.Dict): void {
    const n = e.keys.length, pairs = CHUNK / 2;
    if (n <= pairs && e.keys.every(k => k !== null)) {
      e.keys.forEach((k, i) => { this.expr(k!); this.expr(e.values[i]); });
      this.line = e.lineno;
      this.emit('BUILD_DICT', n);
      return;
    }
    let i = 0;
    while (i < n) {
      const first = i === 0;
      if (e.keys[i] === null) {
        if (first) { this.line = e.lineno; this.emit('BUILD_DICT', 0); }
        this.expr(e.values[i]);
        this.line = e.lineno;
        this.emit('DICT_MERGE', 0);
        i++;
        continue;
      }
      let k = 0;
      for (; i < n && e.keys[i] !== null && k < pairs; i++, k++) { this.expr(e.keys[i]!); this.expr(e.values[i]); }
      this.line = e.lineno;
      this.emit('BUILD_DICT', k);
      if (!first) this.emit('DICT_MERGE', 0);
    }
  }

  /** `a < b < c` evaluates b once: DUP_TOP/ROT_THREE keep it for the next comparison (as CPython 3.10). */
  private compare(e: A.Compare): void {
    this.expr(e.left);
    if (e.ops.length === 1) {
      this.expr(e.comparators[0]);
      this.emit('COMPARE_OP', compareOp(COMPARE[e.ops[0]]));
      return;
    }
    const cleanup = this.asm.newLabel(), end = this.asm.newLabel();
    const last = e.ops.length - 1;
    for (let i = 0; i < last; i++) {
      this.expr(e.comparators[i]);
      this.emit('DUP_TOP');
      this.emit('ROT_THREE');
      this.emit('COMPARE_OP', compareOp(COMPARE[e.ops[i]]));
      this.jump('JUMP_IF_FALSE_OR_POP', cleanup);
    }
    this.expr(e.comparators[last]);
    this.emit('COMPARE_OP', compareOp(COMPARE[e.ops[last]]));
    this.jump('JUMP', end);
    this.asm.place(cleanup);
    this.emit('ROT_TWO');
    this.emit('POP_TOP');
    this.asm.place(end);
  }


  private call(e: A.Call): void {
    if (e.func.kind === 'Attribute' && !e.keywords.length && !e.args.some(a => a.kind === 'Starred') && e.args.length < 255) {
      // obj.m(args): no bound method object for methods of Python classes.
      this.expr(e.func.value);
      this.line = e.func.lineno;
      this.emit('LOAD_METHOD', this.image.name(e.func.attr));
      e.args.forEach(a => this.expr(a));
      this.line = e.lineno;
      this.emit('CALL_METHOD', e.args.length);
      return;
    }
    if (e.func.kind === 'Name' && e.func.id === 'super' && !e.args.length && !e.keywords.length &&
        this.scope.frees.includes('__class__')) {
      // super() → super(__class__, <first parameter>)
      const node = this.scope.node as A.FunctionDef;
      const first = [...node.args.posonlyargs, ...node.args.args][0] ?? node.args.vararg;
      if (!first) { this.image.error('super(): no arguments', e, CATALOGUE.NOT_SUPPORTED); return; }
      this.loadName('super');
      this.emit('LOAD_DEREF', slotOf(this.scope, '__class__'));
      this.loadName(first.arg);
      if (first === node.args.vararg) { this.emit('LOAD_SMALL_INT', 0); this.emit('BINARY_SUBSCR'); }
      this.line = e.lineno;
      this.emit('CALL', 2);
      return;
    }
    this.expr(e.func);
    // Calls with more arguments than CALL's operand holds pass them as a list and a dict.
    const simple = !e.args.some(a => a.kind === 'Starred') && !e.keywords.some(k => k.arg === null) &&
      e.args.length + e.keywords.length <= 255;
    if (simple) {
      e.args.forEach(a => this.expr(a));
      e.keywords.forEach(k => this.expr(k.value));
      this.line = e.lineno;
      const n = e.args.length + e.keywords.length;
      if (!e.keywords.length) { this.emit('CALL', n); return; }
      this.emit('LOAD_CONST', this.constant({ kind: 'TUPLE', items: e.keywords.map(k => ({ kind: 'STR', value: k.arg! })) }));
      this.emit('CALL_KW', n);
      return;
    }
    this.display('list', e.args, e);
    if (e.keywords.length) {
      let started = false, pending = 0;
      const flush = () => {
        if (!pending) return;
        this.emit('BUILD_DICT', pending);
        if (started) this.emit('DICT_MERGE', 1);
        started = true;
        pending = 0;
      };
      for (const k of e.keywords) {
        if (k.arg === null) {
          flush();
          if (!started) { this.emit('BUILD_DICT', 0); started = true; }
          this.expr(k.value);
          this.emit('DICT_MERGE', 1);
        } else {
          this.loadConstant({ t: 'str', v: k.arg });
          this.expr(k.value);
          if (++pending === CHUNK / 2) flush();
        }
      }
      flush();
    }
    this.line = e.lineno;
    this.emit('CALL_EX', e.keywords.length ? 1 : 0);
  }
}

function imageConst(c: A.PyConst): ImageConst {
  switch (c.t) {
    case 'none': return { kind: 'NONE' };
    case 'bool': return { kind: c.v ? 'TRUE' : 'FALSE' };
    case 'int': return { kind: c.v >= INT64_MIN && c.v <= INT64_MAX ? 'INT' : 'BIGINT', value: c.v };
    case 'float': return { kind: 'FLOAT', value: c.v };
    case 'str': return { kind: 'STR', value: c.v };
    case 'bytes': return { kind: 'BYTES', value: c.v };
    case 'ellipsis': return { kind: 'ELLIPSIS' };
  }
}

function constKey(c: ImageConst): string {
  switch (c.kind) {
    case 'INT': case 'BIGINT': return `i${c.value}`;
    case 'FLOAT': return `f${Object.is(c.value, -0) ? '-0' : c.value}`;
    case 'STR': return `s${c.value}`;
    case 'BYTES': return `b${Array.from(c.value).join(',')}`;
    case 'CODE': return `c${c.index}`;
    case 'TUPLE': return `t(${c.items.map(constKey).join(';')})`;
    default: return c.kind;
  }
}
