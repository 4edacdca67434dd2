// USB IDs of the boards and USB-serial adapters a person is likely to plug in
// (sources in ../shared/REFERENCE.md). A generic adapter says nothing about the board behind it.
import { normalizeUsbId } from './portInfo';

export interface UsbIdentity {
  name: string;
  /** Board this ID always means, or undefined for generic USB-serial chips. */
  board?: string;
  /** How to burn the VM through this port, if it can be done from here. */
  flashMethod?: 'samba' | 'stlink-drive' | 'stm32-uart' | 'dfu';
}

const TABLE: Record<string, UsbIdentity> = {
  '2341:003d': { name: 'Arduino Due (programming port)', board: 'arduino_due', flashMethod: 'samba' },
  '2a03:003d': { name: 'Arduino Due (programming port)', board: 'arduino_due', flashMethod: 'samba' },
  '2341:003e': { name: 'Arduino Due (native USB port)', board: 'arduino_due', flashMethod: 'samba' },
  '2a03:003e': { name: 'Arduino Due (native USB port)', board: 'arduino_due', flashMethod: 'samba' },
  '0483:374b': { name: 'ST-LINK/V2-1 (Nucleo or Discovery board)', flashMethod: 'stlink-drive' },
  '0483:3752': { name: 'ST-LINK/V2-1 (Nucleo or Discovery board)', flashMethod: 'stlink-drive' },
  '0483:3748': { name: 'ST-LINK/V2 (STM32F4-Discovery and older Discovery boards: no drive, no serial port)' },
  '0483:374d': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:374e': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:374f': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:3753': { name: 'STLINK-V3', flashMethod: 'stlink-drive' },
  '0483:df11': { name: 'STM32 bootloader (DFU mode)', flashMethod: 'dfu' },
  // ST's virtual COM port ID, which the STM32F4-Discovery's VM (its USB CDC link) uses, as do
  // ST's USB examples and many STM32 gadgets: it names no board; the VM's INFO frame does.
  '0483:5740': { name: 'STM32 USB serial port (a Viper VM answers here as its board, e.g. the STM32F4-Discovery)' },
  '10c4:ea60': { name: 'Silicon Labs CP210x USB-serial' },
  '1a86:7523': { name: 'WCH CH340 USB-serial' },
  '1a86:55d4': { name: 'WCH CH9102 USB-serial' },
  '0403:6001': { name: 'FTDI FT232R USB-serial' },
  '0403:6010': { name: 'FTDI FT2232 USB-serial' },
  '0403:6014': { name: 'FTDI FT232H USB-serial' },
  '0403:6015': { name: 'FTDI FT-X USB-serial' },
};

/** Looks a USB device up by vendor and product ID (any case, with or without 0x). */
export function identifyUsb(vendorId?: string, productId?: string): UsbIdentity | undefined {
  const vid = normalizeUsbId(vendorId);
  const pid = normalizeUsbId(productId);
  if (!vid || !pid) return undefined;
  return Object.prototype.hasOwnProperty.call(TABLE, `${vid}:${pid}`) ? TABLE[`${vid}:${pid}`] : undefined;
}

/** Boards the IDE can be told a generic adapter belongs to: id and the name a person sees. */
export const KNOWN_BOARDS: Readonly<Record<string, string>> = {
  arduino_due: 'Arduino Due',
  nucleo_f401re: 'ST Nucleo-F401RE',
  nucleo_f411re: 'ST Nucleo-F411RE',
  stm32f4_discovery: 'ST STM32F4-Discovery',
  netduinoplus2: 'Netduino Plus 2 (STM32F405)',
  stm32f405_uart: 'STM32F4 board (UART bootloader)',
  stm32f103_uart: 'STM32F1 "Blue Pill" (UART bootloader)',
};
