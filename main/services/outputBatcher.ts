// A board prints a line per link frame; sent on one by one, 20,000 lines are 20,000 IPC or
// WebSocket messages and the page drowns in them. Output is therefore gathered per board and
// passed on at most every BATCH_MS (or at BATCH_CHARS). The board panel's events are gathered the
// same way: UART text joins the UART text before it, and a pin table replaces the one before it
// when nothing came between (each is the whole table, so only the latest matters). Every other
// event of that board, and flush(), pass the gathered events on first, so the order of events
// never changes.
import type { DeviceEvent } from '../common/api';

const BATCH_MS = 15;
const BATCH_CHARS = 64 << 10;
/** Events a batch may hold (output, UART text and pin tables taking turns) before it goes. */
const BATCH_EVENTS = 256;

export interface OutputBatcher {
  emit(event: DeviceEvent): void;
  /** Passes on what a board printed so far (before answering a request that waited for it). */
  flush(boardId: string): void;
  dispose(): void;
}

type Gathered = Extract<DeviceEvent, { kind: 'output' | 'uart' | 'pins' }>;

function isGathered(event: DeviceEvent): event is Gathered {
  return event.kind === 'output' || event.kind === 'uart' || event.kind === 'pins';
}

/** `event` folded into `last` when they are the same stream, else undefined. */
function merge(last: Gathered | undefined, event: Gathered): Gathered | undefined {
  if (!last || last.kind !== event.kind) return undefined;
  if (last.kind === 'output' && event.kind === 'output') return { ...last, text: last.text + event.text };
  if (last.kind === 'uart' && event.kind === 'uart' && last.bus === event.bus) return { ...last, text: last.text + event.text };
  if (last.kind === 'pins' && event.kind === 'pins') return event;
  return undefined;
}

export function createOutputBatcher(send: (event: DeviceEvent) => void): OutputBatcher {
  const pending = new Map<string, { events: Gathered[]; chars: number; timer: NodeJS.Timeout }>();

  function flush(boardId: string): void {
    const batch = pending.get(boardId);
    if (!batch) return;
    pending.delete(boardId);
    clearTimeout(batch.timer);
    for (const event of batch.events) send(event);
  }

  return {
    emit(event) {
      if (!isGathered(event)) {
        flush(event.boardId);
        send(event);
        return;
      }
      let batch = pending.get(event.boardId);
      if (!batch) {
        batch = { events: [], chars: 0, timer: setTimeout(() => flush(event.boardId), BATCH_MS) };
        pending.set(event.boardId, batch);
      }
      const merged = merge(batch.events[batch.events.length - 1], event);
      if (merged) batch.events[batch.events.length - 1] = merged;
      else batch.events.push(event);
      batch.chars += event.kind === 'pins' ? 0 : event.text.length;
      if (batch.chars >= BATCH_CHARS || batch.events.length >= BATCH_EVENTS) flush(event.boardId);
    },
    flush,
    dispose() {
      for (const boardId of [...pending.keys()]) flush(boardId);
    },
  };
}
