// A serial port (or a pseudo-terminal standing in for one) as a link transport.
import { SerialPort } from 'serialport';
import type { Transport } from './transport';

export class SerialTransport implements Transport {
  private closeListeners: ((reason: string) => void)[] = [];
  private closedReason?: string;

  private constructor(private readonly port: SerialPort) {
    port.on('close', (err?: { disconnected?: boolean; message?: string }) =>
      this.finish(err?.disconnected ? 'the cable was unplugged' : 'the port was closed'));
    port.on('error', (err: Error) => this.finish(`the port failed: ${err.message}`));
  }

  static open(path: string, baudRate = 115200): Promise<SerialTransport> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate, autoOpen: false });
      port.open(err => {
        if (err) { reject(new Error(`cannot open ${path}: ${err.message}`)); return; }
        // whatever the board sent while nobody listened (old output, boot text) is dropped
        port.flush(() => resolve(new SerialTransport(port)));
      });
    });
  }

  write(bytes: Uint8Array): void {
    if (this.closedReason === undefined) this.port.write(Buffer.from(bytes));
  }

  onData(listener: (bytes: Uint8Array) => void): void { this.port.on('data', listener); }

  onClose(listener: (reason: string) => void): void {
    if (this.closedReason !== undefined) listener(this.closedReason);
    else this.closeListeners.push(listener);
  }

  close(): Promise<void> {
    if (this.closedReason !== undefined || !this.port.isOpen) return Promise.resolve();
    return new Promise(resolve => this.port.close(() => resolve()));
  }

  private finish(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const l of this.closeListeners) l(reason);
  }
}
