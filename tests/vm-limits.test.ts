// Programs that CPython cannot be asked to run for comparison (it would use all the host's
// memory) must still end cleanly on the VM: a full heap is a MemoryError the program can catch,
// deep recursion a RecursionError; neither crashes the VM.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { hostVmPath } from '../main/devices/virtualBoard';

const scratch = mkdtempSync(join(tmpdir(), 'viper-limits-'));

function run(source: string) {
  const { image, diagnostics } = compile(source, 'main.py');
  expect(diagnostics).toEqual([]);
  const path = join(scratch, `p${Math.random().toString(36).slice(2)}.vbc`);
  writeFileSync(path, image!);
  return spawnSync(hostVmPath(), [path], { encoding: 'utf8', timeout: 20000 });
}

describe('VM limits', () => {
  it('raises a catchable MemoryError when the heap is full, then goes on', () => {
    const r = run('items = []\ntry:\n    while True:\n        items.append([0] * 1000)\nexcept MemoryError:\n    n = len(items)\n    items = None\n    print("caught", n > 10)\nprint("alive", [1, 2] * 2)\n');
    expect(r.stdout).toBe('caught True\nalive [1, 2, 1, 2]\n');
    expect(r.status).toBe(0);
  });

  it('ends the program with MemoryError when nothing catches it', () => {
    const r = run('s = "x"\nwhile True:\n    s = s + s\n');
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('MemoryError');
  });

  it('raises RecursionError for deep recursion, also through methods and generators', () => {
    const r = run([
      'def down(n):\n    return down(n + 1)\n',
      'class A:\n    def m(self):\n        return self.m()\n',
      'def g():\n    yield from g()\n',
      'for f in [lambda: down(0), lambda: A().m(), lambda: list(g())]:\n    try:\n        f()\n    except RecursionError:\n        print("recursion stopped")\n',
      'print("alive")\n',
    ].join(''));
    expect(r.stdout).toBe('recursion stopped\nrecursion stopped\nrecursion stopped\nalive\n');
    expect(r.status).toBe(0);
  });
});
