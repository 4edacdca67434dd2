import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFirmware } from './firmware';

describe('loadFirmware', () => {
  let dir: string;
  const bin = Buffer.from('VM image bytes');
  const sha = createHash('sha256').update(bin).digest('hex');
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'viper-fw-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = (images: unknown[]) => writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ images }));

  it('loads the image listed for the board and checks its hash', async () => {
    writeFileSync(join(dir, 'due.bin'), bin);
    manifest([{ board: 'nucleo_f401re', vmVersion: '0.3.1', file: 'other.bin', sha256: sha }, { board: 'arduino_due', vmVersion: '0.3.1', file: 'due.bin', sha256: sha.toUpperCase() }]);
    const { entry, image } = await loadFirmware(dir, 'arduino_due');
    expect(entry.vmVersion).toBe('0.3.1');
    expect(Buffer.from(image).equals(bin)).toBe(true);
  });

  it('says how to build an image when there is no manifest or no entry', async () => {
    await expect(loadFirmware(dir, 'arduino_due')).rejects.toMatchObject({ message: expect.stringMatching(/no VM image for board "arduino_due"/), hint: expect.stringMatching(/make -C vm-firmware firmware BOARD=arduino_due/) });
    manifest([]);
    await expect(loadFirmware(dir, 'arduino_due')).rejects.toThrow(/no VM image/);
  });

  it('refuses a damaged image, a missing file and a path outside the folder', async () => {
    writeFileSync(join(dir, 'due.bin'), 'tampered');
    manifest([{ board: 'arduino_due', vmVersion: '1', file: 'due.bin', sha256: sha }, { board: 'x', vmVersion: '1', file: 'gone.bin', sha256: sha }, { board: 'y', vmVersion: '1', file: '../etc/passwd', sha256: sha }]);
    await expect(loadFirmware(dir, 'arduino_due')).rejects.toThrow(/damaged/);
    await expect(loadFirmware(dir, 'x')).rejects.toThrow(/missing/);
    await expect(loadFirmware(dir, 'y')).rejects.toThrow(/outside/);
  });

  it('reports a manifest that is not JSON', async () => {
    writeFileSync(join(dir, 'manifest.json'), '{oops');
    await expect(loadFirmware(dir, 'arduino_due')).rejects.toThrow(/not valid JSON/);
  });
});
