// The example runner's checks (checks.ts) and metadata rules (contract.ts) on made-up runs:
// each check passes what it should and fails what it should.
import { exampleProblems, virtualPinIndex, type ExampleTest } from './contract';
import { runFailures, toggles } from './checks';
import { boardInputOf, type RunRecord } from './runOnVirtualBoard';
import { usesMismatches } from './uses';

const LED = virtualPinIndex('LED'), LED2 = virtualPinIndex('LED2');
const run = (over: Partial<RunRecord>): RunRecord =>
  ({ status: 'ok', endedAtMs: 1000, output: '', exceptions: [], states: [], uartOut: {}, vmStderr: '', ...over });
/** An LED toggled `n` times over the run, one BOARD_STATE per level. */
const blinking = (n: number) => Array.from({ length: n + 1 }, (_, i) => ({ atMs: i * 10, pins: [{ pin: LED, mode: 'output' as const, value: i % 2 }] }));

describe('runFailures', () => {
  it('wants the exact stdout of a program that ends, and no exception', () => {
    expect(runFailures({ stdout: 'a\n' }, run({ output: 'a\n' }))).toEqual([]);
    expect(runFailures({ stdout: 'a\n' }, run({ output: 'a' }))).toHaveLength(1);
    expect(runFailures({ stdout: 'a\n' }, run({ output: 'a\n', exceptions: [{ type: 'ValueError', message: 'x', frames: [] }] })))
      .toEqual(['uncaught exception: ValueError: x']);
    expect(runFailures({ stdout: '' }, run({ status: 'timeout' }))[0]).toMatch(/did not end within 20 s/);
  });

  it('wants a program with runMs stopped, not ended', () => {
    const test: ExampleTest = { runMs: 1000, contains: ['x'] };
    expect(runFailures(test, run({ status: 'stopped', output: 'x' }))).toEqual([]);
    expect(runFailures(test, run({ status: 'ok', output: 'x', endedAtMs: 300 }))).toEqual(['ended by itself after 300 ms: runMs is for programs that loop forever']);
    expect(runFailures(test, run({ status: 'stopped', output: 'y' }))).toEqual(['output lacks "x"']);
  });

  it('matches lines in order; fewer lines fail, more are fine', () => {
    const test: ExampleTest = { lines: ['^on$', '^off$'] };
    expect(runFailures(test, run({ output: 'on\noff\non\n' }))).toEqual([]);
    expect(runFailures(test, run({ output: 'on\n' }))).toEqual(['line 2 missing (wanted /^off$/); the output has 1 lines']);
    expect(runFailures(test, run({ output: 'off\non\n' }))).toHaveLength(2);
  });

  it('counts plotted lines and holds their values to the range', () => {
    const test: ExampleTest = { plot: { min: 0, max: 3.3, atLeast: 2 } };
    expect(runFailures(test, run({ output: 'start\n1.5\nvolts: 2.0\n' }))).toEqual([]);
    expect(runFailures(test, run({ output: 'start\n1.5\n' }))).toEqual(['the plotter would draw 1 lines, fewer than 2']);
    expect(runFailures(test, run({ output: '1.5\n4.0\n' }))).toEqual(['plotted values outside [0, 3.3]: 4']);
  });

  it('measures toggles a second from BOARD_STATE', () => {
    expect(toggles(run({ states: blinking(4) }), LED)).toBe(4);
    const test: ExampleTest = { pins: { LED: { togglesPerSecond: [3, 5] } } };
    expect(runFailures(test, run({ states: blinking(4) }))).toEqual([]);
    expect(runFailures(test, run({ states: blinking(8) }))).toEqual(['LED toggled 8.00 times a second, not within [3, 5]']);
    expect(runFailures(test, run({ states: [] }))).toHaveLength(1);
  });

  it('wants the PWM duty to span the range', () => {
    const states = [0, 30000, 65535].map((value, i) => ({ atMs: i, pins: [{ pin: LED2, mode: 'pwm' as const, value }] }));
    expect(runFailures({ pwm: { LED2: { minDuty: 0, maxDuty: 65535 } } }, run({ states }))).toEqual([]);
    expect(runFailures({ pwm: { LED2: { minDuty: 0, maxDuty: 65535 } } }, run({ states: states.slice(0, 2) })))
      .toEqual(["LED2's duty_u16 spanned 0..30000, not 0..65535"]);
    expect(runFailures({ pwm: { LED2: { minDuty: 0, maxDuty: 100 } } }, run({}))).toEqual(['LED2 was never driven by PWM']);
  });

  it('finds each text in what a UART sent', () => {
    expect(runFailures({ uartOut: { 1: ['> ', 'hi'] } }, run({ uartOut: { 1: '> hi\r\n' } }))).toEqual([]);
    expect(runFailures({ uartOut: { 1: ['bye'] } }, run({ uartOut: { 1: '> hi' } }))).toEqual(['UART 1 never sent "bye" (it sent "> hi")']);
  });
});

describe('exampleProblems', () => {
  const good = {
    title: 'Blink', description: 'The LED on and off.', tags: ['pins'], level: 'beginner', boards: ['any'], uses: ['pin'],
    wiring: '', virtual: true, expect: 'The LED blinks.', test: { runMs: 1000, pins: { LED: { togglesPerSecond: [1, 3] } } },
  };
  it('accepts a complete example', () => expect(exampleProblems(good, ['main.py'])).toEqual([]));
  it('names each problem', () => {
    expect(exampleProblems({ ...good, level: 'expert' }, ['main.py'])).toEqual(['level must be one of beginner, intermediate, advanced']);
    expect(exampleProblems({ ...good, uses: ['gpio'] }, ['main.py'])).toEqual(['uses: "gpio" is not one of pin adc pwm uart i2c spi timer threads']);
    expect(exampleProblems({ ...good, test: undefined }, ['main.py'])).toEqual(['a test is needed (virtual is true)']);
    expect(exampleProblems({ ...good, test: undefined, virtual: false }, ['main.py'])).toEqual([]);
    expect(exampleProblems({ ...good, expect: ' ' }, ['main.py'])).toEqual(['expect must say what a person sees']);
    expect(exampleProblems({ ...good, boards: ['nosuch'] }, ['main.py'])).toEqual(['boards: no board "nosuch" in boards/', 'virtual is true but boards has neither "any" nor "virtual"']);
    expect(exampleProblems(good, ['app.py'])).toEqual(['no main.py']);
    expect(exampleProblems({ ...good, test: { runMs: 1000, inputs: [{ atMs: 0, pin: 'NOPE', level: 1 }], contains: ['x'] } }, ['main.py']))
      .toEqual(['test: inputs[0]: no pin "NOPE" on the Virtual board']);
    expect(exampleProblems({ ...good, test: { runMs: 1000 } }, ['main.py'])).toEqual(['test: checks nothing: give stdout, lines, contains, plot, pins, pwm or uartOut']);
  });
  it('takes a sensor that is connected or not, nothing else', () => {
    const withSensor = (sensor: unknown) => ({ ...good, test: { runMs: 1000, inputs: [{ atMs: 0, sensor }], contains: ['x'] } });
    expect(exampleProblems(withSensor({ temperature: 20, humidity: 40 }), ['main.py'])).toEqual([]);
    expect(exampleProblems(withSensor({ temperature: 20, humidity: 40, connected: false }), ['main.py'])).toEqual([]);
    const wrong = ['test: inputs[0]: sensor must be { temperature, humidity, connected? } (humidity 0..100, connected true/false)'];
    expect(exampleProblems(withSensor({ temperature: 20, humidity: 40, connected: 0 }), ['main.py'])).toEqual(wrong);
    expect(exampleProblems(withSensor({ temperature: 20, humidity: 40, unplugged: true }), ['main.py'])).toEqual(wrong);
    expect(exampleProblems(withSensor({ temperature: 20, humidity: 140 }), ['main.py'])).toEqual(wrong);
  });
});

describe('usesMismatches', () => {
  it('reads the machine classes, board buses and thread modules a program uses', () => {
    const files = { 'main.py': 'from machine import Pin, PWM\nimport board, _thread\n# a Timer would be nice\nled = PWM(Pin(board.LED2))\nu = board.UART()\n' };
    expect(usesMismatches(['pin', 'pwm', 'uart', 'threads'], files)).toEqual([]);
    expect(usesMismatches(['pin', 'timer'], files)).toEqual([
      'uses lacks "pwm": the program uses PWM', 'uses lacks "uart": the program uses UART',
      'uses lacks "threads": the program uses a thread module', 'uses lists "timer" but the program does not use it',
    ]);
    expect(usesMismatches([], { 'main.py': '# Pin(3) in a comment\nimport threadless\n' })).toEqual([]);
    expect(usesMismatches([], { 'main.py': 'def spin(): pass\nthread(spin, prio=PRIO_LOWEST)\n' })).toEqual(['uses lacks "threads": the program uses thread()']);
    expect(usesMismatches([], { 'main.py': 'import queue\n' })).toEqual(['uses lacks "threads": the program uses a thread module']);
    expect(usesMismatches([], { 'main.py': 'worker.thread(1)\nmy_thread(2)\n' })).toEqual([]);
  });
});

describe('boardInputOf', () => {
  it("turns a test's inputs into BOARD_INPUT with the Virtual board's pin numbers", () => {
    expect(boardInputOf({ atMs: 0, pin: 'BUTTON', level: 1 })).toEqual({ kind: 'pin', pin: virtualPinIndex('D2'), level: 1 });
    expect(boardInputOf({ atMs: 0, analog: 'KNOB', value: 40000 })).toEqual({ kind: 'analog', pin: virtualPinIndex('A0'), value: 40000 });
    expect(boardInputOf({ atMs: 0, sensor: { temperature: 21.5, humidity: 40 } })).toEqual({ kind: 'sensor', temperature: 21.5, humidity: 40 });
    expect(boardInputOf({ atMs: 0, uart: 1, text: 'hé\n' })).toEqual({ kind: 'uart', bus: 1, bytes: new Uint8Array([0x68, 0xc3, 0xa9, 0x0a]) });
  });
});
