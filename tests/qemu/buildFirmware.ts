// The QEMU board's firmware, built from this checkout before its tests (ChibiOS from CHIBIOS),
// unless VIPER_QEMU_FIRMWARE names one built already.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { QEMU_BOARD_ID, qemuFirmwarePath } from '../../main/devices/qemuBoard';

export function buildQemuFirmware(): void {
  if (process.env.VIPER_QEMU_FIRMWARE) return;
  const build = spawnSync('make', ['-s', '-C', 'vm-firmware', 'firmware', `BOARD=${QEMU_BOARD_ID}`, `CHIBIOS=${process.env.CHIBIOS}`],
    { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the firmware did not build:\n${build.stdout}\n${build.stderr}`);
  if (!existsSync(qemuFirmwarePath())) throw new Error(`the firmware build left no ${qemuFirmwarePath()}`);
}
