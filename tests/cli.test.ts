// `viper run` and `viper compile` as scripts call them: real compiler, real host VM, real link.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(__dirname, '..', 'bin', 'viper.js');
const dir = mkdtempSync(join(tmpdir(), 'viper-cli-'));

function viper(...args: string[]) {
  return viperWithInput('', ...args);
}

function viperWithInput(input: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, timeout: 20000, input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The Virtual board on a pty (`viper-vm --pty`), as a board on a serial port. */
async function ptyBoard(...args: string[]): Promise<{ path: string; child: ChildProcess; stop(): void }> {
  const vm = join(__dirname, '..', 'vm-firmware', 'build', 'posix', 'viper-vm');
  const child = spawn(vm, ['--pty', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const path = await new Promise<string>(resolve => {
    let text = '';
    child.stdout!.on('data', (b: Buffer) => { text += b; if (text.includes('\n')) resolve(text.split('\n')[0]); });
  });
  return { path, child, stop: () => child.kill() };
}

/** spawnSync would block the pty board's event loop in this process: spawn instead. */
function viperAsync(input: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir });
    let stdout = '', stderr = '';
    child.stdout.on('data', b => { stdout += b; });
    child.stderr.on('data', b => { stderr += b; });
    child.stdin.end(input);
    child.on('exit', code => resolve({ code, stdout, stderr }));
  });
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('viper run', () => {
  it('prints the program output and exits 0', () => {
    const r = viper('run', file('hello.py', 'print("hello", 1 + 2)\n'));
    expect(r).toEqual({ code: 0, stdout: 'hello 3\n', stderr: '' });
  });

  it('prints a traceback to stderr and exits 1 on an uncaught exception', () => {
    const r = viper('run', file('boom.py', 'def f(x):\n    return 10 // x\n\nprint("before")\nf(0)\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('before\n');
    expect(r.stderr).toBe('Traceback (most recent call last):\n' +
      '  File "boom.py", line 5, in <module>\n' +
      '  File "boom.py", line 2, in f\n' +
      'ZeroDivisionError: integer division or modulo by zero\n');
  });

  it('puts the sibling modules the program imports into the image', () => {
    file('cli_helper.py', 'from cli_inner import twice\n\ndef greet(n):\n    return "hi " + str(twice(n))\n');
    file('cli_inner.py', 'def twice(n):\n    return 2 * n\n');
    const r = viper('run', file('cli_main.py', 'import cli_helper\nimport math\nprint(cli_helper.greet(21), math.floor(2.5))\n'));
    expect(r).toEqual({ code: 0, stdout: 'hi 42 2\n', stderr: '' });
  });

  it('reports a compile error as file:line:col and exits 2 without running', () => {
    const r = viper('run', file('bad.py', 'print("ran")\nx = (1 +\n'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\.py:2:5: error: /);
  });

  it('starts no build when nothing changed: it runs without make on the PATH', () => {
    viper('run', 'hello.py');   // brings the VM and the bundle up to date first
    const r = spawnSync(process.execPath, [bin, 'run', 'hello.py'], { encoding: 'utf8', cwd: dir, timeout: 20000, env: { ...process.env, PATH: '' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello 3\n');
    expect(r.status).toBe(0);
  });

  it('exits 2 with usage for an unknown command or a missing file', () => {
    expect(viper('frobnicate').code).toBe(2);
    const missing = viper('run', 'nope.py');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\.py: ENOENT/);
  });
});

describe('viper compile', () => {
  it('writes an image that starts with the magic and disassembles', () => {
    const r = viper('compile', file('c.py', 'x = 40\nprint(x + 2)\n'), '-o', 'c.vbc');
    expect(r.code).toBe(0);
    const image = readFileSync(join(dir, 'c.vbc'));
    expect(image.subarray(0, 4).toString('latin1')).toBe('VIPR');
    const dump = viper('disasm', 'c.vbc');
    expect(dump.code).toBe(0);
    expect(dump.stdout).toMatch(/LOAD_NAME/);
  });

  it('stops quietly when the reader of its output goes away (disasm | head -1)', () => {
    viper('compile', file('big.py', 'import threading\n'), '-o', 'big.vbc');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" disasm big.vbc | head -1`], { encoding: 'utf8', cwd: dir, timeout: 20000 });
    expect(r.stdout).toMatch(/^image: \d+ bytes/);
    expect(r.stderr).toBe('');
  });
});

describe('viper with a board on a serial port', () => {
  jest.setTimeout(30000);

  it('run --port uploads, runs, streams output and exits like the Virtual board', async () => {
    const board = await ptyBoard();
    try {
      const ok = await viperAsync('', 'run', file('p.py', 'for i in range(3):\n    print("line", i)\n'), '--port', board.path);
      expect(ok).toEqual({ code: 0, stdout: 'line 0\nline 1\nline 2\n', stderr: '' });
      const boom = await viperAsync('', 'run', file('e.py', 'print("a")\nprint(int("bad"))\n'), '--port', board.path);
      expect(boom.code).toBe(1);
      expect(boom.stdout).toBe('a\n');
      expect(boom.stderr).toBe('Traceback (most recent call last):\n  File "e.py", line 2, in <module>\nValueError: invalid literal for int() with base 10: \'bad\'\n');
      const asks = await viperAsync('Grace\n', 'run', file('i.py', 'n = input("who? ")\nprint("hello", n)\n'), '--port', board.path);
      expect(asks).toEqual({ code: 0, stdout: 'who? hello Grace\n', stderr: '' });
    } finally { board.stop(); }
  });

  it('upload --port stores without running; the board keeps it across restarts', async () => {
    const store = join(dir, 'cli.store');
    let board = await ptyBoard('--store-file', store);
    try {
      const r = await viperAsync('', 'upload', file('u.py', 'print("stored")\n'), '--port', board.path, '--boot');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^stored \d+ bytes on .* \(runs at boot\)\n$/);
      board.stop();
      board = await ptyBoard('--store-file', store);
      const ports = await viperAsync('', 'ports', '--port', board.path);
      expect(ports.code).toBe(0);
      expect(ports.stdout).toContain(`${board.path}\t\tViper VM 0.1.0 on board "virtual" (chip host), protocol 2`);
      expect(ports.stdout).toContain('a program stored (runs at boot)');
    } finally { board.stop(); }
  });

  it('Ctrl-C stops the program on the board and exits 130', async () => {
    const board = await ptyBoard();
    try {
      const child = spawn(process.execPath, [bin, 'run', file('loop.py', 'print("go")\nwhile True:\n    pass\n'), '--port', board.path], { cwd: dir });
      let stdout = '', stderr = '';
      child.stderr.on('data', b => { stderr += b; });
      await new Promise<void>(resolve => child.stdout.on('data', b => { stdout += b; if (stdout.includes('go')) resolve(); }));
      const code = new Promise<number | null>(resolve => child.on('exit', c => resolve(c)));
      child.kill('SIGINT');
      expect(await code).toBe(130);
      expect(stderr).toBe('KeyboardInterrupt\n');
    } finally { board.stop(); }
  });

  it('exits 3 with a plain message when the port cannot be opened', () => {
    const r = viper('run', file('x.py', 'print(1)\n'), '--port', '/dev/nonexistent-board');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot open \/dev\/nonexistent-board/);
  });
});

describe('viper repl', () => {
  it('runs entries in one namespace and echoes values, on the Virtual board', () => {
    const r = viperWithInput('x = 6\nx * 7\ndef sq(n):\n    return n * n\n\nsq(x)\n"text"\nprint("out")\n', 'repl');
    expect(r.stdout.replace(/(>>> |\.\.\. )/g, '')).toBe("42\n36\n'text'\nout\n");
    expect(r.code).toBe(0);
  });

  it('reports errors and goes on', () => {
    const r = viperWithInput('1 / 0\nx = (\n1 +\n)\n2 + 2\n', 'repl');
    expect(r.stderr).toMatch(/ZeroDivisionError/);
    expect(r.stdout.replace(/(>>> |\.\.\. )/g, '')).toBe('4\n');
  });

  it('works on a board on a serial port', async () => {
    const board = await ptyBoard();
    try {
      const r = await viperAsync('y = 5\ny + 1\n', 'repl', '--port', board.path);
      expect(r.stdout.replace(/(>>> |\.\.\. )/g, '')).toBe('6\n');
    } finally { board.stop(); }
  });
});
