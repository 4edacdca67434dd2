// The ST-LINK drive flasher against a temp folder standing in for the mounted NODE_* drive; a
// watcher in the test plays the ST-LINK's part (writing FAIL.TXT when it rejects a file).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlashError, type FlashProgress } from './flasher';
import { findStlinkDrives, StlinkDriveFlasher } from './stlinkDrive';

describe('StlinkDriveFlasher', () => {
  let root: string;
  let drive: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'viper-media-'));
    drive = join(root, 'NODE_F401RE');
    mkdirSync(drive);
    writeFileSync(join(drive, 'DETAILS.TXT'), 'Version: 0221\n');
    writeFileSync(join(drive, 'MBED.HTM'), '<html></html>');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const img = Uint8Array.from({ length: 40000 }, (_, i) => (i * 31) & 0xff);

  it('copies the image onto the drive and reports progress', async () => {
    const seen: FlashProgress[] = [];
    await new StlinkDriveFlasher({ drive, settleMs: 200, pollMs: 20 }).flash({ image: img, onProgress: p => seen.push(p) });
    expect(readFileSync(join(drive, 'viper-vm.bin')).equals(Buffer.from(img))).toBe(true);
    expect(seen.filter(p => p.phase === 'write').map(p => p.done)).toEqual([16384, 32768, 40000]);
    expect(seen.at(-1)).toEqual({ phase: 'boot', done: 1, total: 1 });
  });

  it('reports the reason from a FAIL.TXT that appears after the copy', async () => {
    const stlink = setInterval(() => {
      if (existsSync(join(drive, 'viper-vm.bin'))) { writeFileSync(join(drive, 'FAIL.TXT'), 'The interface firmware FAILED to reset/halt the target MCU\r\n'); clearInterval(stlink); }
    }, 10);
    const err = await new StlinkDriveFlasher({ drive, settleMs: 1000, pollMs: 20 }).flash({ image: img }).catch(e => e);
    clearInterval(stlink);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toBe('the ST-LINK could not program the board: The interface firmware FAILED to reset/halt the target MCU');
  });

  it('ignores a FAIL.TXT left from an earlier attempt', async () => {
    writeFileSync(join(drive, 'FAIL.TXT'), 'old failure');
    await expect(new StlinkDriveFlasher({ drive, settleMs: 150, pollMs: 20 }).flash({ image: img })).resolves.toBeUndefined();
  });

  it('says to plug the board in when the drive is not mounted', async () => {
    const err = await new StlinkDriveFlasher({ drive: join(root, 'NODE_GONE') }).flash({ image: img }).catch(e => e);
    expect(err.message).toMatch(/is not mounted/);
    expect(err.hint).toMatch(/Plug the board in/);
  });

  it('stops when cancelled during the copy', async () => {
    const abort = new AbortController();
    const err = await new StlinkDriveFlasher({ drive, settleMs: 5000 })
      .flash({ image: img, signal: abort.signal, onProgress: p => { if (p.phase === 'write') abort.abort(); } }).catch(e => e);
    expect(err).toMatchObject({ cancelled: true });
    expect(readFileSync(join(drive, 'viper-vm.bin')).length).toBeLessThan(img.length);
  });

  it('finds drives by name or by their DETAILS.TXT and MBED.HTM', async () => {
    mkdirSync(join(root, 'DIS_F407VG'));
    writeFileSync(join(root, 'DIS_F407VG', 'DETAILS.TXT'), '');
    writeFileSync(join(root, 'DIS_F407VG', 'mbed.htm'), '');
    mkdirSync(join(root, 'USB_STICK'));
    expect(await findStlinkDrives([root, join(root, 'missing')])).toEqual([join(root, 'DIS_F407VG'), drive]);
  });
});
