// The language is judged against CPython: every program in tests/conformance must print, on the
// host VM, exactly what python3 prints. Programs in tests/compile-errors must be refused with
// the line and column written in their first line: "# error: LINE:COL text in the message".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, compileProject } from '../compiler/src/index';
import { hostVmPath } from '../main/devices/virtualBoard';

const here = (...p: string[]) => join(__dirname, ...p);
const scratch = mkdtempSync(join(tmpdir(), 'viper-conformance-'));
const programs = readdirSync(here('conformance')).filter(f => f.endsWith('.py')).sort();
const refused = readdirSync(here('compile-errors')).filter(f => f.endsWith('.py')).sort();

/** The exception line of a traceback ("KeyError: 'missing'"), or "" when nothing was printed. */
const lastLine = (text: string) => text.trimEnd().split('\n').pop() ?? '';

function cpython(path: string) {
  const r = spawnSync('python3', [path], { encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0' } });
  return { stdout: r.stdout, code: r.status, error: lastLine(r.stderr) };
}

let cachedSources: Record<string, string> | undefined;
function sources(): Record<string, string> {
  cachedSources ??= Object.fromEntries(programs.map(p => [p, readFileSync(here('conformance', p), 'utf8')]));
  return cachedSources;
}

describe('conformance with CPython', () => {
  it('has programs', () => expect(programs.length).toBeGreaterThan(0));

  it.each(programs)('%s', name => {
    const path = here('conformance', name);
    const expected = cpython(path);
    // The program's sibling files are the project: `import helper` finds helper.py beside it.
    const { image, diagnostics } = compileProject(sources(), name);
    expect(diagnostics).toEqual([]);
    const imagePath = join(scratch, name + '.vbc');
    writeFileSync(imagePath, image!);
    const actual = spawnSync(hostVmPath(), [imagePath], { encoding: 'utf8', timeout: 20000 });
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.status).toBe(expected.code);
    expect(lastLine(actual.stderr)).toBe(expected.error);
  });
});

describe('programs the compiler must refuse', () => {
  it.each(refused)('%s', name => {
    const source = readFileSync(here('compile-errors', name), 'utf8');
    const m = /^# error: (\d+):(\d+) (.*)$/m.exec(source.split('\n')[0]);
    if (!m) throw new Error(`${name}: first line must be "# error: LINE:COL message"`);
    const { image, diagnostics } = compile(source, name);
    expect(image).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ line: Number(m[1]), column: Number(m[2]), severity: 'error' });
    expect(diagnostics[0].message).toContain(m[3]);
  });
});
