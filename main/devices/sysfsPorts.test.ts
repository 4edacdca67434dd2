// The sysfs fallback against a fake tree built the way Linux lays sysfs out.
import { FakeSysfs } from './testing/fakeSysfs';
import { listSysfsPorts } from './sysfsPorts';
import { join } from 'node:path';

describe('listSysfsPorts', () => {
  let fs: FakeSysfs;
  beforeEach(() => { fs = new FakeSysfs(); });
  afterEach(() => fs.dispose());

  it('lists USB serial devices with their IDs and skips virtual and phantom ttys', async () => {
    fs.addVirtual('tty0');
    fs.addVirtual('console');
    fs.addLegacy8250('ttyS0');
    fs.addUsb({ name: 'ttyACM0', busPath: '1-2', vendorId: '2341', productId: '003D', serial: '75830333', manufacturer: 'Arduino (www.arduino.cc)', driver: 'cdc_acm', byId: 'usb-Arduino_Due_75830333-if00' });
    fs.addUsb({ name: 'ttyUSB0', busPath: '1-3', vendorId: '1a86', productId: '7523', product: 'USB2.0-Serial', driver: 'usbserial' });
    const ports = await listSysfsPorts({ sysRoot: fs.sysRoot, devRoot: fs.devRoot });
    expect(ports).toEqual([
      { path: join(fs.devRoot, 'ttyACM0'), vendorId: '2341', productId: '003d', serialNumber: '75830333', manufacturer: 'Arduino (www.arduino.cc)',
        byId: join(fs.devRoot, 'serial', 'by-id', 'usb-Arduino_Due_75830333-if00') },
      { path: join(fs.devRoot, 'ttyUSB0'), vendorId: '1a86', productId: '7523', product: 'USB2.0-Serial' },
    ]);
  });

  it('gives an empty list for a missing tree instead of failing', async () => {
    expect(await listSysfsPorts({ sysRoot: join(fs.root, 'nowhere'), devRoot: join(fs.root, 'nodev') })).toEqual([]);
  });

  it('keeps a real port whose USB attributes cannot be found', async () => {
    fs.addUsb({ name: 'ttyACM1', busPath: '1-4', vendorId: '0483', productId: '374b', driver: 'cdc_acm' });
    // lose the USB device's attributes: the port is still listed, without IDs
    const { rmSync } = await import('node:fs');
    rmSync(join(fs.sysRoot, 'devices', 'pci0000:00', '0000:00:14.0', 'usb1', '1-4', 'idVendor'));
    expect(await listSysfsPorts({ sysRoot: fs.sysRoot, devRoot: fs.devRoot })).toEqual([{ path: join(fs.devRoot, 'ttyACM1') }]);
  });
});
