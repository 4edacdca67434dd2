// Floats against CPython, on many random doubles and decimal strings: repr is the shortest
// string that reads back (and reads back), float(str) rounds to nearest, ties to even, and the
// %-formats and format specs round as CPython's do. tests/float/gen.py writes the cases (edge
// cases first: subnormals, powers of two, 2**53 +- 1, exact halfway points, inf, nan, -0.0);
// tests/float/check.py runs on python3 and on the host VM over the same cases, and the two
// outputs must be equal byte for byte.
// VIPER_FLOAT_CASES sets how many (100,000 by default; the full run is 1,000,000):
//   VIPER_FLOAT_CASES=1000000 node node_modules/jest/bin/jest.js tests/float-repr.test.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { hostVmPath } from '../main/devices/virtualBoard';

const here = (...p: string[]) => join(__dirname, ...p);
const cases = Number(process.env.VIPER_FLOAT_CASES ?? 100000);
const seed = Number(process.env.VIPER_FLOAT_SEED ?? 10);
const scratch = mkdtempSync(join(tmpdir(), 'viper-float-'));

/** The case texts, as check.py sees them (long texts come in "c" pieces). */
function caseTexts(input: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of input.split('\n')) {
    if (line.startsWith('c ')) { pending += line.slice(2); continue; }
    out.push(pending ? line.slice(0, 2) + pending + line.slice(2) : line);
    pending = '';
  }
  return out;
}

describe('floats against CPython', () => {
  it(`agree on ${cases} random and edge cases`, () => {
    const gen = spawnSync('python3', [here('float', 'gen.py'), String(cases), String(seed)], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(gen.status).toBe(0);
    const inputPath = join(scratch, 'cases.txt');
    writeFileSync(inputPath, gen.stdout);
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { input: readFileSync(inputPath), encoding: 'utf8', maxBuffer: 1 << 30, timeout: 300000 });
    const expected = run('python3', [here('float', 'check.py')]);
    expect(expected.status).toBe(0);
    const { image, diagnostics } = compile(readFileSync(here('float', 'check.py'), 'utf8'), 'check.py');
    expect(diagnostics).toEqual([]);
    const imagePath = join(scratch, 'check.vbc');
    writeFileSync(imagePath, image!);
    const actual = run(hostVmPath(), [imagePath]);
    expect(actual.stderr).toBe('');
    expect(actual.status).toBe(0);
    const want = expected.stdout.split('\n'), got = actual.stdout.split('\n');
    expect(want[want.length - 2]).toMatch(/^cases \d+$/);
    expect(Number(want[want.length - 2].slice(6))).toBeGreaterThanOrEqual(cases);
    // The first few differences, each with its case, rather than one huge string diff.
    const texts = caseTexts(gen.stdout);
    const diffs: string[] = [];
    for (let i = 0; i < Math.max(want.length, got.length) && diffs.length < 10; i++)
      if (want[i] !== got[i]) diffs.push(`case ${texts[i]}\n  python3: ${want[i]}\n  viper:   ${got[i]}`);
    expect(diffs).toEqual([]);
  }, 300000);
});
