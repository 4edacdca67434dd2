// The watcher over the real sysfs fallback reading a fake tree that changes under it.
import { join } from 'node:path';
import { listSysfsPorts } from './sysfsPorts';
import { PortWatcher } from './portWatcher';
import { FakeSysfs } from './testing/fakeSysfs';
import type { PortInfo } from './portInfo';

function next(watcher: PortWatcher, event: 'added' | 'removed'): Promise<{ port: PortInfo; ms: number }> {
  const t0 = Date.now();
  return new Promise(resolve => watcher.once(event, (port: PortInfo) => resolve({ port, ms: Date.now() - t0 })));
}

describe('PortWatcher', () => {
  let fs: FakeSysfs;
  let watcher: PortWatcher;
  beforeEach(() => { fs = new FakeSysfs(); });
  afterEach(async () => { await watcher.stop(); fs.dispose(); });

  it('reports a plugged and an unplugged board within 2 s, and nothing for ports already there', async () => {
    fs.addUsb({ name: 'ttyUSB0', busPath: '1-1', vendorId: '0403', productId: '6001', driver: 'usbserial' });
    watcher = new PortWatcher(() => listSysfsPorts({ sysRoot: fs.sysRoot, devRoot: fs.devRoot }), 200);
    const seen: string[] = [];
    watcher.on('added', (p: PortInfo) => seen.push(`+${p.path}`));
    watcher.on('removed', (p: PortInfo) => seen.push(`-${p.path}`));
    await watcher.start();
    expect(watcher.ports.map(p => p.path)).toEqual([join(fs.devRoot, 'ttyUSB0')]);

    const added = next(watcher, 'added');
    fs.addUsb({ name: 'ttyACM0', busPath: '1-2', vendorId: '2341', productId: '003d', driver: 'cdc_acm' });
    const a = await added;
    expect(a.port).toMatchObject({ path: join(fs.devRoot, 'ttyACM0'), vendorId: '2341' });
    expect(a.ms).toBeLessThan(2000);

    const removed = next(watcher, 'removed');
    fs.remove('ttyUSB0');
    const r = await removed;
    expect(r.port.path).toBe(join(fs.devRoot, 'ttyUSB0'));
    expect(r.ms).toBeLessThan(2000);
    expect(seen).toEqual([`+${join(fs.devRoot, 'ttyACM0')}`, `-${join(fs.devRoot, 'ttyUSB0')}`]);
  });

  it('keeps going when a listing fails', async () => {
    let fail = true;
    watcher = new PortWatcher(async () => { if (fail) throw new Error('boom'); return [{ path: '/dev/ttyX' }]; }, 50);
    await watcher.start();
    const added = next(watcher, 'added');
    await new Promise(r => setTimeout(r, 120));
    fail = false;
    expect((await added).port.path).toBe('/dev/ttyX');
  });
});
