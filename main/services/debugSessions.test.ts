// The IDE's debug requests: checked by shape before the adapter sees them (only the commands the
// IDE uses, files named as the project names them), one adapter per board made by `initialize`,
// its events passed on as 'debug' device events with project file names, never paths.
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import type { DeviceEvent } from '../common/api';
import type { DebugTarget } from '../debug/adapter';
import { dispatch } from './dispatch';
import { createDebugSessions, type AdapterHandle } from './debugSessions';
import { fakeMainApi } from './testing/fakeMainApi';

describe('debug requests from the renderer', () => {
  const answer: DP.Response = { seq: 0, type: 'response', request_seq: 1, command: 'x', success: true };
  function recording() {
    const calls: unknown[] = [];
    return { calls, api: fakeMainApi({ async debug(p: unknown) { calls.push(p); return answer; } }) };
  }
  const launch = { program: 'main.py', sources: { 'main.py': 'import helper\n', 'helper.py': 'x = 1\n' }, stopOnEntry: false };

  it.each([
    [{ command: 'initialize', arguments: { clientID: 'viper', adapterID: 'viper', linesStartAt1: true, columnsStartAt1: true } }],
    [{ command: 'launch', arguments: launch }],
    [{ command: 'setBreakpoints', arguments: { source: { path: 'helper.py', name: 'helper.py' }, breakpoints: [{ line: 3 }, { line: 4, condition: 'x > 10', hitCondition: '>= 3' }, { line: 5, logMessage: 'x = {x}' }] } }],
    [{ command: 'setExceptionBreakpoints', arguments: { filters: ['uncaught', 'raised'] } }],
    [{ command: 'configurationDone' }],
    [{ command: 'stackTrace', arguments: { threadId: 1, startFrame: 0, levels: 20 } }],
    [{ command: 'variables', arguments: { variablesReference: 7, start: 100, count: 100 } }],
    [{ command: 'evaluate', arguments: { expression: 'len(items)', frameId: 3, context: 'watch' } }],
    [{ command: 'next', arguments: { threadId: 1 } }],
    [{ command: 'disconnect', arguments: { terminateDebuggee: true } }],
  ])('passes %j on', async request => {
    const { api, calls } = recording();
    expect(await dispatch(api, { id: 1, method: 'debug', params: { boardId: 'virtual', request } })).toEqual({ id: 1, result: answer });
    expect(calls).toEqual([{ boardId: 'virtual', request }]);
  });

  it.each([
    ['a command the IDE does not send', { command: 'restartFrame', arguments: { frameId: 1 } }, /"request.command" must be one of/],
    ['a path as the program', { command: 'launch', arguments: { ...launch, program: '/etc/passwd' } }, /launch: "program" must be a file of the project/],
    ['a path among the sources', { command: 'launch', arguments: { ...launch, sources: { 'main.py': '', '../x.py': '' } } }, /launch: "sources" key "..\/x.py" must be a file/],
    ['a program missing from its sources', { command: 'launch', arguments: { ...launch, program: 'other.py' } }, /must hold the program other.py/],
    ['a breakpoint in a path', { command: 'setBreakpoints', arguments: { source: { path: '/home/a/main.py' }, breakpoints: [] } }, /"source.path" must be a file/],
    ['a breakpoint on line 0', { command: 'setBreakpoints', arguments: { source: { path: 'main.py' }, breakpoints: [{ line: 0 }] } }, /"line" must be an integer/],
    ['an unknown filter', { command: 'setExceptionBreakpoints', arguments: { filters: ['all'] } }, /"filters" must be/],
    ['an empty watch', { command: 'evaluate', arguments: { expression: '  ', context: 'watch' } }, /must not be empty/],
    ['a stray argument', { command: 'next', arguments: { threadId: 1, granularity: 'instruction' } }, /unexpected argument "granularity"/],
    ['a negative reference', { command: 'variables', arguments: { variablesReference: -1 } }, /"variablesReference" must be an integer/],
  ])('refuses %s', async (_what, request, error) => {
    const { api, calls } = recording();
    const answer = await dispatch(api, { id: 2, method: 'debug', params: { boardId: 'virtual', request } });
    expect((answer as { error: string }).error).toMatch(error);
    expect(calls).toEqual([]);
  });
});

describe('debug sessions per board', () => {
  function fakeAdapter() {
    const listeners = new Set<(event: DP.Event) => void>();
    const handled: DP.Request[] = [];
    let disposed = 0;
    const adapter: AdapterHandle = {
      async handle(request) {
        handled.push(request);
        const body = request.command === 'stackTrace'
          ? { stackFrames: [{ id: 1, name: 'f', line: 3, column: 1, source: { name: 'helper.py', path: '/home/someone/project/helper.py' } }] }
          : {};
        return { seq: 0, type: 'response', request_seq: request.seq, command: request.command, success: true, body };
      },
      onEvent(listener) { listeners.add(listener); return () => listeners.delete(listener); },
      async dispose() { disposed++; },
    };
    const send = (event: string, body: unknown) => { for (const l of listeners) l({ seq: 0, type: 'event', event, body }); };
    return { adapter, handled, send, disposed: () => disposed };
  }
  const target: DebugTarget = { forwardOutput: false, prepare: async () => { throw new Error('not here'); } };

  it('makes an adapter at initialize, answers through it, passes its events on with file names only', async () => {
    const made = [fakeAdapter(), fakeAdapter()];
    const events: DeviceEvent[] = [];
    const targets: DebugTarget[] = [];
    const sessions = createDebugSessions(t => { targets.push(t); return made[targets.length - 1].adapter; }, e => events.push(e));

    const before = await sessions.request('virtual', { command: 'threads' }, () => target);
    expect(before).toMatchObject({ success: false, message: 'no debug session on this board: press Debug to start one' });

    await sessions.request('virtual', { command: 'initialize', arguments: {} }, () => target);
    const trace = await sessions.request('virtual', { command: 'stackTrace', arguments: { threadId: 1 } }, () => target);
    expect(trace.body.stackFrames[0].source).toEqual({ name: 'helper.py', path: 'helper.py' });
    expect(made[0].handled.map(r => r.command)).toEqual(['initialize', 'stackTrace']);
    expect(made[0].handled[1].seq).toBeGreaterThan(made[0].handled[0].seq);

    made[0].send('stopped', { reason: 'breakpoint', threadId: 1 });
    made[0].send('output', { output: 'x\n', source: { path: '/tmp/abc/main.py' } });
    expect(events).toEqual([
      { kind: 'debug', boardId: 'virtual', event: { seq: 0, type: 'event', event: 'stopped', body: { reason: 'breakpoint', threadId: 1 } } },
      { kind: 'state', boardId: 'virtual', state: 'running', detail: 'paused by the debugger' },
      { kind: 'debug', boardId: 'virtual', event: { seq: 0, type: 'event', event: 'output', body: { output: 'x\n', source: { name: 'main.py', path: 'main.py' } } } },
    ]);

    // a second Debug replaces the first session: the old adapter is disposed and goes quiet
    await sessions.request('virtual', { command: 'initialize', arguments: {} }, () => target);
    expect(made[0].disposed()).toBe(1);
    made[0].send('stopped', { reason: 'pause', threadId: 1 });
    expect(events).toHaveLength(3);

    // after 'terminated' the board has no session until the next initialize
    made[1].send('terminated', {});
    expect(await sessions.request('virtual', { command: 'threads' }, () => target)).toMatchObject({ success: false });
    await sessions.dispose();
  });

  it('without the debugger built in, says so', async () => {
    const sessions = createDebugSessions(undefined, () => {});
    expect(await sessions.request('virtual', { command: 'initialize', arguments: {} }, () => target))
      .toMatchObject({ success: false, message: 'this Viper was built without the debugger' });
  });
});
