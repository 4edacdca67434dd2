// Bundles the renderer for the browser (and for Electron's sandboxed renderer): one script,
// one stylesheet (ours plus xterm.js's) and the page. `scripts/build.mjs` calls buildRenderer;
// `node renderer/build.mjs [outdir]` runs it alone.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/**
 * @param {{ outdir?: string, plugins?: import('esbuild').Plugin[] }} [options]
 *   plugins: extra esbuild plugins, e.g. to stand in for a module while developing.
 */
export async function buildRenderer({ outdir = join(root, 'build', 'renderer'), plugins = [] } = {}) {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: { main: join(here, 'src', 'main.ts') },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2022'],
    sourcemap: true,
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins,
  });
  await copyFile(join(here, 'index.html'), join(outdir, 'index.html'));
  return outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  buildRenderer({ outdir }).then(dir => console.log(`renderer built in ${dir}`), err => {
    console.error(`renderer build: ${err.message}`);
    process.exit(1);
  });
}
