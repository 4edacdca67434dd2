// The board panel's input, checked against the board it is meant for, as BOARD_INPUT frames.
// The message's shape and ranges were checked by parseRequest (common/apiTable.ts); here the pins
// and buses it names must be the board's, and only the Virtual board takes input at all: a real
// board's pins are real, the panel shows them read-only (the VM would refuse too).
import type { BoardPanelInput } from '../common/api';
import type { BoardDefinition } from '../common/boardDefinitions';
import { LINK_MAX_PAYLOAD } from '../link/protocol';
import type { BoardInput } from '../link/session';

export const READ_ONLY_PINS = "this board's pins are real: the IDE shows them read-only";

/** Bytes of one UART_RX payload after its kind and bus bytes. */
const UART_CHUNK = LINK_MAX_PAYLOAD - 2;

/** The frames that carry `input` to `board` (a UART's text may take several); throws saying what is wrong. */
export function linkInputs(board: BoardDefinition | undefined, input: BoardPanelInput): BoardInput[] {
  if (input.kind === 'snapshot') return [input];           // any board may be asked for its pins' state
  if (!board?.virtual) throw new Error(READ_ONLY_PINS);
  switch (input.kind) {
    case 'pin':
      checkPin(board, input.pin);
      return [input];
    case 'analog': {
      checkPin(board, input.pin);
      if (board.pins[input.pin].adc === undefined) {
        const adcPins = board.pins.filter(p => p.adc !== undefined).map(p => p.name).join(', ');
        throw new Error(`pin ${board.pins[input.pin].name} has no ADC (ADC pins: ${adcPins})`);
      }
      return [input];
    }
    case 'sensor':
      return [input];
    case 'uart': {
      if (!board.uart.some(u => u.id === input.bus)) {
        throw new Error(`no UART ${input.bus} on ${board.id} (UART ids: ${board.uart.map(u => u.id).join(', ')})`);
      }
      const bytes = new TextEncoder().encode(input.text);
      const frames: BoardInput[] = [];
      for (let at = 0; at < bytes.length; at += UART_CHUNK) frames.push({ kind: 'uart', bus: input.bus, bytes: bytes.subarray(at, at + UART_CHUNK) });
      return frames;
    }
  }
}

function checkPin(board: BoardDefinition, pin: number): void {
  if (pin >= board.pins.length) throw new Error(`pin ${pin} is not on ${board.id} (pins 0 to ${board.pins.length - 1})`);
  if (board.pins[pin].link) throw new Error(`pin ${board.pins[pin].name} is used by the link to the IDE`);
}
