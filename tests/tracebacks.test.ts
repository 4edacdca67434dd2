// Tracebacks are judged against CPython too: for every program in tests/tracebacks, the whole of
// stderr must be what python3 prints, less the source lines CPython quotes (a board has no
// source) — on the host VM, and through the link as `viper run` prints it from EXCEPTION frames.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { hostVmPath } from '../main/devices/virtualBoard';

const folder = join(__dirname, 'tracebacks');
const programs = readdirSync(folder).filter(f => f.endsWith('.py')).sort();
const scratch = mkdtempSync(join(tmpdir(), 'viper-tracebacks-'));
const viper = join(__dirname, '..', 'bin', 'viper.js');

/** CPython's stderr as a board would print it: file names as given, no quoted source lines. */
function cpythonStderr(name: string): { stdout: string; stderr: string } {
  const r = spawnSync('python3', [join(folder, name)], { encoding: 'utf8' });
  const stderr = r.stderr.split('\n').filter(line => !line.startsWith('    ')).join('\n').split(`${folder}/`).join('');
  return { stdout: r.stdout, stderr };
}

describe('tracebacks match CPython', () => {
  it('has programs', () => expect(programs.length).toBeGreaterThan(0));

  it.each(programs)('%s on the host VM', name => {
    const expected = cpythonStderr(name);
    const { image, diagnostics } = compile(readFileSync(join(folder, name), 'utf8'), name);
    expect(diagnostics).toEqual([]);
    const imagePath = join(scratch, name + '.vbc');
    writeFileSync(imagePath, image!);
    const actual = spawnSync(hostVmPath(), [imagePath], { encoding: 'utf8', timeout: 20000 });
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.stderr).toBe(expected.stderr);
  });

  it.each(programs)('%s through the link (viper run)', name => {
    const expected = cpythonStderr(name);
    const actual = spawnSync(process.execPath, [viper, 'run', name], { encoding: 'utf8', cwd: folder, timeout: 20000 });
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.status).toBe(1);
  });
});
