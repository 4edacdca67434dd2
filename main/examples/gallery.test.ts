// The gallery over the real examples/ folder. Each example compiled for its boards and run on
// the Virtual board as its example.json's test says: tests/examples.test.ts.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openProject } from '../projects/project';
import { cloneExample, listExamples, searchExamples } from './gallery';

const EXAMPLES = resolve(__dirname, '../../examples');

describe('example gallery', () => {
  let tmp: string;
  beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'viper-gallery-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists the shipped examples with their metadata', async () => {
    const all = await listExamples(EXAMPLES);
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(all.find(e => e.id === 'hello')).toEqual({ id: 'hello', title: 'Hello', description: 'Print a greeting and a sum.', tags: ['basics'], boards: ['any'], files: ['main.py'] });
    for (const e of all) { expect(e.description).not.toBe(''); expect(e.tags.length).toBeGreaterThan(0); }
  });

  it('searches by title and tag, and filters by board', async () => {
    const all = await listExamples(EXAMPLES);
    expect(searchExamples(all, { text: 'fizz' }).map(e => e.id)).toEqual(['fizzbuzz']);
    expect(searchExamples(all, { text: 'DICTS' }).map(e => e.id)).toEqual(['word-count']);
    expect(searchExamples(all, { tag: 'functions' }).map(e => e.id).sort()).toEqual(['functions', 'temperature-table']);
    expect(searchExamples(all, { tag: 'func' })).toEqual([]);   // tags match whole
    const mixed = [...all, { id: 'due-only', title: 'Due only', description: 'd', tags: ['pins'], boards: ['arduino_due'], files: ['main.py'] }];
    expect(searchExamples(mixed, { board: 'nucleo_f401re' }).map(e => e.id)).not.toContain('due-only');
    expect(searchExamples(mixed, { board: 'arduino_due', text: 'due only' }).map(e => e.id)).toEqual(['due-only']);
  });

  it('leaves out folders without main.py or with broken metadata', async () => {
    mkdirSync(join(tmp, 'ok')); writeFileSync(join(tmp, 'ok', 'main.py'), ''); writeFileSync(join(tmp, 'ok', 'example.json'), '{"title":"Ok"}');
    mkdirSync(join(tmp, 'nomain')); writeFileSync(join(tmp, 'nomain', 'example.json'), '{"title":"X"}');
    mkdirSync(join(tmp, 'broken')); writeFileSync(join(tmp, 'broken', 'main.py'), ''); writeFileSync(join(tmp, 'broken', 'example.json'), '{');
    expect((await listExamples(tmp)).map(e => [e.id, e.boards])).toEqual([['ok', ['any']]]);
    expect(await listExamples(join(tmp, 'missing'))).toEqual([]);
  });

  it('clones an example into a new writable project, and refuses to overwrite or escape', async () => {
    const src = join(tmp, 'src');
    mkdirSync(join(src, 'ro'), { recursive: true });
    writeFileSync(join(src, 'ro', 'main.py'), 'print(1)\n');
    writeFileSync(join(src, 'ro', 'helper.py'), 'X = 1\n');
    writeFileSync(join(src, 'ro', 'example.json'), '{"title":"Read-only","tags":["t"]}');
    chmodSync(join(src, 'ro', 'main.py'), 0o444);
    const projects = join(tmp, 'projects');
    mkdirSync(projects);
    const dir = await cloneExample(src, 'ro', projects, 'My copy', 'arduino_due');
    expect(dir).toBe(join(projects, 'My copy'));
    expect(statSync(join(dir, 'main.py')).mode & 0o200).toBeTruthy();
    expect(await openProject(dir)).toMatchObject({ manifest: { name: 'My copy', board: 'arduino_due' }, files: ['main.py', 'helper.py', 'viper.json'] });
    await expect(cloneExample(src, 'ro', projects, 'My copy')).rejects.toThrow(/already exists/);
    await expect(cloneExample(src, 'ro', projects, 'a/b')).rejects.toThrow(/no \//);
    await expect(cloneExample(src, '../src', projects, 'x')).rejects.toThrow(/no example/);
    expect(existsSync(join(projects, 'x'))).toBe(false);
  });
});
