// Burning the VM onto a board. The target is never taken as given: a serial method needs a port
// that is plugged in now (as listPorts shows it), the ST-LINK method a drive Viper detected, the
// DFU method a USB serial number (dfu-util picks the device by it), so the API cannot be used to
// write a firmware image into any folder or device node.
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { BurnBoardInfo, BurnMethod, BurnResult, ToolsApi } from '../common/api';
import { BURNABLE_BOARDS, type FirmwareBoard } from '../devices/boardTable';
import { burnVm, makeFlasher } from '../flash/burnVm';
import { STM32_DFU_ID } from '../flash/dfu';
import { buildHint, firmwareDirFor, readManifest } from '../flash/firmware';
import { FlashError } from '../flash/flasher';
import { findStlinkDrives } from '../flash/stlinkDrive';
import type { ServiceContext } from './serviceContext';

export type FlashApi = Pick<ToolsApi, 'listBurnBoards' | 'burnVm' | 'cancelBurn'>;

/** Where desktops mount USB drives: udisks on Linux (/media/USER, /run/media/USER), macOS /Volumes. */
export function defaultDriveRoots(): string[] {
  let user = '';
  try { user = userInfo().username; } catch { /* no user entry (containers) */ }
  return [...(user ? [join('/media', user), join('/run/media', user)] : []), '/media', '/Volumes'];
}

/** `firmwareDirs`: where VM images are looked for, in order (the first whose manifest lists the board).
 *  `boards`: the boards with firmware (boards/*.json; tests pass their own). */
export function createFlashService({ emit, prober, listSerialPorts }: ServiceContext, firmwareDirs: string[], driveRoots: string[],
  boards: readonly FirmwareBoard[] = BURNABLE_BOARDS): FlashApi {
  const burns = new Map<string, AbortController>();

  /** Throws unless `target` is something this method may burn through right now. */
  async function checkTarget(method: BurnMethod, target: string): Promise<void> {
    if (method === 'dfu') {
      // '' or 0483:df11: the one STM32 bootloader connected; else its serial number (hex digits).
      if (target !== '' && target !== STM32_DFU_ID && !/^[0-9A-Za-z]{1,64}$/.test(target)) {
        throw new Error(`"${target}" is not a DFU bootloader's serial number`);
      }
      return;
    }
    if (method === 'stlink-drive') {
      const drives = await findStlinkDrives(driveRoots);
      if (!drives.includes(resolve(target))) {
        throw new Error(`${target} is not an ST-LINK drive Viper found (looked in ${driveRoots.join(', ')}): plug the board in with its ST-LINK USB port and wait for its NODE_… drive`);
      }
      return;
    }
    const ports = await listSerialPorts().catch(() => []);
    if (!ports.some(p => p.path === target)) throw new Error(`no port "${target}": plug the board in and pick its port from the list`);
  }

  return {
    async listBurnBoards(): Promise<BurnBoardInfo[]> {
      return Promise.all(boards.map(async ({ id, name, firmware: f }) => {
        const dir = await firmwareDirFor(firmwareDirs, id);
        const entry = (await readManifest(dir).catch(() => [])).find(e => e.board === id);
        return { id, name, methods: [...f.burn], state: f.state, level: f.level, ...(entry ? { image: { vmVersion: entry.vmVersion } } : {}), buildHint: buildHint(id, dir) };
      }));
    },

    async burnVm({ board, method, target }): Promise<BurnResult> {
      const known = boards.find(b => b.id === board);
      if (!known) return { ok: false, error: `Viper has no firmware for a board "${board}"`, hint: `Pick one of ${boards.map(b => b.id).join(', ')}.`, cancelled: false };
      if (!known.firmware.burn.includes(method)) {
        return { ok: false, error: `${known.name} is not burned by ${method}`, hint: `Its ways: ${known.firmware.burn.join(', ')}.`, cancelled: false };
      }
      try {
        makeFlasher(method, target);                     // a method this version has no flasher for is refused before anything is touched
      } catch (err) {
        return { ok: false, error: (err as Error).message, hint: (err as FlashError).hint, cancelled: false };
      }
      if (burns.has(target)) return { ok: false, error: `already burning through ${target}`, hint: 'Wait for it to finish or cancel it.', cancelled: false };
      try {
        await checkTarget(method, target);
      } catch (err) {
        return { ok: false, error: (err as Error).message, hint: 'Pick the board’s port (or its drive) from what Viper lists.', cancelled: false };
      }
      const abort = new AbortController();
      burns.set(target, abort);
      await prober.hold(target);                         // a probe's HELLO must not land in a bootloader
      try {
        const firmwareDir = await firmwareDirFor(firmwareDirs, board);
        const { vmVersion } = await burnVm({ board, method, target, firmwareDir, signal: abort.signal,
          onProgress: p => emit({ kind: 'burn', boardId: target, ...p }) });
        return { ok: true, vmVersion };
      } catch (err) {
        if (err instanceof FlashError) return { ok: false, error: err.message, hint: err.hint, cancelled: err.cancelled };
        return { ok: false, error: (err as Error).message, hint: 'Unplug and replug the board, and try again.', cancelled: false };
      } finally {
        burns.delete(target);
        prober.release(target);
      }
    },

    async cancelBurn({ target }) { burns.get(target)?.abort(); },
  };
}
