// The adapter's breakpoints: placed on lines with code (the compiler's line tables), with what
// the VM does not know — conditions, hit counts, log messages — kept here.
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import { compile, executableLines } from '../../compiler/src/index';

export interface Breakpoint {
  id: number;
  /** The line it fires at: the asked line, or the next one with code. */
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
  hits: number;
}

export type HitTest = (hits: number) => boolean;

/** `3` (the third hit), `== 3`, `>= 3`, `> 3`, `< 3`, `<= 3`, `% 2` (every second hit). */
export function parseHitCondition(text: string): HitTest | undefined {
  const m = /^\s*(==|>=|<=|>|<|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  switch (m[1] ?? '==') {
    case '==': return hits => hits === n;
    case '>=': return hits => hits >= n;
    case '<=': return hits => hits <= n;
    case '>': return hits => hits > n;
    case '<': return hits => hits < n;
    default: return hits => n > 0 && hits % n === 0;
  }
}

/** A log message's parts: text, and the expressions in braces (`{{` and `}}` are braces). */
export function parseLogMessage(message: string): Array<{ text: string } | { expression: string }> {
  const parts: Array<{ text: string } | { expression: string }> = [];
  let text = '';
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if ((c === '{' || c === '}') && message[i + 1] === c) { text += c; i++; continue; }
    if (c !== '{') { text += c; continue; }
    const end = message.indexOf('}', i + 1);
    if (end < 0) { text += message.slice(i); break; }
    if (text) parts.push({ text });
    text = '';
    parts.push({ expression: message.slice(i + 1, end) });
    i = end;
  }
  if (text) parts.push({ text });
  return parts;
}

/** The expression a condition is evaluated as (its own line, so a trailing comment is harmless). */
export function conditionOf(condition: string): string { return `bool(${condition}\n)`; }
/** The expression a log message's `{expression}` is shown through. */
export function textOf(expression: string): string { return `str(${expression}\n)`; }

/** Why an expression cannot be evaluated (it does not compile), or undefined. */
function syntaxError(expression: string): string | undefined {
  const error = compile(expression, '<expression>', { mode: 'eval' }).diagnostics.find(d => d.severity === 'error');
  return error?.message;
}

export class BreakpointTable {
  private nextId = 1;
  private readonly byFile = new Map<string, Breakpoint[]>();
  private readonly lineCache = new Map<string, { source: string; lines: number[] }>();

  /** Replaces a file's breakpoints; answers them as DAP breakpoints (verified, moved line, why not). */
  set(file: string, source: string | undefined, asked: DP.SourceBreakpoint[]): DP.Breakpoint[] {
    const kept: Breakpoint[] = [];
    const answers = asked.map((b): DP.Breakpoint => {
      const id = this.nextId++;
      if (source === undefined) return { id, verified: false, line: b.line, message: `${file} is not part of the program` };
      if (b.hitCondition && !parseHitCondition(b.hitCondition)) {
        return { id, verified: false, line: b.line, message: `hit count "${b.hitCondition}": write a number (3), or >= 3, > 3, < 3, <= 3, == 3, % 2` };
      }
      const wrong = (b.condition && syntaxError(conditionOf(b.condition)))
        || (b.logMessage && parseLogMessage(b.logMessage).map(p => ('expression' in p ? syntaxError(textOf(p.expression)) : undefined)).find(Boolean));
      if (wrong) return { id, verified: false, line: b.line, message: `${b.condition ? 'condition' : 'log message'}: ${wrong}` };
      const line = this.lines(file, source).find(l => l >= b.line);
      if (line === undefined) return { id, verified: false, line: b.line, message: `no code at or after line ${b.line}` };
      const previous = this.byFile.get(file)?.find(p => p.line === line && p.condition === b.condition
        && p.hitCondition === b.hitCondition && p.logMessage === b.logMessage);
      kept.push({ id, line, condition: b.condition || undefined, hitCondition: b.hitCondition || undefined,
        logMessage: b.logMessage || undefined, hits: previous?.hits ?? 0 });
      return { id, verified: true, line };
    });
    this.byFile.set(file, kept);
    return answers;
  }

  /** The distinct lines the VM is to stop at in `file`. */
  linesOf(file: string): number[] {
    return [...new Set((this.byFile.get(file) ?? []).map(b => b.line))].sort((a, b) => a - b);
  }

  files(): string[] { return [...this.byFile.keys()]; }

  of(file: string): Breakpoint[] { return this.byFile.get(file) ?? []; }

  at(file: string, line: number): Breakpoint[] { return (this.byFile.get(file) ?? []).filter(b => b.line === line); }

  /** The first line with code of a source, or undefined. */
  firstLine(file: string, source: string): number | undefined { return this.lines(file, source)[0]; }

  private lines(file: string, source: string): number[] {
    const cached = this.lineCache.get(file);
    if (cached?.source === source) return cached.lines;
    const lines = executableLines(source, file);
    this.lineCache.set(file, { source, lines });
    return lines;
  }
}
