// Every Python block in the docs (docs/*.md, and the README) compiles; a block followed by the
// output it prints (a ```text block right after it, or marked ```python run) runs on the host VM
// — the Virtual board's VM — and must print exactly that, and so must python3 where the block is
// plain Python (no machine, board or Viper's own thread built-ins). Blocks marked
// ```python fragment stand for pieces of a program and are left out; they must stay rare.
// tests/docs/codeBlocks.ts says how blocks are marked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compile, disassemble, formatDiagnostic } from '../compiler/src/index';
import { hostVmPath } from '../main/devices/virtualBoard';
import { pythonBlocks, type PythonBlock } from './docs/codeBlocks';

const root = join(__dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'viper-docs-code-'));
const docs = [
  ...readdirSync(join(root, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`),
  'README.md',
];
const blocks: PythonBlock[] = docs.flatMap(doc => pythonBlocks(doc, readFileSync(join(root, doc), 'utf8')));
const named = (kind: PythonBlock['kind']) => blocks.filter(b => b.kind === kind).map(b => [`${b.doc}:${b.line}`, b] as const);

function compiled(block: PythonBlock): Uint8Array {
  const { image, diagnostics } = compile(block.source, 'main.py');
  const errors = diagnostics.filter(d => d.severity === 'error');
  if (!image || errors.length) {
    throw new Error(`${block.doc}:${block.line} does not compile:\n${errors.map(d => formatDiagnostic(d)).join('\n')}`);
  }
  return image;
}

/** Uses what only Viper has: the hardware modules or the thread() built-in and its PRIO_ levels. */
const viperOnly = (source: string) =>
  /^\s*(import|from)\s+(machine|board)\b/m.test(source) || /\bPRIO_[A-Z]+\b/.test(source) || /(^|[^.\w])thread\(/m.test(source);

test('the docs hold Python blocks, some of them run, and few are fragments', () => {
  expect(named('compile').length + named('run').length).toBeGreaterThanOrEqual(6);
  expect(named('run').length).toBeGreaterThanOrEqual(3);
  expect(named('fragment').length * 5).toBeLessThanOrEqual(blocks.length);
});

describe('every Python block in the docs compiles', () => {
  it.each([...named('compile'), ...named('run')])('%s', (_name, block) => {
    expect(compiled(block).length).toBeGreaterThan(0);
  });
});

describe('a block shown with its output prints exactly that on the Virtual board', () => {
  it.each(named('run'))('%s', (name, block) => {
    const imagePath = join(scratch, name.replace(/[^a-z0-9]+/gi, '-') + '.vbc');
    writeFileSync(imagePath, compiled(block));
    const run = spawnSync(hostVmPath(), [imagePath], { encoding: 'utf8', timeout: 20_000 });
    // The console shows stdout and then, for a program that stops with an exception, its traceback.
    expect(run.stdout + run.stderr).toBe(block.output);
    expect(run.status).toBe(/^Traceback \(most recent call last\):$/m.test(block.output!) ? 1 : 0);
  });

  const plain = named('run').filter(([, b]) => !viperOnly(b.source));
  it.each(plain)('%s prints the same under python3', (name, block) => {
    const sourcePath = join(scratch, name.replace(/[^a-z0-9]+/gi, '-') + '.py');
    writeFileSync(sourcePath, block.source);
    const run = spawnSync('python3', [sourcePath], { encoding: 'utf8', timeout: 20_000 });
    // A traceback is compared on the VM only: CPython's quotes the source lines, Viper's cannot.
    expect(run.stdout).toBe(block.output!.split(/^Traceback \(most recent call last\):$/m)[0]);
  });
});

test("architecture.md's disassembly is what the compiler makes of its example now", () => {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const example = pythonBlocks('docs/architecture.md', doc).find(b => b.source.startsWith('def area(r):'));
  const listing = /```text\n(image: [\s\S]*?)```/.exec(doc);
  expect(example && listing).toBeTruthy();
  const { image } = compile(example!.source, 'area.py');
  expect(listing![1]).toBe(disassemble(image!));
});

test('every picture a doc shows is there, and getting-started.md\'s are taken by its journey', () => {
  const shown = docs.flatMap(doc => [...readFileSync(join(root, doc), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+\.png)\)/g)]
    .map(m => join(root, dirname(doc), m[1])));
  expect(shown.filter(path => !existsSync(path))).toEqual([]);
  const journey = readFileSync(join(root, 'tests', 'e2e', 'getting-started.test.ts'), 'utf8');
  const taken = [...journey.matchAll(/picture\('([a-z-]+)'\)/g)].map(m => `images/getting-started-${m[1]}.png`).sort();
  const gettingStarted = [...readFileSync(join(root, 'docs', 'getting-started.md'), 'utf8').matchAll(/\]\((images\/[^)]+)\)/g)].map(m => m[1]).sort();
  expect(gettingStarted).toEqual(taken);
});

describe('how blocks are marked', () => {
  test('what counts as Viper-only', () => {
    expect(viperOnly('from machine import Pin\n')).toBe(true);
    expect(viperOnly('import board\n')).toBe(true);
    expect(viperOnly('thread(work, prio=PRIO_HIGHEST)\n')).toBe(true);
    expect(viperOnly('import threading\nthreading.Thread(target=f).start()\n')).toBe(false);
    expect(viperOnly('print("machine")\n')).toBe(false);
  });

  const md = [
    'Intro.', '```python', 'print(1)', '```', '', '```text', '1', '```',
    '```python', 'x = 2', '```', 'Some words.', '```text', 'not its output', '```',
    '```python fragment', '    return x', '```',
    '```sh', 'npm test', '```',
  ].join('\n');

  test('output right after a block makes it run; words between do not; fragments are kept apart', () => {
    expect(pythonBlocks('d.md', md)).toEqual([
      { doc: 'd.md', line: 2, kind: 'run', source: 'print(1)\n', output: '1\n' },
      { doc: 'd.md', line: 9, kind: 'compile', source: 'x = 2\n' },
      { doc: 'd.md', line: 16, kind: 'fragment', source: '    return x\n' },
    ]);
  });

  test('"python run" without output, an unknown marking and an open block are refused', () => {
    expect(() => pythonBlocks('d.md', '```python run\nprint(1)\n```\n')).toThrow('d.md:1: a "python run" block needs');
    expect(() => pythonBlocks('d.md', '```python maybe\nprint(1)\n```\n')).toThrow('unknown marking "python maybe"');
    expect(() => pythonBlocks('d.md', '```python\nprint(1)\n')).toThrow('never closed');
  });

  test('a block that does not compile is reported with its place', () => {
    expect(() => compiled({ doc: 'd.md', line: 7, kind: 'compile', source: 'print(1 +)\n' })).toThrow(/^d\.md:7 does not compile:\nmain\.py:1:/);
  });
});
