// Python threads on the Virtual board (issue 11), through the native API only: the built-in
// thread(fn, *args, prio=, size=), the PRIO_ levels, _thread and time. Each program in
// tests/threads runs on the host VM and must print exactly what is written here; then the same
// programs run on the VM built with ASan+UBSan and a collection at every allocation, and on the
// VM built with ThreadSanitizer. The last part drives a VM serving a pseudo-terminal through
// the link, as the IDE does: whole lines from several threads, STOP with 20 blocked threads,
// the REPL after a program with threads, a thread's traceback in the console.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { image, until } from '../main/link/testing/programs';
import { openSession } from '../main/devices/connect';
import { hostVmPath, startPtyBoard, type PtyBoard } from '../main/devices/virtualBoard';
import type { DeviceSession } from '../main/link/session';
import { SerialTransport } from '../main/link/serialTransport';

const root = join(__dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'viper-threads-'));

interface Case {
  heap?: string;          // --heap: emulate a small board
  input?: string;         // stdin
  stdout: string | RegExp;
  stderr?: string;        // exactly; '' when absent
}

const BAD_ARGS = [
  'ValueError 0', 'ValueError 6', 'ValueError -1', "ValueError 'high'", 'ValueError 2.5', 'started with prio None',
  "TypeError: 'int' object is not callable", "TypeError: 'str' object is not callable",
  "TypeError: 'NoneType' object is not callable", 'TypeError without a function', 'ValueError size',
  '1 2 3 4 5 5', 'set_prio ValueError', '',
].join('\n');

/** tests/threads/NAME.py and what it prints; every one exits 0, as CPython's threads do. */
const cases: Record<string, Case> = {
  // the high thread wakes from sleep in the middle of the low one's busy loop and runs at once:
  // the low loop makes no progress while the high thread is busy
  preempt: { stdout: "['low starts', 'high wakes', 'high busy, low ran meanwhile: False', 'low ends']\nTrue\n" },
  // L holds the lock H wants; M wakes meanwhile but L runs at H's priority until it releases
  inheritance: { stdout: 'L holds the lock\nH wants the lock\nL releases\nH has the lock\nH ends\nM runs\nM ends\n' },
  set_prio: { stdout: 'x starved below y: True\nx.prio is now 4\nx runs: True y frozen: True\nx frozen: True\n1 2 False False\n' },
  equal_turns: { stdout: 'the first to end saw the other progress: True\nboth took turns more than once: True\n' },
  lock_stress: { stdout: `120000 [${Array(8).fill(15000).join(', ')}] False\n` },
  exception: {
    stdout: "main goes on False\n['worker 7 starts', 'steady 0', 'steady 1', 'steady 2']\n",
    stderr: 'Exception in thread Thread-2:\nTraceback (most recent call last):\n' +
      '  File "exception.py", line 9, in worker\n  File "exception.py", line 5, in divide\n' +
      'ZeroDivisionError: integer division or modulo by zero\n',
  },
  memory_error: {
    heap: '256k',
    stdout: "['counter 250'] main alive\nmain caught MemoryError\nend 4950\n",
    stderr: 'Exception in thread Thread-2:\nTraceback (most recent call last):\n  File "memory_error.py", line 9, in hog\nMemoryError\n',
  },
  system_exit: { stdout: "['quitter', 'other ends'] False\n" },
  join_timeout: { stdout: 'False True True\nTrue False\n' },
  daemon: { stdout: 'main ends with 4 threads running\nworker ends after the daemon ticked\n' },
  bad_args: { stdout: BAD_ARGS },
  recursion: { stdout: "['None', '100', '2000', '65536', 'main']\n" },
  dead_owner: { stdout: 'acquired: False True\n' },
  too_many: { heap: '1m', stdout: 'MemoryError True True\nstarted again once they ended: True 0\n' },
  // the line is there from the start: the reader may get it before or after the first tick
  input: { input: 'Ada\n', stdout: /^(tick \d+\n)*name\? (tick \d+\n)*hello Ada\n$/ },
};
const names = Object.keys(cases);

const images = new Map<string, string>();
/** The compiled image of tests/threads/NAME.py (file name NAME.py in tracebacks). */
function imageOf(name: string): string {
  let path = images.get(name);
  if (!path) {
    const { image, diagnostics } = compile(readFileSync(join(__dirname, 'threads', `${name}.py`), 'utf8'), `${name}.py`);
    expect(diagnostics).toEqual([]);
    path = join(scratch, `${name}.vbc`);
    writeFileSync(path, image!);
    images.set(name, path);
  }
  return path;
}

function run(vm: string, name: string, env: NodeJS.ProcessEnv = {}) {
  const c = cases[name];
  return spawnSync(vm, [...(c.heap ? ['--heap', c.heap] : []), imageOf(name)],
    { encoding: 'utf8', input: c.input ?? '', timeout: 90000, env: { ...process.env, ...env } });
}

function expectCase(name: string, r: ReturnType<typeof run>) {
  const c = cases[name];
  if (typeof c.stdout === 'string') expect(r.stdout).toBe(c.stdout); else expect(r.stdout).toMatch(c.stdout);
  expect(r.stderr).toBe(c.stderr ?? '');
  expect(r.signal).toBeNull();   // never killed by the timeout: no hang
  expect(r.status).toBe(0);
}

describe('threads on the host VM', () => {
  it.each(names)('%s', name => expectCase(name, run(hostVmPath(), name)));

  it('prints a thread\'s traceback under viper run too, and exits 0', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'viper.js'), 'run', join(__dirname, 'threads', 'exception.py')],
      { encoding: 'utf8', input: '', timeout: 30000 });
    // viper run goes through the link, where stderr reaches the console as STDOUT frames: the
    // traceback comes first, on stdout, rather than on stderr as the VM alone (and CPython) print it
    expect(r.stdout).toBe(cases.exception.stderr! + cases.exception.stdout);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('keeps printing from other threads while one waits in input()', async () => {
    const child = spawn(hostVmPath(), [imageOf('input')]);
    let out = '';
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    await new Promise<void>(resolve => child.stdout.on('data', (b: Buffer) => {
      out += b;
      if (out.includes('tick 5\n')) resolve();
    }));
    child.stdin.end('Ada\n');
    expect(await exited).toBe(0);
    // six ticks at least came while the line was awaited, the prompt among them
    expect(out).toMatch(/^tick 0\n(tick \d+\n)*name\? (tick \d+\n)*hello Ada\n$/);
    const ticks = out.match(/tick (\d+)/g)!.map(t => Number(t.slice(5)));
    expect(ticks).toEqual(ticks.map((_, i) => i));
    expect(ticks.length).toBeGreaterThanOrEqual(6);
  });

  it('ends the program at once when a daemon thread waits in input() on an open terminal', async () => {
    const source = 'import _thread, time\n_thread.start(lambda: print("got", input()), (), daemon=True)\ntime.sleep(0.05)\nprint("main ends")\n';
    const path = join(scratch, 'daemon_input.vbc');
    writeFileSync(path, compile(source, 'daemon_input.py').image!);
    const child = spawn(hostVmPath(), [path], { stdio: ['pipe', 'pipe', 'inherit'] });   // stdin stays open
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b; });
    const started = Date.now();
    const code = await new Promise<number | null>(resolve => {
      const timer = setTimeout(() => { child.kill(); resolve(null); }, 5000);
      child.on('exit', c => { clearTimeout(timer); resolve(c); });
    });
    child.stdin.destroy();
    expect(code).toBe(0);
    expect(out).toBe('main ends\n');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

/** The sanitizer builds of the host VM: the make target, the binary, its environment, its reports. */
const SANITIZERS = {
  asan: { title: 'ASan+UBSan and a collection at every allocation', target: 'build/asan/viper-vm-stress',
    binary: 'build/asan/viper-vm-stress', env: {}, report: /AddressSanitizer|runtime error|LeakSanitizer/ },
  // halt_on_error: the first race ends the program with a report instead of a wrong answer later
  tsan: { title: 'ThreadSanitizer', target: 'tsan', binary: 'build/tsan/viper-vm',
    env: { TSAN_OPTIONS: `suppressions=${join(root, 'vm-firmware', 'tsan.supp')} halt_on_error=1` }, report: /ThreadSanitizer/ },
} as const;
type Sanitizer = keyof typeof SANITIZERS;

const built = new Map<Sanitizer, string | undefined>();
/**
 * A sanitizer build of the host VM, rebuilt by make when a source changed (a minute; nothing when
 * up to date). Undefined, and said why, when make fails (no C compiler): its "is built" test fails.
 */
function sanitizerVm(which: Sanitizer): string | undefined {
  if (!built.has(which)) {
    const { target, binary } = SANITIZERS[which];
    const r = spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), target], { encoding: 'utf8', timeout: 600000 });
    if (r.status !== 0) console.warn(`tests/threads: \`make ${target}\` failed: ${r.error?.message ?? r.stderr.trim()}`);
    built.set(which, r.status === 0 ? join(root, 'vm-firmware', binary) : undefined);
  }
  return built.get(which);
}

describe.each(Object.keys(SANITIZERS) as Sanitizer[])('threads on the VM built with %s', which => {
  const { env, report } = SANITIZERS[which];
  let vm: string | undefined;
  beforeAll(() => { vm = sanitizerVm(which); }, 600000);

  it('is built', () => expect(vm).toBeDefined());
  it.each(names)('%s', name => {
    const r = run(vm!, name, env);
    expect(r.stderr).not.toMatch(report);
    expectCase(name, r);
  }, 120000);
});

// ---- through the link -------------------------------------------------------------------------

function capture(session: DeviceSession): { text: () => string } {
  let out = '';
  session.on('output', (t: string) => { out += t; });
  return { text: () => out };
}


const LINES = `
def talk(k):
    for i in range(150):
        print("thread", k, "line", i, "." * (k * 7 + i % 13))

ts = [thread(talk, k, prio=PRIO_NORMAL) for k in range(4)]
for t in ts:
    t.join()
print("done")
`;

// 20 threads blocked in five kinds of call (4 each): sleep, lock, join, input, busy loops
const BLOCKED = `
import _thread, time
lock = _thread.allocate_lock()
lock.acquire()
def sleeper():
    time.sleep(1000)
def locker():
    lock.acquire()
forever = thread(sleeper)
def joiner():
    forever.join()
def reader():
    input()
def spinner():
    while True:
        pass
kinds = [sleeper, locker, joiner, reader, spinner]
ts = [thread(kinds[i % 5], prio=PRIO_LOWEST if i % 2 else PRIO_NORMAL) for i in range(19)]
print("started", _thread._count())
forever.join()
`;

const RAISES = `
import time
def fails():
    time.sleep(0.01)
    raise ValueError("boom in a thread")
t = thread(fails)
t.join()
print("main goes on")
`;

// on the plain host VM, then on each sanitizer build (a report in its stderr fails the test)
describe.each(['plain', ...Object.keys(SANITIZERS)] as ('plain' | Sanitizer)[])('threads through the link (viper-vm --pty), %s', which => {
  let board: PtyBoard | undefined;
  let session: DeviceSession | undefined;
  let stderr = '';
  let vm: string | undefined;
  beforeAll(() => { vm = which === 'plain' ? hostVmPath() : sanitizerVm(which); }, 600000);
  beforeEach(async () => {
    const saved = process.env.VIPER_VM;
    process.env.VIPER_VM = vm;   // startPtyBoard runs hostVmPath()
    try {
      board = await startPtyBoard({ env: which === 'plain' ? {} : SANITIZERS[which].env });
    } finally {
      if (saved === undefined) delete process.env.VIPER_VM; else process.env.VIPER_VM = saved;
    }
    stderr = '';
    board.child.stderr!.on('data', (b: Buffer) => { stderr += b; });
    session = (await openSession(await SerialTransport.open(board.path), { timeoutMs: 1000 })).session;
  }, 30000);
  afterEach(async () => {
    await session?.close(); await board?.stop(); session = undefined; board = undefined;
    if (which !== 'plain') expect(stderr).not.toMatch(SANITIZERS[which].report);
  });

  it('delivers the output of several threads as whole lines', async () => {
    const out = capture(session!);
    await session!.upload(image(LINES));
    expect(await session!.runToEnd()).toBe('ok');
    const lines = out.text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.pop()).toBe('done');
    for (const line of lines) expect(line).toMatch(/^thread [0-3] line \d+ \.*$/);
    for (let k = 0; k < 4; k++) {
      const mine = lines.filter(l => l.startsWith(`thread ${k} `));
      expect(mine).toEqual(Array.from({ length: 150 }, (_, i) => `thread ${k} line ${i} ${'.'.repeat(k * 7 + i % 13)}`));
    }
  });

  it('stops a program with 20 threads blocked in sleep, lock, join, input and busy loops, then runs again', async () => {
    const out = capture(session!);
    await session!.upload(image(BLOCKED));
    const done = session!.runToEnd();
    await until(() => out.text().includes('started 20\n'));
    await new Promise(r => setTimeout(r, 100));   // every thread reaches its call
    const asked = Date.now();
    await session!.stop();
    expect(await done).toBe('stopped');
    const took = Date.now() - asked;
    console.log(`STOP with 20 threads blocked (${which} VM): ended in ${took} ms`);
    expect(took).toBeLessThan(1000);
    // the VM is whole: another program runs, threads and all
    const after = capture(session!);
    await session!.upload(image('r = []\nt = thread(r.append, 42)\nt.join()\nprint(r, 1 + 1)\n'));
    expect(await session!.runToEnd()).toBe('ok');
    expect(after.text()).toBe('[42] 2\n');
    expect((await session!.status()).state).toBe('idle');
  });

  it('runs REPL entries after a program with threads, threads included', async () => {
    const out = capture(session!);
    await session!.upload(image(LINES));
    expect(await session!.runToEnd()).toBe('ok');
    const before = out.text().length;
    expect(await session!.exec(image('6 * 7', 'single'))).toBe('ok');
    expect(await session!.exec(image('t = thread(print, "hi from a thread")', 'single'))).toBe('ok');
    expect(await session!.exec(image('t.join()', 'single'))).toBe('ok');
    expect(out.text().slice(before)).toBe('42\nhi from a thread\nTrue\n');
  });

  it('is idle after a program whose daemon thread was cut off in input(), and input() works again', async () => {
    const out = capture(session!);
    await session!.upload(image('import _thread, time\n_thread.start(input, ("daemon? ",), daemon=True)\ntime.sleep(0.05)\nprint("end")\n'));
    expect(await session!.runToEnd()).toBe('ok');
    expect(out.text()).toBe('daemon? end\n');
    expect((await session!.status()).state).toBe('idle');
    await session!.upload(image('print("hi", input("name? "))\n'));
    const done = session!.runToEnd();
    await until(() => out.text().endsWith('name? '));
    await session!.sendInput('Ada\n');
    expect(await done).toBe('ok');
    expect(out.text()).toBe('daemon? end\nname? hi Ada\n');
  });

  it("shows a thread's exception in the console, and the program goes on", async () => {
    const out = capture(session!);
    await session!.upload(image(RAISES));
    expect(await session!.runToEnd()).toBe('ok');
    expect(out.text()).toBe('Exception in thread Thread-1:\nTraceback (most recent call last):\n' +
      '  File "main.py", line 5, in fails\nValueError: boom in a thread\nmain goes on\n');
  });
});
