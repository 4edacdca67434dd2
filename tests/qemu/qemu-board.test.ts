// The VM over ChibiOS/RT on an emulated STM32F405 (QEMU's netduinoplus2), driven by a real
// DeviceSession over QEMU's serial0 — the same path the IDE takes with the QEMU board.
// Needs qemu-system-arm and CHIBIOS=<path to ChibiOS 21.11> (the suite builds the firmware, make
// doing nothing when it is up to date); otherwise the suite is skipped. VIPER_QEMU_FIRMWARE=<elf>
// tests that firmware instead, without building.
import { IMAGE_FORMAT_VERSION } from '../../compiler/src/bytecode/format';
import { openSession } from '../../main/devices/connect';
import { findQemu, startQemuBoard } from '../../main/devices/qemuBoard';
import { LINK_PROTOCOL_VERSION } from '../../main/link/protocol';
import type { DeviceSession, VmInfo } from '../../main/link/session';
import { collectRun, image } from '../../main/link/testing/programs';
import { buildQemuFirmware } from './buildFirmware';

const missing = [
  ...(findQemu() ? [] : ['qemu-system-arm']),
  ...(process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE ? [] : ['CHIBIOS=<path to ChibiOS 21.11>']),
];
const suite = missing.length ? describe.skip : describe;
if (missing.length) {
  console.log(`skipped: QEMU board tests need qemu-system-arm and CHIBIOS=<path> (missing: ${missing.join(', ')})`);
}

suite('the VM on the QEMU board (ChibiOS/RT, STM32F405)', () => {
  let session: DeviceSession | undefined;
  let info: VmInfo;
  let qemuLog = '';

  beforeAll(async () => {
    // Bring the firmware up to date with the core and the compiler (make does nothing when it is).
    buildQemuFirmware();
    ({ session, info } = await openSession(await startQemuBoard({ clock: 'fast', onLog: t => { qemuLog += t; } }), { timeoutMs: 2000 }));
  }, 600_000);

  afterAll(async () => {
    await session?.close();
    if (qemuLog.trim()) console.log(`QEMU said: ${qemuLog}`);
  });

  it('answers hello with its board and chip', () => {
    expect(info).toMatchObject({
      protocolVersion: LINK_PROTOCOL_VERSION, imageFormatVersion: IMAGE_FORMAT_VERSION,
      boardId: 'qemu_netduinoplus2', chipId: 'stm32f405rg', heapBytes: 64 * 1024,
    });
    expect(info.storageBytes).toBeGreaterThan(0);
  });

  it('uploads and runs a program', async () => {
    await session!.upload(image('print("hello", 1 + 2)\n'));
    expect(await collectRun(session!)).toEqual({ status: 'ok', output: 'hello 3\n', exceptions: [] });
  });

  it('uploads a program of several chunks and computes with ints, floats and lists', async () => {
    const long = 'ab'.repeat(1500);
    const source = `s = "${long}"\nprint(len(s))\n` +
      'total = 0\nfor i in range(1000):\n    total += i * i\nprint(total)\n' +
      'print(float("2.5") * 2, 7 / 2, 2 ** 20)\nprint([3, 1, 2] + [4], {"a": 1}["a"])\n';
    const img = image(source);
    expect(img.length).toBeGreaterThan(2000);
    await session!.upload(img);
    expect(await collectRun(session!)).toEqual({
      status: 'ok', exceptions: [],
      output: '3000\n332833500\n5.0 3.5 1048576\n[3, 1, 2, 4] 1\n',
    });
  });

  it('reports an uncaught exception with the line it came from', async () => {
    await session!.upload(image('def f():\n    return missing\n\nf()\n'));
    const run = await collectRun(session!);
    expect(run.status).toBe('exception');
    expect(run.exceptions).toEqual([{
      type: 'NameError', message: "name 'missing' is not defined",
      frames: [{ file: 'main.py', function: '<module>', line: 4 }, { file: 'main.py', function: 'f', line: 2 }],
    }]);
  });

  it('stops an endless loop', async () => {
    await session!.upload(image('n = 0\nwhile True:\n    n += 1\n'));
    const done = collectRun(session!);
    await new Promise(r => setTimeout(r, 200));
    const asked = Date.now();
    await session!.stop();
    expect((await done).status).toBe('stopped');
    expect(Date.now() - asked).toBeLessThan(2000);
    // and the board is still there
    await session!.upload(image('print("after")\n'));
    expect((await collectRun(session!)).output).toBe('after\n');
  });
});

suite('the QEMU board as the IDE starts it (real-time clock)', () => {
  it('runs a program and closes cleanly', async () => {
    // The firmware was built by the suite above (jest runs a file's suites in order).
    const transport = await startQemuBoard();
    const { session } = await openSession(transport, { timeoutMs: 2000 });
    try {
      await session.upload(image('print("hello", 1 + 2)\n'));
      expect(await collectRun(session)).toEqual({ status: 'ok', output: 'hello 3\n', exceptions: [] });
    } finally {
      await session.close();
    }
    expect(session.closed).toBe(true);
  });
});
