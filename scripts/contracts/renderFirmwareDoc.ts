// docs/firmware.md's boards section, written from the boards' `firmware` blocks (boards/*.json)
// between `<!-- boards:begin -->` and `<!-- boards:end -->`; the rest of the file (and the sizes
// section another script writes between its own markers) stays as it is.
// scripts/gen-hardware-docs.mjs writes it; tests/firmware-docs.test.ts fails on drift.
import { checkFirmware, METHOD_TEXT, STATE_TEXT, type BoardFirmware } from '../../compiler/src/hardware/boardFirmware';

export interface FirmwareBoard { id: string; name: string; aliases?: Record<string, string>; firmware?: unknown }

export const BOARDS_BEGIN = '<!-- boards:begin -->';
export const BOARDS_END = '<!-- boards:end -->';

/** The boards that have firmware, their blocks checked (throws on a malformed one). */
export function firmwareBoards(boards: readonly FirmwareBoard[]): { board: FirmwareBoard; firmware: BoardFirmware }[] {
  return boards.flatMap(board => {
    const firmware = checkFirmware(board.id, board.firmware);
    return firmware ? [{ board, firmware }] : [];
  });
}

/** How a person gets back a board whose stored program hangs or floods the link. */
export function recovery(board: FirmwareBoard, f: BoardFirmware): string {
  const stop = 'press STOP in the IDE within the first second after reset';
  if (f.state === 'qemu') return `${stop}; programs live in RAM under QEMU, so restarting QEMU clears them`;
  const button = board.aliases?.BUTTON;
  return button ? `hold the user button (\`BUTTON\`, ${button}) while pressing reset, or ${stop}` : stop;
}

function kb(n: number): string { return n >= 1024 && n % 1024 === 0 ? `${n / 1024} MB` : `${n} KB`; }

/** A program image's limit as a person weighs it: 49120 → "49,120 bytes (a 48 KB slot less its 32-byte record)". */
export function programSize(bytes: number): string {
  const slot = Math.ceil(bytes / 1024);
  return `${bytes.toLocaleString('en-US')} bytes (a ${slot} KB slot less its ${slot * 1024 - bytes}-byte record)`;
}

export function renderBoardsSection(boards: readonly FirmwareBoard[]): string {
  const rows = firmwareBoards(boards);
  const table = rows.map(({ board, firmware: f }) => `| \`${board.id}\` (${board.name}) | ${f.mcu}, ${f.core} | ${kb(f.flashKB)} / ${kb(f.ramKB)} | ${programSize(f.programBytes)} | ${f.link} | ${f.level} | ${
    f.burn.length ? f.burn.map(m => `\`${m}\``).join(', ') : 'none: QEMU starts it'} | *${STATE_TEXT[f.state]}* |`);
  const perBoard = rows.map(({ board, firmware: f }) =>
    `- \`${board.id}\`: build with \`make -C vm-firmware firmware BOARD=${board.id} CHIBIOS=<path>\`. ` +
    (f.burn.length ? `Burn: ${f.burn.map(m => METHOD_TEXT[m]).join(', or ')}. ` : 'Not burned: the IDE starts it as the QEMU board. ') +
    (f.usb?.length ? `USB ids: ${f.usb.join(', ')}. ` : '') + `Recover: ${recovery(board, f)}.`);
  return [
    BOARDS_BEGIN,
    '<!-- Generated from boards/*.json (their "firmware" blocks) by scripts/gen-hardware-docs.mjs: edit the JSON, then `npm run gen`. -->',
    '| board | MCU, core | flash / RAM | largest program | link to the IDE | feature level | burn methods (first = preferred) | state |',
    '|---|---|---|---|---|---|---|---|',
    ...table,
    '',
    'Burn methods: ' + Object.entries(METHOD_TEXT).map(([id, t]) => `\`${id}\` = ${t}`).join('; ') + '.',
    '*untested on hardware* means the image builds and the board\'s facts were checked against its',
    'datasheet, but nobody has run it on the board yet: the IDE\'s Burn VM dialog says so before burning.',
    'A stored program that hangs or floods the link can always be skipped at reset:',
    '',
    ...perBoard,
    BOARDS_END,
  ].join('\n');
}

/** `doc` with its boards section replaced (throws when the markers are missing or out of order). */
export function withBoardsSection(doc: string, boards: readonly FirmwareBoard[]): string {
  const begin = doc.indexOf(BOARDS_BEGIN);
  const end = doc.indexOf(BOARDS_END);
  if (begin < 0 || end < begin) throw new Error(`docs/firmware.md needs the markers ${BOARDS_BEGIN} … ${BOARDS_END} (in that order)`);
  return doc.slice(0, begin) + renderBoardsSection(boards) + doc.slice(end + BOARDS_END.length);
}
