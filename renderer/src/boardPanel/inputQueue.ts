// The board panel's input goes to the board one request at a time, in the order it happened (a
// button's press must reach the board before its release). A knob dragged faster than the board
// answers would queue hundreds of stale positions: a new value of a knob (or the sensor) replaces
// the one still waiting for that same knob, so only the latest is sent.
import type { BoardPanelInput } from '../../../main/common/api';

export interface InputQueue {
  /** Queues `input` for the board; `replaces`: a key (knob A0) whose waiting value it supersedes. */
  push(boardId: string, input: BoardPanelInput, replaces?: string): void;
  /** Resolves when everything queued so far has been sent (or failed). */
  idle(): Promise<void>;
}

interface Waiting { boardId: string; input: BoardPanelInput; key?: string }

export function createInputQueue(send: (boardId: string, input: BoardPanelInput) => Promise<void>, onError: (err: Error) => void): InputQueue {
  const waiting: Waiting[] = [];
  let running: Promise<void> | undefined;

  async function pump(): Promise<void> {
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      try {
        await send(next.boardId, next.input);
      } catch (err) {
        onError(err as Error);
      }
    }
    running = undefined;
  }

  return {
    push(boardId, input, key) {
      const last = waiting[waiting.length - 1];
      if (key !== undefined && last?.key === key && last.boardId === boardId) last.input = input;
      else waiting.push({ boardId, input, key });
      running ??= pump();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
