// Remembers which board a person said sits behind a generic USB-serial adapter, per device
// (its serial number, else its port path), in a small JSON file in the settings directory.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortInfo } from './portInfo';

interface Stored { version: 1; devices: Record<string, string> }

/** The key a device is remembered under: stable across ports when it has a serial number. */
export function deviceKey(port: PortInfo): string {
  return port.serialNumber ? `usb:${port.vendorId ?? '????'}:${port.productId ?? '????'}:${port.serialNumber}` : `path:${port.path}`;
}

export class BoardMemory {
  readonly file: string;

  constructor(settingsDir: string) { this.file = join(settingsDir, 'boards.json'); }

  private read(): Stored {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Stored>;
      if (data && data.version === 1 && typeof data.devices === 'object' && data.devices !== null) {
        const devices: Record<string, string> = Object.create(null);
        for (const [k, v] of Object.entries(data.devices)) if (typeof v === 'string') devices[k] = v;
        return { version: 1, devices };
      }
    } catch { /* missing or damaged: start afresh */ }
    return { version: 1, devices: Object.create(null) };
  }

  recall(port: PortInfo): string | undefined { return this.read().devices[deviceKey(port)]; }

  remember(port: PortInfo, board: string): void {
    const data = this.read();
    data.devices[deviceKey(port)] = board;
    mkdirSync(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
    renameSync(tmp, this.file);
  }
}
