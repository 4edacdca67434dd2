// What each scope binds, counted: how many statements bind a name and, when a `def` is the only
// one, that def. The scope analysis knows which names are local; this knows whether a name
// surely means one function, and how a name read in a scope resolves.
import * as A from '../ast';
import type { Scope, ScopeTable } from '../scopes';
import { BUILTIN_NAMES } from './builtinNames';
import { walkModule } from './walk';

interface Binding {
  count: number;
  def?: A.FunctionDef | A.AsyncFunctionDef;
  value?: A.Expr;
  /** 'machine' for `import machine`, 'machine.Pin' for `from machine import Pin`. */
  imported?: string;
}

export type Resolution =
  | { kind: 'scope'; owner: Scope }      // bound in this scope, an enclosing function or the module
  | { kind: 'builtin' }
  | { kind: 'unknown' }                   // maybe bound where no analysis sees it (a star import, a dunder)
  | { kind: 'undefined' };

export class Bindings {
  private byScope = new Map<Scope, Map<string, Binding>>();
  /** Names some function declares `global`: it may bind them in the module. */
  private declaredGlobal = new Set<string>();
  /** `from x import *` at module level: any name may be bound. */
  readonly starImport: boolean;
  /** The modules star-imported at module level. */
  readonly starModules: string[] = [];
  readonly moduleScope: Scope;
  /** The program writes `globals()[...]` or calls `globals().update(...)`: any name may be bound. */
  private dynamicGlobals = false;
  /** Source ranges of `try` bodies whose handlers catch NameError: a missing name there is expected. */
  private nameErrorGuards: [number, number][] = [];

  constructor(module: A.Module, scopes: ScopeTable) {
    this.moduleScope = scopes.scopeOf(module);
    let star = false;
    walkModule(module, scopes, (node, scope) => {
      switch (node.kind) {
        case 'Name': if (node.ctx !== 'Load') this.add(scope, node.id); return;
        case 'FunctionDef': case 'AsyncFunctionDef':
          this.add(scope, node.name, { def: node.decorator_list.length ? undefined : node });
          return;
        case 'ClassDef': this.add(scope, node.name); return;
        case 'Import':
          node.names.forEach(a => this.add(scope, a.asname ?? a.name.split('.')[0], { imported: a.asname ? a.name : a.name.split('.')[0] }));
          return;
        case 'ImportFrom':
          node.names.forEach(a => {
            if (a.name === '*') { star = true; if (node.module && !node.level) this.starModules.push(node.module); }
            else this.add(scope, a.asname ?? a.name, { imported: node.level || !node.module ? undefined : `${node.module}.${a.name}` });
          });
          return;
        case 'ExceptHandler': if (node.name) this.add(scope, node.name); return;
        case 'Global': node.names.forEach(n => this.declaredGlobal.add(n)); return;
        case 'Subscript': if (node.ctx !== 'Load' && isGlobalsCall(node.value)) this.dynamicGlobals = true; return;
        case 'Attribute': if (isGlobalsCall(node.value) && node.attr !== 'get' && node.attr !== 'items') this.dynamicGlobals = true; return;
        case 'Try':
          if (node.body.length && node.handlers.some(h => catchesNameError(h.type))) {
            this.nameErrorGuards.push([node.body[0].start, node.body[node.body.length - 1].end]);
          }
          return;
        case 'Assign':
          if (node.targets.length === 1 && node.targets[0].kind === 'Name') this.noteValue(scope, node.targets[0].id, node.value);
          return;
      }
    });
    this.starImport = star;
  }

  private table(scope: Scope): Map<string, Binding> {
    let t = this.byScope.get(scope);
    if (!t) this.byScope.set(scope, t = new Map());
    return t;
  }

  private add(scope: Scope, name: string, origin: Pick<Binding, 'def' | 'imported'> = {}): void {
    const owner = scope.globals.has(name) ? this.moduleScope : scope;
    const b = this.table(owner).get(name);
    if (b?.count === 0) b.count = 1;                  // the target of the `name = value` just noted
    else if (b) { b.count++; b.def = b.value = b.imported = undefined; } else this.table(owner).set(name, { count: 1, ...origin });
  }

  /** Remembers `name = value` (visited before its target): the value counts while this is the only binding. */
  private noteValue(scope: Scope, name: string, value: A.Expr): void {
    const owner = scope.globals.has(name) ? this.moduleScope : scope;
    const b = this.table(owner).get(name);
    if (!b) this.table(owner).set(name, { count: 0, value });
  }

  /** How `name`, read in `scope`, finds its value. */
  resolve(scope: Scope, name: string): Resolution {
    if (/^__\w+__$/.test(name)) return { kind: 'unknown' };   // __name__, __file__, __class__: the VM's business
    let s: Scope | null = scope;
    if (!scope.globals.has(name)) {
      for (; s && s.kind !== 'module'; s = s.parent) {
        const local = s.locals.includes(name) || s.nonlocals.has(name);
        if (s === scope && (local || s.frees.includes(name))) return { kind: 'scope', owner: this.ownerOf(s, name) };
        if (s !== scope && s.kind !== 'class' && local) return { kind: 'scope', owner: this.ownerOf(s, name) };
      }
    }
    const module = this.moduleScope;
    if (module.locals.includes(name) || module.globals.has(name) || this.declaredGlobal.has(name)) return { kind: 'scope', owner: module };
    if (BUILTIN_NAMES.has(name)) return { kind: 'builtin' };
    return this.starImport || this.dynamicGlobals ? { kind: 'unknown' } : { kind: 'undefined' };
  }

  /** Whether a read at `offset` stands in a `try` that catches NameError. */
  guardedAgainstNameError(offset: number): boolean {
    return this.nameErrorGuards.some(([from, to]) => offset >= from && offset < to);
  }

  /** Follows `nonlocal` declarations to the function that owns the variable. */
  private ownerOf(s: Scope, name: string): Scope {
    for (let o: Scope | null = s; o; o = o.parent) {
      if (o.kind !== 'class' && o.locals.includes(name) && !o.nonlocals.has(name)) return o;
    }
    return s;
  }

  /** The one `def` that binds `name` in `owner`, if no other statement binds it. */
  onlyDef(owner: Scope, name: string): A.FunctionDef | A.AsyncFunctionDef | undefined {
    if (owner === this.moduleScope && this.declaredGlobal.has(name)) return undefined;
    const b = this.byScope.get(owner)?.get(name);
    return b?.count === 1 ? b.def : undefined;
  }

  /** What `name` was imported as ('machine.Pin') when that import is its only binding in `owner`. */
  onlyImport(owner: Scope, name: string): string | undefined {
    const b = this.byScope.get(owner)?.get(name);
    return b?.count === 1 ? b.imported : undefined;
  }

  /** The value of `name = value` when that is the only statement binding `name` in `owner`. */
  onlyValue(owner: Scope, name: string): A.Expr | undefined {
    if (owner === this.moduleScope && this.declaredGlobal.has(name)) return undefined;
    const b = this.byScope.get(owner)?.get(name);
    return b?.count === 1 ? b.value : undefined;
  }
}

const isGlobalsCall = (e: A.Expr) => e.kind === 'Call' && e.func.kind === 'Name' && e.func.id === 'globals';

/** `except NameError`, `except (NameError, ...)`, or a bare `except`. */
function catchesNameError(type: A.Expr | null): boolean {
  if (!type) return true;
  if (type.kind === 'Name') return type.id === 'NameError';
  return type.kind === 'Tuple' && type.elts.some(catchesNameError);
}
