// Link benchmark: upload throughput as a fraction of the line rate over a link throttled to
// 115200 baud with 1 ms latency each way, and the round trip of a REPL line.
//
//   IDE (DeviceSession) ── pty pair (socat) ── relay (this script: paces bytes at 8N1 115200,
//   adds 1 ms each way) ── pty the VM opened (`viper-vm --pty`)
//
// Usage: npm run bench:link [-- --baud 115200 --latency-ms 1 --kib 64]
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const BAUD = arg('baud', 115200), LATENCY_MS = arg('latency-ms', 1), KIB = arg('kib', 64);
const BYTE_MS = 10_000 / BAUD;   // 8N1: ten bit times per byte

process.env.VIPER_VM = join(root, 'vm-firmware', 'build', 'posix', 'viper-vm');
if (!existsSync(process.env.VIPER_VM)) spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), 'host'], { stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'viper-bench-link-'));
const bundle = join(root, 'build', 'bench-link.cjs');   // here, so it finds node_modules
mkdirSync(dirname(bundle), { recursive: true });
const out = await build({
  stdin: {
    contents: `export { DeviceSession } from './main/link/session';
      export { SerialTransport } from './main/link/serialTransport';
      export { compile } from './compiler/src/index';
      export { startPtyBoard } from './main/devices/virtualBoard';`,
    resolveDir: root, loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'cjs', write: false, external: ['serialport'],
});
writeFileSync(bundle, out.outputFiles[0].text);
const require = createRequire(join(root, 'package.json'));
const { DeviceSession, SerialTransport, compile, startPtyBoard } = require(bundle);
const { SerialPort } = require('serialport');

const openPort = path => new Promise((resolve, reject) => {
  const p = new SerialPort({ path, baudRate: BAUD, autoOpen: false });
  p.open(err => err ? reject(err) : resolve(p));
});

/** Forwards a → b as a UART would: bytes leave one by one at the baud rate, after a latency. */
function pace(from, to) {
  let lineFreeAt = 0;
  from.on('data', chunk => {
    const now = performance.now();
    const start = Math.max(now + LATENCY_MS, lineFreeAt);
    lineFreeAt = start + chunk.length * BYTE_MS;
    setTimeout(() => to.write(chunk), lineFreeAt - now);
  });
}

async function socatPair() {
  const host = join(dir, 'host'), relay = join(dir, 'relay');
  const child = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${relay}`], { stdio: 'ignore' });
  for (let i = 0; i < 250 && !(existsSync(host) && existsSync(relay)); i++) await new Promise(r => setTimeout(r, 20));
  if (!existsSync(host)) throw new Error('socat is needed (Debian: socat)');
  return { host, relay, child };
}

function image(source, mode = 'exec') {
  const { image, diagnostics } = compile(source, mode === 'single' ? '<stdin>' : 'main.py', { mode });
  if (!image) throw new Error(diagnostics.map(d => d.message).join('\n'));
  return image;
}

/** A program of about `kib` KiB: many distinct string constants. */
function bigProgram(kib) {
  const lines = [];
  for (let i = 0; lines.join('\n').length < kib * 1024 * 0.9; i++) lines.push(`s${i} = "${`line ${i} `.repeat(8)}"`);
  lines.push('print("loaded")');
  return image(lines.join('\n') + '\n');
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function replLatency(session, n = 50) {
  const times = [];
  let echoed = '';
  const onOutput = t => { echoed += t; };
  await session.exec(image('x = 1', 'single'));
  session.on('output', onOutput);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await session.exec(image(`x = x + 1\nx`, 'single'));   // compile here + EXEC + echo + DONE
    times.push(performance.now() - t0);
  }
  session.off('output', onOutput);
  if (!echoed.endsWith(`\n${n + 1}\n`)) throw new Error(`the REPL did not echo its values: ${JSON.stringify(echoed.slice(-40))}`);
  return { median: median(times), max: Math.max(...times) };
}

const board = await startPtyBoard();
const pair = await socatPair();
const [relayEnd, boardEnd] = await Promise.all([openPort(pair.relay), openPort(board.path)]);
pace(relayEnd, boardEnd);
pace(boardEnd, relayEnd);

const session = new DeviceSession(await SerialTransport.open(pair.host, BAUD), { timeoutMs: 2000 });
await session.hello();
const program = bigProgram(KIB);
let output = '';
const collect = t => { output += t; };
session.on('output', collect);

const t0 = performance.now();
await session.upload(program);
const seconds = (performance.now() - t0) / 1000;
const lineRate = BAUD / 10;
const fraction = program.length / seconds / lineRate;
if (await session.runToEnd() !== 'ok' || output !== 'loaded\n') throw new Error(`the uploaded program did not run: ${output}`);
session.off('output', collect);
const throttledRepl = await replLatency(session, 20);
await session.close();
for (const p of [relayEnd, boardEnd]) await new Promise(r => p.close(() => r()));

// The REPL on the Virtual board as the IDE opens it: its pty, no throttling.
const direct = new DeviceSession(await SerialTransport.open(board.path), { timeoutMs: 2000 });
await direct.hello();
const repl = await replLatency(direct);
await direct.close();

pair.child.kill();
await board.stop();
rmSync(dir, { recursive: true, force: true });

const pct = (fraction * 100).toFixed(1);
console.log(`upload: ${program.length} bytes in ${seconds.toFixed(2)} s over ${BAUD} baud + ${LATENCY_MS} ms each way = ` +
  `${(program.length / seconds).toFixed(0)} B/s, ${pct}% of the line rate (${lineRate} B/s; aim >= 85%)`);
console.log(`repl round trip (compile + EXEC + echo), Virtual board on its pty: median ${repl.median.toFixed(2)} ms, max ${repl.max.toFixed(2)} ms (aim <= 20 ms)`);
console.log(`repl round trip over the throttled link: median ${throttledRepl.median.toFixed(2)} ms`);
process.exit(fraction >= 0.85 && repl.median <= 20 ? 0 : 1);
