// Frames of the link protocol (docs/link-protocol.md): encode, and a reader that finds frames
// in a byte stream, resynchronising on 0x00 after garbage.
import { crc32 } from '../../compiler/src/bytecode/crc32';
import { cobsDecode, cobsEncode } from './cobs';
import { LINK_MAX_PAYLOAD } from './protocol';

export interface Frame { type: number; seq: number; payload: Uint8Array }

const OVERHEAD = 6; // type, seq, crc32

export function encodeFrame(frame: Frame): Uint8Array {
  if (frame.payload.length > LINK_MAX_PAYLOAD) throw new Error(`frame payload of ${frame.payload.length} bytes exceeds ${LINK_MAX_PAYLOAD}`);
  const body = new Uint8Array(frame.payload.length + OVERHEAD);
  body[0] = frame.type; body[1] = frame.seq & 0xff;
  body.set(frame.payload, 2);
  const crc = crc32(body, 0, body.length - 4);
  new DataView(body.buffer).setUint32(body.length - 4, crc, true);
  const stuffed = cobsEncode(body);
  const wire = new Uint8Array(stuffed.length + 1);
  wire.set(stuffed);
  return wire; // last byte stays 0x00, the delimiter
}

/** Decodes one frame's bytes (without the 0x00 delimiter); undefined if damaged. */
export function decodeFrame(stuffed: Uint8Array): Frame | undefined {
  const body = cobsDecode(stuffed);
  if (!body || body.length < OVERHEAD || body.length > LINK_MAX_PAYLOAD + OVERHEAD) return undefined;
  const expected = new DataView(body.buffer, body.byteOffset).getUint32(body.length - 4, true);
  if (crc32(body, 0, body.length - 4) !== expected) return undefined;
  return { type: body[0], seq: body[1], payload: body.slice(2, body.length - 4) };
}

/** Splits a byte stream into frames. Damaged frames and garbage are counted in `dropped`. */
export class FrameReader {
  private buffer = new Uint8Array(2 * (LINK_MAX_PAYLOAD + OVERHEAD) + 8);
  private length = 0;
  private overflowed = false;
  dropped = 0;

  constructor(private readonly onFrame: (frame: Frame) => void) {}

  push(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (byte !== 0) {
        if (this.length < this.buffer.length) this.buffer[this.length++] = byte;
        else this.overflowed = true;
        continue;
      }
      if (this.length > 0 || this.overflowed) {
        const frame = this.overflowed ? undefined : decodeFrame(this.buffer.subarray(0, this.length));
        this.length = 0; this.overflowed = false;
        if (frame) this.onFrame(frame); else this.dropped++;
      }
    }
  }
}
