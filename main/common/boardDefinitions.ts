// The boards Viper knows, as data (boards/<id>.json): pin names by index (a pin's index in `pins`
// is its number on the link), and the Virtual board's panel (its LEDs, buttons, knobs, sensor,
// UART console). Shared by the main side (checking board panel input) and the renderer (drawing
// the board panel). No Node or Electron imports here: the renderer bundles the JSON.
import virtualBoard from '../../boards/virtual.json';

export interface BoardPin { name: string; port: string; pad: number; adc?: number; pwm?: { timer: number; channel: number; af: number }; link?: boolean }

export interface VirtualParts {
  leds: { pin: string; label: string; color: string }[];
  buttons: { pin: string; label: string }[];
  knobs: { pin: string; label: string }[];
  sensor: { kind: string; bus: number; address: number; temperature: number; humidity: number };
  uart_console: { bus: number };
}

export interface BoardDefinition {
  id: string;
  name: string;
  pins: BoardPin[];
  aliases: Record<string, string>;
  uart: { id: number; tx: string; rx: string }[];
  /** The Virtual board's parts, drawn by the board panel; absent on a real board. */
  virtual?: VirtualParts;
}

const VIRTUAL: BoardDefinition = virtualBoard;
const loaded = new Map<string, BoardDefinition>([[VIRTUAL.id, VIRTUAL]]);
const BOARD_ID = /^[a-z0-9_]{1,40}$/;

/** A board's definition when it is at hand: the Virtual board's always, another's once loaded. */
export function findBoardDefinition(id: string): BoardDefinition | undefined {
  return loaded.get(id);
}

/** Any board's definition, from boards/<id>.json (a board a VM reports). The bundlers take every
 *  file of boards/ in (esbuild's glob import), so a new board is a new file, not new code. */
export async function loadBoardDefinition(id: string): Promise<BoardDefinition | undefined> {
  const known = loaded.get(id);
  if (known || !BOARD_ID.test(id)) return known;
  try {
    const module = await import(`../../boards/${id}.json`) as { default?: BoardDefinition } & BoardDefinition;
    const board = module.default ?? module;
    if (board.id !== id || !Array.isArray(board.pins)) return undefined;
    loaded.set(id, board);
    return board;
  } catch {
    return undefined;                                     // a board Viper has no definition of
  }
}

/** The pin's index in the board's list, or -1. */
export function pinIndex(board: BoardDefinition, name: string): number {
  return board.pins.findIndex(p => p.name === name);
}

/** What a person calls pin `index`: its name and aliases ("D13 LED"), or "pin 7" when the board is not known. */
export function pinLabel(board: BoardDefinition | undefined, index: number): string {
  const pin = board?.pins[index];
  if (!board || !pin) return `pin ${index}`;
  const aliases = Object.entries(board.aliases).filter(([, target]) => target === pin.name).map(([alias]) => alias);
  return [pin.name, ...aliases].join(' ');
}
