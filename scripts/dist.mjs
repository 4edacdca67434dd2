// `npm run dist [-- electron-builder options]`: builds the app (scripts/build.mjs) and packages it
// with electron-builder (electron-builder.yml) into dist/. Packaging needs the Electron runtime;
// where it is missing this says so in one line and stops before electron-builder goes looking
// for it on the network. For the host platform the installed runtime (node_modules/electron/dist)
// is used, so nothing is downloaded for it.
//   VIPER_DIST_SKIP_BUILD=1 (or --skip-build) packages what is already built.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electronRuntime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PLATFORM_FLAGS = { linux: ['--linux', '-l'], darwin: ['--mac', '-m', '--macos', '-o'], win32: ['--win', '-w', '--windows'] };

function fail(line) {
  console.error(`dist: ${line}`);
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

const args = process.argv.slice(2);
const skipBuild = process.env.VIPER_DIST_SKIP_BUILD === '1' || args.includes('--skip-build');
const builderArgs = args.filter(a => a !== '--skip-build');

const electron = findElectron();
if (!electron.path) {
  fail(`cannot package: the Electron runtime is not installed here (${electron.reason}); \`npm run electron:download\` fetches it.`);
}

if (!skipBuild && run(process.execPath, [join(root, 'scripts', 'build.mjs')]) !== 0) fail('the build failed (see above)');
for (const file of ['build/main/electron.js', 'build/main/preload.js', 'build/renderer/index.html']) {
  if (!existsSync(join(root, file))) fail(`${file} is missing: run \`npm run build\` first`);
}

// Burn VM reads the bundled firmware folder; without ChibiOS no image is built, so ship an empty
// manifest and let Burn VM say how to build one.
const firmware = join(root, 'vm-firmware', 'build', 'firmware');
if (!existsSync(join(firmware, 'manifest.json'))) {
  mkdirSync(firmware, { recursive: true });
  writeFileSync(join(firmware, 'manifest.json'), `${JSON.stringify({ images: [] }, null, 2)}\n`);
  console.log('dist: no VM images are built (needs CHIBIOS); the app ships an empty firmware folder');
}

// The installed runtime is the host platform's: use it unless another platform is asked for.
const platforms = builderArgs.filter(a => Object.values(PLATFORM_FLAGS).flat().includes(a));
const hostOnly = platforms.every(a => (PLATFORM_FLAGS[process.platform] ?? []).includes(a));
const runtimeDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(root, 'node_modules', 'electron', 'dist');
const electronDist = hostOnly ? [`-c.electronDist=${runtimeDir}`] : [];
const builder = join(root, 'node_modules', 'electron-builder', 'cli.js');
process.exit(run(process.execPath, [builder, '--config', 'electron-builder.yml', ...electronDist, ...builderArgs]));
