// The IDE's DAP client: one debug session on one board at a time, through the API's `debug`
// method (the main side's adapter) and its 'debug' events. It starts a session (initialize,
// launch with the editor's text, breakpoints per file, exception filters, configurationDone),
// follows the program (stopped, continued, exited, terminated), and fetches what the panels show
// at a stop: threads, the stack, scopes, variables and watches, in the selected frame.
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import type { DeviceEvent, ViperApi } from '../../../main/common/api';
import type { DebugCommand } from '../../../main/common/debugRequest';
import type { Breakpoint } from './breakpointGutter';

export type DebugPhase = 'idle' | 'starting' | 'running' | 'stopped';

/** What the program looks like at a stop. */
export interface StopView {
  reason: string;
  /** The exception's message at an exception stop, else the stop's description. */
  text?: string;
  threadId: number;
  threads: DP.Thread[];
  /** Each thread's stack (the stopped thread's at least), innermost first. */
  stacks: Map<number, DP.StackFrame[]>;
  frame: DP.StackFrame | undefined;
  scopes: DP.Scope[];
}

export interface DebugListener {
  phase(phase: DebugPhase): void;
  /** A stop, or the frame the person selected; null when the program goes on or ends. */
  stop(view: StopView | null): void;
  /** The breakpoints the adapter answered for a file (moved to lines with code, verified or not). */
  breakpoints(file: string, answered: DP.Breakpoint[]): void;
  /** A logpoint's message or what the adapter has to say. */
  output(text: string): void;
  /** The session ended; `message` says why when it was not the program's end. */
  ended(message?: string): void;
}

/** Items fetched per page of a big list or dict. */
export const VARIABLES_PAGE = 100;

export class DebugSession {
  private phaseNow: DebugPhase = 'idle';
  private boardId: string | undefined;
  private view: StopView | null = null;
  private readonly waiters = new Map<string, (event: DP.Event) => void>();
  private readonly sentBreakpoints = new Map<string, string>();
  /** The adapter has said `initialized`: breakpoints and filters may go to it. */
  private configurable = false;

  constructor(private readonly api: ViperApi, private readonly listener: DebugListener) {}

  phase(): DebugPhase { return this.phaseNow; }
  board(): string | undefined { return this.boardId; }
  stopView(): StopView | null { return this.view; }

  /** Starts a session: the caller has checked the files. Rejects with what went wrong (a compile error, the board). */
  async start(boardId: string, program: string, sources: Record<string, string>, breakpoints: () => Map<string, Breakpoint[]>,
    exceptionFilters: () => string[]): Promise<void> {
    if (this.phaseNow !== 'idle') await this.stop().catch(() => undefined);
    this.boardId = boardId;
    this.sentBreakpoints.clear();
    this.setPhase('starting');
    try {
      await this.request('initialize', { clientID: 'viper-ide', clientName: 'Viper', adapterID: 'viper', linesStartAt1: true, columnsStartAt1: true,
        supportsVariableType: true, supportsVariablePaging: true, pathFormat: 'path' });
      const initialized = this.nextEvent('initialized');
      const launched = this.request('launch', { program, sources });
      await Promise.race([initialized, launched.then(() => initialized)]);
      // read now: what changed while the program was uploading goes too
      this.configurable = true;
      for (const [file, list] of breakpoints()) if (list.length) await this.setBreakpoints(file, list);
      await this.request('setExceptionBreakpoints', { filters: exceptionFilters() });
      await this.request('configurationDone');
      await launched;
      if (this.phaseNow === 'starting') this.setPhase('running');
    } catch (err) {
      this.finish();
      throw err;
    }
  }

  /** Sends a file's breakpoints when they differ from what the adapter has. */
  async setBreakpoints(file: string, list: Breakpoint[]): Promise<void> {
    if (!this.configurable) return;                 // start() sends them once the adapter asks
    const key = JSON.stringify(list);
    if (this.sentBreakpoints.get(file) === key) return;
    this.sentBreakpoints.set(file, key);
    const body = await this.request('setBreakpoints', { source: { name: file, path: file }, breakpoints: list }) as DP.SetBreakpointsResponse['body'];
    const answered = body?.breakpoints ?? [];
    // what the adapter made of them is what the editor will send next time: no echo
    this.sentBreakpoints.set(file, JSON.stringify(list.map((b, i) => ({ ...b, line: answered[i]?.line ?? b.line }))));
    this.listener.breakpoints(file, answered);
  }

  async setExceptionFilters(filters: string[]): Promise<void> {
    if (this.configurable) await this.request('setExceptionBreakpoints', { filters });
  }

  continue(): Promise<void> { return this.resume('continue'); }
  next(): Promise<void> { return this.resume('next'); }
  stepIn(): Promise<void> { return this.resume('stepIn'); }
  stepOut(): Promise<void> { return this.resume('stepOut'); }

  async pause(): Promise<void> {
    if (this.phaseNow === 'running') await this.request('pause', { threadId: this.view?.threadId ?? 0 });
  }

  /** Ends the session and the program (Stop). */
  async stop(): Promise<void> {
    if (this.phaseNow === 'idle') return;
    try {
      await this.request('disconnect', { terminateDebuggee: true });
    } finally {
      this.finish();
    }
  }

  /** Shows another frame of the stop (a click in the call stack). */
  async selectFrame(threadId: number, frameId: number): Promise<void> {
    if (!this.view) return;
    let stack = this.view.stacks.get(threadId);
    if (!stack) {
      stack = await this.stackOf(threadId);
      this.view.stacks.set(threadId, stack);
    }
    const frame = stack.find(f => f.id === frameId);
    if (!frame) return;
    const scopes = await this.scopesOf(frame);
    this.view = { ...this.view, frame, scopes };
    this.listener.stop(this.view);
  }

  async stackOf(threadId: number): Promise<DP.StackFrame[]> {
    const body = await this.request('stackTrace', { threadId, startFrame: 0, levels: 64 }) as DP.StackTraceResponse['body'];
    return body.stackFrames;
  }

  async variables(reference: number, start?: number): Promise<DP.Variable[]> {
    const paging = start === undefined ? {} : { start, count: VARIABLES_PAGE };
    const body = await this.request('variables', { variablesReference: reference, ...paging }) as DP.VariablesResponse['body'];
    return body.variables;
  }

  /** Evaluates in the selected frame; rejects with the exception's message. */
  async evaluate(expression: string, context: 'watch' | 'hover' | 'repl'): Promise<DP.EvaluateResponse['body']> {
    const frameId = this.view?.frame?.id;
    return await this.request('evaluate', { expression, context, ...(frameId === undefined ? {} : { frameId }) }) as DP.EvaluateResponse['body'];
  }

  /** A device event: this session's DAP events move it on. */
  noteEvent(event: DeviceEvent): void {
    if (event.kind !== 'debug' || event.boardId !== this.boardId || this.phaseNow === 'idle') return;
    const dap = event.event;
    this.waiters.get(dap.event)?.(dap);
    this.waiters.delete(dap.event);
    switch (dap.event) {
      case 'stopped': void this.stopped(dap.body as DP.StoppedEvent['body']); return;
      case 'continued': this.running(); return;
      case 'output': {
        const { output, category } = dap.body as DP.OutputEvent['body'];
        if (category !== 'telemetry') this.listener.output(output);
        return;
      }
      case 'terminated': {
        const body = dap.body as { message?: string } | undefined;
        this.finish(body?.message);
        return;
      }
    }
  }

  private async stopped(body: DP.StoppedEvent['body']): Promise<void> {
    this.setPhase('stopped');
    const threadId = body.threadId ?? this.view?.threadId ?? 0;
    try {
      const threads = (await this.request('threads') as DP.ThreadsResponse['body']).threads;
      const stopThread = body.threadId ?? threads[0]?.id ?? threadId;
      const stack = await this.stackOf(stopThread);
      const frame = stack[0];
      const scopes = frame ? await this.scopesOf(frame) : [];
      if (this.phaseNow !== 'stopped') return;              // it went on meanwhile
      this.view = { reason: body.reason, text: body.text ?? body.description, threadId: stopThread, threads, stacks: new Map([[stopThread, stack]]), frame, scopes };
      this.listener.stop(this.view);
    } catch (err) {
      this.listener.output(`The debugger could not read the stop: ${(err as Error).message}\n`);
    }
  }

  private async scopesOf(frame: DP.StackFrame): Promise<DP.Scope[]> {
    return (await this.request('scopes', { frameId: frame.id }) as DP.ScopesResponse['body']).scopes;
  }

  private async resume(command: 'continue' | 'next' | 'stepIn' | 'stepOut'): Promise<void> {
    if (this.phaseNow !== 'stopped' || !this.view) return;
    const threadId = this.view.threadId;
    this.running();
    await this.request(command, { threadId });
  }

  private running(): void {
    this.view = null;
    this.setPhase('running');
    this.listener.stop(null);
  }

  private finish(message?: string): void {
    this.configurable = false;
    if (this.phaseNow === 'idle') return;
    this.view = null;
    this.setPhase('idle');
    this.listener.stop(null);
    this.listener.ended(message);
  }

  private setPhase(phase: DebugPhase): void {
    this.phaseNow = phase;
    this.listener.phase(phase);
  }

  private nextEvent(name: string): Promise<DP.Event> {
    return new Promise(resolve => this.waiters.set(name, resolve));
  }

  private async request(command: DebugCommand, args?: Record<string, unknown>): Promise<unknown> {
    if (!this.boardId) throw new Error('no board');
    const response = await this.api.debug({ boardId: this.boardId, request: { command, ...(args ? { arguments: args } : {}) } });
    if (!response.success) throw new Error(response.message ?? `${command} failed`);
    return response.body;
  }
}
