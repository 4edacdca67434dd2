// `npm start`: opens the Electron IDE when its runtime is there (downloading it on the first start);
// otherwise, or when Electron cannot start here (no display, running as root, a sandbox refusal),
// serves the same UI in browser mode on 127.0.0.1 and says why. VIPER_BROWSER=1 asks for browser mode.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectron, findElectron, lastFailure } from './electronRuntime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The line build/main/electron.js prints once its window is shown (main/electron/main.ts). */
const WINDOW_SHOWN = 'viper: window shown';

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function browserMode(why) {
  console.log(`${why}\nStarting browser mode instead.\n`);
  const server = spawn(process.execPath, [join(root, 'build', 'main', 'browser.js')], { stdio: 'inherit', cwd: root });
  server.on('exit', code => process.exit(code ?? 0));
  forwardSignals(server);
}

/** Why Electron stopped before its window showed, in a person's words, from what it printed. */
function startFailure(stderr, code, signal) {
  if (/Missing X server or \$DISPLAY|cannot open display/i.test(stderr)) return 'there is no display to open a window on';
  if (/Running as root without --no-sandbox/.test(stderr)) return 'Electron refuses to run as root with its sandbox, and Viper does not turn the sandbox off';
  const sandbox = stderr.split('\n').find(line => /sandbox/i.test(line));
  if (sandbox) return `Electron's sandbox could not start (${sandbox.replace(/^\[[^\]]*\]\s*/, '').trim()})`;
  const last = stderr.trim().split('\n').pop()?.trim();
  return last || (signal ? `it was stopped by ${signal}` : `it exited with code ${code}`);
}

function openElectron(path) {
  const child = spawn(path, [root], { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
  forwardSignals(child);
  let shown = false;
  let stderr = '';
  child.stdout.on('data', chunk => {
    if (!shown && chunk.toString().includes(WINDOW_SHOWN)) shown = true;
    process.stdout.write(chunk);
  });
  child.stderr.on('data', chunk => {
    if (!shown) stderr = (stderr + chunk.toString()).slice(-8192);
    process.stderr.write(chunk);
  });
  let failed = false;                  // 'exit' may follow 'error': fall back once
  const fallBack = why => { if (!failed) { failed = true; browserMode(`Electron could not start: ${why}.`); } };
  child.on('error', err => fallBack(err.message));
  child.on('close', (code, signal) => {     // after its output: the window line is never missed
    if (shown || code === 0) process.exit(code ?? 0);
    fallBack(startFailure(stderr, code, signal));
  });
}

async function main() {
  if (process.env.VIPER_BROWSER) return browserMode('VIPER_BROWSER is set.');
  let electron = findElectron();
  if (electron.notInstalled) return browserMode(`Electron is not available: ${electron.reason}.`);
  if (electron.reason) {
    const failed = lastFailure();
    if (failed) {
      return browserMode(`The Electron runtime is not installed: its download failed on ${failed.at.slice(0, 10)} (${failed.reason}).\n`
        + '`npm run electron:download` tries again.');
    }
    electron = await downloadElectron();
    if (electron.reason) return browserMode(`The Electron runtime could not be installed: ${electron.reason}.\n`
      + 'Viper will not try again on every start; `npm run electron:download` does.');
  }
  openElectron(electron.path);
}

await main();
