// The DAP sessions of sessions.ts against the QEMU board (ChibiOS/RT on an emulated STM32F405):
// a serial link at board speed, the board's small tables. Needs qemu-system-arm and
// CHIBIOS=<path to ChibiOS 21.11> (the firmware is built first); skipped otherwise.
import { findQemu, startQemuBoard, type QemuTransport } from '../../main/devices/qemuBoard';
import { debugSessions } from './sessions';
import { buildQemuFirmware } from '../qemu/buildFirmware';

const missing = [
  ...(findQemu() ? [] : ['qemu-system-arm']),
  ...(process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE ? [] : ['CHIBIOS=<path to ChibiOS 21.11>']),
];
if (missing.length) {
  console.log(`skipped: QEMU debugging needs qemu-system-arm and CHIBIOS=<path> (missing: ${missing.join(', ')})`);
  describe.skip('debugging on the QEMU board', () => { it('needs QEMU and ChibiOS', () => undefined); });
} else {
  beforeAll(() => {
    buildQemuFirmware();
  }, 600_000);
  // One QEMU per test: the link is its serial socket, and closing it ends QEMU.
  debugSessions('the QEMU board', async () => {
    let transport: QemuTransport | undefined;
    return {
      connect: async () => (transport = await startQemuBoard({ clock: 'fast' })),
      stop: async () => { await transport?.close(); },
    };
  }, 60000);
}
