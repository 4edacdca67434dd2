// Whatever a board sends — noise, malformed frames, frames of unknown types — the host side
// counts and drops it; it never throws (a throw in a data listener would end the IDE).
import { encodeFrame, FrameReader } from './frame';
import { FRAME_TYPES } from './protocol';
import { DeviceSession } from './session';
import type { Transport } from './transport';

class Loopback implements Transport {
  listeners: ((b: Uint8Array) => void)[] = [];
  write(): void { /* the board never answers */ }
  onData(l: (b: Uint8Array) => void): void { this.listeners.push(l); }
  onClose(): void {}
  async close(): Promise<void> {}
  feed(b: Uint8Array): void { for (const l of this.listeners) l(b); }
}

function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}

describe('host side under garbage', () => {
  it('a FrameReader fed 2 MB of random bytes never throws and finds no frame', () => {
    const next = random(42);
    let found = 0;
    const reader = new FrameReader(() => { found++; });
    for (let i = 0; i < 2000; i++) {
      const chunk = new Uint8Array(1 + (next() % 2048));
      for (let k = 0; k < chunk.length; k++) chunk[k] = next() % 7 === 0 ? 0 : next() & 0xff;
      reader.push(chunk);
    }
    expect(found).toBe(0);
    expect(reader.dropped).toBeGreaterThan(1000);
  });

  it('a session fed valid frames with malformed payloads and unknown types keeps going', async () => {
    const link = new Loopback();
    const session = new DeviceSession(link, { timeoutMs: 20, attempts: 1 });
    const events: string[] = [];
    session.on('output', () => events.push('output'));
    session.on('exception', () => events.push('exception'));
    session.on('done', (s: string) => events.push(`done ${s}`));
    const next = random(7);
    for (let i = 0; i < 3000; i++) {
      const type = [FRAME_TYPES.EXCEPTION, FRAME_TYPES.DONE, FRAME_TYPES.STDOUT, FRAME_TYPES.INFO, FRAME_TYPES.STATE, 0x99, 0x01][next() % 7];
      const payload = new Uint8Array(next() % 40);
      for (let k = 0; k < payload.length; k++) payload[k] = next() & 0xff;
      expect(() => link.feed(encodeFrame({ type, seq: next() & 0xff, payload }))).not.toThrow();
    }
    expect(events.some(e => e.startsWith('done'))).toBe(true);
    expect(session.droppedFrames).toBeGreaterThan(0);
    await expect(session.hello()).rejects.toThrow(/did not answer/);
  });
});
