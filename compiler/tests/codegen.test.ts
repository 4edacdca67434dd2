// Compiled programs, run on a tiny test interpreter, must print what CPython prints.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../src/index';
import { run } from './miniVm';

const python = (source: string) => spawnSync('python3', ['-c', source], { encoding: 'utf8' });

function same(source: string): void {
  const { image, diagnostics } = compile(source, 'main.py');
  expect(diagnostics).toEqual([]);
  const expected = python(source);
  const actual = run(image!);
  expect(actual.stdout).toBe(expected.stdout);
  expect(actual.error ?? '').toBe(expected.status === 0 ? '' : expected.stderr.trim().split('\n').pop());
}

describe('codegen runs like CPython', () => {
  const dir = join(__dirname, '../../tests/conformance');
  const programs = ['arith_ints.py', 'compare_bool.py', 'control_flow.py', 'functions_basic.py', 'lists_dicts.py']
    .filter(f => readdirSync(dir).includes(f));
  it.each(programs)('conformance program %s', name => same(readFileSync(join(dir, name), 'utf8')));

  it.each([
    ['chained comparison evaluates the middle once', 'def m(x):\n    print("m", x)\n    return x\nprint(1 < m(2) < 3, 3 < m(2) < 1, 1 < m(2) < m(3) < 4)\n'],
    ['boolean operators short-circuit', 'def t(x):\n    print("t", x)\n    return x\nprint(t(0) and t(1), t(1) and t(2), t(0) or t(3), t(4) or t(5))\n'],
    ['augmented assignment to items and attributes evaluates the target once', 'xs = [1, 2]\nk = 0\ndef key():\n    global k\n    k += 1\n    return 1\nxs[key()] += 10\nprint(xs, k)\nd = {"a": 1}\nd["a"] *= 7\nprint(d)\n'],
    ['return from inside nested for loops', 'def find(rows, x):\n    for r in rows:\n        for v in r:\n            if v == x:\n                return (r, v)\n    return None\nprint(find([[1, 2], [3, 4]], 3), find([[1]], 9))\n'],
    ['break and continue in nested loops', 'for i in range(4):\n    for j in range(4):\n        if j == 2:\n            break\n        if j == 0:\n            continue\n        print(i, j)\n    else:\n        print("no")\n'],
    ['chained assignment assigns left to right', 'a = b = [1]\nb[0] = 2\nprint(a is b, a)\nc = d = e = 5\nprint(c, d, e)\n'],
    ['locals, globals and UnboundLocalError', 'x = 1\ndef f():\n    print(x)\n    x = 2\nf()\n'],
    ['del of names', 'x = 1\ndel x\nprint(x)\n'],
    ['big ints and floats', 'print(2 ** 100, -9223372036854775808, 9223372036854775807 + 1, 1.5e300 * 10, -0.0)\n'],
    ['while else with break', 'i = 0\nwhile i < 5:\n    i += 1\n    if i == 3:\n        break\nelse:\n    print("no")\nprint(i)\n'],
  ])('%s', (_, source) => same(source));
});
