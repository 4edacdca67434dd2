// listPorts picks serialport's udevadm-based listing only when udevadm exists, else sysfs.
// serialport spawns `udevadm` from the real process environment, which jest hides behind a copy,
// so those cases run listPorts (bundled by esbuild) in a child node process whose PATH holds a
// udevadm script printing a udev database.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { listPorts, onPath } from './listPorts';
import { FakeSysfs } from './testing/fakeSysfs';
import type { PortInfo } from './portInfo';

const UDEV_DB = [
  'P: /devices/pci0000:00/usb1/1-2/1-2:1.0/tty/ttyACM0',
  'N: ttyACM0',
  'E: DEVNAME=/dev/ttyACM0',
  'E: ID_VENDOR_ID=2341',
  'E: ID_MODEL_ID=003D',
  'E: ID_SERIAL_SHORT=7583',
  'E: ID_VENDOR_ENC=Arduino\\x20(www.arduino.cc)',
  'E: DEVLINKS=/dev/serial/by-id/usb-Arduino_Due_7583-if00 /dev/serial/by-path/x',
  '',
  'P: /devices/virtual/tty/tty0',
  'N: tty0',
  '',
].join('\n');

describe('listPorts', () => {
  let fs: FakeSysfs;
  let bin: string;
  let script: string;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'viper-bin-'));
    script = join(bin, 'list.js');
    buildSync({
      stdin: { contents: `require(${JSON.stringify(resolve(__dirname, 'listPorts.ts'))}).listPorts(JSON.parse(process.argv[2])).then(p => process.stdout.write(JSON.stringify(p)))`, resolveDir: __dirname, loader: 'js' },
      bundle: true, platform: 'node', external: ['serialport'], outfile: script, logLevel: 'silent',
    });
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  beforeEach(() => {
    fs = new FakeSysfs();
    fs.addUsb({ name: 'ttyUSB0', busPath: '1-3', vendorId: '10c4', productId: 'ea60', serial: '0001', driver: 'usbserial' });
  });
  afterEach(() => fs.dispose());

  function listInChild(udevadm: string, devRoot: string): PortInfo[] {
    writeFileSync(join(bin, 'udevadm'), udevadm);
    chmodSync(join(bin, 'udevadm'), 0o755);
    const path = `${bin}:${process.env.PATH}`;
    const out = execFileSync(process.execPath, [script, JSON.stringify({ pathEnv: path, platform: 'linux', sysRoot: fs.sysRoot, devRoot })],
      { env: { ...process.env, PATH: path, NODE_PATH: resolve(__dirname, '../../node_modules') }, encoding: 'utf8' });
    return JSON.parse(out);
  }

  it('reads sysfs when udevadm is not on PATH', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'viper-nobin-'));
    expect(onPath('udevadm', empty)).toBe(false);
    const ports = await listPorts({ pathEnv: empty, platform: 'linux', sysRoot: fs.sysRoot, devRoot: fs.devRoot });
    rmSync(empty, { recursive: true });
    expect(ports).toEqual([{ path: join(fs.devRoot, 'ttyUSB0'), vendorId: '10c4', productId: 'ea60', serialNumber: '0001' }]);
  });

  it('uses serialport (which runs udevadm) when udevadm is on PATH', () => {
    expect(listInChild(`#!/bin/sh\ncat <<'END'\n${UDEV_DB}\nEND\n`, '/dev')).toEqual([{ path: '/dev/ttyACM0', vendorId: '2341', productId: '003d',
      serialNumber: '7583', manufacturer: 'Arduino (www.arduino.cc)', byId: '/dev/serial/by-id/usb-Arduino_Due_7583-if00' }]);
  });

  it('falls back to sysfs when udevadm exists but fails', () => {
    expect(listInChild('#!/bin/sh\nexit 3\n', fs.devRoot).map(p => p.path)).toEqual([join(fs.devRoot, 'ttyUSB0')]);
  });

  it('never throws, even with nothing readable', async () => {
    await expect(listPorts({ pathEnv: '', platform: 'linux', sysRoot: '/nonexistent', devRoot: '/nonexistent' })).resolves.toEqual([]);
  });
});
