// Scopes: which names each function binds (its local slots), which it declares global, and the
// placement checks CPython does at compile time ('return' outside function, 'break' outside loop,
// global declared after use). Code generation asks `resolveName` how to load or store a name.
import * as A from './ast';
import { CATALOGUE, DiagnosticCode, DiagnosticSink, TOO_DEEP, isStackOverflow } from './catalogue';
import { SourceText } from './source';

export type ScopeNode = A.Module | A.FunctionDef | A.AsyncFunctionDef | A.ClassDef | A.Lambda
  | A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp;

export interface Scope {
  kind: 'module' | 'function' | 'class' | 'lambda' | 'comprehension';
  node: ScopeNode;
  parent: Scope | null;
  /** Local slot names, parameters first, in order of first binding. */
  locals: string[];
  globals: Set<string>;
  nonlocals: Set<string>;
  /** Names read in this scope, with the node reading them (for the closure check). */
  uses: A.Name[];
  /** How each name was first seen before any `global` statement, for CPython's ordering errors. */
  seen: Map<string, 'used' | 'assigned'>;
  /** Locals captured by nested functions: their slots hold cells. */
  cells: Set<string>;
  /** Variables of enclosing functions used here; they take the last local slots (after `locals`). */
  frees: string[];
  /** The `nonlocal` statements, for the "no binding" check. */
  nonlocalStmts: A.Nonlocal[];
  /** A class body whose methods call `super()`: it keeps the class in a `__class__` cell. */
  classCell: boolean;
  /** A function containing `yield` (or a generator expression). */
  generator: boolean;
  /** An async def: calling it makes a coroutine. */
  coroutine: boolean;
}

export type NameAccess = 'name' | 'fast' | 'global' | 'deref';

export interface ScopeTable {
  scopeOf(node: ScopeNode): Scope;
}

export function analyzeScopes(module: A.Module, source: SourceText, sink: DiagnosticSink): ScopeTable {
  return new ScopeAnalyzer(source, sink).run(module);
}

/** How code in `scope` reaches `name`. */
export function resolveName(scope: Scope, name: string): NameAccess {
  if (scope.kind === 'class' && scope.frees.includes(name) && !scope.locals.includes(name)) return 'deref';
  if (scope.kind === 'module' || scope.kind === 'class') return scope.globals.has(name) ? 'global' : 'name';
  if (scope.globals.has(name)) return 'global';
  if (scope.cells.has(name) || scope.frees.includes(name)) return 'deref';
  return scope.locals.includes(name) ? 'fast' : 'global';
}

/** Local slot of a fast or deref name: own locals first, then the free variables. */
export function slotOf(scope: Scope, name: string): number {
  // A class body's slots: the __class__ cell (when a method uses super()), then its free variables.
  if (scope.kind === 'class') return name === '__class__' ? 0 : (scope.classCell ? 1 : 0) + scope.frees.indexOf(name);
  const i = scope.locals.indexOf(name);
  return i >= 0 ? i : scope.locals.length + scope.frees.indexOf(name);
}

const isFunctionLike = (s: Scope) => s.kind === 'function' || s.kind === 'lambda' || s.kind === 'comprehension';

interface Context { scope: Scope; inLoop: boolean }

type StmtVisitors = { [K in A.StmtKind]: (s: Extract<A.Stmt, { kind: K }>, cx: Context) => void };

class ScopeAnalyzer {
  private scopes = new Map<ScopeNode, Scope>();

  constructor(private source: SourceText, private sink: DiagnosticSink) {}

  run(module: A.Module): ScopeTable {
    const scope = this.newScope('module', module, null);
    this.body(module.body, { scope, inLoop: false });
    for (const s of this.scopes.values()) this.resolveClosures(s);
    return { scopeOf: node => this.scopes.get(node)! };
  }

  private error(code: DiagnosticCode, message: string, node: A.Span): void {
    const s = this.source;
    this.sink.error(code, message, s.line(node.start), s.column(node.start), s.line(node.end), s.column(node.end));
  }

  private newScope(kind: Scope['kind'], node: ScopeNode, parent: Scope | null): Scope {
    const scope: Scope = { kind, node, parent, locals: [], globals: new Set(), nonlocals: new Set(), uses: [], seen: new Map(),
      cells: new Set(), frees: [], nonlocalStmts: [], classCell: false, generator: false, coroutine: false };
    this.scopes.set(node, scope);
    return scope;
  }

  private bind(scope: Scope, name: string): void {
    if (!scope.seen.has(name)) scope.seen.set(name, 'assigned');
    if (!scope.globals.has(name) && !scope.nonlocals.has(name) && !scope.locals.includes(name)) scope.locals.push(name);
  }

  private body(stmts: A.Stmt[], cx: Context): void {
    for (const s of stmts) {
      try {
        (this.visitors[s.kind] as (s: A.Stmt, cx: Context) => void)(s, cx);
      } catch (e) {
        if (!isStackOverflow(e)) throw e;
        this.error(CATALOGUE.TOO_LARGE, TOO_DEEP, s);
      }
    }
  }

  private visitors: StmtVisitors = {
    Expr: (s, cx) => this.expr(s.value, cx),
    Assign: (s, cx) => { this.expr(s.value, cx); s.targets.forEach(t => this.target(t, cx)); },
    AugAssign: (s, cx) => { this.expr(s.value, cx); this.target(s.target, cx); },
    AnnAssign: (s, cx) => { if (s.value) this.expr(s.value, cx); this.expr(s.annotation, cx); this.target(s.target, cx); },
    If: (s, cx) => { this.expr(s.test, cx); this.body(s.body, cx); this.body(s.orelse, cx); },
    While: (s, cx) => { this.expr(s.test, cx); this.body(s.body, { ...cx, inLoop: true }); this.body(s.orelse, cx); },
    For: (s, cx) => this.forLoop(s, cx),
    AsyncFor: (s, cx) => { this.asyncOnly("'async for'", s, cx); this.forLoop(s, cx); },
    Break: (s, cx) => { if (!cx.inLoop) this.error(CATALOGUE.BREAK_OUTSIDE_LOOP, "'break' outside loop", s); },
    Continue: (s, cx) => { if (!cx.inLoop) this.error(CATALOGUE.CONTINUE_OUTSIDE_LOOP, "'continue' not properly in loop", s); },
    Pass: () => {},
    FunctionDef: (s, cx) => this.functionDef(s, cx),
    AsyncFunctionDef: (s, cx) => this.functionDef(s, cx),
    ClassDef: (s, cx) => {
      s.decorator_list.forEach(d => this.expr(d, cx));
      s.bases.forEach(b => this.expr(b, cx));
      s.keywords.forEach(k => this.expr(k.value, cx));
      const scope = this.newScope('class', s, cx.scope);
      this.body(s.body, { scope, inLoop: false });
      this.bind(cx.scope, s.name);
    },
    Return: (s, cx) => {
      if (cx.scope.kind !== 'function') this.error(CATALOGUE.RETURN_OUTSIDE_FUNCTION, "'return' outside function", s);
      if (s.value) this.expr(s.value, cx);
    },
    Delete: (s, cx) => s.targets.forEach(t => this.target(t, cx)),
    Global: (s, cx) => this.declare(s, s.names, cx.scope, 'global'),
    Nonlocal: (s, cx) => {
      if (cx.scope.kind === 'module') {
        this.error(CATALOGUE.NONLOCAL_AT_MODULE, 'nonlocal declaration not allowed at module level', s);
        return;
      }
      this.declare(s, s.names, cx.scope, 'nonlocal');
      cx.scope.nonlocalStmts.push(s);
    },
    Raise: (s, cx) => { if (s.exc) this.expr(s.exc, cx); if (s.cause) this.expr(s.cause, cx); },
    Assert: (s, cx) => { this.expr(s.test, cx); if (s.msg) this.expr(s.msg, cx); },
    Import: (s, cx) => s.names.forEach(a => this.bind(cx.scope, a.asname ?? a.name.split('.')[0])),
    ImportFrom: (s, cx) => s.names.forEach(a => {
      if (a.name !== '*') this.bind(cx.scope, a.asname ?? a.name);
      else if (cx.scope.kind !== 'module') this.error(CATALOGUE.INVALID_SYNTAX, 'import * only allowed at module level', a);
    }),
    Try: (s, cx) => {
      this.body(s.body, cx);
      for (const h of s.handlers) {
        if (h.type) this.expr(h.type, cx);
        if (h.name) this.bind(cx.scope, h.name);
        this.body(h.body, cx);
      }
      this.body(s.orelse, cx);
      this.body(s.finalbody, cx);
    },
    With: (s, cx) => this.withStatement(s, cx),
    AsyncWith: (s, cx) => { this.asyncOnly("'async with'", s, cx); this.withStatement(s, cx); },
  };

  /** `async for`, `async with` and `await` belong in an async def (CPython's messages). */
  private asyncOnly(what: string, node: A.Span, cx: Context): void {
    if (cx.scope.coroutine) return;
    if (cx.scope.kind === 'comprehension') {
      let owner = cx.scope;
      while (owner.kind === 'comprehension' && owner.parent) owner = owner.parent;
      const at = cx.scope.node as A.Span;   // CPython points at the comprehension
      if (owner.coroutine || cx.scope.node.kind === 'GeneratorExp') this.error(CATALOGUE.NOT_SUPPORTED, 'asynchronous comprehensions are not supported yet', at);
      else this.error(CATALOGUE.AWAIT_OUTSIDE_ASYNC, 'asynchronous comprehension outside of an asynchronous function', at);
      return;
    }
    const where = what === "'await'" && (cx.scope.kind === 'module' || cx.scope.kind === 'class') ? 'function' : 'async function';
    this.error(CATALOGUE.AWAIT_OUTSIDE_ASYNC, `${what} outside ${where}`, node);
  }

  private forLoop(s: A.For | A.AsyncFor, cx: Context): void {
    this.expr(s.iter, cx);
    this.target(s.target, cx);
    this.body(s.body, { ...cx, inLoop: true });
    this.body(s.orelse, cx);
  }

  private withStatement(s: A.With | A.AsyncWith, cx: Context): void {
    for (const item of s.items) {
      this.expr(item.context_expr, cx);
      if (item.optional_vars) this.target(item.optional_vars, cx);
    }
    this.body(s.body, cx);
  }

  private functionDef(s: A.FunctionDef | A.AsyncFunctionDef, cx: Context): void {
    s.decorator_list.forEach(d => this.expr(d, cx));
    this.argumentDefaults(s.args, cx);
    if (s.returns) this.expr(s.returns, cx);
    const scope = this.newScope('function', s, cx.scope);
    scope.coroutine = s.kind === 'AsyncFunctionDef';
    this.parameters(s.args, scope);
    this.body(s.body, { scope, inLoop: false });
    this.bind(cx.scope, s.name);
  }

  private argumentDefaults(args: A.Arguments, cx: Context): void {
    args.defaults.forEach(d => this.expr(d, cx));
    args.kw_defaults.forEach(d => { if (d) this.expr(d, cx); });
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs, args.vararg, args.kwarg]) {
      if (a?.annotation) this.expr(a.annotation, cx);
    }
  }

  private parameters(args: A.Arguments, scope: Scope): void {
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs, args.vararg, args.kwarg]) {
      if (a) { scope.locals.push(a.arg); scope.seen.set(a.arg, 'assigned'); }
    }
  }

  private declare(s: A.Global | A.Nonlocal, names: string[], scope: Scope, word: 'global' | 'nonlocal'): void {
    const params = scope.node.kind === 'FunctionDef' || scope.node.kind === 'AsyncFunctionDef' ? scope.node.args : null;
    const paramNames = params ? [...params.posonlyargs, ...params.args, ...params.kwonlyargs, params.vararg, params.kwarg].map(a => a?.arg) : [];
    for (const name of names) {
      if (paramNames.includes(name)) {
        this.error(CATALOGUE.GLOBAL_PARAMETER, `name '${name}' is parameter and ${word}`, s);
        continue;
      }
      const seen = scope.seen.get(name);
      if (seen) {
        this.error(CATALOGUE.GLOBAL_AFTER_USE, `name '${name}' is ${seen === 'used' ? 'used prior to' : 'assigned to before'} ${word} declaration`, s);
        continue;
      }
      (word === 'global' ? scope.globals : scope.nonlocals).add(name);
    }
  }

  private target(t: A.Expr, cx: Context): void {
    switch (t.kind) {
      case 'Name': this.bind(cx.scope, t.id); return;
      case 'Tuple': case 'List': t.elts.forEach(e => this.target(e, cx)); return;
      case 'Starred': this.target(t.value, cx); return;
      default: this.expr(t, cx);
    }
  }

  /** Walks an expression for name uses, nested scopes and misplaced `yield`. */
  private expr(e: A.Expr, cx: Context): void {
    switch (e.kind) {
      case 'BinOp': {
        // A long chain (`a + b + c + ...`) nests to the left: walk it without recursing there.
        const rights: A.Expr[] = [];
        let left: A.Expr = e;
        for (; left.kind === 'BinOp'; left = left.left) rights.push(left.right);
        this.expr(left, cx);
        for (let i = rights.length - 1; i >= 0; i--) this.expr(rights[i], cx);
        return;
      }
      case 'Name':
        if (e.ctx === 'Load') {
          if (!cx.scope.seen.has(e.id)) cx.scope.seen.set(e.id, 'used');
          cx.scope.uses.push(e);
        } else this.bind(cx.scope, e.id);
        return;
      case 'Lambda': {
        this.argumentDefaults(e.args, cx);
        const scope = this.newScope('lambda', e, cx.scope);
        this.parameters(e.args, scope);
        this.expr(e.body, { scope, inLoop: false });
        return;
      }
      case 'ListComp': case 'SetComp': case 'GeneratorExp': case 'DictComp': {
        this.expr(e.generators[0].iter, cx);
        const scope = this.newScope('comprehension', e, cx.scope);
        scope.locals.push('.0');   // the outermost iterator, the comprehension's one parameter
        if (e.kind === 'GeneratorExp') scope.generator = true;
        const inner = { scope, inLoop: false };
        const asyncFor = e.generators.find(g => g.is_async);
        if (asyncFor) this.asyncOnly("'async for'", asyncFor.iter, inner);
        e.generators.forEach((g, i) => {
          if (i > 0) this.expr(g.iter, inner);
          this.target(g.target, inner);
          g.ifs.forEach(x => this.expr(x, inner));
        });
        if (e.kind === 'DictComp') { this.expr(e.key, inner); this.expr(e.value, inner); } else this.expr(e.elt, inner);
        return;
      }
      case 'NamedExpr': {
        this.expr(e.value, cx);
        // In a comprehension the name belongs to the enclosing function (or module).
        let owner = cx.scope;
        while (owner.kind === 'comprehension' && owner.parent) owner = owner.parent;
        if (owner !== cx.scope && e.target.kind === 'Name') {
          this.bind(owner, e.target.id);
          if (owner.kind === 'module' || owner.kind === 'class') cx.scope.globals.add(e.target.id);
          else cx.scope.uses.push(e.target as A.Name);
          return;
        }
        this.target(e.target, cx);
        return;
      }
      case 'Yield': case 'YieldFrom': case 'Await':
        if (e.kind !== 'Await' && cx.scope.kind === 'comprehension') {
          const what = { ListComp: 'list comprehension', SetComp: 'set comprehension', DictComp: 'dict comprehension', GeneratorExp: 'generator expression' }[cx.scope.node.kind as 'ListComp'];
          this.error(CATALOGUE.YIELD_OUTSIDE_FUNCTION, `'yield' inside ${what}`, e);
        } else if (e.kind !== 'Await' && cx.scope.kind !== 'function' && cx.scope.kind !== 'lambda') {
          this.error(CATALOGUE.YIELD_OUTSIDE_FUNCTION, "'yield' outside function", e);
        }
        if (e.kind === 'Await') this.asyncOnly("'await'", e, cx);
        else if (cx.scope.coroutine && e.kind === 'YieldFrom') this.error(CATALOGUE.YIELD_OUTSIDE_FUNCTION, "'yield from' inside async function", e);
        else if (cx.scope.coroutine) this.error(CATALOGUE.NOT_SUPPORTED, 'asynchronous generators (yield in an async def) are not supported yet', e);
        if (e.kind !== 'Await') cx.scope.generator = true;
    }
    forEachChildExpr(e, child => this.expr(child, cx));
  }

  /** Names a function reads (or declares nonlocal) that belong to an enclosing function become
   * free variables here and cells there; functions in between pass them along as free too. */
  private resolveClosures(scope: Scope): void {
    if (scope.kind === 'class') {
      // A class body reads names of an enclosing function through the closure too, and its
      // nonlocal names are that function's cells.
      for (const stmt of scope.nonlocalStmts) {
        for (const name of stmt.names) {
          if (scope.nonlocals.has(name) && !this.capture(scope, name))
            this.error(CATALOGUE.NONLOCAL_NO_BINDING, `no binding for nonlocal '${name}' found`, stmt);
        }
      }
      for (const use of scope.uses) {
        if (scope.globals.has(use.id) || scope.locals.includes(use.id)) continue;
        this.capture(scope, use.id);
      }
      return;
    }
    if (!isFunctionLike(scope)) return;
    for (const stmt of scope.nonlocalStmts) {
      for (const name of stmt.names) {
        if (!scope.nonlocals.has(name)) continue;
        if (!this.capture(scope, name)) this.error(CATALOGUE.NONLOCAL_NO_BINDING, `no binding for nonlocal '${name}' found`, stmt);
      }
    }
    for (const use of scope.uses) {
      if (scope.globals.has(use.id) || scope.locals.includes(use.id)) continue;
      if (use.id === 'super' && scope.kind === 'function' && scope.parent?.kind === 'class') {
        scope.parent.classCell = true;   // zero-argument super() reads the class from a cell
        if (!scope.frees.includes('__class__')) scope.frees.push('__class__');
        continue;
      }
      this.capture(scope, use.id);
    }
  }

  /** Finds `name` in an enclosing function of `scope`; marks the cell and the free variables. */
  private capture(scope: Scope, name: string): boolean {
    const path: Scope[] = [scope];
    for (let outer = scope.parent; outer; outer = outer.parent) {
      if (outer.kind === 'module') return false;
      if (outer.kind === 'class') { path.push(outer); continue; }
      if (outer.globals.has(name)) return false;
      const owns = outer.locals.includes(name) && !outer.nonlocals.has(name);
      if (owns || outer.frees.includes(name)) {
        if (owns) outer.cells.add(name);
        for (const s of path) if (!s.frees.includes(name)) s.frees.push(name);
        return true;
      }
      path.push(outer);
    }
    return false;
  }
}

/** Calls `fn` on every direct sub-expression of `e`. */
export function forEachChildExpr(e: A.Expr, fn: (child: A.Expr) => void): void {
  for (const value of Object.values(e)) {
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === 'object' && 'kind' in v) visitChild(v, fn);
    } else if (value && typeof value === 'object' && 'kind' in value) visitChild(value, fn);
  }
}

function visitChild(v: { kind: string }, fn: (child: A.Expr) => void): void {
  if (v.kind === 'keyword') fn((v as A.Keyword).value);
  else if (v.kind !== 'comprehension' && v.kind !== 'arguments') fn(v as A.Expr);
}
