// The Debug Adapter Protocol over a board's link (docs/link-protocol.md#debugging): one adapter
// per debug session, used by the IDE (one per board), `viper dap` (on stdio) and `viper debug`.
// The VM stops at lines; conditions, hit counts and log messages are evaluated here, at the stop.
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import { compile } from '../../compiler/src/index';
import { librarySource } from '../../compiler/src/stdlib.generated';
import { formatTraceback } from '../common/traceback';
import { DEBUG_FLAGS, DEBUG_RESUME_HOW, FRAME_TYPES, LINK_ERRORS, LINK_MAX_PAYLOAD } from '../link/protocol';
import { LinkError, type DeviceSession, type DoneStatus } from '../link/session';
import { BreakpointTable, conditionOf, parseHitCondition, parseLogMessage, textOf, type Breakpoint } from './breakpoints';
import {
  decodeEvaluation, decodeScopes, decodeStack, decodeThreads, decodeVariables, encodeBreakpoints, encodeDebugSet,
  encodeEvaluate, encodeResume, encodeScopes, encodeStack, encodeVariables, GLOBALS_FRAME,
  type DebugEvaluation, type DebugStop, type DebugThread,
} from './wire';

export interface DebugLaunchArgs {
  program: string;                   // the main file: its name as the image names it ("main.py"),
                                     // or a path (viper dap / viper debug read it and its folder's .py files)
  sources?: Record<string, string>;  // file name -> text (the IDE sends the editor's text, saved or not)
  stopOnEntry?: boolean;             // stop at the program's first line
}

export interface DebugTarget {
  /** Compiles the program with its modules and uploads it, without running it. Rejects with a
   *  message a person understands (a compile error: file:line:col message). */
  prepare(args: DebugLaunchArgs): Promise<{ session: DeviceSession; files: Record<string, string>; entry: string }>;
  /** true: the program's output goes out as DAP `output` events (viper dap / viper debug);
   *  false: the host shows it itself (the IDE's console already gets the session's stdout). */
  forwardOutput: boolean;
}

export const EXCEPTION_FILTERS: DP.ExceptionBreakpointsFilter[] = [
  { filter: 'uncaught', label: 'Uncaught exceptions', description: 'Stop where an exception that nothing catches is raised', default: true },
  { filter: 'raised', label: 'Raised exceptions', description: 'Stop at every exception raised, caught or not', default: false },
];

/** Variables fetched at most for one request without a count (a client pages bigger ones). */
const MAX_VARIABLES = 1000;
/** DEBUG_BREAKPOINTS counts a file's lines in a byte. */
const MAX_LINES_PER_REQUEST = 255;
const TOO_MANY = "more breakpoints than this board's debugger keeps (32 lines in all on a board): remove some";
/** How long a disconnect waits for the stopped program's DONE. */
const STOP_WAIT_MS = 2000;
const EXIT_CODES: Record<DoneStatus, number> = { ok: 0, exception: 1, stopped: 130, error: 3 };
const RESUME: Record<string, number> = {
  continue: DEBUG_RESUME_HOW.CONTINUE, next: DEBUG_RESUME_HOW.NEXT, stepIn: DEBUG_RESUME_HOW.STEP_IN, stepOut: DEBUG_RESUME_HOW.STEP_OUT,
};

class RequestError extends Error {}

export class DebugAdapter {
  private readonly listeners = new Set<(event: DP.Event) => void>();
  private seq = 1;
  private session?: DeviceSession;
  private unsubscribe: Array<() => void> = [];
  private files: Record<string, string> = {};
  private entry = '';
  /** Where viper dap's files are: image names map to paths under it. The IDE's are plain names. */
  private folder?: string;
  private readonly breakpoints = new BreakpointTable();
  /** Library modules shown by reference: reference n is libraryRefs[n - 1]. */
  private readonly libraryRefs: string[] = [];
  private exceptionFilters = new Set(['uncaught']);
  private configured = false;
  private stopOnEntry = false;
  private entryLine?: number;
  /** The stop the client was told of (undefined while running). */
  private stop?: DebugStop;
  private threads: DebugThread[] = [];
  /** The client's last NEXT or STEP_OUT: its thread and that thread's frame count when it began. */
  private step?: { how: number; thread: number; depth: number };
  /** DEBUG_STOPPED frames are handled one after another (a condition is evaluated at each). */
  private stops: Promise<void> = Promise.resolve();
  /** A stop is being looked at (a condition, a step's depth); a pause meanwhile makes it the client's. */
  private deciding = false;
  private pauseAsked = false;
  private ended = false;
  private onEnd = () => {};

  constructor(private readonly target: DebugTarget) {}

  onEvent(listener: (event: DP.Event) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Any DAP request; never rejects: a failure is a response with success false and a message. */
  async handle(request: DP.Request): Promise<DP.Response> {
    const response: DP.Response = { seq: 0, type: 'response', request_seq: request.seq, command: request.command, success: true };
    try {
      const body = await this.dispatch(request.command, request.arguments ?? {});
      if (body !== undefined) response.body = body;
    } catch (err) {
      response.success = false;
      response.message = messageOf(err);
    }
    response.seq = this.seq++;
    return response;
  }

  /** The client went away: detach (DEBUG_SET 0) and leave the program running. */
  async dispose(): Promise<void> {
    const session = this.session;
    this.release();
    if (session && !session.closed && !this.ended) await session.debugRequest(FRAME_TYPES.DEBUG_SET, encodeDebugSet(0)).catch(() => undefined);
  }

  // ---- requests ----

  private async dispatch(command: string, args: Record<string, any>): Promise<unknown> {
    switch (command) {
      case 'initialize': return this.capabilities();
      case 'launch': return this.launch(args as DebugLaunchArgs);
      case 'setBreakpoints': return this.setBreakpoints(args as DP.SetBreakpointsArguments);
      case 'setExceptionBreakpoints': return this.setExceptionBreakpoints(args as DP.SetExceptionBreakpointsArguments);
      case 'configurationDone': return this.configurationDone();
      case 'threads': return this.threadList();
      case 'stackTrace': return this.stackTrace(args as DP.StackTraceArguments);
      case 'scopes': return this.scopes(args as DP.ScopesArguments);
      case 'variables': return this.variables(args as DP.VariablesArguments);
      case 'evaluate': return this.evaluateRequest(args as DP.EvaluateArguments);
      case 'exceptionInfo': return this.exceptionInfo();
      case 'source': return this.sourceText(args as DP.SourceArguments);
      case 'continue': case 'next': case 'stepIn': case 'stepOut':
        await this.resume(RESUME[command], (args as DP.ContinueArguments).threadId);
        return command === 'continue' ? { allThreadsContinued: true } : undefined;
      case 'pause': {
        if (this.stop) return undefined;   // already stopped: nothing to do
        if (this.deciding) { this.pauseAsked = true; return undefined; }   // stopped already, the client not told yet
        await this.link().debugRequest(FRAME_TYPES.DEBUG_PAUSE);
        return undefined;
      }
      case 'disconnect': return this.disconnect((args as DP.DisconnectArguments).terminateDebuggee !== false);
      case 'terminate': return this.disconnect(true);
      default: throw new RequestError(`the ${command} request is not supported`);
    }
  }

  private capabilities(): DP.Capabilities {
    return {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsExceptionInfoRequest: true,
      supportsTerminateRequest: true,
      supportTerminateDebuggee: true,
      supportsDelayedStackTraceLoading: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS,
    };
  }

  private async launch(args: DebugLaunchArgs): Promise<void> {
    if (this.session) throw new RequestError('this debug session has launched its program already');
    if (typeof args.program !== 'string' || !args.program) throw new RequestError('launch needs "program": the main file');
    // read from disk (viper dap, viper debug): clients name files by their paths in its folder
    if (!args.sources || args.program.includes('/') || args.program.includes('\\') || isAbsolute(args.program)) this.folder = dirname(resolve(args.program));
    this.stopOnEntry = args.stopOnEntry === true;
    const { session, files, entry } = await this.target.prepare(args);
    this.session = session;
    this.files = files;
    this.entry = entry;
    try {
      await session.debugRequest(FRAME_TYPES.DEBUG_SET, encodeDebugSet(0));   // does this VM have the debugger?
    } catch (err) {
      if (err instanceof LinkError && err.code === LINK_ERRORS.UNKNOWN_TYPE) {
        throw new RequestError('the VM on this board has no debugger (a minimal-level firmware, or a board without room for it): ' +
          'Run works; to debug, use the Virtual board or a standard or full firmware');
      }
      throw err;
    }
    this.subscribe(session);
    queueMicrotask(() => this.send('initialized'));
  }

  private subscribe(session: DeviceSession): void {
    const on = <E extends 'output' | 'exception' | 'done' | 'close' | 'debugStopped'>(event: E, fn: (...a: any[]) => void) => {
      session.on(event, fn as never);
      this.unsubscribe.push(() => session.off(event, fn as never));
    };
    if (this.target.forwardOutput) {
      on('output', (text: string) => this.send('output', { category: 'stdout', output: text }));
      on('exception', report => this.send('output', { category: 'stderr', output: formatTraceback(report) }));
    }
    on('debugStopped', (stop: DebugStop) => { this.stops = this.stops.then(() => this.onStopped(stop)).catch(() => undefined); });
    on('done', (status: DoneStatus) => this.end(EXIT_CODES[status]));
    on('close', (reason: string) => {
      if (this.ended) return;
      this.send('output', { category: 'important', output: `The board disconnected: ${reason}\n` });
      this.end(undefined);
    });
  }

  private async setBreakpoints(args: DP.SetBreakpointsArguments): Promise<DP.SetBreakpointsResponse['body']> {
    const file = this.imageName(args.source);
    const asked = args.breakpoints ?? (args.lines ?? []).map(line => ({ line }));
    let breakpoints = this.breakpoints.set(file, this.files[file], asked)
      .map(b => ({ ...b, source: this.sourceOf(file) }));
    if (this.configured && !(await this.sendBreakpoints(file))) {
      breakpoints = breakpoints.map(b => ({ ...b, verified: false, message: TOO_MANY }));
    }
    return { breakpoints };
  }

  private async setExceptionBreakpoints(args: DP.SetExceptionBreakpointsArguments): Promise<DP.SetExceptionBreakpointsResponse['body']> {
    if (!Array.isArray(args.filters)) throw new RequestError('setExceptionBreakpoints needs "filters": uncaught, raised or none');
    const unknown = args.filters.filter(f => !EXCEPTION_FILTERS.some(e => e.filter === f));
    if (unknown.length) throw new RequestError(`unknown exception filter ${unknown.join(', ')}: the filters are uncaught and raised`);
    this.exceptionFilters = new Set(args.filters);
    if (this.configured) await this.sendFlags();
    return { breakpoints: args.filters.map(() => ({ verified: true })) };
  }

  private async configurationDone(): Promise<void> {
    const session = this.link();
    if (this.configured) return;
    if (this.stopOnEntry) this.entryLine = this.breakpoints.firstLine(this.entry, this.files[this.entry]);
    await this.sendFlags();
    const files = new Set([...this.breakpoints.files(), ...(this.entryLine ? [this.entry] : [])]);
    this.configured = true;
    for (const file of files) {
      if (await this.sendBreakpoints(file)) continue;
      // the program runs anyway; the client greys that file's breakpoints out
      for (const b of this.breakpoints.of(file)) {
        this.send('breakpoint', { reason: 'changed', breakpoint: { id: b.id, verified: false, line: b.line, message: TOO_MANY, source: this.sourceOf(file) } });
      }
    }
    await session.run();
  }

  private async threadList(): Promise<DP.ThreadsResponse['body']> {
    if (this.stop) this.threads = decodeThreads(await this.link().debugRequest(FRAME_TYPES.DEBUG_THREADS));
    // running: the threads of the last stop, or the main one (a client asks before any stop)
    const threads = this.threads.length ? this.threads : [{ ident: 1, name: 'MainThread' }];
    return { threads: threads.map(t => ({ id: t.ident, name: t.name })) };
  }

  private async stackTrace(args: DP.StackTraceArguments): Promise<DP.StackTraceResponse['body']> {
    this.mustBeStopped();
    const stack = decodeStack(await this.link().debugRequest(FRAME_TYPES.DEBUG_STACK,
      encodeStack(args.threadId, args.startFrame ?? 0, Math.min(args.levels ?? 0, 0xffff))));
    return {
      totalFrames: stack.total,
      stackFrames: stack.frames.map(f => ({ id: f.id, name: f.function, source: this.sourceOf(f.file), line: f.line, column: 1 })),
    };
  }

  private async scopes(args: DP.ScopesArguments): Promise<DP.ScopesResponse['body']> {
    this.mustBeStopped();
    const names = { locals: 'Locals', closure: 'Closure', globals: 'Globals' } as const;
    const scopes = decodeScopes(await this.link().debugRequest(FRAME_TYPES.DEBUG_SCOPES, encodeScopes(args.frameId)));
    return {
      scopes: scopes.map(s => ({ name: names[s.kind], presentationHint: s.kind === 'locals' ? 'locals' : undefined,
        variablesReference: s.reference, namedVariables: s.count, expensive: false })),
    };
  }

  private async variables(args: DP.VariablesArguments): Promise<DP.VariablesResponse['body']> {
    this.mustBeStopped();
    const start = args.start ?? 0;
    const wanted = Math.min(args.count || MAX_VARIABLES, MAX_VARIABLES);
    const variables: DP.Variable[] = [];
    // the VM answers what fits one frame: ask again from where its answer ended
    while (variables.length < wanted) {
      const page = decodeVariables(await this.link().debugRequest(FRAME_TYPES.DEBUG_VARIABLES,
        encodeVariables(args.variablesReference, start + variables.length, Math.min(wanted - variables.length, 0xffff))));
      for (const v of page.variables) variables.push(this.variable(v.name, v));
      if (page.variables.length === 0 || start + variables.length >= page.total) break;
    }
    return { variables };
  }

  private variable(name: string, v: { type: string; value: string; reference: number; children: number }): DP.Variable {
    const indexed = v.type === 'list' || v.type === 'tuple';
    return { name, value: v.value, type: v.type, variablesReference: v.reference,
      ...(v.reference ? (indexed ? { indexedVariables: v.children } : { namedVariables: v.children }) : {}) };
  }

  private async evaluateRequest(args: DP.EvaluateArguments): Promise<DP.EvaluateResponse['body']> {
    this.mustBeStopped();
    const result = await this.evaluate(args.expression, args.frameId);
    if (!result.ok) throw new RequestError(result.value);
    return { result: result.value, type: result.type, variablesReference: result.reference,
      ...(result.reference ? (result.type === 'list' || result.type === 'tuple' ? { indexedVariables: result.children } : { namedVariables: result.children }) : {}) };
  }

  /** An expression's value in a frame (the `__main__` globals without one); compile errors throw. */
  private async evaluate(expression: string, frameId?: number): Promise<DebugEvaluation> {
    const { image, diagnostics } = compile(expression, '<expression>', { mode: 'eval' });
    if (!image) {
      const d = diagnostics.find(x => x.severity === 'error');
      throw new RequestError(`SyntaxError: ${d?.message ?? 'not an expression'}`);
    }
    const payload = encodeEvaluate(frameId ?? GLOBALS_FRAME, image);
    if (payload.length > LINK_MAX_PAYLOAD) {
      throw new RequestError(`this expression compiles to ${image.length} bytes, more than one request carries (${LINK_MAX_PAYLOAD - 2}): shorten it`);
    }
    return decodeEvaluation(await this.link().debugRequest(FRAME_TYPES.DEBUG_EVALUATE, payload));
  }

  private exceptionInfo(): DP.ExceptionInfoResponse['body'] {
    const exception = this.stop?.exception;
    if (!exception) throw new RequestError('the program did not stop at an exception');
    return { exceptionId: exception.type, description: exception.message,
      breakMode: this.stop!.reason === 'exception' ? 'unhandled' : 'always' };
  }

  private async resume(how: number, threadId: number | undefined): Promise<void> {
    const stop = this.mustBeStopped();
    const thread = threadId ?? stop.thread;
    this.step = how === DEBUG_RESUME_HOW.NEXT || how === DEBUG_RESUME_HOW.STEP_OUT
      ? { how, thread, depth: (await this.top(thread)).depth } : undefined;
    // running from now: the next DEBUG_STOPPED may arrive right behind the ACK, before this goes on
    this.running();
    try {
      await this.link().debugRequest(FRAME_TYPES.DEBUG_RESUME, encodeResume(how, thread));
    } catch (err) {
      this.stop ??= stop;
      throw err;
    }
    if (!this.stop && !this.ended) this.send('continued', { threadId: threadId ?? stop.thread, allThreadsContinued: true });
  }

  private async disconnect(terminate: boolean): Promise<void> {
    const session = this.session;
    if (!session || session.closed || this.ended) { this.release(); return; }
    if (!terminate) {
      this.release();
      await session.debugRequest(FRAME_TYPES.DEBUG_SET, encodeDebugSet(0));
      return;
    }
    // the program's end (exited 130, terminated) is told before the answer, when it comes soon
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<void>(resolve => { this.onEnd = resolve; timer = setTimeout(resolve, STOP_WAIT_MS); });
    try {
      await session.stop();
      await ended;
    } finally {
      clearTimeout(timer);
      this.release();
    }
  }

  // ---- stops ----

  private async onStopped(stop: DebugStop): Promise<void> {
    if (this.ended) return;
    this.deciding = true;
    try {
      await this.report(stop);
    } catch (err) {
      // deciding failed (the link faltered): the program is stopped, so the client is told
      if (!this.ended && !this.stop) {
        this.stop = stop;
        this.send('stopped', { reason: stop.reason === 'raised' ? 'exception' : stop.reason, threadId: stop.thread, allThreadsStopped: true,
          description: messageOf(err), text: messageOf(err) });
      }
    } finally {
      this.deciding = false;
      this.pauseAsked = false;
    }
  }

  /** Tells the client of a stop, or resumes the program when the stop is not for the client. */
  private async report(stop: DebugStop): Promise<void> {
    let reason: string = stop.reason, description: string | undefined, hit: Breakpoint[] = [];
    if (stop.reason === 'exception' || stop.reason === 'raised') {
      reason = 'exception';
      description = stop.exception!.message ? `${stop.exception!.type}: ${stop.exception!.message}` : stop.exception!.type;
    } else if (stop.reason === 'breakpoint') {
      if (this.entryLine !== undefined && stop.file === this.entry && stop.line === this.entryLine) {
        this.entryLine = undefined;
        await this.sendBreakpoints(this.entry);   // the entry stop is once only
        if (!this.breakpoints.at(stop.file, stop.line).length) reason = 'entry';
      }
      if (reason !== 'entry') {
        const decided = await this.decide(stop);
        if (this.pauseAsked && !decided.stop) reason = 'pause';   // the client paused while the adapter decided
        else if (!decided.stop) {
          await this.goOn(stop);
          return;
        }
        hit = decided.hit;
        description = decided.why;
      }
    } else if (stop.reason === 'step' && this.step?.thread === stop.thread && !this.pauseAsked && !(await this.stepDone(stop.thread))) {
      await this.goOn(stop);
      return;
    }
    this.step = undefined;
    this.stop = stop;
    this.send('stopped', { reason, threadId: stop.thread, allThreadsStopped: true, description, text: description,
      ...(hit.length ? { hitBreakpointIds: hit.map(b => b.id) } : {}) });
  }

  /** At a breakpoint's line: whether its conditions and hit counts stop the program; logs its messages. */
  private async decide(stop: DebugStop): Promise<{ stop: boolean; hit: Breakpoint[]; why?: string }> {
    const here = this.breakpoints.at(stop.file, stop.line);
    if (!here.length) return { stop: true, hit: [] };   // a stop the VM had before a change reached it
    const frameId = here.some(b => b.condition || b.logMessage) ? (await this.top(stop.thread)).frameId : undefined;
    const hit: Breakpoint[] = [];
    let why: string | undefined;
    for (const b of here) {
      if (b.condition) {
        const test = await this.evaluate(conditionOf(b.condition), frameId).catch(err => ({ ok: false, value: messageOf(err) }) as DebugEvaluation);
        if (!test.ok) {   // a condition that raises stops, and says why
          hit.push(b);
          why = `the condition "${b.condition}" raised ${test.value}`;
          continue;
        }
        if (test.value !== 'True') continue;
      }
      b.hits++;
      if (b.hitCondition && !parseHitCondition(b.hitCondition)!(b.hits)) continue;
      if (b.logMessage) { await this.log(b.logMessage, frameId); continue; }
      hit.push(b);
    }
    return { stop: hit.length > 0, hit, why };
  }

  private async log(message: string, frameId: number | undefined): Promise<void> {
    let text = '';
    for (const part of parseLogMessage(message)) {
      if ('text' in part) { text += part.text; continue; }
      const value = await this.evaluate(textOf(part.expression), frameId).catch(err => ({ ok: false, value: messageOf(err) }) as DebugEvaluation);
      // str()'s repr is quoted: a log shows the text itself
      text += value.ok ? unquote(value.value) : `{${value.value}}`;
    }
    this.send('output', { category: 'console', output: text + '\n' });
  }

  /** Resumes a stop the client is not told of. A step of the client's that a breakpoint cut short
   *  goes on out of the deeper frames (the VM knows only the step it was last given). */
  private async goOn(stop: DebugStop): Promise<void> {
    const stepping = this.step?.thread === stop.thread && !(await this.stepDone(stop.thread));
    if (!stepping) this.step = undefined;
    const how = stepping ? DEBUG_RESUME_HOW.STEP_OUT : DEBUG_RESUME_HOW.CONTINUE;
    await this.link().debugRequest(FRAME_TYPES.DEBUG_RESUME, encodeResume(how, stop.thread));
  }

  /** Whether the client's step is where it was going: NEXT at its frame or a caller, STEP_OUT in a caller. */
  private async stepDone(thread: number): Promise<boolean> {
    const { depth } = await this.top(thread);
    return this.step!.how === DEBUG_RESUME_HOW.NEXT ? depth <= this.step!.depth : depth < this.step!.depth;
  }

  /** A thread's innermost frame and how many frames it has. */
  private async top(thread: number): Promise<{ frameId?: number; depth: number }> {
    const stack = decodeStack(await this.link().debugRequest(FRAME_TYPES.DEBUG_STACK, encodeStack(thread, 0, 1)));
    return { frameId: stack.frames[0]?.id, depth: stack.total };
  }

  // ---- the link ----

  private async sendFlags(): Promise<void> {
    let flags = DEBUG_FLAGS.ATTACHED as number;
    if (this.exceptionFilters.has('uncaught')) flags |= DEBUG_FLAGS.BREAK_UNCAUGHT;
    if (this.exceptionFilters.has('raised')) flags |= DEBUG_FLAGS.BREAK_RAISED;
    await this.link().debugRequest(FRAME_TYPES.DEBUG_SET, encodeDebugSet(flags));
  }

  /** Sends a file's lines; false when the VM's table has no room for them. */
  private async sendBreakpoints(file: string): Promise<boolean> {
    const lines = this.breakpoints.linesOf(file);
    if (file === this.entry && this.entryLine !== undefined && !lines.includes(this.entryLine)) lines.push(this.entryLine);
    if (lines.length > MAX_LINES_PER_REQUEST) return false;
    try {
      await this.link().debugRequest(FRAME_TYPES.DEBUG_BREAKPOINTS, encodeBreakpoints(file, lines));
      return true;
    } catch (err) {
      if (err instanceof LinkError && err.code === LINK_ERRORS.TOO_BIG) return false;
      throw err;
    }
  }

  private link(): DeviceSession {
    if (!this.session) throw new RequestError('no program is running: launch it first');
    if (this.ended) throw new RequestError('the program has ended');
    return this.session;
  }

  private mustBeStopped(): DebugStop {
    if (this.ended) throw new RequestError('the program has ended');
    if (!this.stop) throw new RequestError('the program is running: pause it first');
    return this.stop;
  }

  private running(): void {
    this.stop = undefined;
  }

  private end(exitCode: number | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.running();
    if (exitCode !== undefined) this.send('exited', { exitCode });
    this.send('terminated');
    this.release();
    this.onEnd();
  }

  private release(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  // ---- files ----

  /** The image's name of a client's source (a path under the program's folder, or a name). */
  private imageName(source: DP.Source): string {
    const path = source.path ?? source.name ?? '';
    if (path in this.files) return path;
    if (this.folder && isAbsolute(path)) {
      const inside = relative(this.folder, path);
      if (!inside.startsWith('..')) return inside.split(sep).join('/');
    }
    return path;
  }

  /** A DAP source: a program file by its path (viper dap) or name (the IDE); a library module
   *  (lib/threading.py) by a reference the `source` request answers with its text. */
  private sourceOf(file: string): DP.Source {
    const name = file.split('/').pop()!;
    if (file in this.files) return { name, path: this.folder ? join(this.folder, file) : file };
    const module = /^lib\/(\w+)\.py$/.exec(file)?.[1];
    if (module === undefined || librarySource(module) === undefined) return { name };
    let reference = this.libraryRefs.indexOf(module) + 1;
    if (reference === 0) reference = this.libraryRefs.push(module);
    return { name, sourceReference: reference, presentationHint: 'deemphasize', origin: 'Viper library' };
  }

  private sourceText(args: DP.SourceArguments): DP.SourceResponse['body'] {
    const module = this.libraryRefs[(args.source?.sourceReference ?? args.sourceReference) - 1];
    const content = module === undefined ? undefined : librarySource(module);
    if (content === undefined) throw new RequestError('no such source');
    return { content, mimeType: 'text/x-python' };
  }

  private send(event: string, body?: unknown): void {
    const message: DP.Event = { seq: this.seq++, type: 'event', event, ...(body !== undefined ? { body } : {}) };
    for (const listener of this.listeners) listener(message);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A str's repr ('it''s' or "it's") back to its text. */
function unquote(repr: string): string {
  const quote = repr[0];
  if ((quote !== "'" && quote !== '"') || repr[repr.length - 1] !== quote) return repr;
  return repr.slice(1, -1).replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|.)/gi, (_, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}
