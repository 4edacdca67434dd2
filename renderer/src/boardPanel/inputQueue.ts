// The board panel's input goes to the board one request at a time, in the order it happened (a
// button's press must reach the board before its release). A knob dragged faster than the board
// answers would queue hundreds of stale positions: a new value of a knob (or the sensor) replaces
// the one still waiting for that same knob, so only the latest is sent.
import type { BoardPanelInput } from '../../../main/common/api';

export interface InputQueue {
  /** Queues `input` for the board; `replaces`: a key (knob A0) whose waiting value it supersedes.
   *  Resolves true once it (or what replaced it) reached the board, false when the board refused it. */
  push(boardId: string, input: BoardPanelInput, replaces?: string): Promise<boolean>;
  /** Resolves when everything queued so far has been sent (or failed). */
  idle(): Promise<void>;
}

interface Waiting { boardId: string; input: BoardPanelInput; key?: string; settle: ((sent: boolean) => void)[] }

export function createInputQueue(send: (boardId: string, input: BoardPanelInput) => Promise<void>, onError: (err: Error) => void): InputQueue {
  const waiting: Waiting[] = [];
  let running: Promise<void> | undefined;

  async function pump(): Promise<void> {
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      let sent = true;
      try {
        await send(next.boardId, next.input);
      } catch (err) {
        sent = false;
        onError(err as Error);
      }
      for (const settle of next.settle) settle(sent);
    }
    running = undefined;
  }

  return {
    push(boardId, input, key) {
      return new Promise<boolean>(settle => {
        const last = waiting[waiting.length - 1];
        if (key !== undefined && last?.key === key && last.boardId === boardId) {
          last.input = input;
          last.settle.push(settle);
        } else {
          waiting.push({ boardId, input, key, settle: [settle] });
        }
        running ??= pump();
      });
    },
    idle: () => running ?? Promise.resolve(),
  };
}
