// Test helper: a DAP client of a DebugAdapter in this process, and programs written to a folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import type { DebugAdapter } from '../../main/debug/adapter';

export class DapTestClient {
  readonly events: DP.Event[] = [];
  private seq = 1;
  /** How many of each event waitFor has handed out already. */
  private readonly taken = new Map<string, number>();
  private waiters: Array<() => void> = [];

  constructor(readonly adapter: DebugAdapter) {
    adapter.onEvent(e => { this.events.push(e); for (const w of this.waiters) w(); });
  }

  raw(command: string, args?: object): Promise<DP.Response> {
    return this.adapter.handle({ seq: this.seq++, type: 'request', command, arguments: args });
  }

  /** The response's body; a failed response throws its message. */
  async request<T = any>(command: string, args?: object): Promise<T> {
    const response = await this.raw(command, args);
    if (!response.success) throw new Error(`${command}: ${response.message}`);
    return response.body as T;
  }

  /** The next `name` event not handed out before (waiting for it). */
  async waitFor<T = any>(name: string, ms = 15000): Promise<T> {
    const index = this.taken.get(name) ?? 0;
    const found = () => this.events.filter(e => e.event === name)[index];
    if (!found()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => { done(); reject(new Error(`no ${name} event in ${ms} ms; events: ${this.events.map(e => e.event).join(', ')}`)); }, ms);
        const check = () => { if (found()) { done(); resolve(); } };
        const done = () => { clearTimeout(timer); this.waiters = this.waiters.filter(w => w !== check); };
        this.waiters.push(check);
      });
    }
    this.taken.set(name, index + 1);
    return found().body as T;
  }

  /** What the program printed (stdout and console output events), so far. */
  output(category?: string): string {
    return this.events.filter(e => e.event === 'output' && (!category || e.body.category === category)).map(e => e.body.output).join('');
  }

  /** initialize, launch, breakpoints and exception filters, configurationDone. */
  async start(program: string, options: {
    breakpoints?: Record<string, DP.SourceBreakpoint[]>; filters?: string[]; stopOnEntry?: boolean; sources?: Record<string, string>;
  } = {}): Promise<Record<string, DP.Breakpoint[]>> {
    await this.request('initialize', { adapterID: 'viper', linesStartAt1: true, columnsStartAt1: true });
    await this.request('launch', { program, stopOnEntry: options.stopOnEntry, sources: options.sources });
    await this.waitFor('initialized');
    const placed: Record<string, DP.Breakpoint[]> = {};
    for (const [path, breakpoints] of Object.entries(options.breakpoints ?? {})) {
      placed[path] = (await this.request('setBreakpoints', { source: { path }, breakpoints })).breakpoints;
    }
    await this.request('setExceptionBreakpoints', { filters: options.filters ?? ['uncaught'] });
    await this.request('configurationDone');
    return placed;
  }

  /** The next stop, with its top frame and that frame's locals (name -> value). */
  async stopped(): Promise<{ reason: string; threadId: number; text?: string; frame: DP.StackFrame; locals: Record<string, string> }> {
    const stop = await this.waitFor<DP.StoppedEvent['body']>('stopped');
    const frame = (await this.request<DP.StackTraceResponse['body']>('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 20 })).stackFrames[0];
    const scopes = (await this.request<DP.ScopesResponse['body']>('scopes', { frameId: frame.id })).scopes;
    const locals: Record<string, string> = {};
    for (const v of await this.variables(scopes[0].variablesReference)) locals[v.name] = v.value;
    return { reason: stop.reason, threadId: stop.threadId!, text: stop.text, frame, locals };
  }

  async variables(reference: number, start?: number, count?: number): Promise<DP.Variable[]> {
    return (await this.request<DP.VariablesResponse['body']>('variables', { variablesReference: reference, start, count })).variables;
  }

  async evaluate(expression: string, frameId?: number, context = 'watch'): Promise<string> {
    return (await this.request<DP.EvaluateResponse['body']>('evaluate', { expression, frameId, context })).result;
  }
}

/** Writes files into a fresh folder; returns the folder. */
export function programFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'viper-debug-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
