// Serial ports read straight from Linux sysfs, for machines without udevadm (containers), where
// serialport's own listing cannot run. Only real devices: a tty with a `device` link.
import { readdir, readFile, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { normalizeUsbId, type PortInfo } from './portInfo';

export interface SysfsRoots {
  /** Where sysfs is mounted; a test passes a fake tree. */
  sysRoot?: string;
  /** Where device nodes live (and serial/by-id). */
  devRoot?: string;
}

async function readText(path: string): Promise<string | undefined> {
  try { return (await readFile(path, 'utf8')).trim() || undefined; } catch { return undefined; }
}

/** Walks up from a tty's device to the USB device that carries idVendor, staying inside sysRoot. */
async function findUsbDevice(start: string, sysRoot: string): Promise<string | undefined> {
  for (let dir = start; dir.startsWith(sysRoot) && dir !== sysRoot; dir = dirname(dir)) {
    if (await readText(join(dir, 'idVendor'))) return dir;
  }
  return undefined;
}

/** Maps device node names (ttyUSB0) to their /dev/serial/by-id paths. */
async function readById(devRoot: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const dir = join(devRoot, 'serial', 'by-id');
  let names: string[];
  try { names = await readdir(dir); } catch { return found; }
  for (const name of names) {
    try { found.set(basename(resolve(dir, await readlink(join(dir, name)))), join(dir, name)); } catch { /* not a link */ }
  }
  return found;
}

async function readOne(name: string, sysRoot: string, devRoot: string, byId: Map<string, string>): Promise<PortInfo | undefined> {
  const ttyDir = join(sysRoot, 'class', 'tty', name);
  let device: string;
  try { device = await realpath(join(ttyDir, 'device')); } catch { return undefined; }  // virtual tty
  try {
    // The legacy 8250 driver registers ports whether or not a UART exists behind them.
    if (basename(await realpath(join(device, 'driver'))) === 'serial8250') return undefined;
  } catch { /* no driver link: keep it */ }
  const port: PortInfo = { path: join(devRoot, name) };
  const usb = await findUsbDevice(device, sysRoot);
  if (usb) {
    port.vendorId = normalizeUsbId(await readText(join(usb, 'idVendor')));
    port.productId = normalizeUsbId(await readText(join(usb, 'idProduct')));
    port.serialNumber = await readText(join(usb, 'serial'));
    port.manufacturer = await readText(join(usb, 'manufacturer'));
    port.product = await readText(join(usb, 'product'));
  }
  const link = byId.get(name);
  if (link) port.byId = link;
  for (const key of Object.keys(port) as (keyof PortInfo)[]) if (port[key] === undefined) delete port[key];
  return port;
}

/** Lists serial ports from sysfs; an unreadable tree gives an empty list, never an error. */
export async function listSysfsPorts(roots: SysfsRoots = {}): Promise<PortInfo[]> {
  const sysRoot = await realpath(resolve(roots.sysRoot ?? '/sys')).catch(() => resolve(roots.sysRoot ?? '/sys'));
  const devRoot = roots.devRoot ?? '/dev';
  let names: string[];
  try { names = await readdir(join(sysRoot, 'class', 'tty')); } catch { return []; }
  const byId = await readById(devRoot);
  const ports = await Promise.all(names.map(n => readOne(n, sysRoot, devRoot, byId).catch(() => undefined)));
  return ports.filter((p): p is PortInfo => p !== undefined).sort((a, b) => a.path.localeCompare(b.path));
}
