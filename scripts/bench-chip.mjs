// Speed on the chip: the `npm run bench` programs (tests/benchmarks) on the QEMU board's firmware
// (ChibiOS/RT on an emulated STM32F405) under `-icount shift=0,sleep=off`, reported in guest
// instructions per benchmark — a figure that does not depend on how busy this machine is, so a
// change to the VM's size can be weighed against its speed run to run.
//
// How it counts: with shift=0 every guest instruction advances QEMU's virtual clock by 1 ns, so
// the virtual time a program takes is its instruction count. The program is timed on the board:
// one line is put before it (`import time; t0 = time.ticks_us()`) and one after it prints
// `ticks_diff(ticks_us(), t0)`; ticks_us is the firmware's SysTick time in µs, so each reading is
// good to 1 µs = 1,000 instructions. The cost of the two lines themselves (an empty program,
// measured the same way) is subtracted. The count includes what the chip would also spend during
// the program: the 1 kHz SysTick interrupt and sending the program's output over the UART (QEMU's
// USART is always ready). Idle time is none: the benchmarks never sleep.
//
// Needs qemu-system-arm and CHIBIOS=<path to ChibiOS 21.11> (it builds the firmware; make does
// nothing when it is current), or VIPER_QEMU_FIRMWARE=<elf>. BENCH_ONLY=fib.py,nbody.py picks programs.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'tests', 'benchmarks');
// qemu_netduinoplus2's program slot (boards/<id>.json's programBytes)
const PROGRAM_BUFFER = JSON.parse(readFileSync(join(root, 'boards', 'qemu_netduinoplus2.json'), 'utf8')).firmware.programBytes;
const RUN_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 600_000);

// The TypeScript the IDE uses (compiler, QEMU board, link session), bundled for Node.
async function loadTs(contents) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-chip-entry.ts' },
    bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning', external: ['serialport'],
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', '__dirname', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url), join(root, 'main', 'devices'));
  return module.exports;
}

const { compile, openSession, startQemuBoard, findQemu, qemuFirmwarePath, QEMU_BOARD_ID, collectRun } = await loadTs(`
  export { compile } from './compiler/src/index';
  export { openSession } from './main/devices/connect';
  export { startQemuBoard, findQemu, qemuFirmwarePath, QEMU_BOARD_ID } from './main/devices/qemuBoard';
  export { collectRun } from './main/link/testing/programs';
`);

const missing = [
  ...(findQemu() ? [] : ['qemu-system-arm (Debian: apt-get install qemu-system-arm)']),
  ...(process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE ? [] : ['CHIBIOS=<path to ChibiOS 21.11> (or VIPER_QEMU_FIRMWARE=<elf>)']),
];
if (missing.length) {
  console.log(`bench:chip needs ${missing.join(' and ')}: nothing was measured.`);
  process.exit(0);
}
if (!process.env.VIPER_QEMU_FIRMWARE) {
  const made = spawnSync('make', ['-s', '-C', 'vm-firmware', 'firmware', `BOARD=${QEMU_BOARD_ID}`, `CHIBIOS=${process.env.CHIBIOS}`], { cwd: root, encoding: 'utf8' });
  if (made.status !== 0) { console.error(`the firmware did not build:\n${made.stdout}\n${made.stderr}`); process.exit(1); }
}

const MARK = '\u0001bench-ticks ';
const PROLOGUE = 'import time as _bench_time; _bench_t0 = _bench_time.ticks_us()\n';
const EPILOGUE = `\nprint(${JSON.stringify(MARK)} + str(_bench_time.ticks_diff(_bench_time.ticks_us(), _bench_t0)))\n`;

/** The program timed on the board: its output (without the mark) and the µs it took. */
async function timed(session, source) {
  const { image, diagnostics } = compile(PROLOGUE + source + EPILOGUE, 'main.py');
  if (!image) return { error: `does not compile: ${diagnostics[0]?.message}` };
  if (image.length > PROGRAM_BUFFER) return { error: `too big: its image is ${image.length} bytes, the program buffer ${PROGRAM_BUFFER}` };
  await session.upload(image);
  let timer;
  const run = await Promise.race([collectRun(session), new Promise(r => { timer = setTimeout(r, RUN_TIMEOUT_MS); })]);
  clearTimeout(timer);
  if (!run) { await session.stop(); return { error: `did not end within ${RUN_TIMEOUT_MS / 1000} s of wall time` }; }
  if (run.status !== 'ok') {
    const e = run.exceptions[0];
    return { error: `ended with ${e ? `${e.type}: ${e.message}` : run.status}` };
  }
  const at = run.output.lastIndexOf(MARK);
  if (at < 0) return { error: 'printed no time' };
  return { output: run.output.slice(0, at), us: Number(run.output.slice(at + MARK.length).trim()) };
}

/** "line 3: board 0.1 vs python3 0.10000000000000001" */
function firstDifference(board, python) {
  const a = board.split('\n'), b = python.split('\n');
  const i = a.findIndex((line, k) => line !== b[k]);
  return `line ${i + 1}: board ${JSON.stringify(a[i] ?? '').slice(0, 60)} vs python3 ${JSON.stringify(b[i] ?? '').slice(0, 60)}`;
}

const only = process.env.BENCH_ONLY?.split(',');
const names = readdirSync(dir).filter(f => f.endsWith('.py') && (!only || only.includes(f))).sort();
const { session } = await openSession(await startQemuBoard({ clock: 'fast' }), { timeoutMs: 5000 });
const rows = [];
try {
  const empty = await timed(session, '');
  if (empty.error) throw new Error(`the empty program: ${empty.error}`);
  console.log(`QEMU board (${QEMU_BOARD_ID}, ${qemuFirmwarePath()}), -icount shift=0,sleep=off: 1 guest instruction = 1 ns of virtual time`);
  console.log(`timer overhead (the empty program): ${empty.us} µs, subtracted; each figure is good to about ±2,000 instructions\n`);
  console.log(`${'program'.padEnd(18)} ${'instructions'.padStart(15)} ${'wall s'.padStart(7)}  notes`);
  for (const name of names) {
    const source = readFileSync(join(dir, name), 'utf8');
    const started = Date.now();
    const r = await timed(session, source);
    const wall = ((Date.now() - started) / 1000).toFixed(1);
    if (r.error) { console.log(`${name.padEnd(18)} ${'-'.padStart(15)} ${wall.padStart(7)}  left out: ${r.error}`); continue; }
    const python = spawnSync('python3', [join(dir, name)], { encoding: 'utf8' });
    const instructions = (r.us - empty.us) * 1000;
    rows.push({ name, instructions });
    const note = r.output === python.stdout ? '' : `WRONG OUTPUT: ${firstDifference(r.output, python.stdout)}`;
    console.log(`${name.padEnd(18)} ${instructions.toLocaleString('en-US').padStart(15)} ${wall.padStart(7)}  ${note}`);
  }
} finally {
  await session.close();
}
if (rows.length) {
  const geomean = Math.exp(rows.reduce((a, r) => a + Math.log(r.instructions), 0) / rows.length);
  console.log(`\ngeometric mean over ${rows.length} programs: ${Math.round(geomean).toLocaleString('en-US')} instructions`);
}
