// The TypeScript side of the shared link-protocol vectors (the C side reads the same file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFrame, encodeFrame, FrameReader, type Frame } from '../main/link/frame';

const lines = readFileSync(join(__dirname, 'vectors', 'link-frames.txt'), 'utf8')
  .split('\n').filter(l => l.trim() && !l.startsWith('#')).map(l => l.trim().split(/\s+/));
const bytes = (hex: string) => hex === '-' ? new Uint8Array() : new Uint8Array(Buffer.from(hex, 'hex'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const framesOf = (stream: Uint8Array) => {
  const found: Frame[] = [];
  const reader = new FrameReader(f => found.push(f));
  reader.push(stream);
  return { found, dropped: reader.dropped };
};

describe('link frame vectors', () => {
  const valid = lines.filter(l => l[0] === 'frame');
  const rejects = lines.filter(l => l[0] === 'reject');
  const streams = lines.filter(l => l[0] === 'stream');

  it('has vectors of every kind', () => {
    expect(valid.length).toBeGreaterThanOrEqual(8);
    expect(rejects.length).toBeGreaterThanOrEqual(4);
    expect(streams.length).toBeGreaterThanOrEqual(4);
  });

  it.each(valid)('encodes and decodes %s (frame %s)', (_k, _name, type, seq, payload, wire) => {
    const frame = { type: parseInt(type, 16), seq: parseInt(seq, 16), payload: bytes(payload) };
    expect(hex(encodeFrame(frame))).toBe(wire);
    const decoded = decodeFrame(bytes(wire).subarray(0, -1));
    expect(decoded).toEqual(frame);
    expect(framesOf(bytes(wire)).found).toEqual([frame]);
  });

  it.each(rejects)('drops %s %s', (_k, _name, wire) => {
    const { found, dropped } = framesOf(bytes(wire));
    expect(found).toEqual([]);
    expect(dropped).toBe(1);
  });

  it.each(streams)('finds the frames in %s %s', (_k, _name, count, stream) => {
    expect(framesOf(bytes(stream)).found).toHaveLength(Number(count));
  });

  it('finds a frame split across many small reads', () => {
    const wire = bytes(valid[4][5]);
    const found: Frame[] = [];
    const reader = new FrameReader(f => found.push(f));
    for (const b of wire) reader.push(new Uint8Array([b]));
    expect(found).toHaveLength(1);
  });
});
