// The IDE's DAP client against a scripted adapter: the order of a session's start (breakpoints
// only once the adapter has said initialized), what it fetches at a stop, the selected frame's
// evaluation, resuming, and the end.
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import type { DeviceEvent, ViperApi } from '../../../main/common/api';
import type { DebugRequest } from '../../../main/common/debugRequest';
import { DebugSession, type StopView } from './debugSession';

const FRAMES = [
  { id: 11, name: 'add_up', line: 4, column: 1, source: { name: 'main.py', path: 'main.py' } },
  { id: 10, name: '<module>', line: 7, column: 1, source: { name: 'main.py', path: 'main.py' } },
];

function scripted(failLaunch?: string) {
  const sent: DebugRequest[] = [];
  let emit: (event: DeviceEvent) => void = () => {};
  const event = (name: string, body?: unknown) => emit({ kind: 'debug', boardId: 'virtual', event: { seq: 0, type: 'event', event: name, body } });
  const bodies: Record<string, unknown> = {
    threads: { threads: [{ id: 1, name: 'MainThread' }] },
    stackTrace: { stackFrames: FRAMES },
    scopes: { scopes: [{ name: 'Locals', variablesReference: 5, expensive: false }] },
    evaluate: { result: '10', variablesReference: 0 },
    setBreakpoints: { breakpoints: [{ verified: true, line: 4 }] },
  };
  const api = {
    async debug({ request }: { request: DebugRequest }): Promise<DP.Response> {
      sent.push(request);
      if (request.command === 'launch' && failLaunch) return { seq: 0, type: 'response', request_seq: 0, command: 'launch', success: false, message: failLaunch };
      if (request.command === 'launch') setTimeout(() => event('initialized'), 0);
      if (request.command === 'evaluate' && request.arguments?.expression === 'boom') {
        return { seq: 0, type: 'response', request_seq: 0, command: 'evaluate', success: false, message: 'NameError: boom' };
      }
      return { seq: 0, type: 'response', request_seq: 0, command: request.command, success: true, body: bodies[request.command] };
    },
  } as unknown as ViperApi;
  const log: string[] = [];
  const stops: (StopView | null)[] = [];
  const session = new DebugSession(api, {
    phase: p => log.push(p),
    stop: v => stops.push(v),
    breakpoints: (file, answered) => log.push(`breakpoints ${file} ${answered.map(b => b.line)}`),
    output: text => log.push(`output ${text}`),
    ended: message => log.push(`ended ${message ?? ''}`),
  });
  emit = e => session.noteEvent(e);
  return { session, sent, event, log, stops };
}

const tick = () => new Promise(resolve => setTimeout(resolve, 5));

describe('the IDE debug session', () => {
  it('starts in the DAP order, fetches the stop, evaluates in its frame, resumes and ends', async () => {
    const { session, sent, event, log, stops } = scripted();
    await session.start('virtual', 'main.py', { 'main.py': 'x = 1\n' }, () => new Map([['main.py', [{ line: 4 }]], ['helper.py', []]]), () => ['uncaught']);
    expect(sent.map(r => r.command)).toEqual(['initialize', 'launch', 'setBreakpoints', 'setExceptionBreakpoints', 'configurationDone']);
    expect(sent[2].arguments).toEqual({ source: { name: 'main.py', path: 'main.py' }, breakpoints: [{ line: 4 }] });
    expect(session.phase()).toBe('running');

    // the same breakpoints again are not resent
    await session.setBreakpoints('main.py', [{ line: 4 }]);
    expect(sent).toHaveLength(5);

    event('stopped', { reason: 'breakpoint', threadId: 1, allThreadsStopped: true });
    await tick();
    expect(session.phase()).toBe('stopped');
    expect(sent.slice(5).map(r => r.command)).toEqual(['threads', 'stackTrace', 'scopes']);
    const view = stops[stops.length - 1]!;
    expect(view.frame?.id).toBe(11);
    expect(view.scopes.map(s => s.name)).toEqual(['Locals']);

    await expect(session.evaluate('total * 10', 'watch')).resolves.toMatchObject({ result: '10' });
    expect(sent[sent.length - 1].arguments).toEqual({ expression: 'total * 10', context: 'watch', frameId: 11 });
    await expect(session.evaluate('boom', 'hover')).rejects.toThrow('NameError: boom');

    await session.selectFrame(1, 10);
    expect(stops[stops.length - 1]!.frame?.id).toBe(10);
    await session.evaluate('x', 'watch');
    expect(sent[sent.length - 1].arguments).toMatchObject({ frameId: 10 });

    await session.next();
    expect(sent[sent.length - 1]).toEqual({ command: 'next', arguments: { threadId: 1 } });
    expect(session.phase()).toBe('running');
    expect(stops[stops.length - 1]).toBeNull();

    event('output', { category: 'console', output: 'i = 2\n' });
    event('exited', { exitCode: 0 });
    event('terminated');
    expect(session.phase()).toBe('idle');
    expect(log.slice(-3)).toEqual(['output i = 2\n', 'idle', 'ended ']);
  });

  it('a launch that fails ends the session with its message', async () => {
    const { session, sent } = scripted('main.py:1:5: error: invalid syntax');
    await expect(session.start('virtual', 'main.py', { 'main.py': 'x = (' }, () => new Map(), () => [])).rejects.toThrow('main.py:1:5: error: invalid syntax');
    expect(session.phase()).toBe('idle');
    expect(sent.map(r => r.command)).toEqual(['initialize', 'launch']);
  });
});
