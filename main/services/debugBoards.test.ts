// The IDE's debug sessions through the real service on the Virtual board: launch is Run's path
// without RUN (compile errors refused with their place, the console's output and the state events
// as in a Run), the program waits for configurationDone, a stop says 'paused' in the device bar,
// and a second Debug replaces the first session on the same board.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import type { DeviceEvent } from '../common/api';
import type { DebugCommand } from '../common/debugRequest';
import { createViperService, type ViperService } from './viperService';

jest.setTimeout(30_000);

describe('debugging on the Virtual board through the service', () => {
  let tmp: string;
  let service: ViperService;
  const events: DeviceEvent[] = [];
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'viper-debug-boards-'));
    service = createViperService({ projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings'), listPorts: async () => [] });
    service.onEvent(event => events.push(event));
  });
  afterAll(async () => {
    await service.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => { events.length = 0; });

  const request = (command: DebugCommand, args?: Record<string, unknown>) =>
    service.debug({ boardId: 'virtual', request: { command, ...(args ? { arguments: args } : {}) } });
  const dapEvents = (name: string) => events.filter((e): e is Extract<DeviceEvent, { kind: 'debug' }> => e.kind === 'debug' && e.event.event === name);
  async function until(check: () => boolean, what: string): Promise<void> {
    for (const deadline = Date.now() + 10_000; !check();) {
      if (Date.now() > deadline) throw new Error(`${what} never came; events: ${JSON.stringify(events).slice(0, 2000)}`);
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  it('refuses a program that does not compile, saying where', async () => {
    await request('initialize', {});
    const launched = await request('launch', { program: 'main.py', sources: { 'main.py': 'import helper\n', 'helper.py': 'def f(:\n' } });
    expect(launched.success).toBe(false);
    expect(launched.message).toMatch(/^helper\.py:1:\d+: error: /);
    expect(events.filter(e => e.kind === 'state')).toEqual([]);           // nothing was sent: the board is as it was
  });

  it('uploads without running until configurationDone, stops at a module breakpoint, shows it paused, ends', async () => {
    await request('initialize', {});
    const sources = { 'main.py': 'import helper\nprint("start")\nprint(helper.twice(21))\n', 'helper.py': 'def twice(x):\n    y = 2 * x\n    return y\n' };
    expect(await request('launch', { program: 'main.py', sources })).toMatchObject({ success: true });
    await until(() => dapEvents('initialized').length === 1, 'initialized');
    expect(events.filter(e => e.kind === 'output')).toEqual([]);        // not run yet
    expect(events).toContainEqual({ kind: 'state', boardId: 'virtual', state: 'running', detail: 'under the debugger' });

    const set = await request('setBreakpoints', { source: { name: 'helper.py', path: 'helper.py' }, breakpoints: [{ line: 2 }] });
    expect((set.body as DP.SetBreakpointsResponse['body']).breakpoints).toMatchObject([{ verified: true, line: 2 }]);
    await request('configurationDone');
    await until(() => dapEvents('stopped').length === 1, 'the stop');
    expect(events).toContainEqual({ kind: 'output', boardId: 'virtual', text: 'start\n' });
    expect(events).toContainEqual({ kind: 'state', boardId: 'virtual', state: 'running', detail: 'paused by the debugger' });

    const trace = (await request('stackTrace', { threadId: (dapEvents('stopped')[0].event.body as DP.StoppedEvent['body']).threadId! })).body as DP.StackTraceResponse['body'];
    expect(trace.stackFrames.map(f => [f.name, f.source?.path, f.line])).toEqual([['twice', 'helper.py', 2], ['<module>', 'main.py', 3]]);
    expect((await request('evaluate', { expression: 'x * 10', frameId: trace.stackFrames[0].id, context: 'watch' })).body).toMatchObject({ result: '210' });

    await request('continue', { threadId: 1 });
    await until(() => dapEvents('terminated').length === 1, 'the end');
    expect(events).toContainEqual({ kind: 'output', boardId: 'virtual', text: '42\n' });
    expect(events).toContainEqual({ kind: 'done', boardId: 'virtual', status: 'ok' });
    expect(await request('threads')).toMatchObject({ success: false, message: 'no debug session on this board: press Debug to start one' });
  });

  it('a second Debug replaces a session left stopped: the board takes the new program', async () => {
    await request('initialize', {});
    await request('launch', { program: 'main.py', sources: { 'main.py': 'x = 1\nx = 2\n' } });
    await until(() => dapEvents('initialized').length === 1, 'initialized');
    await request('setBreakpoints', { source: { name: 'main.py', path: 'main.py' }, breakpoints: [{ line: 2 }] });
    await request('configurationDone');
    await until(() => dapEvents('stopped').length === 1, 'the stop');

    // the renderer stops what runs before a new Debug, as before a Run
    await service.stop({ boardId: 'virtual' });
    await until(() => events.some(e => e.kind === 'done'), 'the first program\'s end');
    events.length = 0;
    await request('initialize', {});
    await request('launch', { program: 'main.py', sources: { 'main.py': 'print("second")\n' } });
    await request('configurationDone');
    await until(() => dapEvents('terminated').length === 1, 'the second program\'s end');
    expect(events).toContainEqual({ kind: 'output', boardId: 'virtual', text: 'second\n' });
  });
});
