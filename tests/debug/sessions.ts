// DAP sessions scripted against a real VM: the Virtual board on a pseudo-terminal
// (sessions.test.ts) and the QEMU board (qemu-sessions.test.ts) run the same ones.
import { join } from 'node:path';
import { DebugAdapter } from '../../main/debug/adapter';
import { FileTarget } from '../../main/debug/fileTarget';
import type { Transport } from '../../main/link/transport';
import { collectRun } from '../../main/link/testing/programs';
import { DapTestClient, programFolder } from './client';

export interface BoardUnderTest {
  /** A link to a fresh board (or the same one again: a board outlives its sessions). */
  connect(): Promise<Transport>;
  stop(): Promise<void>;
}

const LOOP = `total = 0
for i in range(10):

    total += i   # line 4
print('total', total)
`;

const MODULE_MAIN = `import helper

def outer(n):
    r = helper.double(n)
    return r + 1

print(outer(20))
`;
const MODULE_HELPER = `def double(x):
    y = x * 2
    return y
`;

export function debugSessions(name: string, startBoard: () => Promise<BoardUnderTest>, timeoutMs = 30000): void {
  describe(`debugging on ${name}`, () => {
    let board: BoardUnderTest | undefined;
    let target: FileTarget;
    let client: DapTestClient;

    const open = async () => {
      board = await startBoard();
      target = new FileTarget({}, () => board!.connect());
      client = new DapTestClient(new DebugAdapter(target));
    };
    afterEach(async () => {
      await target?.close();
      await board?.stop();
      board = undefined;
    });

    it('stops at a breakpoint (a blank line moves to the next with code), shows locals and globals, continues to the end', async () => {
      await open();
      const dir = programFolder({ 'main.py': LOOP });
      const placed = await client.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: [{ line: 3 }, { line: 40 }] } });
      expect(placed[join(dir, 'main.py')]).toEqual([
        expect.objectContaining({ verified: true, line: 4 }),
        expect.objectContaining({ verified: false, line: 40, message: 'no code at or after line 40' }),
      ]);
      let stop = await client.stopped();
      expect(stop).toMatchObject({ reason: 'breakpoint', frame: { name: '<module>', line: 4, source: { name: 'main.py', path: join(dir, 'main.py') } } });
      const scopes = (await client.request('scopes', { frameId: stop.frame.id })).scopes;
      expect(scopes.map((s: { name: string }) => s.name)).toEqual(['Globals']);
      expect(stop.locals).toMatchObject({ i: '0', total: '0' });
      expect(await client.evaluate('total + 100', stop.frame.id)).toBe('100');
      await client.request('continue', { threadId: stop.threadId });
      stop = await client.stopped();
      expect(stop.locals).toMatchObject({ i: '1', total: '0' });
      await client.request('setBreakpoints', { source: { path: join(dir, 'main.py') }, breakpoints: [] });
      await client.request('continue', { threadId: stop.threadId });
      expect(await client.waitFor('exited')).toEqual({ exitCode: 0 });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('total 45\n');
    }, timeoutMs);

    it('stops in a module, shows the stack across files, and steps in, over and out', async () => {
      await open();
      const dir = programFolder({ 'main.py': MODULE_MAIN, 'helper.py': MODULE_HELPER });
      await client.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'helper.py')]: [{ line: 2 }] } });
      const stop = await client.stopped();
      expect(stop.frame).toMatchObject({ name: 'double', line: 2, source: { name: 'helper.py', path: join(dir, 'helper.py') } });
      expect(stop.locals).toEqual({ x: '20' });
      const stack = await client.request('stackTrace', { threadId: stop.threadId });
      expect(stack.stackFrames.map((f: { name: string; line: number }) => `${f.name}:${f.line}`)).toEqual(['double:2', 'outer:4', '<module>:7']);
      expect(stack.totalFrames).toBe(3);
      await client.request('next', { threadId: stop.threadId });
      let next = await client.stopped();
      expect(next).toMatchObject({ reason: 'step', frame: { name: 'double', line: 3 }, locals: { x: '20', y: '40' } });
      await client.request('stepOut', { threadId: next.threadId });   // the next line in the caller
      next = await client.stopped();
      expect(next).toMatchObject({ frame: { name: 'outer', line: 5 }, locals: { n: '20', r: '40' } });
      await client.request('continue', { threadId: next.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('41\n');
    }, timeoutMs);

    it('steps into a generator', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'def gen(n):\n    for k in range(n):\n        yield k * 10\n\nfor v in gen(2):\n    print(v)\n' });
      await client.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: [{ line: 5 }] } });
      let stop = await client.stopped();
      expect(stop.frame.line).toBe(5);
      await client.request('stepIn', { threadId: stop.threadId });
      stop = await client.stopped();
      expect(stop.frame).toMatchObject({ name: 'gen', line: 2 });
      expect(stop.locals).toMatchObject({ n: '2' });
      await client.request('stepIn', { threadId: stop.threadId });
      stop = await client.stopped();
      expect(stop.frame).toMatchObject({ name: 'gen', line: 3 });
      expect(stop.locals).toMatchObject({ n: '2', k: '0' });
      await client.request('continue', { threadId: stop.threadId });
      stop = await client.stopped();                  // the loop's line again, for its next item
      expect(stop).toMatchObject({ reason: 'breakpoint', frame: { line: 5 }, locals: { v: '0' } });
      await client.request('setBreakpoints', { source: { path: join(dir, 'main.py') }, breakpoints: [] });
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('0\n10\n');
    }, timeoutMs);

    it('steps into a library module and shows its text by reference', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'import bisect\nat = bisect.bisect_left([1, 3, 5], 4)\nprint(at)\n' });
      await client.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: [{ line: 2 }] } });
      let stop = await client.stopped();
      await client.request('stepIn', { threadId: stop.threadId });
      stop = await client.stopped();
      expect(stop.frame).toMatchObject({ name: 'bisect_left', source: { name: 'bisect.py', origin: 'Viper library', presentationHint: 'deemphasize' } });
      const source = await client.request('source', { source: stop.frame.source, sourceReference: stop.frame.source!.sourceReference });
      expect(source.content.split('\n')[stop.frame.line - 1]).toMatch(/\S/);
      expect(source.content).toContain('def bisect_left(a, x, lo=0, hi=None, *, key=None):');
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('2\n');
    }, timeoutMs);

    it('stops on entry', async () => {
      await open();
      const dir = programFolder({ 'main.py': '# a comment\n\nx = 1\nprint(x)\n' });
      await client.start(join(dir, 'main.py'), { stopOnEntry: true });
      const stop = await client.stopped();
      expect(stop).toMatchObject({ reason: 'entry', frame: { line: 3 } });
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('1\n');
    }, timeoutMs);

    it('evaluates a condition, a hit count and a log message at the stop', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'for i in range(10):\n    x = i * i\n    y = x\nprint("end")\n' });
      const main = join(dir, 'main.py');
      await client.start(main, { breakpoints: { [main]: [{ line: 2, condition: 'i > 6' }, { line: 3, hitCondition: '% 4' }] } });
      let stop = await client.stopped();
      expect(stop.locals).toMatchObject({ i: '3' });        // line 3, the 4th hit
      await client.request('continue', { threadId: stop.threadId });
      stop = await client.stopped();
      expect(stop.frame.line).toBe(2);
      expect(stop.locals).toMatchObject({ i: '7' });        // line 2 with i > 6
      await client.request('setBreakpoints', { source: { path: main }, breakpoints: [{ line: 3, logMessage: 'i = {i}, x = {x}, {{literal}}' }] });
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('console')).toBe('i = 7, x = 49, {literal}\ni = 8, x = 64, {literal}\ni = 9, x = 81, {literal}\n');
      expect(client.output('stdout')).toBe('end\n');
      expect(client.events.filter(e => e.event === 'stopped')).toHaveLength(2);
    }, timeoutMs);

    it('finishes a step that a breakpoint with a false condition interrupted', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'def average(values):\n    total = 0\n    for v in values:\n        total += v\n    return total / len(values)\n\nresult = average([3, 5, 10])\nprint(result)\n' });
      const main = join(dir, 'main.py');
      await client.start(main, { breakpoints: { [main]: [{ line: 4, condition: 'v == 5' }] } });
      let stop = await client.stopped();
      expect(stop.locals).toMatchObject({ v: '5', total: '3' });
      await client.request('stepOut', { threadId: stop.threadId });     // line 4 comes again (v = 10), condition false
      stop = await client.stopped();
      expect(stop).toMatchObject({ reason: 'step', frame: { name: '<module>', line: 8 }, locals: { result: '6.0' } });
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('6.0\n');
    }, timeoutMs);

    it('shows an uncaught exception as a stop with its message, then ends the program', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'def check(v):\n    if v > 2:\n        raise ValueError("too big: " + str(v))\n\nfor n in range(5):\n    check(n)\n' });
      await client.start(join(dir, 'main.py'));
      const stop = await client.stopped();
      expect(stop).toMatchObject({ reason: 'exception', text: 'ValueError: too big: 3', frame: { name: 'check', line: 3 }, locals: { v: '3' } });
      expect(await client.request('exceptionInfo', { threadId: stop.threadId }))
        .toMatchObject({ exceptionId: 'ValueError', description: 'too big: 3', breakMode: 'unhandled' });
      await client.request('continue', { threadId: stop.threadId });
      expect(await client.waitFor('exited')).toEqual({ exitCode: 1 });
      expect(client.output('stderr')).toContain('ValueError: too big: 3');
    }, timeoutMs);

    it('stops at a caught exception with the raised filter', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'try:\n    {}["k"]\nexcept KeyError:\n    print("caught")\n' });
      await client.start(join(dir, 'main.py'), { filters: ['raised'] });
      const stop = await client.stopped();
      expect(stop).toMatchObject({ reason: 'exception', text: "KeyError: 'k'", frame: { line: 2 } });
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('caught\n');
    }, timeoutMs);

    it('pages a long list and answers a watch that raises with a failed response, the program unharmed', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'items = list(range(300))\ntext = "x" * 500\nprint(len(items))\n' });
      const main = join(dir, 'main.py');
      await client.start(main, { breakpoints: { [main]: [{ line: 3 }] } });
      const stop = await client.stopped();
      const globals = await client.variables((await client.request('scopes', { frameId: stop.frame.id })).scopes[0].variablesReference);
      const items = globals.find(v => v.name === 'items')!;
      expect(items).toMatchObject({ type: 'list', indexedVariables: 300 });
      const page = await client.variables(items.variablesReference, 250, 50);
      expect(page.map(v => `${v.name}=${v.value}`)).toEqual(Array.from({ length: 50 }, (_, k) => `${250 + k}=${250 + k}`));
      expect((await client.variables(items.variablesReference)).length).toBe(300);
      const text = globals.find(v => v.name === 'text')!;
      expect(Buffer.byteLength(text.value)).toBeLessThanOrEqual(120 + 3);
      const bad = await client.raw('evaluate', { expression: 'missing + 1', frameId: stop.frame.id, context: 'watch' });
      expect(bad).toMatchObject({ success: false, message: "NameError: name 'missing' is not defined" });
      const syntax = await client.raw('evaluate', { expression: 'x = 1', frameId: stop.frame.id, context: 'repl' });
      expect(syntax.success).toBe(false);
      expect(syntax.message).toMatch(/^SyntaxError: /);
      expect(await client.evaluate('len(items)', stop.frame.id, 'hover')).toBe('300');
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('300\n');
    }, timeoutMs);

    it('waits for an expression that runs longer than the link\'s resend time', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'import time\ndef slow():\n    time.sleep(1.5)\n    return 7\nx = 1\n' });
      await client.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: [{ line: 5 }] } });
      const stop = await client.stopped();
      expect(await client.evaluate('slow() * 6', stop.frame.id, 'repl')).toBe('42');
      expect(await client.evaluate('slow', stop.frame.id, 'repl')).toBe('<function slow>');
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
    }, timeoutMs);

    it('pauses a busy loop and a sleeping program, then stops it', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'import time\nn = 0\nwhile True:\n    n += 1\n    if n % 100000 == 0:\n        time.sleep(0.2)\n' });
      await client.start(join(dir, 'main.py'));
      await new Promise(r => setTimeout(r, 300));
      await client.request('pause', { threadId: 1 });
      const stop = await client.stopped();
      expect(stop.reason).toBe('pause');
      expect(Number(stop.locals.n)).toBeGreaterThan(0);
      await client.request('disconnect', { terminateDebuggee: true });
      expect(await client.waitFor('exited')).toEqual({ exitCode: 130 });
      await client.waitFor('terminated');
      // the board is idle, without the debugger: the program runs again (stopped again by the test)
      const session = target.session!;
      const again = collectRun(session);
      await new Promise(r => setTimeout(r, 200));
      await session.stop();
      expect((await again).status).toBe('stopped');
    }, timeoutMs);

    it('shows every thread when one stops', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'import _thread, time\ndef worker():\n    time.sleep(5)\n_thread.start_new_thread(worker, ())\ntime.sleep(0.1)\nx = 1\n' });
      const main = join(dir, 'main.py');
      await client.start(main, { breakpoints: { [main]: [{ line: 6 }] } });
      const stop = await client.stopped();
      const { threads } = await client.request('threads');
      expect(threads).toHaveLength(2);
      expect(threads[0]).toEqual({ id: stop.threadId, name: 'MainThread' });
      const other = await client.request('stackTrace', { threadId: threads[1].id });
      expect(other.stackFrames[0]).toMatchObject({ name: 'worker', line: 3 });
      await client.request('disconnect', { terminateDebuggee: true });
      await client.waitFor('terminated');
    }, timeoutMs);

    it('greys out the breakpoints beyond the board\'s table and runs the program', async () => {
      await open();
      const lines = (n: number, name: string) => Array.from({ length: n }, (_, k) => `${name} = ${k}`).join('\n') + '\n';
      // 20 lines fit a board's 32 and the Virtual board's 256; 250 more fit neither
      const dir = programFolder({ 'main.py': 'import helper\n' + lines(18, 'a') + 'print("done")\n', 'helper.py': lines(250, 'b') });
      const all = (n: number) => Array.from({ length: n }, (_, k) => ({ line: k + 1 }));
      await client.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: all(20), [join(dir, 'helper.py')]: all(250) } });
      const greyed = await client.waitFor('breakpoint');
      expect(greyed).toMatchObject({ reason: 'changed', breakpoint: { verified: false, message: expect.stringMatching(/^more breakpoints than this board's debugger keeps/) } });
      expect(greyed.breakpoint.source.name).toBe('helper.py');
      const stop = await client.stopped();                 // main.py's fitted: they stop the program
      await client.request('setBreakpoints', { source: { path: join(dir, 'main.py') }, breakpoints: [] });
      await client.request('setBreakpoints', { source: { path: join(dir, 'helper.py') }, breakpoints: [] });
      await client.request('continue', { threadId: stop.threadId });
      await client.waitFor('terminated');
      expect(client.output('stdout')).toBe('done\n');
    }, timeoutMs);

    it('leaves the board usable after a client goes away while stopped', async () => {
      await open();
      const dir = programFolder({ 'main.py': 'for i in range(3):\n    print(i)\n' });
      const main = join(dir, 'main.py');
      await client.start(main, { breakpoints: { [main]: [{ line: 2 }] } });
      await client.stopped();
      const session = target.session!;
      const done = new Promise<string>(resolve => session.once('done', status => resolve(status)));
      await client.adapter.dispose();             // detach: the program goes on without the debugger
      expect(await done).toBe('ok');
      expect(await collectRun(session)).toMatchObject({ status: 'ok', output: '0\n1\n2\n' });
    }, timeoutMs);
  });
}
