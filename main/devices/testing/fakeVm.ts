// Test helper: a board end that answers the link protocol's HELLO with real frames, as a VM would.
import { SerialPort } from 'serialport';
import { encodeFrame, FrameReader } from '../../link/frame';
import { FRAME_TYPES } from '../../link/protocol';

export interface FakeVmOptions { boardId: string; chipId?: string; imageFormatVersion?: number }

export function infoPayload(o: FakeVmOptions): Uint8Array {
  const enc = new TextEncoder();
  const board = enc.encode(o.boardId);
  const chip = enc.encode(o.chipId ?? 'fake');
  const out = new Uint8Array(1 + 2 + 3 + 4 + 4 + 1 + board.length + 1 + chip.length);
  const v = new DataView(out.buffer);
  let at = 0;
  v.setUint8(at, 1); at += 1;                                   // protocol version
  v.setUint16(at, o.imageFormatVersion ?? 1, true); at += 2;
  out.set([0, 3, 1], at); at += 3;                              // VM v0.3.1
  v.setUint32(at, 65536, true); at += 4;                        // heap
  v.setUint32(at, 131072, true); at += 4;                       // storage
  out[at++] = board.length; out.set(board, at); at += board.length;
  out[at++] = chip.length; out.set(chip, at);
  return out;
}

/** Opens `path` and answers every HELLO frame with INFO. Resolves once the port is open. */
export function startFakeVm(path: string, options: FakeVmOptions): Promise<{ close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  const reader = new FrameReader(frame => {
    if (frame.type === FRAME_TYPES.HELLO) port.write(Buffer.from(encodeFrame({ type: FRAME_TYPES.INFO, seq: frame.seq, payload: infoPayload(options) })));
  });
  port.on('data', (bytes: Buffer) => reader.push(bytes));
  return new Promise((resolve, reject) => port.open(err => err ? reject(err) : resolve({
    close: () => new Promise<void>(r => port.isOpen ? port.close(() => r()) : r()),
  })));
}
