// A serial port read as a byte stream with timeouts: what bootloader protocols need (they answer
// with single bytes and fixed-length blocks, not frames).
import { SerialPort } from 'serialport';
import { cancelledError } from './flasher';

export class Timeout extends Error {}

export interface ByteLinkOptions { baudRate: number; parity?: 'none' | 'even' }

export class ByteLink {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private wake?: () => void;
  private closedReason?: string;

  private constructor(private readonly port: SerialPort) {
    port.on('data', (b: Buffer) => { this.chunks.push(b); this.buffered += b.length; this.wake?.(); });
    port.on('close', () => { this.closedReason ??= 'the port closed'; this.wake?.(); });
    port.on('error', (e: Error) => { this.closedReason ??= e.message; this.wake?.(); });
  }

  static open(path: string, options: ByteLinkOptions): Promise<ByteLink> {
    const port = new SerialPort({ path, baudRate: options.baudRate, parity: options.parity ?? 'none', dataBits: 8, stopBits: 1, autoOpen: false });
    return new Promise((resolve, reject) =>
      port.open(err => err ? reject(new Error(`cannot open ${path}: ${err.message}`)) : resolve(new ByteLink(port))));
  }

  write(bytes: Uint8Array | string): Promise<void> {
    if (this.closedReason) return Promise.reject(new Error(this.closedReason));
    return new Promise((resolve, reject) => {
      this.port.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes));
      this.port.drain(err => err ? reject(err) : resolve());
    });
  }

  /** Reads exactly `n` bytes, or throws Timeout if they do not all come within `timeoutMs`. */
  async read(n: number, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffered < n) {
      if (signal?.aborted) throw cancelledError();
      if (this.closedReason) throw new Error(`the port closed while waiting for an answer (${this.closedReason})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Timeout(`no answer within ${timeoutMs} ms`);
      await new Promise<void>(resolve => {
        const timer = setTimeout(done, left);
        const onAbort = () => done();
        signal?.addEventListener('abort', onAbort, { once: true });
        function done() { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); resolve(); }
        this.wake = done;
      });
      this.wake = undefined;
    }
    const all = Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.buffered = all.length - n;
    return new Uint8Array(all.subarray(0, n));
  }

  /** Reads until `terminator` (included), at most `max` bytes. */
  async readUntil(terminator: string, max: number, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (!text.endsWith(terminator)) {
      if (text.length >= max) throw new Error(`answer longer than ${max} bytes without "${JSON.stringify(terminator)}"`);
      text += Buffer.from(await this.read(1, Math.max(1, deadline - Date.now()), signal)).toString('latin1');
    }
    return text;
  }

  /** Drops anything received so far. */
  discard(): void { this.chunks = []; this.buffered = 0; }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise(resolve => this.port.close(() => resolve()));
  }
}
