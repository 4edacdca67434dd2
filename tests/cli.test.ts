// `viper run` and `viper compile` as scripts call them: real compiler, real host VM, real link.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(__dirname, '..', 'bin', 'viper.js');
const dir = mkdtempSync(join(tmpdir(), 'viper-cli-'));

function viper(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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

  it('reports a compile error as file:line:col and exits 2 without running', () => {
    const r = viper('run', file('bad.py', 'print("ran")\nx = (1 +\n'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\.py:2:5: error: /);
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
});
