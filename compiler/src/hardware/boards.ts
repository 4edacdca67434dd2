// Board definitions (boards/<id>.json, the same data the VM's pin table is generated from) and
// the questions the editor asks of them: which names a board's pins have, which can do ADC or PWM.
import type { BoardFirmware } from './boardFirmware';
import { BOARD_FILES } from './boards.generated';

export interface BoardPin {
  name: string;
  port: string;
  pad: number;
  adc?: number;
  pwm?: { timer: number; channel: number; af: number };
  /** Taken by the link UART to the IDE. */
  link?: boolean;
}
export interface BoardBus { id: number; [pin: string]: number | string }
export interface BoardDefinition {
  id: string;
  name: string;
  chip?: string;
  tested?: string;
  /** What a person should know about the board (an active-low button, shared pins). */
  notes?: string;
  pins: BoardPin[];
  aliases: Record<string, string>;
  uart: BoardBus[];
  i2c: BoardBus[];
  spi: BoardBus[];
  default?: { uart?: number; i2c?: number; spi?: number };
  virtual?: Record<string, unknown>;
  /** The VM image built for it and how it gets there (absent: no firmware, e.g. the Virtual board). */
  firmware?: BoardFirmware;
}

export const BOARDS: readonly BoardDefinition[] = BOARD_FILES as unknown as BoardDefinition[];

export function boardById(id: string | undefined): BoardDefinition | undefined {
  return id === undefined ? undefined : BOARDS.find(b => b.id === id);
}

/** The pin a name or alias stands for on `board`, or undefined. */
export function findPin(board: BoardDefinition, name: string): BoardPin | undefined {
  const real = Object.prototype.hasOwnProperty.call(board.aliases, name) ? board.aliases[name] : name;
  return board.pins.find(p => p.name === real);
}

/** Pin names, then aliases: what `board.` offers. */
export function pinNames(board: BoardDefinition): string[] {
  return [...board.pins.map(p => p.name), ...Object.keys(board.aliases)];
}
