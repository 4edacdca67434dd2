// Builds everything `npm start` and `npm test` need: the host VM (Virtual board) and the bundles
// for the CLI, the browser-mode server, the Electron main process, the preload and the renderer.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');

export function buildHostVm() {
  const make = spawnSync('make', ['-C', join(root, 'vm-firmware'), 'host'], { stdio: 'inherit' });
  if (make.error || make.status !== 0) throw new Error('building the host VM failed (needs make and a C compiler)');
}

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning',
  external: ['electron', 'serialport', '@serialport/*', 'ws', 'bufferutil', 'utf-8-validate'] };

export function buildCli() {
  return build({ ...node, entryPoints: [join(root, 'main/cli/viper.ts')], outfile: join(out, 'cli/viper.js') });
}

export async function buildBundles() {
  await Promise.all([
    buildCli(),
    build({ ...node, entryPoints: [join(root, 'main/start/browser.ts')], outfile: join(out, 'main/browser.js') }),
    build({ ...node, entryPoints: [join(root, 'main/electron/main.ts')], outfile: join(out, 'main/electron.js') }),
    build({ ...node, entryPoints: [join(root, 'main/electron/preload.ts')], outfile: join(out, 'main/preload.js') }),
  ]);
  const { buildRenderer } = await import(pathToFileURL(join(root, 'renderer/build.mjs')).href);
  await buildRenderer({ outdir: join(out, 'renderer') });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.argv[2];
  try {
    if (only !== 'bundles') buildHostVm();
    if (only === 'cli') await buildCli();
    else if (only !== 'vm') await buildBundles();
  } catch (err) {
    console.error(`build: ${err.message}`);
    process.exit(1);
  }
}
