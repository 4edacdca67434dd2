// Where the running app finds what it loads: its bundles, the host VM (the Virtual board), the
// example gallery and the VM images it burns. One answer for a packaged app and one for a
// checkout, so nothing else guesses from __dirname. No `electron` import: main.ts passes in what
// `app` knows (app.isPackaged, process.resourcesPath, app.getPath('userData'), app.getAppPath()).
import { join } from 'node:path';

export interface AppPathsInput {
  /** app.isPackaged */
  packaged: boolean;
  /** process.resourcesPath: the folder holding app.asar and the extraResources. */
  resourcesPath: string;
  /** app.getPath('userData'): per-user settings, writable. */
  userData: string;
  /** app.getAppPath(): the app's root, inside app.asar when packaged, the repository in a checkout. */
  appRoot: string;
}

export interface AppPaths {
  /** The Electron main bundle (package.json "main"). */
  mainBundle: string;
  /** The preload bundle given to the window. */
  preload: string;
  /** The renderer's folder and the page the window loads. */
  rendererDir: string;
  rendererPage: string;
  /** The host build of the VM, run as the Virtual board. */
  hostVm: string;
  /** The example gallery, one folder per example. */
  examplesDir: string;
  /**
   * Firmware folders (each a manifest.json and its .bin images), searched in this order: the
   * first that lists a board wins. Packaged: the user's own folder, then the bundled one.
   */
  firmwareDirs: string[];
  /** Where a person puts VM images of their own (packaged only): they add to or replace bundled ones. */
  userFirmwareDir?: string;
}

/** The names of the packaged resources (electron-builder.yml extraResources `to:`). */
export const RESOURCE_NAMES = { hostVm: 'viper-vm', examples: 'examples', firmware: 'firmware' } as const;

export function appPaths(input: AppPathsInput): AppPaths {
  const { appRoot } = input;
  const bundles = {
    mainBundle: join(appRoot, 'build', 'main', 'electron.js'),
    preload: join(appRoot, 'build', 'main', 'preload.js'),
    rendererDir: join(appRoot, 'build', 'renderer'),
    rendererPage: join(appRoot, 'build', 'renderer', 'index.html'),
  };
  if (input.packaged) {
    // Executables and folders read with plain fs/spawn cannot live inside app.asar: they ship
    // beside it, in resourcesPath.
    const userFirmwareDir = join(input.userData, RESOURCE_NAMES.firmware);
    return {
      ...bundles,
      hostVm: join(input.resourcesPath, RESOURCE_NAMES.hostVm),
      examplesDir: join(input.resourcesPath, RESOURCE_NAMES.examples),
      firmwareDirs: [userFirmwareDir, join(input.resourcesPath, RESOURCE_NAMES.firmware)],
      userFirmwareDir,
    };
  }
  return {
    ...bundles,
    hostVm: join(appRoot, 'vm-firmware', 'build', 'posix', 'viper-vm'),
    examplesDir: join(appRoot, 'examples'),
    firmwareDirs: [join(appRoot, 'vm-firmware', 'build', 'firmware')],
  };
}

export interface ShippedPath {
  path: string;
  kind: 'file' | 'folder';
  /** Inside app.asar (electron-builder `files`) or beside it in resourcesPath (`extraResources`). */
  where: 'app' | 'resources';
}

/**
 * What a packaged app opens that the package itself must contain (the user's folders are not
 * shipped). tests/packaging.test.ts checks electron-builder.yml against this list.
 */
export function shippedPaths(paths: AppPaths, input: AppPathsInput): ShippedPath[] {
  const inside = (p: string, dir: string) => p.startsWith(dir.endsWith('/') ? dir : `${dir}/`) || p.startsWith(`${dir}\\`);
  const where = (p: string): ShippedPath['where'] => inside(p, input.appRoot) ? 'app' : 'resources';
  const list: ShippedPath[] = [
    { path: paths.mainBundle, kind: 'file', where: 'app' },
    { path: paths.preload, kind: 'file', where: 'app' },
    { path: paths.rendererPage, kind: 'file', where: 'app' },
    { path: paths.rendererDir, kind: 'folder', where: 'app' },
    { path: paths.hostVm, kind: 'file', where: where(paths.hostVm) },
    { path: paths.examplesDir, kind: 'folder', where: where(paths.examplesDir) },
    ...paths.firmwareDirs.filter(d => d !== paths.userFirmwareDir).map(d => ({ path: d, kind: 'folder' as const, where: where(d) })),
  ];
  return list;
}
