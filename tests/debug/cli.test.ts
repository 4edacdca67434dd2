// `viper dap` as an editor runs it (a child process, DAP on its stdio) and `viper debug` as a
// script drives it (commands on stdin), both on the Virtual board.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import { DapReader, encodeDapMessage } from '../../main/debug/dapStream';
import { startPtyBoard } from '../../main/devices/virtualBoard';
import { programFolder } from './client';

const bin = join(__dirname, '..', '..', 'bin', 'viper.js');

const AVERAGE = `def average(values):
    total = 0
    for v in values:
        total += v
    return total / len(values)

result = average([3, 5, 10])
print(result)
`;

function viper(input: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return viperIn(undefined, input, ...args);
}

function viperIn(cwd: string | undefined, input: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [bin, ...args], { cwd });
    let stdout = '', stderr = '';
    child.stdout.on('data', b => { stdout += b; });
    child.stderr.on('data', b => { stderr += b; });
    child.stdin.end(input);
    child.on('exit', code => resolve({ code, stdout, stderr }));
  });
}

/** A DAP client of a `viper dap` child process. */
class DapProcess {
  readonly messages: DP.ProtocolMessage[] = [];
  readonly child: ChildProcessWithoutNullStreams;
  stderr = '';
  private seq = 1;
  private waiters: Array<() => void> = [];

  constructor(...args: string[]) {
    this.child = spawn(process.execPath, [bin, 'dap', ...args]);
    const reader = new DapReader(m => { this.messages.push(m as DP.ProtocolMessage); this.waiters.forEach(w => w()); }, why => { this.stderr += why; });
    this.child.stdout.on('data', (b: Buffer) => reader.push(b));
    this.child.stderr.on('data', b => { this.stderr += b; });
  }

  async request(command: string, args?: object): Promise<DP.Response> {
    const seq = this.seq++;
    this.child.stdin.write(encodeDapMessage({ seq, type: 'request', command, arguments: args } as DP.Request));
    return this.next(m => m.type === 'response' && (m as DP.Response).request_seq === seq) as Promise<DP.Response>;
  }

  event(name: string): Promise<DP.Event> { return this.next(m => m.type === 'event' && (m as DP.Event).event === name) as Promise<DP.Event>; }

  private next(match: (m: DP.ProtocolMessage) => boolean, ms = 20000): Promise<DP.ProtocolMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(match);
        if (!found) return false;
        this.messages.splice(this.messages.indexOf(found), 1);
        this.waiters = this.waiters.filter(w => w !== waiter);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const waiter = () => { check(); };
      const timer = setTimeout(() => reject(new Error(`timed out; stderr: ${this.stderr}`)), ms);
      if (!check()) this.waiters.push(waiter);
    });
  }

  exited(): Promise<number | null> { return new Promise(resolve => this.child.once('exit', code => resolve(code))); }
}

describe('viper dap', () => {
  it('serves a whole session on stdio and exits after disconnect', async () => {
    const dir = programFolder({ 'avg.py': AVERAGE });
    const dap = new DapProcess();
    const exited = dap.exited();
    expect((await dap.request('initialize', { adapterID: 'viper' })).body).toMatchObject({ supportsLogPoints: true });
    expect((await dap.request('launch', { program: join(dir, 'avg.py') })).success).toBe(true);
    await dap.event('initialized');
    const placed = await dap.request('setBreakpoints', { source: { path: join(dir, 'avg.py') }, breakpoints: [{ line: 4, condition: 'v == 5' }] });
    expect(placed.body).toMatchObject({ breakpoints: [{ verified: true, line: 4 }] });
    await dap.request('configurationDone');
    const stopped = await dap.event('stopped');
    const frames = (await dap.request('stackTrace', { threadId: stopped.body.threadId })).body.stackFrames;
    expect(frames[0]).toMatchObject({ name: 'average', line: 4, source: { path: join(dir, 'avg.py') } });
    expect((await dap.request('evaluate', { expression: 'total', frameId: frames[0].id, context: 'hover' })).body.result).toBe('3');
    await dap.request('continue', { threadId: stopped.body.threadId });
    const output = await dap.event('output');
    expect(output.body).toMatchObject({ category: 'stdout', output: '6.0\n' });
    expect((await dap.event('exited')).body).toEqual({ exitCode: 0 });
    await dap.event('terminated');
    expect((await dap.request('disconnect', {})).success).toBe(true);
    expect(await exited).toBe(0);
  }, 30000);

  it('debugs the board on --port (the Virtual board on a pty, opened as a serial port)', async () => {
    const board = await startPtyBoard();
    try {
      const dir = programFolder({ 'avg.py': AVERAGE });
      const dap = new DapProcess('--port', board.path);
      const exited = dap.exited();
      await dap.request('initialize', { adapterID: 'viper' });
      expect((await dap.request('launch', { program: join(dir, 'avg.py'), stopOnEntry: true })).success).toBe(true);
      await dap.event('initialized');
      await dap.request('configurationDone');
      expect((await dap.event('stopped')).body).toMatchObject({ reason: 'entry' });
      expect((await dap.request('disconnect', { terminateDebuggee: true })).success).toBe(true);
      expect(await exited).toBe(0);
    } finally {
      await board.stop();
    }
  }, 30000);

  it('answers a launch that does not compile with the error, and a malformed message on stderr', async () => {
    const dir = programFolder({ 'bad.py': 'x = (1,\n' });
    const dap = new DapProcess();
    const exited = dap.exited();
    dap.child.stdin.write('Content-Length: 5\r\n\r\n{oops');
    await dap.request('initialize', { adapterID: 'viper' });
    const launch = await dap.request('launch', { program: join(dir, 'bad.py') });
    expect(launch.success).toBe(false);
    expect(launch.message).toMatch(new RegExp(`^${join(dir, 'bad.py')}:1:5: `));
    dap.child.stdin.end();
    expect(await exited).toBe(0);
    expect(dap.stderr).toContain('viper dap: a message that is not JSON: "{oops"');
  }, 30000);
});

describe('viper debug', () => {
  it('runs a scripted session: breakpoint with a condition, print, return, continue', async () => {
    const dir = programFolder({ 'avg.py': AVERAGE });
    const r = await viper('b 4 if v == 5\nc\np total, v\nbt\nr\np result\nc\n', 'debug', join(dir, 'avg.py'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      '> avg.py(1)<module>()', '-> def average(values):',
      'Breakpoint 1 at avg.py:4 if v == 5',
      '> avg.py(4)average()', '-> total += v',
      '(3, 5)',
      '  avg.py(7)<module>()', '> avg.py(4)average()',
      '> avg.py(8)<module>()', '-> print(result)',
      '6.0',
      '6.0', 'The program exited (code 0).', '',
    ].join('\n'));
    expect(r.code).toBe(0);
  }, 30000);

  it('takes the program by its bare name in its own folder, and breakpoints in its modules', async () => {
    const dir = programFolder({ 'main.py': 'from helper import scale\nprint(scale(4))\n', 'helper.py': 'def scale(x):\n    y = x * 2\n    return y + 1\n' });
    const r = await viperIn(dir, 'b 2\nb helper.py:3\nc\nc\np y\nc\n', 'debug', 'main.py');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      '> main.py(1)<module>()', '-> from helper import scale',
      'Breakpoint 1 at main.py:2', 'Breakpoint 2 at helper.py:3',
      '> main.py(2)<module>()', '-> print(scale(4))',
      '> helper.py(3)scale()', '-> return y + 1',
      '8',
      '9', 'The program exited (code 0).', '',
    ].join('\n'));
  }, 30000);

  it('says what is wrong with a bad command or breakpoint and goes on; q stops the program', async () => {
    const dir = programFolder({ 'loop.py': 'n = 0\nwhile True:\n    n += 1\n' });
    const r = await viper('b 99\nb x\nfly\nn\np n\np n +\nl\nq\n', 'debug', join(dir, 'loop.py'));
    expect(r.stdout).toContain('*** no code at or after line 99\n');
    expect(r.stdout).toContain('usage: b LINE, b FILE:LINE, b LINE if COND\n');
    expect(r.stdout).toContain('*** unknown command "fly"\n');
    expect(r.stdout).toContain('> loop.py(2)<module>()\n-> while True:\n0\n*** SyntaxError: ');
    expect(r.stdout).toContain('   1    n = 0\n   2 -> while True:\n   3        n += 1\n');
    expect(r.code).toBe(130);
  }, 30000);

  it('pauses the running program on Ctrl-C', async () => {
    const dir = programFolder({ 'spin.py': 'n = 0\nwhile True:\n    n += 1\n' });
    const child = spawn(process.execPath, [bin, 'debug', join(dir, 'spin.py')]);
    let stdout = '';
    child.stdout.on('data', b => { stdout += b; });
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    const until = async (text: string) => { while (!stdout.includes(text)) await new Promise(r => setTimeout(r, 20)); };
    await until('-> n = 0\n');
    child.stdin.write('c\n');
    await new Promise(r => setTimeout(r, 300));
    child.kill('SIGINT');
    await until('> spin.py(');
    child.stdin.write('p n > 0\nq\n');
    expect(await exited).toBe(130);
    expect(stdout).toMatch(/> spin\.py\([23]\)<module>\(\)\n-> .+\nTrue\n/);
  }, 30000);

  it('shows where an uncaught exception stopped the program, then its traceback', async () => {
    const dir = programFolder({ 'boom.py': 'def f(n):\n    return 10 // n\n\nf(0)\n' });
    const r = await viper('c\np n\nc\n', 'debug', join(dir, 'boom.py'));
    expect(r.stdout).toContain('Exception: ZeroDivisionError: integer division or modulo by zero\n> boom.py(2)f()\n-> return 10 // n\n0\n');
    expect(r.stderr).toContain('ZeroDivisionError: integer division or modulo by zero');
    expect(r.code).toBe(1);
  }, 30000);

  it('refuses a program that does not compile, with its place', async () => {
    const dir = programFolder({ 'bad.py': 'def f(:\n' });
    const r = await viper('', 'debug', join(dir, 'bad.py'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${join(dir, 'bad.py')}:1:\\d+: error: `));
  }, 30000);
});
