// The Electron runtime binary. The project's .npmrc keeps npm from running dependencies' install
// scripts (Electron's would fail the whole `npm install` where its server cannot be reached), so
// Viper fetches the runtime itself: `npm start` tries once, `npm run electron:download` on demand.
// A failed download is remembered, so later starts go straight to browser mode instead of
// trying again each time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronDir = join(root, 'node_modules', 'electron');
// Beside node_modules' other caches: a fresh `npm install` forgets an old failure.
const failureFile = join(root, 'node_modules', '.cache', 'viper', 'electron-download.json');

// Connection errors that mean the server cannot be reached at all, as opposed to a slow or broken transfer.
const NO_ACCESS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT']);

/** The Electron binary's path, or the reason there is none. */
export function findElectron() {
  try {
    const path = require('electron');
    return existsSync(path) ? { path } : { reason: `its runtime is missing (${path})` };
  } catch (err) {
    if (err.code === 'MODULE_NOT_FOUND') return { reason: 'the electron package is not installed (`npm install` installs it)', notInstalled: true };
    return { reason: 'its runtime is not downloaded yet' };
  }
}

function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** The remembered failure of a download of this Electron version, if any: { at, reason }. */
export function lastFailure() {
  try {
    const failure = JSON.parse(readFileSync(failureFile, 'utf8'));
    return failure.version === electronVersion() ? failure : undefined;
  } catch {
    return undefined;
  }
}

function remember(failure) {
  mkdirSync(dirname(failureFile), { recursive: true });
  writeFileSync(failureFile, JSON.stringify({ version: electronVersion(), at: new Date().toISOString(), ...failure }) + '\n');
}

const mb = bytes => (bytes / 1e6).toFixed(1);

/** Downloads the runtime with a progress line, then lets Electron's own install.js unpack it from
 *  the download cache. Resolves to findElectron()'s answer; a failure is remembered. */
export async function downloadElectron({ log = line => process.stdout.write(line) } = {}) {
  const version = electronVersion();
  // @electron/get is Electron's own dependency: resolve it from there, wherever npm put it.
  const { downloadArtifact } = createRequire(join(electronDir, 'package.json'))('@electron/get');
  process.env.ELECTRON_GET_NO_PROGRESS = '1';    // our progress line replaces its bar
  const remoteChecksums = process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums;
  let received = 0;
  let lastShown = 0;
  log(`Downloading the Electron ${version} runtime (once; Ctrl-C to stop)…\n`);
  try {
    await downloadArtifact({
      version, artifactName: 'electron', platform: process.platform, arch: process.arch,
      cacheRoot: process.env.electron_config_cache,        // the same cache install.js reads
      checksums: remoteChecksums ? undefined : require('electron/checksums.json'),
      downloadOptions: {
        quiet: true,
        // A stalled transfer ends after a minute of silence; a slow one goes on as long as it moves.
        timeout: { connect: 20_000, socket: 60_000 },
        getProgressCallback: progress => {
          received = progress.transferred;
          const now = Date.now();
          if (now - lastShown < 1000 && progress.percent < 1) return;
          lastShown = now;
          const total = progress.total ? ` of ${mb(progress.total)} MB (${Math.floor(progress.percent * 100)}%)` : '';
          log(`  ${mb(received)} MB${total}\n`);
        },
      },
    });
  } catch (err) {
    const reason = NO_ACCESS.has(err.code) && received === 0
      ? `no access to Electron's download server (${err.code})`
      : `the download failed after ${mb(received)} MB: ${err.message}`;
    remember({ reason });
    return { reason };
  }
  const unpack = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  if (unpack.status !== 0) {
    const reason = 'the downloaded runtime could not be unpacked';
    remember({ reason });
    return { reason };
  }
  rmSync(failureFile, { force: true });
  return findElectron();
}

// `npm run electron:download`: tries again whatever happened before.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const present = findElectron();
  const found = present.path || present.notInstalled ? present : await downloadElectron();
  console.log(found.path ? `Electron runtime ready: ${found.path}` : `Electron runtime not installed: ${found.reason}.`);
  process.exit(found.path ? 0 : 1);
}
