// Opening a port this user may not open: the message says how to get access, not "busy".
import { spawnSync } from 'node:child_process';
import { chmodSync, realpathSync } from 'node:fs';
import { openPtyPair, type PtyPair } from '../devices/testing/ptyPair';
import { isPermissionDenied, openErrorMessage, SerialTransport } from './serialTransport';

describe('openErrorMessage', () => {
  it('on Linux, tells a person denied access to join dialout and log in again', () => {
    const message = openErrorMessage('/dev/ttyACM0', new Error('Error: Permission denied, cannot open /dev/ttyACM0'), 'linux');
    expect(message).toMatch(/^cannot open \/dev\/ttyACM0: permission denied/);
    expect(message).toContain('sudo usermod -aG dialout $USER');
    expect(message).toMatch(/log out and back in/);
    expect(message).toMatch(/udev rule/);
    expect(message).not.toMatch(/busy/i);
  });

  it('knows EACCES by its code as well as by its words', () => {
    expect(isPermissionDenied({ code: 'EACCES', message: 'open failed' })).toBe(true);
    expect(isPermissionDenied({ message: 'Error: Resource temporarily unavailable Cannot lock port' })).toBe(false);
  });

  it('keeps serialport\'s words for other errors, and gives no Linux advice elsewhere', () => {
    expect(openErrorMessage('/dev/ttyACM0', new Error('Error: No such file or directory, cannot open /dev/ttyACM0'), 'linux'))
      .toBe('cannot open /dev/ttyACM0: Error: No such file or directory, cannot open /dev/ttyACM0');
    const mac = openErrorMessage('/dev/cu.usbmodem1', { code: 'EACCES', message: 'Permission denied' }, 'darwin');
    expect(mac).toMatch(/permission denied/);
    expect(mac).not.toContain('dialout');
  });
});

// A real EACCES from serialport's binding: a pty made unreadable (mode 000), opened by a user who
// is not root (root ignores file modes, so as root the open runs in a child as `nobody`).
describe('SerialTransport.open on a port without permission', () => {
  let pair: PtyPair;
  let device: string;
  beforeEach(async () => {
    pair = await openPtyPair();
    device = realpathSync(pair.host);      // /dev/pts/N: the symlink's folder is private to us
    chmodSync(device, 0o000);
  });
  afterEach(async () => { await pair.close(); });

  it('says how to get access', async () => {
    if (process.getuid?.() !== 0) {
      await expect(SerialTransport.open(device)).rejects.toThrow(/sudo usermod -aG dialout \$USER/);
      return;
    }
    const serialport = require.resolve('serialport');
    const script = `const { SerialPort } = require(${JSON.stringify(serialport)});
      new SerialPort({ path: ${JSON.stringify(device)}, baudRate: 115200, autoOpen: false })
        .open(err => { process.stdout.write(JSON.stringify(err ? { message: err.message, code: err.code } : null)); });`;
    const child = spawnSync(process.execPath, ['-e', script], { uid: 65534, gid: 65534, cwd: '/', encoding: 'utf8', timeout: 10000 });
    expect(child.stderr).toBe('');
    const err = JSON.parse(child.stdout) as { message: string; code?: string } | null;
    expect(err).not.toBeNull();
    expect(isPermissionDenied(err!)).toBe(true);
    expect(openErrorMessage(device, err!, 'linux')).toContain('sudo usermod -aG dialout $USER');
  });
});
