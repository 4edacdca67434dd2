// The adapter against a scripted VM (a fake link that answers the debug frames as the protocol
// says): what the real VM cannot easily be made to do — a malformed reply, a board refusing
// breakpoints, the link closing mid-session — and the adapter's own bookkeeping.
import type { DebugLaunchArgs, DebugTarget } from '../../main/debug/adapter';
import { DebugAdapter } from '../../main/debug/adapter';
import { decodeFrame, encodeFrame } from '../../main/link/frame';
import { FRAME_TYPES, LINK_ERRORS } from '../../main/link/protocol';
import { DeviceSession, type SessionOptions } from '../../main/link/session';
import type { Transport } from '../../main/link/transport';
import { DapTestClient } from './client';

const str16 = (s: string) => { const b = Buffer.from(s); return [b.length & 0xff, b.length >> 8, ...b]; };
const u16 = (v: number) => [v & 0xff, v >> 8];
const u32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];

/** A VM that keeps what it is told and answers from `replies` (frame type -> payload or error code). */
class ScriptedVm implements Transport {
  readonly received: Array<{ type: number; payload: Uint8Array }> = [];
  replies = new Map<number, (payload: Uint8Array) => number[] | { error: number } | { silent: true }>();
  private listener: (bytes: Uint8Array) => void = () => {};
  private closeListener: (reason: string) => void = () => {};
  private buffer: number[] = [];

  write(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b !== 0) { this.buffer.push(b); continue; }
      const frame = decodeFrame(Uint8Array.from(this.buffer));
      this.buffer = [];
      if (!frame) continue;
      this.received.push({ type: frame.type, payload: frame.payload });
      const reply = this.replies.get(frame.type)?.(frame.payload) ?? [];
      if ('silent' in reply) continue;   // still working on it
      if ('error' in reply) this.send(FRAME_TYPES.ERROR, [...u16(reply.error)], frame.seq);
      else this.send(reply.length ? FRAME_TYPES.DEBUG_REPLY : FRAME_TYPES.ACK, reply, frame.seq);
    }
  }
  send(type: number, payload: number[], seq = 0): void {
    const wire = encodeFrame({ type, seq, payload: Uint8Array.from(payload) });
    setImmediate(() => this.listener(wire));
  }
  stop(line: number, reason = 0, file = 'main.py'): void { this.send(FRAME_TYPES.DEBUG_STOPPED, [reason, ...u32(1), ...str16(file), ...u16(line)]); }
  onData(listener: (bytes: Uint8Array) => void): void { this.listener = listener; }
  onClose(listener: (reason: string) => void): void { this.closeListener = listener; }
  async close(): Promise<void> { this.closeListener('closed by the test'); }
  dropped = () => 0;
  sent(type: number): Uint8Array[] { return this.received.filter(f => f.type === type).map(f => f.payload); }
}

function setup(files: Record<string, string>, options: SessionOptions = { timeoutMs: 200, attempts: 1 }) {
  const vm = new ScriptedVm();
  const session = new DeviceSession(vm, options);
  vm.dropped = () => session.droppedFrames;
  const target: DebugTarget = {
    forwardOutput: true,
    prepare: async (_args: DebugLaunchArgs) => ({ session, files, entry: 'main.py' }),
  };
  const client = new DapTestClient(new DebugAdapter(target));
  // one frame of the stopped thread, id 7
  vm.replies.set(FRAME_TYPES.DEBUG_STACK, () => [...u16(1), 1, ...u16(7), ...str16('main.py'), ...str16('<module>'), ...u16(2)]);
  return { vm, client };
}

describe('the adapter against a scripted VM', () => {
  it('answers initialize with its capabilities and both exception filters', async () => {
    const { client } = setup({ 'main.py': 'x = 1\n' });
    const caps = await client.request('initialize', { adapterID: 'viper' });
    expect(caps).toMatchObject({ supportsConditionalBreakpoints: true, supportsHitConditionalBreakpoints: true, supportsLogPoints: true,
      supportsConfigurationDoneRequest: true, supportsEvaluateForHovers: true });
    expect(caps.exceptionBreakpointFilters.map((f: { filter: string; default: boolean }) => [f.filter, f.default])).toEqual([['uncaught', true], ['raised', false]]);
  });

  it('sends the flags, then each file\'s lines, then RUN, at configurationDone', async () => {
    const { vm, client } = setup({ 'main.py': 'import helper\nx = 1\n\ny = 2\n', 'helper.py': 'def f():\n    return 1\n' });
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 3 }, { line: 2 }], 'helper.py': [{ line: 2 }] }, filters: ['uncaught', 'raised'] });
    const types = vm.received.map(f => f.type);
    // launch asks whether the VM has the debugger (DEBUG_SET 0); configurationDone attaches and runs
    expect(types).toEqual([FRAME_TYPES.DEBUG_SET, FRAME_TYPES.DEBUG_SET, FRAME_TYPES.DEBUG_BREAKPOINTS, FRAME_TYPES.DEBUG_BREAKPOINTS, FRAME_TYPES.RUN]);
    expect(vm.sent(FRAME_TYPES.DEBUG_SET).map(p => [...p])).toEqual([[0], [0x07]]);
    expect([...vm.sent(FRAME_TYPES.DEBUG_BREAKPOINTS)[0]]).toEqual([...str16('main.py'), 2, ...u16(2), ...u16(4)]);
    expect([...vm.sent(FRAME_TYPES.DEBUG_BREAKPOINTS)[1]]).toEqual([...str16('helper.py'), 1, ...u16(2)]);
  });

  it('refuses breakpoints in a file that is not part of the program, and bad hit counts', async () => {
    const { client } = setup({ 'main.py': 'x = 1\n' });
    const placed = await client.start('main.py', { breakpoints: { 'other.py': [{ line: 1 }], 'main.py': [{ line: 1, hitCondition: 'often' }] } });
    expect(placed['other.py'][0]).toMatchObject({ verified: false, message: 'other.py is not part of the program' });
    expect(placed['main.py'][0]).toMatchObject({ verified: false, message: expect.stringContaining('hit count "often"') });
  });

  it('refuses a condition or a log message that does not compile, and takes a trailing comment', async () => {
    const { client } = setup({ 'main.py': 'x = 1\ny = 2\n' });
    const placed = await client.start('main.py', { breakpoints: { 'main.py': [
      { line: 1, condition: 'x >' }, { line: 1, logMessage: 'x = {x +}' }, { line: 2, condition: 'x > 0  # positive' },
    ] } });
    expect(placed['main.py'].map(b => [b.verified, b.message?.split(':')[0]])).toEqual([[false, 'condition'], [false, 'log message'], [true, undefined]]);
  });

  it('says plainly when the board has no room for more breakpoints, and runs the program anyway', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\ny = 2\n', 'helper.py': 'z = 3\n' });
    vm.replies.set(FRAME_TYPES.DEBUG_BREAKPOINTS, p => (p[2] === 'h'.charCodeAt(0) ? { error: LINK_ERRORS.TOO_BIG } : []));
    await client.start('main.py', { breakpoints: { 'helper.py': [{ line: 1 }] } });
    expect(await client.waitFor('breakpoint')).toMatchObject({ reason: 'changed', breakpoint: { verified: false, line: 1, message: expect.stringMatching(/^more breakpoints than this board's debugger keeps/) } });
    expect(vm.received.pop()!.type).toBe(FRAME_TYPES.RUN);
    vm.replies.set(FRAME_TYPES.DEBUG_BREAKPOINTS, () => ({ error: LINK_ERRORS.TOO_BIG }));
    const answer = await client.request('setBreakpoints', { source: { path: 'main.py' }, breakpoints: [{ line: 1 }, { line: 2 }] });
    expect(answer.breakpoints).toEqual([
      expect.objectContaining({ verified: false, line: 1, message: expect.stringMatching(/^more breakpoints/) }),
      expect.objectContaining({ verified: false, line: 2 }),
    ]);
  });

  it('counts hits only when the condition holds, and resumes silently otherwise', async () => {
    const { vm, client } = setup({ 'main.py': 'for i in range(9):\n    x = i\n' });
    let i = 0;
    vm.replies.set(FRAME_TYPES.DEBUG_EVALUATE, () => [1, ...str16('bool'), ...str16(i % 2 ? 'True' : 'False'), ...u32(0), ...u32(0)]);
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 2, condition: 'i % 2', hitCondition: '2' }] } });
    for (i = 0; i < 4; i++) {
      vm.stop(2);
      await new Promise(r => setTimeout(r, 20));
    }
    const stop = await client.waitFor('stopped');
    expect(stop).toMatchObject({ reason: 'breakpoint', threadId: 1, allThreadsStopped: true });
    expect(client.events.filter(e => e.event === 'stopped')).toHaveLength(1);     // i = 3: the second odd i
    expect(vm.sent(FRAME_TYPES.DEBUG_RESUME)).toHaveLength(3);                    // 0, 1 (first hit), 2 resumed
  });

  it('makes a stop the client\'s when it pauses while a condition is being evaluated', async () => {
    const { vm, client } = setup({ 'main.py': 'while True:\n    x = 1\n' });
    vm.replies.set(FRAME_TYPES.DEBUG_EVALUATE, () => {
      void client.raw('pause', { threadId: 1 });
      return [1, ...str16('bool'), ...str16('False'), ...u32(0), ...u32(0)];
    });
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 2, condition: 'x > 5' }] } });
    vm.stop(2);
    expect(await client.waitFor('stopped')).toMatchObject({ reason: 'pause', threadId: 1 });
    expect(vm.sent(FRAME_TYPES.DEBUG_RESUME)).toHaveLength(0);
    expect(vm.sent(FRAME_TYPES.DEBUG_PAUSE)).toHaveLength(0);
  });

  it('tells the client of a stop it could not decide (a failed request), with why', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\ny = 2\n' });
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 2, condition: 'x > 0' }] } });
    vm.replies.set(FRAME_TYPES.DEBUG_STACK, () => [0xff]);
    vm.stop(2);
    expect(await client.waitFor('stopped')).toMatchObject({ reason: 'breakpoint', text: expect.stringMatching(/^malformed stack: /) });
    expect(vm.sent(FRAME_TYPES.DEBUG_RESUME)).toHaveLength(0);
  });

  it('stops when a condition raises, and says why', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\ny = 2\n' });
    vm.replies.set(FRAME_TYPES.DEBUG_EVALUATE, () => [0, ...str16('NameError'), ...str16("NameError: name 'q' is not defined"), ...u32(0), ...u32(0)]);
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 2, condition: 'q > 1' }] } });
    vm.stop(2);
    expect(await client.waitFor('stopped')).toMatchObject({ text: 'the condition "q > 1" raised NameError: name \'q\' is not defined' });
  });

  it('fails a request whose reply is malformed, and goes on', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\n' });
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 1 }] } });
    vm.stop(1);
    await client.waitFor('stopped');
    vm.replies.set(FRAME_TYPES.DEBUG_SCOPES, () => [1, 9, ...u32(1), ...u32(1)]);
    expect(await client.raw('scopes', { frameId: 7 })).toMatchObject({ success: false, message: 'malformed scopes: unknown scope kind 9' });
    const long = await client.raw('evaluate', { expression: Array.from({ length: 300 }, (_, k) => `v${k}`).join(' + '), frameId: 7 });
    expect(long).toMatchObject({ success: false, message: expect.stringMatching(/^this expression compiles to \d+ bytes, more than one request carries \(1022\): shorten it$/) });
    vm.replies.set(FRAME_TYPES.DEBUG_SCOPES, () => [1, 0, ...u32(3), ...u32(2)]);
    expect((await client.request('scopes', { frameId: 7 })).scopes).toEqual([
      { name: 'Locals', presentationHint: 'locals', variablesReference: 3, namedVariables: 2, expensive: false },
    ]);
  });

  it('drops a malformed DEBUG_STOPPED (counted), and takes the next good one', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\n' });
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 1 }] } });
    vm.send(FRAME_TYPES.DEBUG_STOPPED, [0, 1, 0]);
    vm.send(FRAME_TYPES.DEBUG_STOPPED, [7, ...u32(1), ...str16('main.py'), ...u16(1)]);
    vm.stop(1);
    expect(await client.waitFor('stopped')).toMatchObject({ reason: 'breakpoint' });
    expect(client.events.filter(e => e.event === 'stopped')).toHaveLength(1);
    expect(vm.dropped()).toBe(2);
  });

  it('says so at launch when the board\'s VM has no debugger (minimal level)', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\n' });
    vm.replies.set(FRAME_TYPES.DEBUG_SET, () => ({ error: LINK_ERRORS.UNKNOWN_TYPE }));
    await client.request('initialize', { adapterID: 'viper' });
    const launch = await client.raw('launch', { program: 'main.py' });
    expect(launch).toMatchObject({ success: false, message: expect.stringMatching(/^the VM on this board has no debugger \(a minimal-level firmware, or a board without room for it\): Run works/) });
  });

  it('gives up on an expression that still runs after the wait (resends answered BUSY)', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\n' }, { timeoutMs: 50, attempts: 3, evaluationWaitMs: 400 });
    await client.start('main.py', { breakpoints: { 'main.py': [{ line: 1 }] } });
    vm.stop(1);
    await client.waitFor('stopped');
    let asked = 0;
    vm.replies.set(FRAME_TYPES.DEBUG_EVALUATE, () => (asked++ === 0 ? { silent: true } : { error: LINK_ERRORS.BUSY }));
    const started = Date.now();
    expect(await client.raw('evaluate', { expression: 'forever()', frameId: 7 })).toMatchObject({ success: false, message: 'the expression still runs after 0 s' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(asked).toBeGreaterThan(2);
  });

  it('refuses inspection while the program runs', async () => {
    const { client } = setup({ 'main.py': 'x = 1\n' });
    await client.start('main.py');
    expect(await client.raw('stackTrace', { threadId: 1 })).toMatchObject({ success: false, message: 'the program is running: pause it first' });
    expect(await client.raw('stepIn', { threadId: 1 })).toMatchObject({ success: false });
    expect(await client.raw('evaluate', { expression: 'x' })).toMatchObject({ success: false, message: 'the program is running: pause it first' });
    expect(await client.raw('restartFrame', {})).toMatchObject({ success: false, message: 'the restartFrame request is not supported' });
  });

  it('reports the program\'s end and the link closing', async () => {
    const { vm, client } = setup({ 'main.py': 'print(1)\n' });
    await client.start('main.py');
    vm.send(FRAME_TYPES.STDOUT, [...Buffer.from('1\n')]);
    vm.send(FRAME_TYPES.DONE, [0]);
    expect(await client.waitFor('exited')).toEqual({ exitCode: 0 });
    await client.waitFor('terminated');
    expect(client.output('stdout')).toBe('1\n');

    const second = setup({ 'main.py': 'while True: pass\n' });
    await second.client.start('main.py');
    await second.vm.close();
    await second.client.waitFor('terminated');
    expect(second.client.output('important')).toBe('The board disconnected: closed by the test\n');
    expect(second.client.events.some(e => e.event === 'exited')).toBe(false);
  });

  it('detaches on dispose and stops the program on disconnect', async () => {
    const { vm, client } = setup({ 'main.py': 'x = 1\n' });
    await client.start('main.py');
    await client.adapter.dispose();
    expect([...vm.sent(FRAME_TYPES.DEBUG_SET).pop()!]).toEqual([0]);
    const other = setup({ 'main.py': 'x = 1\n' });
    await other.client.start('main.py');
    await other.client.request('disconnect', {});
    expect(other.vm.received.pop()!.type).toBe(FRAME_TYPES.STOP);
  });
});
