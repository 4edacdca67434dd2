// machine.UART, I2C and SPI on the Virtual board (issue 12, the bus part), each part on the host
// VM, on the VM built with ASan+UBSan and a collection at every allocation, and on the VM built
// with ThreadSanitizer (a report on stderr fails the test):
// 1. Each program in tests/hardware-bus runs without a link, where UART 1's TX is wired to its
//    RX, and must print exactly NAME.out.
// 2. Through the link (a real `viper-vm --link` process and DeviceSession, as the IDE drives it):
//    what UART 1 writes arrives as UART_OUT frames, what the person types (BOARD_INPUT UART_RX)
//    is what the program reads, the SHT31 measures what BOARD_INPUT SENSOR set, a STOP ends a
//    UART read that waits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { image, until } from '../main/link/testing/programs';
import { openSession } from '../main/devices/connect';
import { hostVmPath, startVirtualBoard } from '../main/devices/virtualBoard';
import type { DeviceSession, PinState } from '../main/link/session';

const root = join(__dirname, '..');
const here = (...p: string[]) => join(__dirname, 'hardware-bus', ...p);
const scratch = mkdtempSync(join(tmpdir(), 'viper-hardware-bus-'));
const programs = readdirSync(here()).filter(f => f.endsWith('.py')).sort();

function imageFile(name: string): string {
  const { image, diagnostics } = compile(readFileSync(here(name), 'utf8'), name);
  expect(diagnostics).toEqual([]);
  const path = join(scratch, name + '.vbc');
  writeFileSync(path, image!);
  return path;
}

/** The sanitizer builds of the host VM: the make target, the binary, its environment. */
const SANITIZERS = {
  asan: { target: 'build/asan/viper-vm-stress', binary: 'build/asan/viper-vm-stress', env: {} },
  // halt_on_error: the first race ends the program with a report
  tsan: { target: 'tsan', binary: 'build/tsan/viper-vm',
    env: { TSAN_OPTIONS: `suppressions=${join(root, 'vm-firmware', 'tsan.supp')} halt_on_error=1` } },
} as const;
type Which = 'plain' | keyof typeof SANITIZERS;
const VMS: Which[] = ['plain', 'asan', 'tsan'];

const built = new Map<Which, string | undefined>();
/** The host VM, or a sanitizer build of it (make rebuilds it when a source changed); undefined
 * when it cannot be built (its "is built" test fails). */
function vmOf(which: Which): string | undefined {
  if (which === 'plain') return hostVmPath();
  if (!built.has(which)) {
    const { target, binary } = SANITIZERS[which];
    const r = spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), target], { encoding: 'utf8', timeout: 900000 });
    if (r.status !== 0) console.warn(`tests/hardware-bus: make ${target} failed: ${r.stderr}`);
    built.set(which, r.status === 0 ? join(root, 'vm-firmware', binary) : undefined);
  }
  return built.get(which);
}
const envOf = (which: Which) => (which === 'plain' ? {} : SANITIZERS[which].env);

// a sanitizer's report is on stderr, which must be empty
describe.each(VMS)('UART, I2C and SPI on the host VM (UART 1 looped back), %s', which => {
  let vm: string | undefined;
  beforeAll(() => { vm = vmOf(which); }, 900000);
  it('is built, and has programs', () => {
    expect(vm).toBeDefined();
    expect(programs.length).toBeGreaterThanOrEqual(6);
  });
  it.each(programs)('%s', name => {
    const r = spawnSync(vm!, [imageFile(name)], { encoding: 'utf8', timeout: 120000, env: { ...process.env, ...envOf(which) } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(here(name.replace(/\.py$/, '.out')), 'utf8'));
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  }, 120000);
});

// ---- through the link ---------------------------------------------------------------------------



const decoder = new TextDecoder('latin1');

describe.each(VMS)('the Virtual board\'s buses through the link, %s VM', which => {
  let session: DeviceSession;
  let out = '';
  let vmLog = '';
  const uart: { bus: number; bytes: Uint8Array }[] = [];
  const uartText = () => uart.map(f => decoder.decode(f.bytes)).join('');

  let vm: string | undefined;
  beforeAll(() => { vm = vmOf(which); }, 900000);
  beforeEach(async () => {
    out = '';
    vmLog = '';
    uart.length = 0;
    const saved = process.env.VIPER_VM;
    process.env.VIPER_VM = vm;   // startVirtualBoard runs hostVmPath()
    try {
      ({ session } = await openSession(startVirtualBoard(t => { vmLog += t; }, [], envOf(which))));
    } finally {
      if (saved === undefined) delete process.env.VIPER_VM; else process.env.VIPER_VM = saved;
    }
    session.on('output', (t: string) => { out += t; });
    session.on('uartOut', (bus: number, bytes: Uint8Array) => { uart.push({ bus, bytes }); });
  });
  afterEach(async () => {
    await session.close();
    expect(vmLog).toBe('');
  });

  it('sends what UART 1 writes as UART_OUT frames of at most 1023 bytes, in order, before DONE, and loops nothing back', async () => {
    // 10,246 bytes: more than the UART's 4 KB queue, so write() waits for the link to drain it
    await session.upload(image(
      'from machine import UART\nu = UART(1)\nu.write("hello ")\nprint(u.write(bytes(range(256)) * 40))\n' +
      'print(u.any(), u.read())\n'));
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('10240\n0 None\n');   // no jumper while the IDE holds the other end
    const expected = 'hello ' + decoder.decode(Uint8Array.from({ length: 10240 }, (_, i) => i % 256));
    expect(uartText()).toBe(expected);   // all of it came before DONE
    for (const f of uart) {
      expect(f.bus).toBe(1);
      expect(f.bytes.length).toBeGreaterThan(0);
      expect(f.bytes.length).toBeLessThanOrEqual(1023);
    }
  });

  it('gives the program what is typed in the UART console tab (BOARD_INPUT UART_RX)', async () => {
    await session.upload(image(
      'from machine import UART\nu = UART(1, timeout=5000, timeout_char=1000)\nprint("ready")\n' +
      'line = u.readline()\nprint("got", line)\nu.write(b"echo: " + line)\nprint(u.read(2))\n'));
    const done = session.runToEnd();
    await until(() => out.includes('ready\n'));
    await session.boardInput({ kind: 'uart', bus: 1, bytes: new TextEncoder().encode('hi there\nok') });
    expect(await done).toBe('ok');
    expect(out).toBe("ready\ngot b'hi there\\n'\nb'ok'\n");
    await until(() => uartText() === 'echo: hi there\n');
  });

  it('starts each program with its UART closed and empty: nothing typed earlier is read', async () => {
    await session.upload(image('from machine import UART\nu = UART(1)\nprint("open")\n'));
    expect(await session.runToEnd()).toBe('ok');
    await session.boardInput({ kind: 'uart', bus: 1, bytes: new TextEncoder().encode('stale') });
    await session.upload(image('from machine import UART\nu = UART(1, timeout=50)\nprint(u.any(), u.read())\n'));
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('open\n0 None\n');
  });

  it('lets another thread run while a UART read waits, and STOP ends the wait at once', async () => {
    await session.upload(image(
      'import time\nfrom machine import UART\nu = UART(1, timeout=60000)\n' +
      'def tick():\n    for i in range(3):\n        print("tick", i)\n        time.sleep(0.01)\n' +
      'thread(tick)\nu.read(1)\nprint("never")\n'));
    const done = session.runToEnd();
    await until(() => out.includes('tick 2\n'));
    const asked = Date.now();
    await session.stop();
    expect(await done).toBe('stopped');
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(out).toBe('tick 0\ntick 1\ntick 2\n');
  });

  it('measures with the SHT31 what BOARD_INPUT SENSOR set, and keeps it for the next program', async () => {
    const measure =
      'from machine import I2C\ni2c = I2C(1)\nd = i2c.readfrom_mem(0x44, 0x2400, 6, addrsize=16)\n' +
      'print(round(-45 + 175 * (d[0] << 8 | d[1]) / 65535, 2), round(100 * (d[3] << 8 | d[4]) / 65535, 2))\n';
    await session.upload(image(measure));
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('21.5 45.0\n');   // the defaults
    await session.boardInput({ kind: 'sensor', temperature: 30.25, humidity: 60 });
    await session.upload(image(measure));
    expect(await session.runToEnd()).toBe('ok');
    await session.boardInput({ kind: 'sensor', temperature: -10.5, humidity: 99.99 });
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('21.5 45.0\n30.25 60.0\n-10.5 99.99\n');
  });

  it('has the SHT31 answer nothing while BOARD_INPUT SENSOR says it is disconnected, and measure again once connected', async () => {
    const probe =
      'from machine import I2C\ni2c = I2C(1)\nprint(i2c.scan())\ntry:\n' +
      '    d = i2c.readfrom_mem(0x44, 0x2400, 6, addrsize=16)\n    print(round(-45 + 175 * (d[0] << 8 | d[1]) / 65535, 2))\n' +
      'except OSError as e:\n    print(e)\n';
    await session.boardInput({ kind: 'sensor', temperature: 25, humidity: 50, connected: false });
    await session.upload(image(probe));
    expect(await session.runToEnd()).toBe('ok');
    await session.boardInput({ kind: 'sensor', temperature: 26, humidity: 50, connected: true });
    expect(await session.runToEnd()).toBe('ok');
    await session.boardInput({ kind: 'sensor', temperature: 21.5, humidity: 45 });   // no connected byte: connected
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('[]\n[Errno 19] ENODEV\n[68]\n26.0\n[68]\n21.5\n');
  });

  it('takes a disconnected sensor\'s measurement away: a read after the command finds nothing', async () => {
    await session.upload(image(
      'import time\nfrom machine import I2C\ni2c = I2C(1)\ni2c.writeto(0x44, b"\\x24\\x00")\nprint("measuring")\n' +
      'time.sleep(1)\ntry:\n    i2c.readfrom(0x44, 6)\nexcept OSError as e:\n    print(e)\n'));
    const done = session.runToEnd();
    await until(() => out.includes('measuring\n'));
    await session.boardInput({ kind: 'sensor', temperature: 21.5, humidity: 45, connected: false });
    await session.boardInput({ kind: 'sensor', temperature: 21.5, humidity: 45, connected: true });
    expect(await done).toBe('ok');
    expect(out).toBe('measuring\n[Errno 19] ENODEV\n');
  });

  it('shows the pins of each open bus in BOARD_STATE as "bus", and frees them at deinit()', async () => {
    const states: PinState[][] = [];
    session.on('boardState', (pins: PinState[]) => { states.push(pins); });
    await session.upload(image(
      'import time\nfrom machine import UART, I2C, SPI\nu = UART(1)\ni = I2C(1)\ns = SPI(1)\ntime.sleep(0.05)\n' +
      'print(sorted(i.scan()))\ns.deinit()\n'));
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('[68]\n');
    const shown = (pins: PinState[]) => pins.map(p => `${p.pin}:${p.mode}`).sort().join(' ');
    // UART 1: tx D1, rx D0; I2C 1: scl D15, sda D14; SPI 1: sck D4, miso D7, mosi D8
    expect(states.map(shown)).toContain('0:bus 14:bus 15:bus 1:bus 4:bus 7:bus 8:bus');
    expect(shown(states[states.length - 1])).toBe('0:bus 14:bus 15:bus 1:bus');   // the last state, SPI closed
  });

  it('refuses UART_RX for a UART the board lacks, with the reason', async () => {
    await expect(session.boardInput({ kind: 'uart', bus: 2, bytes: Uint8Array.of(65) })).rejects.toThrow(/no such UART/);
    // the link goes on
    await session.upload(image('print("alive")\n'));
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('alive\n');
  });
});
