// The gallery over the real examples/ folder and the fixtures in tests/gallery/: metadata checked
// field by field, search, and the filter by what a board can run. Running the examples is
// tests/examples.test.ts's work.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openProject } from '../projects/project';
import { checkExampleMeta } from '../common/exampleMeta';
import { cloneExample, listExamples, queryExamples, readExamples, searchExamples } from './gallery';

const EXAMPLES = resolve(__dirname, '../../examples');
const FIXTURES = resolve(__dirname, '../../tests/gallery');
const VALID = { title: 'T', description: 'd', tags: ['t'], level: 'beginner', boards: ['any'], uses: [], wiring: '', virtual: true, expect: 'e' };

describe('example gallery', () => {
  let tmp: string;
  beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'viper-gallery-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists the shipped examples with their metadata, and leaves none out', async () => {
    const { examples, rejected } = await readExamples(EXAMPLES);
    expect(rejected).toEqual([]);   // an example with bad metadata is named here with its problem
    expect(examples.length).toBeGreaterThanOrEqual(9);
    expect(examples.find(e => e.id === 'hello')).toEqual({
      id: 'hello', title: 'Hello', description: 'Print a greeting and a sum.', tags: ['basics'], level: 'beginner', boards: ['any'],
      uses: [], wiring: '', virtual: true, expect: expect.stringMatching(/^The console prints/), files: ['main.py'],
    });   // and not its `test`, which is tests/examples.test.ts's
    expect(examples.find(e => e.id === 'shapes-module')?.files).toEqual(['main.py', 'shapes.py']);
  });

  it('leaves out folders with bad metadata or no main.py, and says why', async () => {
    const { examples, rejected } = await readExamples(FIXTURES);
    expect(examples.map(e => e.id)).toEqual(['due-buzzer', 'i2c-scan', 'knob-volts', 'led-blink', 'led-fade', 'unique-words']);
    expect(rejected).toEqual([
      { id: 'bad-level', problem: '"level" must be one of beginner, intermediate, advanced' },
      { id: 'bad-uses', problem: '"uses" must be a list of pin, adc, pwm, uart, i2c, spi, timer, threads ([] for pure Python)' },
      { id: 'broken-json', problem: expect.stringMatching(/^example.json is not JSON/) },
      { id: 'no-expect', problem: '"expect" must say what a person sees when it runs' },
      { id: 'no-main', problem: 'no main.py' },
    ]);
    expect(await listExamples(join(tmp, 'missing'))).toEqual([]);
  });

  it.each([
    ['a missing title', { ...VALID, title: undefined }, /"title"/],
    ['a two-line description', { ...VALID, description: 'one\ntwo' }, /"description" must be one line/],
    ['no tags', { ...VALID, tags: [] }, /"tags"/],
    ['an empty boards list', { ...VALID, boards: [] }, /"boards"/],
    ['a use listed twice', { ...VALID, uses: ['pin', 'pin'] }, /twice/],
    ['uses as a string', { ...VALID, uses: 'pin' }, /"uses"/],
    ['no wiring', { ...VALID, wiring: undefined }, /"wiring"/],
    ['virtual as a string', { ...VALID, virtual: 'yes' }, /"virtual"/],
    ['a blank expect', { ...VALID, expect: '  ' }, /"expect"/],
    ['an array', [], /not an object/],
  ])('refuses metadata with %s', (_what, raw, problem) => {
    const checked = checkExampleMeta(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
  });

  it('keeps every field of good metadata, and nothing else', () => {
    expect(checkExampleMeta({ ...VALID, uses: ['pin', 'threads'], test: { runMs: 1 } })).toEqual({ ok: true, meta: { ...VALID, uses: ['pin', 'threads'] } });
  });

  it('searches by title and tag', async () => {
    const all = await listExamples(EXAMPLES);
    expect(searchExamples(all, { text: 'fizz' }).map(e => e.id)).toEqual(['fizzbuzz']);
    expect(searchExamples(all, { text: 'DICTS' }).map(e => e.id)).toContain('word-count');
    expect(searchExamples(all, { tag: 'functions' }).map(e => e.id)).toEqual(expect.arrayContaining(['functions', 'temperature-table']));
    expect(searchExamples(all, { tag: 'func' })).toEqual([]);   // tags match whole
  });

  // What each board of boards/ can run among the fixtures, and why not the rest.
  const fit = async (board: string) => Object.fromEntries((await queryExamples(FIXTURES, { board, all: true })).map(e => [e.id, e.cannotRun ?? 'runs']));

  it('the Virtual board runs what is written for any board and runs as written there', async () => {
    expect(await fit('virtual')).toEqual({
      'due-buzzer': ['written for Arduino Due', 'needs a real board with a buzzer between D5 and GND'],
      'i2c-scan': 'runs', 'knob-volts': 'runs', 'led-blink': 'runs', 'led-fade': 'runs', 'unique-words': 'runs',
    });
    expect((await queryExamples(FIXTURES, { board: 'virtual' })).map(e => e.id)).toEqual(['i2c-scan', 'knob-volts', 'led-blink', 'led-fade', 'unique-words']);
    expect((await queryExamples(FIXTURES, { board: 'virtual', all: true })).map(e => e.id)).toEqual(['i2c-scan', 'knob-volts', 'led-blink', 'led-fade', 'unique-words', 'due-buzzer']);   // greyed last
  });

  it('a board without PWM or I2C, or without the pins an example names, cannot run it', async () => {
    expect(await fit('arduino_due')).toEqual({
      'due-buzzer': 'runs',
      'i2c-scan': ['Arduino Due has no I2C bus'],
      'knob-volts': ['pin KNOB not on arduino_due (main.py line 5)'],
      'led-blink': 'runs',
      'led-fade': ['Arduino Due has no PWM pins', 'pin LED2 not on arduino_due (main.py line 5)'],
      'unique-words': 'runs',
    });
    expect((await fit('qemu_netduinoplus2'))['led-blink']).toEqual(['pin LED not on qemu_netduinoplus2 (main.py line 6)']);
    expect((await fit('stm32f4_discovery'))['led-fade']).toBe('runs');
  });

  it('a board whose VM lacks a feature the files use cannot run them (levelErrors)', async () => {
    const f072 = await fit('nucleo_f072rb');
    expect(f072['unique-words']).toEqual(['sets are not available on ST Nucleo-F072RB (minimal VM) (main.py lines 1, 3)']);   // one reason, each line
    expect(f072['led-blink']).toBe('runs');
    expect((await fit('nucleo_f401re'))['unique-words']).toBe('runs');   // the same chip family at full
  });

  it('searches before it filters, and refuses a board Viper does not know', async () => {
    expect((await queryExamples(FIXTURES, { text: 'led', board: 'arduino_due' })).map(e => e.id)).toEqual(['led-blink']);
    expect((await queryExamples(FIXTURES, { text: 'led' })).map(e => [e.id, e.cannotRun])).toEqual([['led-blink', undefined], ['led-fade', undefined]]);
    await expect(queryExamples(FIXTURES, { board: 'toaster' })).rejects.toThrow('Viper knows no board "toaster"');
  });

  it('clones an example into a new writable project, and refuses to overwrite or escape', async () => {
    const src = join(tmp, 'src');
    mkdirSync(join(src, 'ro'), { recursive: true });
    writeFileSync(join(src, 'ro', 'main.py'), 'print(1)\n');
    writeFileSync(join(src, 'ro', 'helper.py'), 'X = 1\n');
    writeFileSync(join(src, 'ro', 'example.json'), JSON.stringify({ ...VALID, title: 'Read-only' }));
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
