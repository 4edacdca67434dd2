// Serial ports on this machine. serialport's own listing runs `udevadm` on Linux; where that
// program is missing (containers) the listing's spawn error kills the process, so it is only
// used when udevadm is on PATH, and sysfs is read instead otherwise. Never throws.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SerialPort } from 'serialport';
import { normalizeUsbId, type PortInfo } from './portInfo';
import { listSysfsPorts, type SysfsRoots } from './sysfsPorts';

export interface ListPortsOptions extends SysfsRoots {
  /** The PATH to look for udevadm in; defaults to this process's PATH. */
  pathEnv?: string;
  platform?: NodeJS.Platform;
}

export function onPath(program: string, pathEnv: string | undefined): boolean {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    try { accessSync(join(dir, program), constants.X_OK); return true; } catch { /* next */ }
  }
  return false;
}

async function listWithSerialport(devRoot: string): Promise<PortInfo[]> {
  const found = await SerialPort.list();
  return found.map(p => {
    const port: PortInfo = { path: p.path };
    const vid = normalizeUsbId(p.vendorId);
    const pid = normalizeUsbId(p.productId);
    if (vid) port.vendorId = vid;
    if (pid) port.productId = pid;
    if (p.serialNumber) port.serialNumber = p.serialNumber;
    if (p.manufacturer) port.manufacturer = p.manufacturer;
    if (p.pnpId && /^usb-/.test(p.pnpId)) port.byId = join(devRoot, 'serial', 'by-id', p.pnpId);
    return port;
  }).sort((a, b) => a.path.localeCompare(b.path));
}

export async function listPorts(options: ListPortsOptions = {}): Promise<PortInfo[]> {
  const platform = options.platform ?? process.platform;
  const pathEnv = options.pathEnv ?? process.env.PATH;
  const canUseSerialport = platform !== 'linux' || onPath('udevadm', pathEnv);
  if (canUseSerialport) {
    try {
      const ports = await listWithSerialport(options.devRoot ?? '/dev');
      // A udevadm that fails or has no udev database behind it gives an empty list, not an error.
      if (ports.length > 0 || platform !== 'linux') return ports;
    } catch { /* fall back below */ }
  }
  if (platform !== 'linux') return [];
  return listSysfsPorts(options);
}
