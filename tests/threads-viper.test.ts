// What Viper's threading adds to CPython's: priorities, and call depth bounded by the thread's
// own stack. CPython has neither, so each program's output is written beside it (NAME.out).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { hostVmPath } from '../main/devices/virtualBoard';

const here = (...p: string[]) => join(__dirname, ...p);
const scratch = mkdtempSync(join(tmpdir(), 'viper-threads-viper-'));
const programs = readdirSync(here('threads-viper')).filter(f => f.endsWith('.py')).sort();

describe("Viper's own thread features through threading", () => {
  it('has programs', () => expect(programs.length).toBeGreaterThan(0));

  it.each(programs)('%s', name => {
    const path = here('threads-viper', name);
    const { image, diagnostics } = compile(readFileSync(path, 'utf8'), name);
    expect(diagnostics).toEqual([]);
    const imagePath = join(scratch, name + '.vbc');
    writeFileSync(imagePath, image!);
    const actual = spawnSync(hostVmPath(), [imagePath], { encoding: 'utf8', timeout: 20000 });
    expect(actual.stderr).toBe('');
    expect(actual.stdout).toBe(readFileSync(path.replace(/\.py$/, '.out'), 'utf8'));
    expect(actual.status).toBe(0);
  });
});
