import type { BoardPanelInput } from '../../../main/common/api';
import { createInputQueue } from './inputQueue';

/** A board that answers each request when the test says so. */
function slowBoard() {
  const sent: BoardPanelInput[] = [];
  const answers: (() => void)[] = [];
  const send = (_boardId: string, input: BoardPanelInput) => new Promise<void>(resolve => { sent.push(input); answers.push(resolve); });
  const answer = async () => { answers.shift()?.(); await new Promise(r => setTimeout(r, 0)); };
  return { sent, send, answer };
}

describe('board panel input queue', () => {
  test('sends one request at a time, every button edge in order', async () => {
    const board = slowBoard();
    const queue = createInputQueue(board.send, err => { throw err; });
    for (const level of [1, 0, 1, 0] as const) queue.push('virtual', { kind: 'pin', pin: 2, level });
    expect(board.sent).toEqual([{ kind: 'pin', pin: 2, level: 1 }]);
    for (let i = 0; i < 4; i++) await board.answer();
    expect(board.sent.map(i => i.kind === 'pin' && i.level)).toEqual([1, 0, 1, 0]);
  });

  test('a knob turned while the board is busy sends only its latest position, after what came before it', async () => {
    const board = slowBoard();
    const queue = createInputQueue(board.send, err => { throw err; });
    queue.push('virtual', { kind: 'analog', pin: 16, value: 1 }, 'A0');
    for (let v = 2; v <= 100; v++) queue.push('virtual', { kind: 'analog', pin: 16, value: v }, 'A0');
    queue.push('virtual', { kind: 'pin', pin: 2, level: 1 });
    queue.push('virtual', { kind: 'analog', pin: 16, value: 7 }, 'A0');
    queue.push('virtual', { kind: 'analog', pin: 17, value: 9 }, 'A1');
    for (let i = 0; i < 5; i++) await board.answer();
    await queue.idle();
    expect(board.sent).toEqual([
      { kind: 'analog', pin: 16, value: 1 }, { kind: 'analog', pin: 16, value: 100 }, { kind: 'pin', pin: 2, level: 1 },
      { kind: 'analog', pin: 16, value: 7 }, { kind: 'analog', pin: 17, value: 9 },
    ]);
  });

  test('a refused request is reported and the queue goes on', async () => {
    const errors: string[] = [];
    const sent: number[] = [];
    const queue = createInputQueue(async (_b, input) => {
      if (input.kind === 'pin' && input.pin === 99) throw new Error('pin 99 is not on virtual');
      if (input.kind === 'pin') sent.push(input.pin);
    }, err => errors.push(err.message));
    const refused = queue.push('virtual', { kind: 'pin', pin: 99, level: 1 });
    const taken = queue.push('virtual', { kind: 'pin', pin: 2, level: 1 });
    await queue.idle();
    await expect(refused).resolves.toBe(false);
    await expect(taken).resolves.toBe(true);
    expect(errors).toEqual(['pin 99 is not on virtual']);
    expect(sent).toEqual([2]);
  });
});
