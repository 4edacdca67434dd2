// A board's `firmware` block (boards/<id>.json): what the VM image built for it is and how it
// gets onto the board. One source for the generated docs (docs/firmware.md's boards section)
// and the IDE (USB ids, the Burn VM dialog). `checkFirmware` refuses a malformed block with a
// message naming the board and the field, so `npm run gen` stops before writing anything wrong.
// No Node imports: the renderer bundles this.

/** Ways to put the VM on a board; the first a board lists is the one to offer first. */
export const BURN_METHODS = ['samba', 'stlink-drive', 'stm32-uart', 'dfu'] as const;
export type BurnMethodId = typeof BURN_METHODS[number];

export const FEATURE_LEVELS = ['minimal', 'standard', 'full'] as const;
export type FeatureLevel = typeof FEATURE_LEVELS[number];

/** "qemu": tested under QEMU here; "untested": built, never run on the hardware. */
export const FIRMWARE_STATES = ['qemu', 'untested'] as const;
export type FirmwareState = typeof FIRMWARE_STATES[number];

export interface BoardFirmware {
  mcu: string;
  core: string;
  flashKB: number;
  ramKB: number;
  level: FeatureLevel;
  link: string;
  /** Bytes a program image may have on the board: what the smaller of its two program slots
   * holds less the slot's commit record (viper_board.h's VIPER_FLASH_SLOT_*). */
  programBytes: number;
  /** VID:PID (lower-case hex) a person's computer sees when the board is plugged in. */
  usb?: string[];
  burn: BurnMethodId[];
  state: FirmwareState;
}

/** How a person sees a state, in the docs and in the Burn VM dialog. */
export const STATE_TEXT: Record<FirmwareState, string> = {
  qemu: 'tested under QEMU',
  untested: 'untested on hardware',
};

/** How a person sees a method. */
export const METHOD_TEXT: Record<BurnMethodId, string> = {
  'samba': 'SAM-BA bootloader (programming port)',
  'stlink-drive': 'ST-LINK drive (copy to NODE_… drive)',
  'stm32-uart': 'STM32 ROM bootloader over UART (BOOT0 high)',
  'dfu': 'STM32 USB DFU (dfu-util)',
};

const CORES = ['cortex-m0', 'cortex-m0plus', 'cortex-m3', 'cortex-m4', 'cortex-m7'];
const KEYS = ['mcu', 'core', 'flashKB', 'ramKB', 'level', 'link', 'programBytes', 'usb', 'burn', 'state'];

function oneOf<T extends string>(board: string, key: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new Error(`boards/${board}.json: firmware.${key} is ${JSON.stringify(value)}, not one of ${allowed.join(' | ')}`);
  }
  return value as T;
}

function text(board: string, key: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw new Error(`boards/${board}.json: firmware.${key} must be a non-empty string`);
  return value;
}

function kilobytes(board: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > 65536) {
    throw new Error(`boards/${board}.json: firmware.${key} is ${JSON.stringify(value)}, not a whole number of KB (1..65536)`);
  }
  return value;
}

function bytes(board: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024 || value > 16 * 1024 * 1024) {
    throw new Error(`boards/${board}.json: firmware.${key} is ${JSON.stringify(value)}, not a whole number of bytes (1024..16 MB)`);
  }
  return value;
}

/** The board's firmware block, checked; undefined when it has none (the Virtual board). Throws on a malformed one. */
export function checkFirmware(board: string, raw: unknown): BoardFirmware | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`boards/${board}.json: firmware must be an object`);
  const f = raw as Record<string, unknown>;
  for (const k of Object.keys(f)) if (!KEYS.includes(k)) throw new Error(`boards/${board}.json: firmware.${k} is not a field (${KEYS.join(', ')})`);
  if (!Array.isArray(f.burn)) throw new Error(`boards/${board}.json: firmware.burn must be a list of ${BURN_METHODS.join(' | ')} (empty for a QEMU board)`);
  const burn = f.burn.map((m, i) => oneOf(board, `burn[${i}]`, m, BURN_METHODS));
  if (new Set(burn).size !== burn.length) throw new Error(`boards/${board}.json: firmware.burn names a method twice`);
  const state = oneOf(board, 'state', f.state, FIRMWARE_STATES);
  if (state === 'untested' && burn.length === 0) throw new Error(`boards/${board}.json: firmware.burn is empty, so nothing can put the VM on this real board`);
  let usb: string[] | undefined;
  if (f.usb !== undefined) {
    if (!Array.isArray(f.usb)) throw new Error(`boards/${board}.json: firmware.usb must be a list of "vvvv:pppp"`);
    usb = f.usb.map((id, i) => {
      if (typeof id !== 'string' || !/^[0-9a-f]{4}:[0-9a-f]{4}$/.test(id)) {
        throw new Error(`boards/${board}.json: firmware.usb[${i}] is ${JSON.stringify(id)}, not "vvvv:pppp" in lower-case hex`);
      }
      return id;
    });
  }
  return {
    mcu: text(board, 'mcu', f.mcu),
    core: oneOf(board, 'core', f.core, CORES),
    flashKB: kilobytes(board, 'flashKB', f.flashKB),
    ramKB: kilobytes(board, 'ramKB', f.ramKB),
    level: oneOf(board, 'level', f.level, FEATURE_LEVELS),
    link: text(board, 'link', f.link),
    programBytes: bytes(board, 'programBytes', f.programBytes),
    ...(usb ? { usb } : {}),
    burn,
    state,
  };
}
