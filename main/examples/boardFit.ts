// Whether a board can run an example, and if not, why — in words the gallery shows on the greyed
// card. A board can run it when it is one the example is written for, it has every part the
// example `uses` (boards/<id>.json: pins, ADC and PWM pins, buses; timers and threads are on
// every VM), its VM's feature level has what the files use (levelErrors' V5004) and the pins and
// buses the files name exist on it (the editor's V5002 warnings).
import { CATALOGUE, check } from '../../compiler/src/index';
import { boardById, type BoardDefinition } from '../../compiler/src/hardware/boards';
import type { ExampleMeta, ExampleUse } from '../common/exampleMeta';

/** The Virtual board's definition id (boards/virtual.json). */
export const VIRTUAL_BOARD_DEFINITION = 'virtual';

const HAS: Record<ExampleUse, (b: BoardDefinition) => boolean> = {
  pin: b => b.pins.length > 0,
  adc: b => b.pins.some(p => p.adc !== undefined),
  pwm: b => b.pins.some(p => p.pwm !== undefined),
  uart: b => (b.uart?.length ?? 0) > 0,
  i2c: b => (b.i2c?.length ?? 0) > 0,
  spi: b => (b.spi?.length ?? 0) > 0,
  timer: () => true,
  threads: () => true,
};

const PART_NAME: Record<ExampleUse, string> = {
  pin: 'pins', adc: 'ADC pins', pwm: 'PWM pins', uart: 'UART for programs', i2c: 'I2C bus', spi: 'SPI bus', timer: 'timers', threads: 'threads',
};

/** The parts of `uses` that `board` lacks. */
export function missingParts(board: BoardDefinition, uses: readonly ExampleUse[]): ExampleUse[] {
  return uses.filter(use => !HAS[use](board));
}

/** Why `board` cannot run the example (its metadata and its .py files by name); [] when it can.
 *  Throws for a board id Viper has no definition of. */
export function whyBoardCannotRun(meta: ExampleMeta, files: Record<string, string>, boardId: string): string[] {
  const board = boardById(boardId);
  if (!board) throw new Error(`Viper knows no board "${boardId}"`);
  const reasons: string[] = [];
  if (!meta.boards.includes('any') && !meta.boards.includes(boardId)) {
    reasons.push(`written for ${meta.boards.map(id => boardById(id)?.name ?? id).join(', ')}`);
  }
  if (boardId === VIRTUAL_BOARD_DEFINITION && !meta.virtual) {
    reasons.push(meta.wiring ? `needs a real board with ${meta.wiring}` : 'needs a real board');
  }
  const missing = missingParts(board, meta.uses);
  if (missing.length) reasons.push(`${board.name} has no ${missing.map(use => PART_NAME[use]).join(', ')}`);
  // What levelErrors(files, boardId) finds, and the pins and buses the files name that the board
  // lacks, from one check of each file; one reason a message and file, with every line it is on.
  for (const [file, text] of Object.entries(files)) {
    const lines = new Map<string, number[]>();
    for (const d of check(text, file, { board })) {
      if (d.code !== CATALOGUE.LEVEL_LACKS && d.code !== CATALOGUE.BOARD_MISMATCH) continue;
      const at = lines.get(d.message) ?? [];
      if (!at.includes(d.line)) at.push(d.line);
      lines.set(d.message, at);
    }
    for (const [message, at] of lines) reasons.push(`${message} (${file} line${at.length > 1 ? 's' : ''} ${at.join(', ')})`);
  }
  return reasons;
}
