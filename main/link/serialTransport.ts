// A serial port (or a pseudo-terminal standing in for one) as a link transport.
import { SerialPort } from 'serialport';
import type { Transport } from './transport';

/** Whether opening a port failed because this user may not (EACCES), not because it is busy or gone. */
export function isPermissionDenied(err: { code?: string; message?: string }): boolean {
  return err.code === 'EACCES' || /permission denied|EACCES/i.test(err.message ?? '');
}

/**
 * What to tell a person when `path` cannot be opened. Permission denied on Linux means the user is
 * not in the group owning serial ports (dialout on Debian and Ubuntu), so the message says how
 * to join it; other errors keep serialport's own words.
 */
export function openErrorMessage(path: string, err: { code?: string; message?: string }, platform: NodeJS.Platform = process.platform): string {
  if (!isPermissionDenied(err)) return `cannot open ${path}: ${err.message ?? String(err)}`;
  if (platform === 'linux') {
    return `cannot open ${path}: permission denied. Your user may not use serial ports yet: run ` +
      '`sudo usermod -aG dialout $USER`, then log out and back in. ' +
      '(Viper\'s .deb package installs a udev rule that gives access to the boards it knows when they are plugged in.)';
  }
  return `cannot open ${path}: permission denied. Your user may not use this port; ask for access to it, then try again.`;
}

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
        if (err) { reject(new Error(openErrorMessage(path, err))); return; }
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
