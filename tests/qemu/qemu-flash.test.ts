// Programs kept across a reset on the QEMU board: its program store is flash emulated in RAM that
// QEMU's system_reset leaves alone (vm-firmware/ports/chibios/flash_ram.c), run by the same
// flash_store.c as the real chips. Needs qemu-system-arm and CHIBIOS (the firmware is built by
// qemu-board.test.ts's way: make does nothing when it is up to date); skipped otherwise.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openSession } from '../../main/devices/connect';
import { findQemu, QEMU_BOARD_ID, startQemuBoard } from '../../main/devices/qemuBoard';
import { image, until } from '../../main/link/testing/programs';

const ready = findQemu() && (process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE);
const suite = ready ? describe : describe.skip;
if (!ready) console.log('skipped: QEMU flash-store tests need qemu-system-arm and CHIBIOS=<path>');

suite('programs kept across a reset on the QEMU board', () => {
  beforeAll(() => {
    if (process.env.VIPER_QEMU_FIRMWARE) return;
    const build = spawnSync('make', ['-s', '-C', 'vm-firmware', 'firmware', `BOARD=${QEMU_BOARD_ID}`, `CHIBIOS=${process.env.CHIBIOS}`],
      { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the firmware did not build:\n${build.stdout}\n${build.stderr}`);
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
});
