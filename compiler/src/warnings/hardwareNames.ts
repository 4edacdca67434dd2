// What an expression means in terms of the API tables, as far as the text shows it: the machine
// or board module (or time, _thread, threading, queue: threadsApi.ts), one of a module's classes or
// functions, an instance made by calling a class (`led = Pin('LED')`, bound once) or a function
// whose table says what it returns (`lock = threading.Lock()`), or a board pin by name
// (`board.LED`, `Pin('LED')`).
import * as A from '../ast';
import { apiModule, IMPORTABLE_MODULES } from '../hardware/apiModules';
import { MACHINE, BOARD_MODULE, type ApiClass, type ApiFunction } from '../hardware/machineApi';
import type { Scope } from '../scopes';
import type { Bindings } from './bindings';

export type HardwareMeaning =
  | { kind: 'module'; module: string }   // 'machine', 'board', 'time', 'threading', ...
  | { kind: 'class'; cls: ApiClass }
  | { kind: 'function'; fn: ApiFunction }
  | { kind: 'instance'; cls: ApiClass; made: A.Call }
  | { kind: 'boardName'; name: string };   // board.X or `from board import X`: a pin, alias or board function

const API_MODULE_NAMES = new Set(IMPORTABLE_MODULES.map(m => m.name));

/** The machine class a board function makes: board.UART() → UART. */
export function busMadeBy(fn: ApiFunction): ApiClass | undefined {
  return BOARD_MODULE.functions.includes(fn) ? MACHINE.classes.find(c => c.name === fn.name) : undefined;
}

export class HardwareNames {
  constructor(private bindings: Bindings) {}

  meaning(e: A.Expr, scope: Scope, depth = 0): HardwareMeaning | undefined {
    if (depth > 8) return undefined;   // `a = b; b = a`: no meaning, and no endless chase
    if (e.kind === 'Name') return this.nameMeaning(e.id, scope, depth);
    if (e.kind === 'Attribute') return this.member(this.meaning(e.value, scope, depth + 1), e.attr);
    if (e.kind === 'Call') {
      const callee = this.meaning(e.func, scope, depth + 1);
      if (callee?.kind === 'class') return { kind: 'instance', cls: callee.cls, made: e };
      const made = callee?.kind === 'function' ? busMadeBy(callee.fn) ?? callee.fn.returns : undefined;   // board.UART() is a machine.UART
      if (made) return { kind: 'instance', cls: made, made: e };
    }
    return undefined;
  }

  private nameMeaning(id: string, scope: Scope, depth: number): HardwareMeaning | undefined {
    const r = this.bindings.resolve(scope, id);
    if (r.kind === 'unknown') {
      for (const m of this.bindings.starModules) {
        const found = this.qualified(`${m}.${id}`);
        if (found) return found;
      }
      return undefined;
    }
    if (r.kind !== 'scope') return undefined;
    const imported = this.bindings.onlyImport(r.owner, id);
    if (imported) return this.qualified(imported);
    const value = this.bindings.onlyValue(r.owner, id);
    if (!value) return undefined;
    const m = this.meaning(value, r.owner, depth + 1);
    return m?.kind === 'instance' ? m : undefined;   // `led = Pin(...)`; an alias of a class is rarer than a rebinding
  }

  /** 'machine', 'machine.Pin', 'board.LED'. */
  private qualified(name: string): HardwareMeaning | undefined {
    const [head, ...rest] = name.split('.');
    if (!API_MODULE_NAMES.has(head)) return undefined;
    let m: HardwareMeaning | undefined = { kind: 'module', module: head };
    for (const part of rest) m = this.member(m, part);
    return m;
  }

  private member(of: HardwareMeaning | undefined, attr: string): HardwareMeaning | undefined {
    if (of?.kind !== 'module') return undefined;
    if (of.module === 'board') {
      const fn = BOARD_MODULE.functions.find(f => f.name === attr);
      return fn ? { kind: 'function', fn } : { kind: 'boardName', name: attr };
    }
    const module = apiModule(of.module);
    const cls = module?.classes.find(c => c.name === attr);
    if (cls) return { kind: 'class', cls };
    const fn = module?.functions.find(f => f.name === attr);
    return fn ? { kind: 'function', fn } : undefined;
  }
}
