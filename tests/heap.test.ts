// The Virtual board's heap: it grows on demand up to 64 MB, so a program a desktop user writes
// (a 20,000-entry dict) runs under `viper run`; `--heap SIZE` emulates a board's RAM, and at that
// cap MemoryError is raised cleanly, catchable, with the VM going on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { hostVmPath, parseHeapSize } from '../main/devices/virtualBoard';

const bin = join(__dirname, '..', 'bin', 'viper.js');
const dir = mkdtempSync(join(tmpdir(), 'viper-heap-'));

const inventory = [
  'stock = {}',
  'for i in range(20000):',
  '    stock["part-%05d" % i] = {"qty": i % 97, "bin": (i // 100, i % 100)}',
  'total = sum(item["qty"] for item in stock.values())',
  'print(len(stock), total, stock["part-19999"])',
  '',
].join('\n');

function viper(args: string[], source: string) {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, source);
  return spawnSync(process.execPath, [bin, 'run', file, ...args], { encoding: 'utf8', cwd: dir, timeout: 60000 });
}

function vm(args: string[], source: string) {
  const { image, diagnostics } = compile(source, 'main.py');
  expect(diagnostics).toEqual([]);
  const path = join(dir, `p${Math.random().toString(36).slice(2)}.vbc`);
  writeFileSync(path, image!);
  return spawnSync(hostVmPath(), [...args, path], { encoding: 'utf8', timeout: 60000 });
}

describe('the Virtual board heap', () => {
  it('runs a 20,000-entry dict under viper run', () => {
    const r = viper([], inventory);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe("20000 959289 {'qty': 17, 'bin': (199, 99)}\n");
    expect(r.status).toBe(0);
  });

  it('raises a catchable MemoryError for the same program with --heap 64k, and goes on', () => {
    const guarded = 'try:\n' + inventory.split('\n').map(l => '    ' + l).join('\n') +
      '\nexcept MemoryError:\n    stock = None\n    print("does not fit in 64k")\nprint("still running", sum(range(10)))\n';
    const r = viper(['--heap', '64k'], guarded);
    expect(r.stdout).toBe('does not fit in 64k\nstill running 45\n');
    expect(r.status).toBe(0);
    const uncaught = viper(['--heap', '64k'], inventory);
    expect(uncaught.status).toBe(1);
    expect(uncaught.stderr.trimEnd().split('\n').pop()).toBe('MemoryError');
  });

  it('grows to the cap it is given and no further', () => {
    // blocks of 64 KB until MemoryError: about cap / 64 KB of them fit (a fixed heap of the
    // same size fits 29, 117 and 941: growing costs at most a few blocks to fragmentation)
    const program = 'blocks = []\ntry:\n    while True:\n        blocks.append(bytearray(65536))\nexcept MemoryError:\n    n = len(blocks)\n    blocks = None\n    print(n)\n';
    const count = (heap: string) => Number(vm(['--heap', heap], program).stdout);
    expect(count('2m')).toBeGreaterThanOrEqual(25);
    expect(count('2m')).toBeLessThanOrEqual(32);
    expect(count('8m')).toBeGreaterThanOrEqual(110);
    expect(count('8m')).toBeLessThanOrEqual(128);
    const whole = count('64m');
    expect(whole).toBeGreaterThanOrEqual(900);
    expect(whole).toBeLessThanOrEqual(1024);
    expect(Number(vm([], program).stdout)).toBe(whole);   // the default is 64 MB
  });

  it('takes sizes as 96k, 2m, or bytes, and refuses others', () => {
    expect(parseHeapSize('96k')).toBe(96 * 1024);
    expect(parseHeapSize('2M')).toBe(2 * 1024 * 1024);
    expect(parseHeapSize('65536')).toBe(65536);
    expect(parseHeapSize('1k')).toBeUndefined();
    expect(parseHeapSize('16k')).toBeUndefined();                // below what the host VM starts in
    expect(parseHeapSize('24k')).toBe(24 * 1024);               // the smallest board's heap (28 KB) fits
    expect(parseHeapSize('lots')).toBeUndefined();
    expect(vm(['--heap', '96k'], 'print("ok")\n').stdout).toBe('ok\n');
    const bad = vm(['--heap', '12q'], 'print("ok")\n');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--heap needs a size');
    const cli = viper(['--heap', 'huge'], 'print("ok")\n');
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('--heap needs a size');
  });
});
