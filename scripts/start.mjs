// `npm start`: opens the Electron IDE when its runtime is installed; otherwise serves the same
// UI in browser mode on 127.0.0.1 and says why. VIPER_BROWSER=1 forces browser mode.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectron, findElectron } from './electronRuntime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  child.on('exit', code => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

let electron = process.env.VIPER_BROWSER ? { reason: 'VIPER_BROWSER is set' } : findElectron();
if (electron.reason && !process.env.VIPER_BROWSER && !process.env.CI) electron = downloadElectron();

if (electron.path) {
  run(electron.path, [root]);
} else {
  console.log(`Electron is not available: ${electron.reason}.\nStarting browser mode instead.\n`);
  run(process.execPath, [join(root, 'build', 'main', 'browser.js')]);
}
