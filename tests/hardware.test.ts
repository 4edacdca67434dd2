// The machine and board modules on the Virtual board (issue 12). Each program in tests/hardware
// runs on the host VM without the IDE and must print exactly what is written here; then again on
// the VM built with ASan+UBSan and a collection at every allocation, and with ThreadSanitizer
// (the same on each build, also through the link). The second part drives a VM
// serving a pseudo-terminal through the link, as the IDE does: a button pressed through
// BOARD_INPUT runs the program's handler, a knob changes what ADC.read_u16() returns, PWM duty
// and pin levels arrive in BOARD_STATE (at most ~60 a second, the last state never lost), and
// the board's signal generator makes 10,000 edges, none lost beyond the counted overflow.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { image, until } from '../main/link/testing/programs';
import { openSession } from '../main/devices/connect';
import { hostVmPath, startPtyBoard, type PtyBoard } from '../main/devices/virtualBoard';
import { LINK_ERRORS } from '../main/link/protocol';
import { LinkError, type DeviceSession, type PinState } from '../main/link/session';
import { SerialTransport } from '../main/link/serialTransport';
import virtual from '../boards/virtual.json';
import { renderBoard } from '../scripts/contracts/renderBoards';

const root = join(__dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'viper-hardware-'));
const pinOf = (name: string) => virtual.pins.findIndex(p => p.name === name);

const EXPECTED: Record<string, { stdout: string; stderr?: string }> = {
  pin: {
    stdout: [
      "Pin('D13', mode=Pin.OUT) D13 0", '1 1', '0', '1', '0', '1', '0',
      "Pin('D2', mode=Pin.IN, pull=Pin.PULL_UP) 1 True True", "Pin('D2', mode=Pin.IN, pull=Pin.PULL_DOWN) 0", '0 0',
      "Pin('D7', mode=Pin.OPEN_DRAIN, pull=Pin.PULL_UP) 0", '1',
      "True Pin('D13', mode=Pin.OUT)", '1', "virtual Pin('D2', mode=Pin.IN, pull=Pin.PULL_DOWN) Pin('A3')",
      "Pin('D12') -1", "Pin('D12', mode=Pin.OUT)", '20',
      "['A0', 'A1', 'A2', 'A3', 'BUTTON', 'BUTTON2', 'D0', 'D1', 'D10', 'D11', 'D12', 'D13', 'D14', 'D15', 'D2', 'D3', " +
      "'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'I2C', 'KNOB', 'KNOB2', 'LED', 'LED2', 'SPI', 'UART']",
      'ValueError: pin D99 not on virtual', 'ValueError: pin 20 not on virtual', 'ValueError: pin -1 not on virtual',
      'TypeError: pin id must be a name or a number, not float', 'ValueError: mode out of range -1..2',
      'ValueError: pull out of range -1..2', "AttributeError: module 'board' has no attribute 'D99'", '',
    ].join('\n'),
  },
  adc_pwm: {
    stdout: [
      "ADC(Pin('A0')) 32768 1650025", '32768 32768',
      "PWM(Pin('D9'), freq=1000, duty_u16=16384) 1000 16384 250003", '32767',
      "PWM(Pin('D9'), freq=2000, duty_u16=32767) 249996", '50 1000', "PWM(Pin('D9'), freq=100, duty_u16=65535)",
      "PWM(Pin('D3'), freq=1000, duty_u16=1)",
      'ValueError: pin D2 has no ADC (ADC pins: A0, A1, A2, A3)', 'ValueError: pin D13 has no ADC (ADC pins: A0, A1, A2, A3)',
      'ValueError: pin A0 has no PWM (PWM pins: D3, D5, D6, D9, D10, D11)',
      'ValueError: PWM frequency out of range 1..1000000 Hz', 'ValueError: PWM frequency out of range 1..1000000 Hz',
      'ValueError: duty_u16 out of range 0..65535', 'ValueError: duty_u16 out of range 0..65535',
      'ValueError: pin X1 not on virtual', '',
    ].join('\n'),
  },
  timer: {
    stdout: [
      'periodic 20 ms for 1 s: True', 'stopped by deinit: True', 'one-shot ran once: 1 Timer Timer(0) True',
      'freq=100 for 0.5 s: True', 'after a failing callback the program goes on',
      'ValueError: no Timer 4 on virtual (Timer ids: 0..3, or -1)', 'ValueError: Timer needs a period (ms) or a freq (Hz)',
      'ValueError: mode must be Timer.ONE_SHOT or Timer.PERIODIC', 'TypeError: Timer id must be an int, not str',
      'ValueError: no free Timer: virtual has 4', "['Timer(-1)', 'Timer(-1)', 'Timer(-1)', 'Timer(-1)']", '',
    ].join('\n'),
    // exactly one traceback: the failing callback was turned off (the dispatcher is native: no frame of its own)
    stderr: 'Traceback (most recent call last):\n' +
      '  File "timer.py", line 32, in broken\nValueError: broken callback\n',
  },
  irq: {
    stdout: [
      'True', "[('D5', 1), ('D5', 2), ('D5', 1), ('D5', 2), ('D5', 1), ('D5', 2)]", 'True', 'True', 'debounced: 2',
      'after irq(None): []', 'bad handler ran 1 time; the other 1', '0', 'TypeError: handler must be callable', '',
    ].join('\n'),
    stderr: 'Traceback (most recent call last):\n' +
      '  File "irq.py", line 47, in bad\nZeroDivisionError: bad handler\n',
  },
  functions: {
    stdout: "b'VIPERSIM' bytes\nTrue 0\nNone\n['ADC', 'PWM', 'Pin', 'Timer']\nreset ends the program\n",
  },
};
const names = Object.keys(EXPECTED);

function imageFile(name: string): string {
  const { image, diagnostics } = compile(readFileSync(join(__dirname, 'hardware', `${name}.py`), 'utf8'), `${name}.py`);
  expect(diagnostics).toEqual([]);
  const path = join(scratch, `${name}.vbc`);
  writeFileSync(path, image!);
  return path;
}

/** The sanitizer builds of the host VM: the make target, the binary, its environment, its reports. */
const SANITIZERS = {
  asan: { target: 'build/asan/viper-vm-stress', binary: 'build/asan/viper-vm-stress', env: {},
    report: /AddressSanitizer|runtime error|LeakSanitizer/ },
  // halt_on_error: the first race ends the program with a report
  tsan: { target: 'tsan', binary: 'build/tsan/viper-vm',
    env: { TSAN_OPTIONS: `suppressions=${join(root, 'vm-firmware', 'tsan.supp')} halt_on_error=1` }, report: /ThreadSanitizer/ },
} as const;
type Which = 'plain' | keyof typeof SANITIZERS;

const built = new Map<Which, string | undefined>();
/** The host VM, or a sanitizer build of it (make rebuilds it when a source changed); undefined
 * when it cannot be built (its "is built" test fails). */
function vmOf(which: Which): string | undefined {
  if (which === 'plain') return hostVmPath();
  if (!built.has(which)) {
    const { target, binary } = SANITIZERS[which];
    const r = spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), target], { encoding: 'utf8', timeout: 600000 });
    if (r.status !== 0) console.warn(`tests/hardware: make ${target} failed: ${r.stderr}`);
    built.set(which, r.status === 0 ? join(root, 'vm-firmware', binary) : undefined);
  }
  return built.get(which);
}
const envOf = (which: Which) => (which === 'plain' ? {} : SANITIZERS[which].env);

function expectProgram(which: Which, vm: string, name: string): void {
  const r = spawnSync(vm, [imageFile(name)], { encoding: 'utf8', timeout: 120000, env: { ...process.env, ...envOf(which) } });
  // the classes MicroPython's machine has beside these come with the buses (modmachine_bus.c)
  const stdout = name === 'functions' ? r.stdout.replace(/\['ADC', 'I2C', 'PWM', 'Pin', 'SPI', 'Timer', 'UART'\]/, "['ADC', 'PWM', 'Pin', 'Timer']") : r.stdout;
  expect(r.stderr).toBe(EXPECTED[name].stderr ?? '');
  expect(stdout).toBe(EXPECTED[name].stdout);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
}

// plain; asan: ASan+UBSan with a collection at every allocation; tsan: ThreadSanitizer (a report
// in stderr fails the program)
describe.each(['plain', 'asan', 'tsan'] as Which[])('machine and board on the host VM, %s', which => {
  let vm: string | undefined;
  beforeAll(() => { vm = vmOf(which); }, 600000);
  it('is built', () => expect(vm).toBeDefined());
  it.each(names)('%s', name => expectProgram(which, vm!, name), 300000);
});

// ---- through the link -------------------------------------------------------------------------



describe.each(['plain', 'asan', 'tsan'] as Which[])('the Virtual board through the link (viper-vm --pty), %s VM', which => {
  let board: PtyBoard | undefined;
  let session: DeviceSession;
  let out = '';
  let stderr = '';
  let states: { at: number; pins: PinState[] }[] = [];
  let vm: string | undefined;
  beforeAll(() => { vm = vmOf(which); }, 600000);
  beforeEach(async () => {
    const saved = process.env.VIPER_VM;
    process.env.VIPER_VM = vm;   // startPtyBoard runs hostVmPath()
    try {
      board = await startPtyBoard({ env: envOf(which) });
    } finally {
      if (saved === undefined) delete process.env.VIPER_VM; else process.env.VIPER_VM = saved;
    }
    stderr = '';
    board.child.stderr!.on('data', (b: Buffer) => { stderr += b; });
    session = (await openSession(await SerialTransport.open(board.path), { timeoutMs: 1000 })).session;
    out = '';
    states = [];
    session.on('output', t => { out += t; });
    session.on('boardState', pins => states.push({ at: Date.now(), pins }));
  }, 30000);
  afterEach(async () => {
    await session?.close();
    await board?.stop();
    board = undefined;
    expect(stderr).toBe('');
  });

  const BUTTON = `
from machine import Pin
import time
presses = []
def pressed(pin):
    presses.append(irq.flags())
    print('handler', len(presses), 'rising' if irq.flags() == Pin.IRQ_RISING else 'falling', pin.value())
button = Pin('BUTTON', Pin.IN)
irq = button.irq(pressed, Pin.IRQ_RISING | Pin.IRQ_FALLING)
print('ready')
while len(presses) < 2:
    time.sleep(0.01)
print('done', button.value())
`;

  it('runs the handler of a button pressed and released through BOARD_INPUT', async () => {
    await session.upload(image(BUTTON));
    const done = session.runToEnd();
    await until(() => out.includes('ready\n'));
    await session.boardInput({ kind: 'pin', pin: pinOf('D2'), level: 1 });
    await until(() => out.includes('handler 1'));
    await session.boardInput({ kind: 'pin', pin: pinOf('D2'), level: 0 });
    expect(await done).toBe('ok');
    expect(out).toBe('ready\nhandler 1 rising 1\nhandler 2 falling 0\ndone 0\n');
    // the button's pin is reported as an input, released at the end
    await until(() => states.length > 0 && states[states.length - 1].pins.some(p => p.pin === 2 && p.value === 0));
    expect(states[states.length - 1].pins).toContainEqual({ pin: 2, mode: 'input', value: 0 });
  });

  it('reads what a knob turned through BOARD_INPUT sets', async () => {
    await session.upload(image(`
from machine import ADC
import time
knob = ADC('KNOB')
last = knob.read_u16()
print('start', last)
while last != 1234:
    time.sleep(0.01)
    v = knob.read_u16()
    if v != last:
        print('knob', v)
        last = v
`));
    const done = session.runToEnd();
    await until(() => out.includes('start 32768\n'));
    await session.boardInput({ kind: 'analog', pin: pinOf('A0'), value: 60000 });
    await until(() => out.includes('knob 60000\n'));
    await session.boardInput({ kind: 'analog', pin: pinOf('A0'), value: 1234 });
    expect(await done).toBe('ok');
    expect(out).toBe('start 32768\nknob 60000\nknob 1234\n');
    expect(states[states.length - 1].pins).toContainEqual({ pin: pinOf('A0'), mode: 'adc', value: 1234 });
  });

  it('reports PWM duty and levels in BOARD_STATE, and a SNAPSHOT at once', async () => {
    await session.upload(image(`
from machine import PWM, Pin
import time
PWM('LED2', freq=1000, duty_u16=12345)
Pin('LED', Pin.OUT).on()
print('set')
time.sleep(0.3)
`));
    const done = session.runToEnd();
    await until(() => states.some(s => s.pins.some(p => p.pin === pinOf('D9') && p.value === 12345)));
    const seen = states.length;
    await session.boardInput({ kind: 'snapshot' });
    await until(() => states.length > seen);
    expect(states[states.length - 1].pins).toEqual([
      { pin: pinOf('D9'), mode: 'pwm', value: 12345 }, { pin: pinOf('D13'), mode: 'output', value: 1 },
    ]);
    expect(await done).toBe('ok');
  });

  it('sends BOARD_STATE at most ~60 times a second and never loses the last state', async () => {
    // toggles as fast as the VM goes for 1 s, then the LED stays on while every thread sleeps
    await session.upload(image(`
from machine import Pin
import time
led = Pin('LED', Pin.OUT)
start = time.ticks_ms()
n = 0
while time.ticks_diff(time.ticks_ms(), start) < 1000:
    led.toggle()
    n += 1
led.value(1)
print('toggles', n > 1000)
time.sleep(0.5)
`));
    const started = Date.now();
    expect(await session.runToEnd()).toBe('ok');
    const took = (Date.now() - started) / 1000;
    const ledStates = states.filter(s => s.pins.some(p => p.pin === pinOf('D13')));
    const rate = ledStates.length / took;
    console.log(`${which} VM: BOARD_STATE: ${ledStates.length} frames in ${took.toFixed(2)} s (${rate.toFixed(0)}/s) while the LED toggled for 1 s`);
    expect(out).toBe('toggles True\n');
    expect(ledStates.length).toBeGreaterThan(20);
    // 16 ms apart at least in the VM (frames may arrive here in batches): ≤ 62.5 a second
    expect(rate).toBeLessThanOrEqual(65);
    expect(ledStates[ledStates.length - 1].pins).toEqual([{ pin: pinOf('D13'), mode: 'output', value: 1 }]);
  });

  const PULSES = `
from machine import Pin
import machine, time
count = 0
repeats = 0
last = 0
first = 0
def edge(pin):
    global count, repeats, last, first
    f = irq.flags()
    if f == last:
        repeats += 1
    if count == 0:
        first = f
    last = f
    count += 1
    SLOW
irq = Pin('BUTTON', Pin.IN).irq(edge, Pin.IRQ_RISING | Pin.IRQ_FALLING)
print('ready')
start = time.ticks_ms()
while count + machine.irq_dropped() < 10000 and time.ticks_ms() - start < 30000:
    time.sleep(0.01)
dropped = machine.irq_dropped()
print('edges', count + dropped)
print('handled', count, 'dropped', dropped)
# a dropped edge can make at most one pair of equal neighbours: with none dropped, they alternate
print('order kept', repeats <= dropped, 'first rising' if first == Pin.IRQ_RISING else 'first falling')
`;

  // the dispatcher's reports of overflow, on stderr: in the console over the link
  const DROPS = /machine: \d+ interrupt\/timer events dropped: the queue \(256 events\) was full\n/g;

  async function pulses(periodUs: number, slow: boolean): Promise<{ handled: number; dropped: number; reports: number }> {
    await session.upload(image(PULSES.replace('SLOW', slow ? 'time.sleep_ms(1)' : 'pass')));
    const done = session.runToEnd();
    await until(() => out.includes('ready\n'));
    const started = Date.now();
    await session.boardInput({ kind: 'pulses', pin: pinOf('D2'), count: 10000, periodUs });
    expect(await done).toBe('ok');
    const m = /handled (\d+) dropped (\d+)/.exec(out)!;
    const handled = Number(m[1]), dropped = Number(m[2]);
    console.log(`${which} VM: PULSES 10,000 edges ${periodUs} us apart${slow ? ', a handler of 1 ms' : ''}: ${handled} handled, ${dropped} dropped, ${Date.now() - started} ms`);
    const reports = (out.match(DROPS) ?? []).length;
    expect(out.replace(DROPS, '')).toMatch(/^ready\nedges 10000\nhandled \d+ dropped \d+\norder kept True first rising\n$/);
    expect(handled + dropped).toBe(10000);
    expect(reports > 0).toBe(dropped > 0);
    return { handled, dropped, reports };
  }

  it('handles 10,000 edges from the signal generator in order, counting what overflowed', async () => {
    await pulses(200, false);
  }, 60000);

  it('counts what overflows when edges come faster than a (slow) handler runs, and says so once per burst', async () => {
    const { dropped, reports } = await pulses(20, true);
    expect(dropped).toBeGreaterThan(0);
    expect(reports).toBeLessThanOrEqual(dropped);
  }, 60000);

  it('answers a bad BOARD_INPUT with an error naming what is wrong, and goes on', async () => {
    const expectError = async (input: Parameters<DeviceSession['boardInput']>[0], message: string) => {
      const err = await session.boardInput(input).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(LinkError);
      expect((err as LinkError).code).toBe(LINK_ERRORS.BAD_PAYLOAD);
      expect((err as LinkError).message).toContain(message);
    };
    await expectError({ kind: 'pin', pin: 99, level: 1 }, 'no such pin');
    await expectError({ kind: 'analog', pin: pinOf('D2'), value: 5 }, 'that pin has no ADC');
    await expectError({ kind: 'uart', bus: 3, bytes: new Uint8Array([65]) }, 'no such UART');
    await expectError({ kind: 'pulses', pin: 2, count: 1, periodUs: 0 }, 'a period is at least 1 us');
    await expectError({ kind: 'pin', pin: 2, level: 2 as 1 }, 'a level is 0 or 1');
    // idle: a snapshot answers with the (empty) table
    const seen = states.length;
    await session.boardInput({ kind: 'snapshot' });
    await until(() => states.length > seen);
    expect(states[states.length - 1].pins).toEqual([]);
    await session.upload(image('print("still fine")\n'));
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('still fine\n');
  });

  it('starts each program with every pin unused', async () => {
    await session.upload(image("from machine import Pin\nPin('LED', Pin.OUT, value=1)\n"));
    expect(await session.runToEnd()).toBe('ok');
    await until(() => states.length > 0);
    await session.upload(image("from machine import Pin\nimport time\nPin('D4', Pin.IN)\ntime.sleep(0.1)\n"));
    expect(await session.runToEnd()).toBe('ok');
    expect(states[states.length - 1].pins).toEqual([{ pin: pinOf('D4'), mode: 'input', value: 0 }]);
  });
});

// ---- a board whose link takes pins ------------------------------------------------------------

// A real board's link UART owns its pins: the machine module refuses them by any name. The host
// VM is built here over a board table generated (as npm run gen does) from a small definition.
describe('a board whose link UART takes two pins', () => {
  const definition = {
    id: 'linkboard', name: 'Link board',
    pins: [{ name: 'D0', port: 'A', pad: 3, link: true }, { name: 'D1', port: 'A', pad: 2, link: true },
      { name: 'D2', port: 'A', pad: 10 }, { name: 'A0', port: 'A', pad: 0, adc: 0 }],
    aliases: { LED: 'D2', TX: 'D1' },
  };
  let vm: string | undefined;
  beforeAll(() => {
    const fw = join(root, 'vm-firmware');
    const table = join(scratch, 'linkboard.c');
    writeFileSync(table, renderBoard(definition));
    const posix = ['main.c', 'port_posix.c', 'store_file.c', 'thread_posix.c', 'sim_board.c', 'sim_bus.c']
      .map(f => join(fw, 'ports', 'posix', f)).filter(f => existsSync(f));
    const core = readdirSync(join(fw, 'core')).filter(f => f.endsWith('.c')).map(f => join(fw, 'core', f));
    const out = join(scratch, 'viper-vm-linkboard');
    const r = spawnSync('cc', ['-std=c99', '-O1', `-I${join(fw, 'core')}`, `-I${join(fw, 'ports', 'posix')}`,
      ...core, ...posix, table, '-o', out, '-lm', '-pthread'], { encoding: 'utf8', timeout: 300000 });
    if (r.status !== 0) console.warn(`tests/hardware: the link board's VM did not build: ${r.stderr}`);
    vm = r.status === 0 ? out : undefined;
  }, 300000);

  it('refuses the link\'s pins by name, alias and number, and leaves them out of board', () => {
    expect(vm).toBeDefined();
    const source = `
from machine import Pin, ADC
import board
def fails(f):
    try:
        f()
    except ValueError as e:
        print(e)
fails(lambda: Pin('D1'))
fails(lambda: Pin(0))
fails(lambda: Pin('TX', Pin.OUT))
fails(lambda: ADC('D1'))
fails(lambda: Pin('D9'))
fails(lambda: ADC('D2'))
print(board.NAME, [n for n in dir(board) if n[0] in 'DAL'])
board.LED.on()
print(Pin(2), Pin('LED').value())
`;
    const path = join(scratch, 'linkboard.vbc');
    writeFileSync(path, image(source));
    const r = spawnSync(vm!, [path], { encoding: 'utf8', timeout: 30000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'pin D1 is used by the link to the IDE', 'pin D0 is used by the link to the IDE', 'pin TX is used by the link to the IDE',
      'pin D1 is used by the link to the IDE', 'pin D9 not on linkboard', 'pin D2 has no ADC (ADC pins: A0)',
      "linkboard ['A0', 'D2', 'LED']", "Pin('D2', mode=Pin.OUT) 1", '',
    ].join('\n'));
  }, 30000);
});
