// The host VM built at the minimal level (make -C vm-firmware host-minimal, config.h VIPER_LEVEL 0):
// what minimal has runs as on the full VM; what it lacks raises a clear error and the program
// goes on (no crash). The compiler's own refusals (board known) are in compiler/tests/levels.test.ts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const bin = join(root, 'bin', 'viper.js');
const minimalVm = join(root, 'vm-firmware', 'build', 'posix-minimal', 'viper-vm');
const standardVm = join(root, 'vm-firmware', 'build', 'posix-standard', 'viper-vm');

function run(file: string, vm?: string) {
  const env = { ...process.env };
  if (vm) env.VIPER_VM = vm; else delete env.VIPER_VM;
  const r = spawnSync(process.execPath, [bin, 'run', join(root, 'tests', 'levels', file)], { encoding: 'utf8', env, timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  const m = spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), 'host', 'host-minimal', 'host-standard'], { encoding: 'utf8' });
  if (m.status !== 0) throw new Error(m.stderr);
}, 600_000);

test('minimal runs what it has exactly as the full VM does', () => {
  const full = run('minimal-has.py');
  const minimal = run('minimal-has.py', minimalVm);
  expect(full.code).toBe(0);
  expect(minimal.code).toBe(0);
  expect(minimal.out).toBe(full.out);
  expect(minimal.out).toContain('1    ab 3.14 a');
});

test('minimal refuses what it lacks with clear errors and keeps running', () => {
  const r = run('minimal-lacks.py', minimalVm);
  expect(r.code).toBe(0);
  const lines = r.out.trim().split('\n');
  expect(lines).toEqual([
    "OverflowError: int too large (this VM's minimal level has no big ints)",
    'NotImplementedError: sets are not available in this VM (minimal level)',
    'NotImplementedError: sets are not available in this VM (minimal level)',
    'NotImplementedError: sets are not available in this VM (minimal level)',
    'NotImplementedError: bytes are not available in this VM (minimal level)',
    'NotImplementedError: bytes are not available in this VM (minimal level)',
    'NotImplementedError: bytes (str.encode) are not available in this VM (minimal level)',
    'NotImplementedError: memoryview is not available in this VM (minimal level)',
    "OverflowError: int too large (this VM's minimal level has no big ints)",
    "OverflowError: int too large (this VM's minimal level has no big ints)",
    "OverflowError: int too large (this VM's minimal level has no big ints)",
    '2.500 1234.6 1.234568e+04',
    'still running',
  ]);
});

test('standard has big ints, sets and bytes, not memoryview', () => {
  const r = run('minimal-lacks.py', standardVm);
  expect(r.code).toBe(0);
  expect(r.out).toContain('44601490397061246283071436545296723011960832');
  expect(r.out).toContain('{0, 1, 2}');
  expect(r.out).toContain("bytearray(b'\\x00\\x00')");
  expect(r.out).toContain('NotImplementedError: memoryview is not available in this VM (standard level)');
  expect(r.out).toContain('2.500 1234.6 1.234568e+04');
});

test('the full VM runs the same program with big ints, sets and bytes', () => {
  const r = run('minimal-lacks.py');
  expect(r.code).toBe(0);
  expect(r.out).toContain('44601490397061246283071436545296723011960832');
  expect(r.out).toContain("b'\\x00\\x00\\x00'");
  expect(r.out).toContain('{0, 1, 2}');
});

describe('viper run --board: the board\'s level at compile time', () => {
  const { BOARDS } = require('../compiler/src/hardware/boards') as typeof import('../compiler/src/hardware/boards');
  const small = BOARDS.find(b => b.firmware?.level === 'minimal');
  const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30000 });

  test('an unknown board is a usage error', () => {
    const r = cli('run', join(root, 'tests', 'levels', 'minimal-has.py'), '--board', 'no_such_board');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown board no_such_board');
  });

  test('a full board runs what minimal lacks', () => {
    const r = cli('run', join(root, 'tests', 'levels', 'minimal-lacks.py'), '--board', 'nucleo_f401re');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('{0, 1, 2}');
  });

  (small ? test : test.skip)(`a minimal board refuses sets before running (${small?.id ?? 'no minimal board yet'})`, () => {
    const r = cli('run', join(root, 'tests', 'levels', 'minimal-lacks.py'), '--board', small!.id);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/minimal-lacks\.py:13:\d+: .*sets are not available on .* \(minimal VM\)/);
  });

  test('a program bigger than the board keeps is refused before running, saying what is big and the limit', () => {
    const program = join(root, 'tests', 'levels', 'threads-and-queue.py');
    const f072 = cli('run', program, '--board', 'nucleo_f072rb');
    expect(f072.status).toBe(2);
    expect(f072.stdout).toBe('');
    expect(f072.stderr).toMatch(/threads-and-queue\.py:1:1: error: the program is too big for the ST Nucleo-F072RB: compiled it takes \d+ bytes \(the library modules threading, queue and heapq add 2\d KB of it, your own code \d+ bytes\), and the board keeps programs of up to 16352 bytes \(16 KB\)/);
    const f401 = cli('run', program, '--board', 'nucleo_f401re');   // 48 KB slots: it fits (and runs on the Virtual board)
    expect(f401.stderr).toBe('');
    expect(f401.stdout).toBe('queued [0, 1, 4]\n');
  });
});
