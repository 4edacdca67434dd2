// Programs kept across a reset on the QEMU board: its program store is flash emulated in RAM that
// QEMU's system_reset leaves alone (vm-firmware/ports/chibios/flash_ram.c), run by the same
// flash_store.c as the real chips. Needs qemu-system-arm and CHIBIOS (the firmware is built by
// qemu-board.test.ts's way: make does nothing when it is up to date); skipped otherwise.
import { openSession } from '../../main/devices/connect';
import { findQemu, QEMU_BOARD_ID, startQemuBoard } from '../../main/devices/qemuBoard';
import { compileProject } from '../../compiler/src/index';
import { boardById } from '../../compiler/src/hardware/boards';
import { image, until } from '../../main/link/testing/programs';
import { buildQemuFirmware } from './buildFirmware';

const ready = findQemu() && (process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE);
const suite = ready ? describe : describe.skip;
if (!ready) console.log('skipped: QEMU flash-store tests need qemu-system-arm and CHIBIOS=<path>');

suite('programs kept across a reset on the QEMU board', () => {
  beforeAll(() => {
    buildQemuFirmware();
  }, 600_000);

  it('runs a run-at-boot program after system_reset; STOP in the first second skips it; a reset mid-upload keeps it; a RUN in that second runs it once', async () => {
    // real time: the boot window is a real second (the fast clock skips idle time)
    const transport = await startQemuBoard({ monitor: true });
    const { session } = await openSession(transport, { timeoutMs: 2000 });
    let output = '';
    session.on('output', (t: string) => { output += t; });
    try {
      await session.upload(image('print("booted", 6 * 7)\n'), { runAtBoot: true });
      await transport.monitor('system_reset');
      await until(() => output.includes('booted 42\n'), 15000);

      // STOP right after the reset: the stored program does not run
      output = '';
      await transport.monitor('system_reset');
      await session.stop();
      await new Promise(r => setTimeout(r, 2500));
      expect(output).toBe('');
      expect((await session.status()).programStored).toBe(true);

      // a reset in the middle of an upload: the previous program is still the one at boot
      const big = image(`s = "${'xy'.repeat(3000)}"\nprint("new", len(s))\n`);
      let reset: Promise<void> | undefined;
      const upload = session.upload(big, {
        runAtBoot: true,
        onProgress: sent => { if (sent > 0 && !reset) reset = transport.monitor('system_reset'); },
      }).catch(() => undefined);
      await until(() => reset !== undefined, 15000);
      await reset;
      await until(() => output.includes('booted 42\n'), 15000);
      await upload;
      expect(output).not.toContain('new');

      // RUN right after a reset: the program runs once, for the host, and not again when the
      // boot window closes
      await new Promise(r => setTimeout(r, 1500));
      output = '';
      await transport.monitor('system_reset');
      await session.runToEnd();
      await new Promise(r => setTimeout(r, 2500));
      expect(output).toBe('booted 42\n');
    } finally {
      await session.close();
    }
  }, 120_000);

  // The image of a program importing threading and queue (with heapq, which queue imports) is
  // ~23 KB: the 16 KB slots refused it (TOO_BIG), the 32 KB ones take it. It does not run to its
  // end yet: loading and importing those modules needs more than the board's 64 KB heap (the
  // loader copies every name and code object of the image into the heap: 62.4 KB in use at the
  // first line, measured with gc.mem_alloc()), so it stops with a MemoryError inside
  // lib/threading.py. KNOWN LIMIT, kept visible here: when the heap holds it,
  // this test fails and its expected ending becomes the program's output, 'queued [0, 1, 4]'.
  it('keeps a program that imports threading and queue (bigger than the 16 KB slots were) and runs it at boot after system_reset', async () => {
    const source = [
      'import threading',
      'import queue',
      '',
      'q = queue.Queue()',
      'def produce():',
      '    for i in range(3):',
      '        q.put(i * i)',
      '    q.put(None)',
      'threading.Thread(target=produce).start()',
      'got = []',
      'while True:',
      '    item = q.get()',
      '    if item is None:',
      '        break',
      '    got.append(item)',
      'print("queued", got)',
      '',
    ].join('\n');
    const { image: program, diagnostics } = compileProject({ 'main.py': source }, 'main.py');
    if (!program) throw new Error(diagnostics.map(d => d.message).join('\n'));
    expect(program.length).toBeGreaterThan(16 * 1024);
    expect(program.length).toBeLessThanOrEqual(boardById(QEMU_BOARD_ID)!.firmware!.programBytes);
    const transport = await startQemuBoard({ monitor: true });
    const { session, info } = await openSession(transport, { timeoutMs: 2000 });
    let output = '';
    const endings: string[] = [];
    session.on('output', (t: string) => { output += t; });
    session.on('exception', (report: { type: string; frames: { file: string }[] }) => {
      endings.push(`${report.type} in ${report.frames.map(f => f.file).join(' > ')}`);
    });
    try {
      expect(info.storageBytes).toBe(boardById(QEMU_BOARD_ID)!.firmware!.programBytes);
      await session.upload(program, { runAtBoot: true });   // accepted: no TOO_BIG
      const ran = await session.runToEnd();
      // the stored program, run at boot after a reset, ends as it did when run from the IDE
      await transport.monitor('system_reset');
      await until(() => endings.length === 2, 15000);
      const status = await session.status();
      expect(status.programStored && status.runAtBoot).toBe(true);
      expect(status.programBytes).toBe(program.length);
      expect(endings[1]).toBe(endings[0]);
      expect({ ran, output, ending: endings[0] }).toEqual({
        ran: 'exception', output: '', ending: expect.stringMatching(/^MemoryError in main\.py > lib\/threading\.py\b/),
      });
    } finally {
      await session.close();
    }
  }, 120_000);
});
