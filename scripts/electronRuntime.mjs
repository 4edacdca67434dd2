// The Electron runtime binary. npm does not run Electron's own download script on install, so
// `npm install` (postinstall) and `npm start` fetch it here; where that is impossible (no access
// to its download server) they say so and the IDE runs in browser mode instead.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, or the reason there is none. */
export function findElectron() {
  try {
    return { path: require('electron') };
  } catch (err) {
    return { reason: err.message };
  }
}

/** Runs Electron's download script once (at most two minutes). */
export function downloadElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  const tried = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
  return tried.status === 0 ? findElectron()
    : { reason: 'the Electron runtime could not be downloaded (no access to its download server)' };
}

// As the postinstall step: never fails the install.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.env.CI || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
  const electron = findElectron().path ? findElectron() : downloadElectron();
  console.log(electron.path ? 'Electron runtime ready.' : `Note: ${electron.reason}; \`npm start\` will use browser mode.`);
}
