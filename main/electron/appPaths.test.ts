import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firmwareDirFor, loadFirmware } from '../flash/firmware';
import { appPaths, shippedPaths } from './appPaths';

const repo = join(__dirname, '..', '..');

describe('appPaths', () => {
  it('in a checkout, finds everything under the repository, where the build puts it', () => {
    const input = { packaged: false, resourcesPath: '/nowhere/electron/resources', userData: '/home/ann/.config/Viper', appRoot: repo };
    const paths = appPaths(input);
    expect(paths.examplesDir).toBe(join(repo, 'examples'));
    expect(paths.firmwareDirs).toEqual([join(repo, 'vm-firmware', 'build', 'firmware')]);
    expect(paths.hostVm).toBe(join(repo, 'vm-firmware', 'build', 'posix', 'viper-vm'));
    expect(paths.userFirmwareDir).toBeUndefined();
    // the folders and files the checkout has (the bundles and the VM exist after `npm run build`)
    expect(existsSync(paths.examplesDir)).toBe(true);
    expect(existsSync(join(repo, 'package.json'))).toBe(true);
    const pkg = require(join(repo, 'package.json')) as { main: string };
    expect(paths.mainBundle).toBe(join(repo, pkg.main));
  });

  it('packaged, reads executables and folders beside app.asar, and the user folder before the bundled firmware', () => {
    const input = { packaged: true, resourcesPath: '/opt/Viper/resources', userData: '/home/ann/.config/Viper', appRoot: '/opt/Viper/resources/app.asar' };
    const paths = appPaths(input);
    expect(paths).toEqual({
      mainBundle: '/opt/Viper/resources/app.asar/build/main/electron.js',
      preload: '/opt/Viper/resources/app.asar/build/main/preload.js',
      rendererDir: '/opt/Viper/resources/app.asar/build/renderer',
      rendererPage: '/opt/Viper/resources/app.asar/build/renderer/index.html',
      hostVm: '/opt/Viper/resources/viper-vm',
      examplesDir: '/opt/Viper/resources/examples',
      firmwareDirs: ['/home/ann/.config/Viper/firmware', '/opt/Viper/resources/firmware'],
      userFirmwareDir: '/home/ann/.config/Viper/firmware',
    });
    // nothing the app spawns or lists with plain fs is inside the archive
    for (const p of [paths.hostVm, paths.examplesDir, ...paths.firmwareDirs]) expect(p).not.toContain('app.asar');
    const shipped = shippedPaths(paths, input);
    expect(shipped.filter(s => s.where === 'resources').map(s => s.path).sort())
      .toEqual(['/opt/Viper/resources/examples', '/opt/Viper/resources/firmware', '/opt/Viper/resources/viper-vm']);
    expect(shipped.some(s => s.path.startsWith('/home/'))).toBe(false);   // the user's folder is not shipped
  });
});

describe('firmwareDirFor (user folder first, then the bundled one)', () => {
  let root: string;
  let user: string;
  let bundled: string;
  const image = (dir: string, board: string, bytes: string, vmVersion: string) => {
    mkdirSync(dir, { recursive: true });
    const file = `viper-${board}.bin`;
    writeFileSync(join(dir, file), bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const manifestPath = join(dir, 'manifest.json');
    const images = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { images: unknown[] }).images : [];
    writeFileSync(manifestPath, JSON.stringify({ images: [...images, { board, vmVersion, file, sha256 }] }));
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'viper-fwdirs-'));
    user = join(root, 'user', 'firmware');
    bundled = join(root, 'resources', 'firmware');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes a board the user folder lists from there, and any other from the bundled folder', async () => {
    image(bundled, 'arduino_due', 'bundled due', '0.1.0');
    image(bundled, 'nucleo_f401re', 'bundled nucleo', '0.1.0');
    image(user, 'arduino_due', 'my own due', '0.2.0-dev');
    expect(await firmwareDirFor([user, bundled], 'arduino_due')).toBe(user);
    expect(await firmwareDirFor([user, bundled], 'nucleo_f401re')).toBe(bundled);
    expect((await loadFirmware(await firmwareDirFor([user, bundled], 'arduino_due'), 'arduino_due')).entry.vmVersion).toBe('0.2.0-dev');
  });

  it('with no image anywhere (or no user folder yet) names the user folder in the hint', async () => {
    image(bundled, 'nucleo_f401re', 'bundled nucleo', '0.1.0');
    const dir = await firmwareDirFor([user, bundled], 'arduino_due');
    expect(dir).toBe(user);
    await expect(loadFirmware(dir, 'arduino_due')).rejects.toMatchObject({ hint: expect.stringContaining(user) });
  });
});
