// A board prints a line per link frame; sent on one by one, 20,000 lines are 20,000 IPC or
// WebSocket messages and the page drowns in them. Output is therefore gathered per board and
// passed on at most every BATCH_MS (or at BATCH_CHARS). Every other event of that board, and
// flush(), pass the gathered output on first, so the order of events never changes.
import type { DeviceEvent } from '../common/api';

const BATCH_MS = 15;
const BATCH_CHARS = 64 << 10;

export interface OutputBatcher {
  emit(event: DeviceEvent): void;
  /** Passes on what a board printed so far (before answering a request that waited for it). */
  flush(boardId: string): void;
  dispose(): void;
}

export function createOutputBatcher(send: (event: DeviceEvent) => void): OutputBatcher {
  const pending = new Map<string, { text: string[]; chars: number; timer: NodeJS.Timeout }>();

  function flush(boardId: string): void {
    const batch = pending.get(boardId);
    if (!batch) return;
    pending.delete(boardId);
    clearTimeout(batch.timer);
    send({ kind: 'output', boardId, text: batch.text.join('') });
  }

  return {
    emit(event) {
      if (event.kind !== 'output') {
        flush(event.boardId);
        send(event);
        return;
      }
      let batch = pending.get(event.boardId);
      if (!batch) {
        batch = { text: [], chars: 0, timer: setTimeout(() => flush(event.boardId), BATCH_MS) };
        pending.set(event.boardId, batch);
      }
      batch.text.push(event.text);
      batch.chars += event.text.length;
      if (batch.chars >= BATCH_CHARS) flush(event.boardId);
    },
    flush,
    dispose() {
      for (const boardId of [...pending.keys()]) flush(boardId);
    },
  };
}
