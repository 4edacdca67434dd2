// Which board or USB-serial adapter a USB device is, and the boards Viper has firmware for.
// The boards and their USB ids come from boards/*.json (their `firmware` blocks, checked by
// compiler/src/hardware/boardFirmware.ts); only the debug probes and generic USB-serial chips,
// which are no board, are listed here (sources in ../shared/REFERENCE.md).
import { checkFirmware, type BoardFirmware, type BurnMethodId } from '../../compiler/src/hardware/boardFirmware';
import { BOARDS } from '../../compiler/src/hardware/boards';
import { normalizeUsbId } from './portInfo';

export interface UsbIdentity {
  name: string;
  /** Board this ID always means, or undefined for generic chips and for ids several boards share. */
  board?: string;
  /** How to burn the VM through this port, if it can be done from here. */
  flashMethod?: BurnMethodId;
}

/** Probes and USB-serial chips: they sit on many boards and say nothing about the one behind them. */
const ADAPTERS: Record<string, UsbIdentity> = {
  '0483:374b': { name: 'ST-LINK/V2-1', flashMethod: 'stlink-drive' },
  '0483:3752': { name: 'ST-LINK/V2-1', flashMethod: 'stlink-drive' },
  '0483:3748': { name: 'ST-LINK/V2 (STM32F4-Discovery and older Discovery boards: no drive, no serial port)' },
  '0483:374d': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:374e': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:374f': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:3753': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:df11': { name: 'STM32 bootloader (DFU mode)', flashMethod: 'dfu' },
  // ST's virtual COM port ID, which the STM32F4-Discovery's VM (its USB CDC link) uses, as do
  // ST's USB examples and many STM32 gadgets: it names no board; the VM's INFO frame does.
  '0483:5740': { name: 'STM32 USB serial port' },
  '10c4:ea60': { name: 'Silicon Labs CP210x USB-serial' },
  '1a86:7523': { name: 'WCH CH340 USB-serial' },
  '1a86:55d4': { name: 'WCH CH9102 USB-serial' },
  '0403:6001': { name: 'FTDI FT232R USB-serial' },
  '0403:6010': { name: 'FTDI FT2232 USB-serial' },
  '0403:6014': { name: 'FTDI FT232H USB-serial' },
  '0403:6015': { name: 'FTDI FT-X USB-serial' },
};

/** Ids that sit on so many products that even one board listing them does not make them that board. */
const NEVER_A_BOARD = new Set(['0483:5740', '10c4:ea60', '1a86:7523', '1a86:55d4', '0403:6001', '0403:6010', '0403:6014', '0403:6015']);

export interface FirmwareBoard { id: string; name: string; firmware: BoardFirmware }

/** The boards with firmware, their blocks checked (a malformed one throws, naming the board). */
export function firmwareBoards(boards: readonly { id: string; name: string; firmware?: unknown }[] = BOARDS): FirmwareBoard[] {
  return boards.flatMap(b => {
    const firmware = checkFirmware(b.id, b.firmware);
    return firmware ? [{ id: b.id, name: b.name, firmware }] : [];
  });
}

/**
 * The USB table: the adapters above, plus every id a board's firmware block lists. An id one
 * board claims means that board (its first burn method); an id several boards claim (an ST-LINK
 * on several Nucleos), or a generic one (NEVER_A_BOARD), names them and claims none: the VM's
 * answer or the person says which board it is.
 */
export function usbTable(boards: readonly FirmwareBoard[]): Record<string, UsbIdentity> {
  const claims = new Map<string, FirmwareBoard[]>();
  for (const b of boards) for (const id of b.firmware.usb ?? []) claims.set(id, [...(claims.get(id) ?? []), b]);
  const table: Record<string, UsbIdentity> = { ...ADAPTERS };
  for (const [id, owners] of claims) {
    const adapter = ADAPTERS[id];
    const names = owners.map(b => b.name).join(', ');
    if (owners.length === 1 && !NEVER_A_BOARD.has(id)) {
      const [b] = owners;
      table[id] = { name: adapter ? `${b.name} (${adapter.name})` : b.name, board: b.id, ...(b.firmware.burn.length ? { flashMethod: b.firmware.burn[0] } : {}) };
    } else {
      table[id] = { name: `${adapter?.name ?? 'USB device'} (${names})`, ...(adapter?.flashMethod ? { flashMethod: adapter.flashMethod } : {}) };
    }
  }
  return table;
}

const FIRMWARE_BOARDS = firmwareBoards();
const TABLE = usbTable(FIRMWARE_BOARDS);

/** Looks a USB device up by vendor and product ID (any case, with or without 0x). */
export function identifyUsb(vendorId?: string, productId?: string, table: Record<string, UsbIdentity> = TABLE): UsbIdentity | undefined {
  const vid = normalizeUsbId(vendorId);
  const pid = normalizeUsbId(productId);
  if (!vid || !pid) return undefined;
  return Object.prototype.hasOwnProperty.call(table, `${vid}:${pid}`) ? table[`${vid}:${pid}`] : undefined;
}

/** Boards the IDE can be told a port belongs to (those that can be burned): id → the name a person sees. */
export const KNOWN_BOARDS: Readonly<Record<string, string>> = Object.fromEntries(
  FIRMWARE_BOARDS.filter(b => b.firmware.burn.length > 0).map(b => [b.id, b.name]));

/** The real boards Viper has firmware for, in boards/'s order. */
export const BURNABLE_BOARDS: readonly FirmwareBoard[] = FIRMWARE_BOARDS.filter(b => b.firmware.burn.length > 0);
