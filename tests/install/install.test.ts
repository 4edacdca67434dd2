// The README's two first commands on a fresh clone, as a newcomer types them: `npm install` (with
// the machine's npm 11 and with npm 10) and `npm start`, with Electron's download refused, slow,
// and working (a stand-in server on loopback), and with an Electron that cannot start here.
// The clone is of the repository's HEAD: commit before running this locally.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startElectronMirror, type ElectronMirror } from './electronMirror';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'viper-install-'));
const npm11 = join(work, 'npm11');
const npm10 = join(work, 'npm10');
const electronCache = join(work, 'electron-cache');

// The runtime a mirror hands out: it shows its "window" (the line scripts/start.mjs waits for), or
// fails as Electron does where it cannot start.
const FAKE_RUNTIME = `#!/bin/sh
case "$FAKE_ELECTRON" in
  root) echo "[9:FATAL:electron_main_delegate.cc(294)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180." >&2; kill -TRAP $$ ;;
  sandbox) echo "[9:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly." >&2; exit 1 ;;
  display) echo "[9:ERROR:ozone_platform_x11.cc(240)] Missing X server or \\$DISPLAY" >&2; echo "The platform failed to initialize.  Exiting." >&2; exit 1 ;;
esac
echo "viper: window shown"
echo "app folder: $1"
exec sleep 60
`;

/** A newcomer's shell: none of the variables of the `npm test` running us, no Electron settings. */
function newcomerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|electron_|VIPER_|CI$|DISPLAY$|WAYLAND_DISPLAY$)/i.test(k)) env[k] = v;
  }
  return { ...env, electron_config_cache: electronCache, ...extra };
}

interface Run { code: number | null; out: string }

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise(resolve => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { out += d; });
    child.on('exit', code => resolve({ code, out }));
  });
}

/** Runs a long-lived command until its output matches, then stops it (and its children). */
function runUntil(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, until: RegExp, ms = 90_000): Promise<{ match: RegExpMatchArray; out: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    const exited = new Promise<void>(r => child.on('exit', () => r()));
    const stop = async () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ } await exited; };
    const timer = setTimeout(() => { void stop(); reject(new Error(`timed out waiting for ${until} in:\n${out}`)); }, ms);
    const look = (d: Buffer) => {
      out += d;
      const match = out.match(until);
      if (match) { clearTimeout(timer); resolve({ match, out, stop }); }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`exited (${code}) before ${until}:\n${out}`)); });
  });
}

const BROWSER_URL = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/;

async function expectUiServed(url: string): Promise<void> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Viper');
}

let installs: Run[] = [];
let mirror: ElectronMirror;

beforeAll(async () => {
  for (const dir of [npm11, npm10]) {
    expect(spawnSync('git', ['clone', '-q', root, dir]).status).toBe(0);
  }
  mirror = await startElectronMirror('refuse', FAKE_RUNTIME);
  // Electron's download would be refused as well, were anything to try it during the install.
  const env = newcomerEnv({ ELECTRON_MIRROR: mirror.url });
  installs = await Promise.all([
    run('npm', ['install'], npm11, env),
    run('npx', ['-y', 'npm@10', 'install'], npm10, env),
  ]);
}, 600_000);

afterAll(async () => {
  await mirror?.close();
  rmSync(work, { recursive: true, force: true });
});

test.each([['npm 11', 0, npm11], ['npm 10', 1, npm10]] as const)('`npm install` succeeds with %s and keeps the types tsc needs', (_, i, dir) => {
  expect(installs[i].out).not.toMatch(/npm error/);
  expect(installs[i].code).toBe(0);
  expect(existsSync(join(dir, 'node_modules', 'electron', 'electron.d.ts'))).toBe(true);
  expect(existsSync(join(dir, 'node_modules', 'serialport', 'package.json'))).toBe(true);
  expect(mirror.connections).toBe(0);     // the install itself never tries Electron's download
});

test('`npm start` serves the UI when the download is refused, and does not try again on the next start', async () => {
  mirror.mood = 'refuse';
  const first = await runUntil('npm', ['start'], npm11, newcomerEnv({ ELECTRON_MIRROR: mirror.url }), BROWSER_URL);
  try {
    expect(first.out).toContain("could not be installed: no access to Electron's download server");
    expect(first.out).toContain('npm run electron:download');
    await expectUiServed(first.match[0]);
  } finally { await first.stop(); }
  const tried = mirror.connections;
  expect(tried).toBeGreaterThan(0);

  const second = await runUntil('npm', ['start'], npm11, newcomerEnv({ ELECTRON_MIRROR: mirror.url }), BROWSER_URL);
  try {
    expect(second.out).toMatch(/its download failed on \d{4}-\d\d-\d\d \(no access/);
    expect(second.out).toContain('`npm run electron:download` tries again');
    await expectUiServed(second.match[0]);
  } finally { await second.stop(); }
  expect(mirror.connections).toBe(tried);
}, 240_000);

test('a slow download shows its progress and is not reported as "no access"', async () => {
  mirror.mood = 'slow';
  const slow = await runUntil('npm', ['run', 'electron:download'], npm11, newcomerEnv({ ELECTRON_MIRROR: mirror.url }),
    /(\d+\.\d) MB of 100\.0 MB \(\d+%\)\n[^]*\n\s+(\d+\.\d) MB of 100\.0 MB/);
  await slow.stop();
  expect(Number(slow.match[2])).toBeGreaterThan(Number(slow.match[1]));
  expect(slow.out).not.toMatch(/no access/);
}, 120_000);

describe('with access to the download', () => {
  beforeAll(async () => {
    mirror.mood = 'serve';
    const got = await run('npm', ['run', 'electron:download'], npm11,
      newcomerEnv({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' }));
    expect(got.out).toContain('Electron runtime ready');
    expect(got.code).toBe(0);
  }, 120_000);

  test('`npm start` opens Electron on the app folder', async () => {
    const started = await runUntil('npm', ['start'], npm11, newcomerEnv(), /app folder: (.*)\n/);
    await started.stop();
    expect(started.match[1]).toBe(npm11);
    expect(started.out).not.toContain('browser mode');
  }, 120_000);

  test.each([
    ['root', 'Electron refuses to run as root with its sandbox'],
    ['sandbox', "Electron's sandbox could not start (The SUID sandbox helper binary was found, but is not configured correctly.)"],
    ['display', 'there is no display to open a window on'],
  ])('`npm start` falls back to browser mode when Electron cannot start (%s), saying why', async (failure, why) => {
    const started = await runUntil('npm', ['start'], npm11, newcomerEnv({ FAKE_ELECTRON: failure }), BROWSER_URL);
    try {
      expect(started.out).toContain(`Electron could not start: ${why}`);
      await expectUiServed(started.match[0]);
    } finally { await started.stop(); }
  }, 120_000);
});
