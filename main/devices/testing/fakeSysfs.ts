// Test helper: builds a small sysfs + /dev tree in a temp dir, laid out as Linux lays it out.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export interface UsbTty {
  name: string;                 // ttyACM0
  busPath: string;              // 1-2
  vendorId: string; productId: string;
  serial?: string; manufacturer?: string; product?: string;
  /** cdc_acm puts the tty under the interface; usb-serial drivers add a ttyUSBn level. */
  driver: 'cdc_acm' | 'usbserial';
  byId?: string;
}

export class FakeSysfs {
  readonly root = mkdtempSync(join(tmpdir(), 'viper-sysfs-'));
  readonly sysRoot = join(this.root, 'sys');
  readonly devRoot = join(this.root, 'dev');

  constructor() {
    mkdirSync(join(this.sysRoot, 'class', 'tty'), { recursive: true });
    mkdirSync(join(this.devRoot, 'serial', 'by-id'), { recursive: true });
    mkdirSync(join(this.sysRoot, 'bus', 'platform', 'drivers', 'serial8250'), { recursive: true });
  }

  private classDir(name: string): string {
    const dir = join(this.sysRoot, 'class', 'tty', name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** A tty with no device link, like tty0 or console. */
  addVirtual(name: string): void { this.classDir(name); }

  /** A phantom 16550 port bound to serial8250. */
  addLegacy8250(name: string): void {
    const dev = join(this.sysRoot, 'devices', 'platform', 'serial8250');
    mkdirSync(dev, { recursive: true });
    try { symlinkSync(relative(dev, join(this.sysRoot, 'bus', 'platform', 'drivers', 'serial8250')), join(dev, 'driver')); } catch { /* once */ }
    symlinkSync(relative(this.classDir(name), dev), join(this.classDir(name), 'device'));
  }

  addUsb(t: UsbTty): void {
    const usb = join(this.sysRoot, 'devices', 'pci0000:00', '0000:00:14.0', 'usb1', t.busPath);
    mkdirSync(usb, { recursive: true });
    writeFileSync(join(usb, 'idVendor'), `${t.vendorId}\n`);
    writeFileSync(join(usb, 'idProduct'), `${t.productId}\n`);
    if (t.serial) writeFileSync(join(usb, 'serial'), `${t.serial}\n`);
    if (t.manufacturer) writeFileSync(join(usb, 'manufacturer'), `${t.manufacturer}\n`);
    if (t.product) writeFileSync(join(usb, 'product'), `${t.product}\n`);
    const iface = join(usb, `${t.busPath}:1.0`);
    const device = t.driver === 'usbserial' ? join(iface, t.name) : iface;
    mkdirSync(device, { recursive: true });
    symlinkSync(relative(this.classDir(t.name), device), join(this.classDir(t.name), 'device'));
    writeFileSync(join(this.devRoot, t.name), '');
    if (t.byId) symlinkSync(join('..', '..', t.name), join(this.devRoot, 'serial', 'by-id', t.byId));
  }

  remove(name: string): void {
    rmSync(join(this.sysRoot, 'class', 'tty', name), { recursive: true, force: true });
    rmSync(join(this.devRoot, name), { force: true });
  }

  dispose(): void { rmSync(this.root, { recursive: true, force: true }); }
}
