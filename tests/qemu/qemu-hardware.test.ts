// The machine module on the QEMU board (vm-firmware/ports/chibios/hal_*.c over ChibiOS's HAL on
// an emulated STM32F405): what QEMU 7.2's netduinoplus2 models is exercised for real — Timer
// callbacks (the kernel's virtual timers) at their rate, ADC1 conversions, UART 2 (USART2, QEMU's
// serial1, a socket this suite holds) both ways — and what it does not model (GPIO, I2C) fails
// or reads 0 without a crash. Run with -icount shift=0 (fast clock): guest time is a count of
// instructions, so the host's load does not change the rates measured.
// Needs qemu-system-arm and CHIBIOS=<path to ChibiOS 21.11>, as qemu-board.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../main/devices/connect';
import { findQemu, qemuArgs, qemuFirmwarePath, QemuTransport } from '../../main/devices/qemuBoard';
import type { DeviceSession } from '../../main/link/session';
import { collectRun, image } from '../../main/link/testing/programs';
import { buildQemuFirmware } from './buildFirmware';

const available = !!findQemu() && !!(process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE);
const suite = available ? describe : describe.skip;
if (!available) console.log('skipped: QEMU hardware tests need qemu-system-arm and CHIBIOS=<path>');

/** Connects to a unix socket QEMU serves, retrying while QEMU creates it. */
async function connectSocket(path: string, child: ChildProcess, timeoutMs = 10000): Promise<Socket> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`QEMU exited (code ${child.exitCode})`);
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const s = connect(path);
        s.once('connect', () => { s.removeAllListeners('error'); resolve(s); });
        s.once('error', err => { s.destroy(); reject(err); });
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

/** QEMU with the link on serial0 (as the IDE starts it) and USART2 on serial1. */
async function startBoardWithUart2() {
  const dir = mkdtempSync(join(tmpdir(), 'viper-qemu-hw-'));
  const serial1 = join(dir, 'serial1');
  const args = [...qemuArgs(qemuFirmwarePath(), join(dir, 'serial0'), 'fast'), '-serial', `unix:${serial1},server=on,wait=off`];
  const child = spawn(findQemu()!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (b: Buffer) => { log += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { log += b.toString(); });
  // serial0 waits for us (wait=on) before QEMU goes on to open serial1 and start the CPU
  const link = await connectSocket(join(dir, 'serial0'), child);
  const transport = new QemuTransport(child, link, dir);
  const uart2 = await connectSocket(serial1, child);
  await Promise.race([transport.linkUp, new Promise(r => setTimeout(r, 1000))]);
  return { transport, uart2, log: () => log };
}

suite('the machine module on the QEMU board (ChibiOS HAL, STM32F405)', () => {
  let session: DeviceSession;
  let uart2: Socket;
  let qemuLog: () => string = () => '';
  let uart2Bytes = '';

  async function run(source: string) {
    await session.upload(image(source));
    return collectRun(session);
  }

  beforeAll(async () => {
    buildQemuFirmware();
    const board = await startBoardWithUart2();
    uart2 = board.uart2;
    qemuLog = board.log;
    uart2.on('data', (b: Buffer) => { uart2Bytes += b.toString('latin1'); });
    ({ session } = await openSession(board.transport, { timeoutMs: 2000 }));
  }, 600_000);

  afterAll(async () => {
    uart2?.destroy();
    await session?.close();
    if (qemuLog().includes('Abort') || qemuLog().includes('fault')) console.log(`QEMU said: ${qemuLog()}`);
  });

  it('calls a periodic Timer at its rate and a one-shot once, and stops when deinit', async () => {
    // 50 Hz for one second of guest time; the callbacks run in the dispatcher thread
    const r = await run(`
import machine, time
ticks = []
once = []
def tick(t):
    ticks.append(time.ticks_ms())
t = machine.Timer(mode=machine.Timer.PERIODIC, freq=50, callback=tick)
o = machine.Timer(mode=machine.Timer.ONE_SHOT, period=100, callback=lambda t: once.append(time.ticks_ms()))
t0 = time.ticks_ms()
time.sleep_ms(1000)
t.deinit()
n = len(ticks)
time.sleep_ms(200)
gaps = [time.ticks_diff(ticks[i + 1], ticks[i]) for i in range(n - 1)]
print(n, len(ticks) - n, len(once), time.ticks_diff(once[0], t0), min(gaps), max(gaps))
`);
    expect(r).toMatchObject({ status: 'ok', exceptions: [] });
    const [n, afterStop, onceCount, onceAt, minGap, maxGap] = r.output.trim().split(' ').map(Number);
    expect(n).toBeGreaterThanOrEqual(45);
    expect(n).toBeLessThanOrEqual(51);
    expect(afterStop).toBe(0);
    expect(onceCount).toBe(1);
    expect(onceAt).toBeGreaterThanOrEqual(100);
    expect(onceAt).toBeLessThan(130);
    expect(minGap).toBeGreaterThanOrEqual(15);
    expect(maxGap).toBeLessThanOrEqual(25);
  });

  it("reads the ADC: QEMU's model answers each conversion with its last value + 7 (12 bits)", async () => {
    // QEMU 7.2's stm32f2xx_adc returns a counter that grows by 7 each conversion (wrapping at
    // 12 bits) and never sets EOC; read_u16 scales 12 bits to 16 (v << 4 | v >> 8).
    const r = await run(`
import machine, board
a = machine.ADC(board.A0)
b = machine.ADC(machine.Pin('PC0'))
print([a.read_u16() for _ in range(4)] + [b.read_u16()])
print(a.read_uv())
print(a)
`);
    expect(r).toMatchObject({ status: 'ok', exceptions: [] });
    const lines = r.output.trim().split('\n');
    const values: number[] = JSON.parse(lines[0]);
    expect(values).toHaveLength(5);
    const raw = values.map(v => v >> 4);
    values.forEach((v, i) => expect(v).toBe((raw[i] << 4) | (raw[i] >> 8)));   // the 12-to-16-bit scale
    for (let i = 1; i < raw.length; i++) expect(raw[i]).toBe((raw[i - 1] + 7) % 4096);   // one ADC1, both pins
    // read_uv is the next conversion in microvolts of the 3.3 V reference
    const next = (raw[4] + 7) % 4096;
    expect(Number(lines[1])).toBeCloseTo(((next << 4) | (next >> 8)) * 3300000 / 65535, -2);
  });

  it('writes and reads UART 2 through QEMU serial1', async () => {
    // QEMU may hand the USART the answer's bytes in pieces: timeout_char keeps readline waiting
    uart2Bytes = '';
    const answered = new Promise<void>(resolve => {
      const check = () => {
        if (uart2Bytes.includes('ping\n')) { uart2.off('data', check); uart2.write('pong\n'); resolve(); }
      };
      uart2.on('data', check);
    });
    const r = await run(`
import machine
u = machine.UART(2, 115200, timeout=5000, timeout_char=200)
print(u.any())
u.write(b'ping\\n')
line = u.readline()
print(line)
print(u.read(), u.any())
u.deinit()
`);
    await answered;
    expect(r).toMatchObject({ status: 'ok', exceptions: [] });
    expect(uart2Bytes).toBe('ping\n');
    expect(r.output).toBe("0\nb'pong\\n'\nNone 0\n");
  });

  it("keeps the USARTs QEMU's serial ports are not connected to harmless, and refuses the link's", async () => {
    const r = await run(`
import machine
u = machine.UART(3, 9600, timeout=50)
print(u.write(b'nobody listens'), u.read(4))
u.deinit()
for bad in ((7, 9600), (1, 9600)):
    try:
        machine.UART(*bad)
    except ValueError as e:
        print(e)
`);
    expect(r).toMatchObject({ status: 'ok', exceptions: [] });
    expect(r.output).toBe('14 None\nno UART 7 on qemu_netduinoplus2 (UART ids: 2, 3, 4, 5, 6)\nno UART 1 on qemu_netduinoplus2 (UART ids: 2, 3, 4, 5, 6)\n');
  });

  it('drives pins QEMU does not model without a crash: they read 0, an irq never fires', async () => {
    const r = await run(`
import machine, board, time
p = machine.Pin('PB6', machine.Pin.OUT, value=1)
print(p.value(), p)
q = machine.Pin(board.PB7, machine.Pin.IN, machine.Pin.PULL_UP)
edges = []
q.irq(lambda pin: edges.append(pin.value()))
q.init(machine.Pin.OUT)
q.toggle()
time.sleep_ms(20)
print(q.value(), edges, machine.irq_dropped())
for name in ('PA9', 'D13'):
    try:
        machine.Pin(name)
    except ValueError as e:
        print(e)
print(board.NAME, machine.freq(), machine.unique_id())
`);
    expect(r).toMatchObject({ status: 'ok', exceptions: [] });
    expect(r.output).toBe([
      "0 Pin('PB6', mode=Pin.OUT)",
      '0 [] 0',
      'pin PA9 is used by the link to the IDE',
      'pin D13 not on qemu_netduinoplus2',
      "qemu_netduinoplus2 168000000 b'QEMU-F405\\x00\\x00\\x01'",
      '',
    ].join('\n'));
  });

  it('runs PWM on the modelled timers and names the frequency range', async () => {
    const r = await run(`
import machine
pw = machine.PWM(machine.Pin('PA6'), freq=1000, duty_u16=32768)
print(pw.freq(), pw.duty_u16())
pw.freq(20000)
pw.duty_u16(65535)
print(pw.freq(), pw.duty_u16())
pw.deinit()
for f in (0, 5000000):
    try:
        machine.PWM(machine.Pin('PA7'), freq=f)
    except ValueError as e:
        print(e)
try:
    machine.PWM(machine.Pin('PB6'), freq=1000)
except ValueError as e:
    print(e)
`);
    expect(r).toMatchObject({ status: 'ok', exceptions: [] });
    const lines = r.output.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['1000 32768', '20000 65535']);
    expect(lines[2]).toBe('frequency out of range 1..1000000 Hz');
    expect(lines[3]).toBe('frequency out of range 1..1000000 Hz');
    expect(lines[4]).toMatch(/^pin PB6 has no PWM \(PWM pins: PA0, PA1, PA6, PA7, PB0, PB1, PB8, PB9\)$/);
  });

  it('fails I2C without a crash (QEMU models no I2C: every transfer times out) and exchanges SPI bytes', async () => {
    const r = await run(`
import machine, time
i2c = machine.I2C(1)
t0 = time.ticks_ms()
print(i2c.scan())
print(time.ticks_diff(time.ticks_ms(), t0) < 2000)
for f in (lambda: i2c.readfrom(0x44, 6), lambda: i2c.writeto(0x44, b'\\x24\\x00')):
    try:
        f()
    except OSError as e:
        print(e.args[0])
spi = machine.SPI(1, baudrate=1000000)
print(spi.read(3), spi.read(2, 0xff))
buf = bytearray(2)
spi.write_readinto(b'\\x01\\x02', buf)
print(buf)
`);
    expect(r).toMatchObject({ status: 'ok', exceptions: [] });
    // QEMU's SPI has no device on its bus: it shifts in zeros
    expect(r.output).toBe("[]\nTrue\n110\n110\nb'\\x00\\x00\\x00' b'\\x00\\x00'\nbytearray(b'\\x00\\x00')\n");
  });

  it('is still there after all of it', async () => {
    expect(await run('print("after", 6 * 7)\n')).toEqual({ status: 'ok', output: 'after 42\n', exceptions: [] });
  });
});
