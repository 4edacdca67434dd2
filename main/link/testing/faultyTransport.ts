// Test helper: a transport that damages the byte stream at chosen points — drops, duplicates
// or corrupts one byte going to the board or coming back — to prove the session recovers.
import type { Transport } from '../transport';

export type FaultKind = 'drop' | 'duplicate' | 'corrupt';
export interface Fault { direction: 'toBoard' | 'toHost'; at: number; kind: FaultKind }

export class FaultyTransport implements Transport {
  private sent = 0;
  private received = 0;
  private faults: Fault[] = [];
  private dataListeners: ((bytes: Uint8Array) => void)[] = [];
  /** Bytes written to the board so far (to find the points of an upload). */
  get bytesToBoard(): number { return this.sent; }
  get bytesToHost(): number { return this.received; }

  constructor(private inner: Transport) {
    inner.onData(bytes => this.deliver(bytes));
  }

  /** Arms one fault at byte `at` (counted from now) of the given direction. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, at: fault.at + (fault.direction === 'toBoard' ? this.sent : this.received) });
  }

  /** Swaps the board behind this transport (a VM restarted behind the same cable). */
  replace(inner: Transport): void {
    this.inner = inner;
    inner.onData(bytes => this.deliver(bytes));
  }

  write(bytes: Uint8Array): void {
    const out = this.damage(bytes, 'toBoard', this.sent);
    this.sent += bytes.length;
    this.inner.write(out);
  }

  onData(listener: (bytes: Uint8Array) => void): void { this.dataListeners.push(listener); }
  onClose(listener: (reason: string) => void): void { this.inner.onClose(listener); }
  close(): Promise<void> { return this.inner.close(); }

  private deliver(bytes: Uint8Array): void {
    const out = this.damage(bytes, 'toHost', this.received);
    this.received += bytes.length;
    for (const l of this.dataListeners) l(out);
  }

  private damage(bytes: Uint8Array, direction: Fault['direction'], base: number): Uint8Array {
    const mine = this.faults.filter(f => f.direction === direction && f.at >= base && f.at < base + bytes.length);
    if (mine.length === 0) return bytes;
    this.faults = this.faults.filter(f => !mine.includes(f));
    const out: number[] = [];
    bytes.forEach((b, i) => {
      const f = mine.find(m => m.at === base + i);
      if (!f) out.push(b);
      else if (f.kind === 'duplicate') out.push(b, b);
      else if (f.kind === 'corrupt') out.push(b ^ 0x5a);
      // drop: nothing
    });
    return new Uint8Array(out);
  }
}
