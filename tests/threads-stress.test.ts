// threading and queue under load: tests/threads-stress/*.py make more than 100,000 lock and
// queue operations across several threads and print exact counts, which must be what python3
// prints. They run on the plain host VM build: the sanitizer builds (VIPER_VM) would take
// minutes over them; tests/conformance/threads_stress_counts.py is the small version they run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';

const here = (...p: string[]) => join(__dirname, ...p);
const vm = here('..', 'vm-firmware', 'build', 'posix', 'viper-vm');
const scratch = mkdtempSync(join(tmpdir(), 'viper-threads-stress-'));
const programs = readdirSync(here('threads-stress')).filter(f => f.endsWith('.py')).sort();

describe('threads under load, against CPython', () => {
  it('has programs and the host VM', () => {
    expect(programs.length).toBeGreaterThan(0);
    expect(existsSync(vm)).toBe(true);
  });

  it.each(programs)('%s', name => {
    const path = here('threads-stress', name);
    const expected = spawnSync('python3', [path], { encoding: 'utf8' });
    expect(expected.status).toBe(0);
    const { image, diagnostics } = compile(readFileSync(path, 'utf8'), name);
    expect(diagnostics).toEqual([]);
    const imagePath = join(scratch, name + '.vbc');
    writeFileSync(imagePath, image!);
    const actual = spawnSync(vm, [imagePath], { encoding: 'utf8', timeout: 60000 });
    expect(actual.stderr).toBe('');
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.status).toBe(0);
  }, 120000);
});
