// The packaged app contains everything it loads: electron-builder.yml against what
// main/electron/appPaths.ts says a packaged app opens; the .deb's udev rule against the board
// table; the icons and install scripts it names; and `npm run dist` stopping in one line where
// the Electron runtime is missing. Pure configuration checks: nothing is packaged here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { appPaths, RESOURCE_NAMES, shippedPaths, type AppPathsInput } from '../main/electron/appPaths';
import { firmwareBoards, usbTable } from '../main/devices/boardTable';

const yaml = require('js-yaml') as { load(text: string): unknown };

const repo = join(__dirname, '..');
const read = (file: string) => readFileSync(join(repo, file), 'utf8');

interface ResourceEntry { from: string; to: string; filter?: string[] }
interface BuilderConfig {
  files: string[];
  extraResources?: (string | ResourceEntry)[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  extraMetadata?: Record<string, string>;
  directories?: { buildResources?: string };
  linux?: { icon?: string; maintainer?: string; target?: string[]; extraResources?: ResourceEntry[] };
  mac?: { icon?: string; target?: string; extraResources?: ResourceEntry[] };
  win?: { icon?: string; target?: string; extraResources?: ResourceEntry[] };
  deb?: { afterInstall?: string; afterRemove?: string; fpm?: string[] };
}

export function loadBuilderConfig(text = read('electron-builder.yml')): BuilderConfig {
  return yaml.load(text) as BuilderConfig;
}

/** electron-builder's `files` semantics, enough for our patterns: globs in order, the last match wins. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') { re += '.*'; i++; if (glob[i + 1] === '/') i++; }
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function includedByFiles(patterns: string[], file: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(file)) included = !negated;
  }
  return included;
}

const PLATFORMS = ['linux', 'mac', 'win'] as const;
type Platform = typeof PLATFORMS[number];

function resourcesFor(config: BuilderConfig, platform: Platform): ResourceEntry[] {
  const all = [...(config.extraResources ?? []), ...(config[platform]?.extraResources ?? [])];
  return all.map(e => typeof e === 'string' ? { from: e, to: e } : e);
}

const toPosix = (p: string) => p.split(sep).join('/');
const packagedInput: AppPathsInput = { packaged: true, resourcesPath: '/R', userData: '/U', appRoot: '/R/app.asar' };
const checkoutInput: AppPathsInput = { packaged: false, resourcesPath: '/nowhere', userData: '/U', appRoot: repo };

/** The key of each appPaths field that lives in resourcesPath, with its packaged and checkout paths. */
function resourcePairs(): { name: string; packaged: string; checkout: string; kind: 'file' | 'folder' }[] {
  const packaged = appPaths(packagedInput);
  const checkout = appPaths(checkoutInput);
  const bundledFirmware = packaged.firmwareDirs.filter(d => d !== packaged.userFirmwareDir);
  expect(bundledFirmware).toHaveLength(1);
  return [
    { name: 'hostVm', packaged: packaged.hostVm, checkout: checkout.hostVm, kind: 'file' },
    { name: 'examplesDir', packaged: packaged.examplesDir, checkout: checkout.examplesDir, kind: 'folder' },
    { name: 'firmware', packaged: bundledFirmware[0], checkout: checkout.firmwareDirs[0], kind: 'folder' },
  ];
}

/**
 * What each platform's package lacks of what a packaged app opens, in words ("" when nothing).
 * Windows has no host VM (the Virtual board is POSIX-only and says so), so it needs none.
 */
export function missingFromPackage(config: BuilderConfig, platform: Platform): string[] {
  const problems: string[] = [];
  const paths = appPaths(packagedInput);
  const resources = resourcesFor(config, platform);
  for (const shipped of shippedPaths(paths, packagedInput)) {
    if (shipped.where !== 'app') continue;
    const rel = toPosix(relative(packagedInput.appRoot, shipped.path));
    // a folder: every file the build put in it (the page at least) must be packed
    const files = shipped.kind === 'file' ? [rel]
      : existsSync(join(repo, rel)) ? readdirSync(join(repo, rel)).filter(f => !f.endsWith('.map')).map(f => posix.join(rel, f)) : [];
    for (const file of files) if (!includedByFiles(config.files, file)) problems.push(`${file} is not in \`files\``);
  }
  for (const pair of resourcePairs()) {
    if (platform === 'win' && pair.name === 'hostVm') continue;
    const to = toPosix(relative(packagedInput.resourcesPath, pair.packaged));
    const entry = resources.find(e => e.to === to);
    if (!entry) { problems.push(`extraResources has no entry for ${to} (${pair.name})`); continue; }
    const from = toPosix(relative(repo, pair.checkout));
    if (entry.from !== from) problems.push(`extraResources ${to} comes from ${entry.from}, but the app reads ${from} in a checkout`);
  }
  return problems;
}

describe('electron-builder.yml covers what the packaged app opens', () => {
  const config = loadBuilderConfig();

  it.each(PLATFORMS)('%s: files and extraResources hold every path appPaths gives a packaged app', platform => {
    expect(missingFromPackage(config, platform)).toEqual([]);
  });

  it('the package.json "main" is the bundle appPaths names, and it is packed', () => {
    const main = (JSON.parse(read('package.json')) as { main: string }).main;
    expect(join(packagedInput.appRoot, main)).toBe(appPaths(packagedInput).mainBundle);
    expect(includedByFiles(config.files, main)).toBe(true);
  });

  it('the resource names agree with appPaths', () => {
    const tos = new Set(PLATFORMS.flatMap(p => resourcesFor(config, p).map(e => e.to)));
    for (const name of Object.values(RESOURCE_NAMES)) expect(tos).toContain(name);
  });

  it('Windows does not ship the POSIX host VM (a Linux build machine would put an ELF there)', () => {
    expect(resourcesFor(config, 'win').some(e => e.to === RESOURCE_NAMES.hostVm)).toBe(false);
  });

  it('fails when an extraResources entry is removed, or a bundle is excluded', () => {
    const text = read('electron-builder.yml');
    const withoutExamples = text.replace(/\n {2}- from: examples\n {4}to: examples/, '');
    expect(withoutExamples).not.toBe(text);
    expect(missingFromPackage(loadBuilderConfig(withoutExamples), 'linux')).toEqual(['extraResources has no entry for examples (examplesDir)']);
    const withoutVm = text.replace(/(linux:[\s\S]*?)\n {2}extraResources:\n {4}- from: vm-firmware\/build\/posix\/viper-vm\n {6}to: viper-vm/, '$1');
    expect(withoutVm).not.toBe(text);
    expect(missingFromPackage(loadBuilderConfig(withoutVm), 'linux')).toEqual(['extraResources has no entry for viper-vm (hostVm)']);
    const noPreload = loadBuilderConfig(text);
    noPreload.files = [...noPreload.files, '!build/main/preload.js'];
    expect(missingFromPackage(noPreload, 'linux')).toEqual(['build/main/preload.js is not in `files`']);
  });

  it('keeps the renderer-only modules and source maps out, the main process\'s runtime modules in', () => {
    expect(includedByFiles(config.files, 'build/main/electron.js.map')).toBe(false);
    expect(includedByFiles(config.files, 'node_modules/@codemirror/view/dist/index.js')).toBe(false);
    expect(includedByFiles(config.files, 'build/renderer/main.js')).toBe(true);
  });

  it('does not rebuild native modules, and flips the Electron fuses', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    // the prebuild that makes the rebuild unnecessary is really there, for this machine too
    const prebuilds = join(repo, 'node_modules', '@serialport', 'bindings-cpp', 'prebuilds');
    expect(readdirSync(prebuilds)).toEqual(expect.arrayContaining(['linux-x64', 'darwin-x64+arm64', 'win32-x64']));
  });

  it('names a homepage, a maintainer, and icons that exist in the formats each platform reads', () => {
    expect(config.extraMetadata?.homepage).toMatch(/^https:\/\//);
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    const png = readFileSync(join(repo, config.linux!.icon!));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = readFileSync(join(repo, config.win!.icon!));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(icoSizes).toContain(256);
    const icns = readFileSync(join(repo, config.mac!.icon!));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(statSync(join(repo, 'packaging', 'icon-256.png')).size).toBeGreaterThan(0);
  });
});

// ---- the udev rule the .deb installs ----

/** The USB IDs of the board table (its adapters and every id a board's firmware block lists), with their names. */
function boardTableIds(): { id: string; name: string }[] {
  return Object.entries(usbTable(firmwareBoards())).map(([id, { name }]) => ({ id, name }));
}

function udevRules(ids: { id: string; name: string }[]): string {
  const lines = [
    '# Viper: USB boards and USB-serial adapters it knows (main/devices/boardTable.ts, boards/*.json).',
    '# The person logged in at the computer may open them (uaccess: no dialout group needed), and',
    '# ModemManager leaves them alone (it would probe a new serial port with AT commands).',
    '# Installed by the .deb to /usr/lib/udev/rules.d. Generated: tests/packaging.test.ts fails when it',
    '# and the board table differ; UPDATE_UDEV_RULES=1 with that test rewrites it.',
    '',
  ];
  for (const { id, name } of ids) {
    const [vid, pid] = id.split(':');
    lines.push(`# ${name}`);
    lines.push(`SUBSYSTEMS=="usb", ATTRS{idVendor}=="${vid}", ATTRS{idProduct}=="${pid}", TAG+="uaccess", ENV{ID_MM_DEVICE_IGNORE}="1"`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the .deb udev rule', () => {
  const config = loadBuilderConfig();
  const rulesFile = 'packaging/linux/60-viper-boards.rules';

  it('lists exactly the USB IDs of the board table, each with uaccess and ModemManager ignore', () => {
    const expected = udevRules(boardTableIds());
    if (process.env.UPDATE_UDEV_RULES === '1') writeFileSync(join(repo, rulesFile), expected);
    const actual = read(rulesFile);
    expect(actual).toBe(expected);
    const ruleLines = actual.split('\n').filter(l => l && !l.startsWith('#'));
    expect(ruleLines).toHaveLength(boardTableIds().length);
    for (const line of ruleLines) {
      expect(line).toContain('TAG+="uaccess"');
      expect(line).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
    }
  });

  it('is installed by the .deb before udev\'s uaccess (73) and ModemManager (77) rules run', () => {
    expect(config.deb?.fpm).toContain(`${rulesFile}=/usr/lib/udev/rules.d/60-viper-boards.rules`);
    const [source] = config.deb!.fpm![0].split('=');
    expect(existsSync(join(repo, source))).toBe(true);
    expect(Number(/\/(\d+)-[^/]+\.rules$/.exec(config.deb!.fpm![0])![1])).toBeLessThan(73);
  });

  it('the install scripts are electron-builder\'s own plus the udev reload', () => {
    for (const [ours, theirs] of [[config.deb!.afterInstall!, 'after-install.tpl'], [config.deb!.afterRemove!, 'after-remove.tpl']]) {
      const script = read(ours);
      const builders = readFileSync(join(repo, 'node_modules', 'app-builder-lib', 'templates', 'linux', theirs), 'utf8');
      expect(script.startsWith(builders)).toBe(true);   // an electron-builder upgrade that changes its script fails here
      expect(script.slice(builders.length)).toMatch(/udevadm control --reload-rules/);
    }
    expect(spawnSync('bash', ['-n', join(repo, config.deb!.afterInstall!)]).status).toBe(0);
  });
});

describe('npm run dist', () => {
  it('stops in one line, before electron-builder, where the Electron runtime is missing', () => {
    const result = spawnSync(process.execPath, [join(repo, 'scripts', 'dist.mjs')], {
      cwd: repo, encoding: 'utf8', timeout: 20000,
      // a runtime folder that does not exist stands for "never downloaded" whatever this machine has
      env: { ...process.env, VIPER_DIST_SKIP_BUILD: '1', ELECTRON_OVERRIDE_DIST_PATH: join(repo, 'no-such-electron-dist') },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dist: cannot package: the Electron runtime is not installed here .*`npm run electron:download` fetches it\.$/);
  });
});
