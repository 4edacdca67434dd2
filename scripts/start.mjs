// `npm start`: opens the Electron IDE when its runtime is installed; otherwise serves the same
// UI in browser mode on 127.0.0.1 and says why. VIPER_BROWSER=1 forces browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, or the reason there is none. */
function findElectron() {
  try {
    return { path: require('electron') };
  } catch (err) {
    return { reason: err.message };
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  child.on('exit', code => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

let electron = process.env.VIPER_BROWSER ? { reason: 'VIPER_BROWSER is set' } : findElectron();
if (electron.reason && !process.env.VIPER_BROWSER && !process.env.CI) {
  // npm does not run Electron's download script on install; try it once now.
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  const tried = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
  electron = tried.status === 0 ? findElectron() : { reason: 'the Electron runtime could not be downloaded (no access to its download server)' };
}

if (electron.path) {
  run(electron.path, [root]);
} else {
  console.log(`Electron is not available: ${electron.reason}.\nStarting browser mode instead.\n`);
  run(process.execPath, [join(root, 'build', 'main', 'browser.js')]);
}
