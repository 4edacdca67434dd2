// `npm run bench:startup`: how long browser mode takes from a cold start to an editor you can
// type in, against the aim of 1.5 s. Builds the server and the renderer into build/bench-startup,
// then, BENCH_RUNS times (default 5), each from nothing:
//   server  — `node browser.js` spawned until it prints its address;
//   page    — a fresh browser profile opens the address until the editor shows a typed key
//             (the board list loaded too), timed by the page's own clock from navigation start;
//   total   — server + page: the wait a person has when their browser is already open.
// Chromium's own launch is reported apart: a person's browser is usually running already.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'bench-startup');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AIM_MS = 1500;
const runs = Number(process.env.BENCH_RUNS ?? 5);

async function buildAll() {
  await build({
    entryPoints: [join(root, 'main/start/browser.ts')], outfile: join(out, 'main', 'browser.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
    external: ['electron', 'serialport', '@serialport/*', 'ws', 'bufferutil', 'utf-8-validate'],
  });
  const { buildRenderer } = await import(pathToFileURL(join(root, 'renderer', 'build.mjs')).href);
  await buildRenderer({ outdir: join(out, 'renderer') });
}

/** Starts the browser-mode server; resolves with its address and the time it took. */
function startServer() {
  const started = performance.now();
  const child = spawn(process.execPath, [join(out, 'main', 'browser.js')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VIPER_VM: join(root, 'vm-firmware', 'build', 'posix', 'viper-vm') },
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', chunk => {
      text += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(text)?.[0];
      if (url) resolve({ child, url, ms: performance.now() - started });
    });
    child.stderr.on('data', chunk => process.stderr.write(chunk));
    child.on('exit', code => reject(new Error(`the server exited (code ${code}) before printing its address`)));
  });
}

/** Opens the IDE in a fresh profile; resolves with the page's time from navigation to a typed key shown. */
async function openEditor(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('#board-select option').first().waitFor({ state: 'attached' });
    await page.click('#editor .cm-content');
    await page.keyboard.type('#');
    await page.locator('#editor .cm-line', { hasText: '#' }).first().waitFor();
    return await page.evaluate(() => performance.now());
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: the startup benchmark needs Chromium at ${CHROMIUM} (Debian's chromium package)`);
    return;
  }
  await buildAll();
  const launchStarted = performance.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  const launchMs = performance.now() - launchStarted;
  const rows = [];
  try {
    for (let i = 0; i < runs; i++) {
      const server = await startServer();
      try {
        const pageMs = await openEditor(browser, server.url);
        rows.push({ server: server.ms, page: pageMs, total: server.ms + pageMs });
      } finally {
        server.child.kill('SIGTERM');
      }
    }
  } finally {
    await browser.close();
  }

  const fmt = ms => `${Math.round(ms)} ms`.padStart(8);
  console.log(`browser mode, cold start to an interactive editor (${runs} runs, each a new server and a new browser profile)`);
  console.log(`${'run'.padEnd(6)}${'server'.padStart(8)}${'page'.padStart(8)}${'total'.padStart(8)}`);
  rows.forEach((r, i) => console.log(`${String(i + 1).padEnd(6)}${fmt(r.server)}${fmt(r.page)}${fmt(r.total)}`));
  const first = rows[0].total;
  const typical = median(rows.map(r => r.total));
  console.log(`Chromium launch (apart): ${Math.round(launchMs)} ms`);
  console.log(`first run: ${Math.round(first)} ms, median: ${Math.round(typical)} ms — aim ≤ ${AIM_MS} ms: ${first <= AIM_MS ? 'met' : 'MISSED'}`);
}

main().catch(err => {
  console.error(`bench-startup: ${err.stack ?? err.message}`);
  process.exit(1);
});
