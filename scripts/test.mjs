// `npm test`: builds what the tests need, runs every suite, and prints one summary line.
// Suites needing a system package this machine lacks are reported as skipped, naming it.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

function sh(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
  if (r.stdout) process.stdout.write(r.stdout);
  return { ok: r.status === 0, out: r.stdout ?? '' };
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function suite(name, ok) {
  if (ok) totals.passed++; else { totals.failed++; notes.push(`FAILED: ${name}`); }
}

function skip(name, why) {
  totals.skipped++;
  notes.push(`skipped: ${name} — ${why}`);
}

/** Adds the counts of a C test run's closing lines "C tests: N passed, N failed" (one per build). */
function countC(name, run) {
  const counts = [...run.out.matchAll(/C tests: (\d+) passed, (\d+) failed/g)];
  if (!counts.length) return suite(name, false);
  let failed = 0;
  for (const m of counts) { totals.passed += Number(m[1]); failed += Number(m[2]); }
  totals.failed += failed;
  if (!run.ok && !failed) totals.failed++;
  if (!run.ok || failed) notes.push(`FAILED: ${name}`);
}

// 1. Builds: the host VM and every bundle. Nothing else can run without them.
const built = sh(process.execPath, [join(root, 'scripts/build.mjs')]);
suite('build (host VM and bundles)', built.ok);

// 2. Type checking of all TypeScript, strict.
suite('typecheck', sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']).ok);

// 3. The VM's C tests, plainly and under AddressSanitizer + UBSan.
if (has('make') && has('cc')) {
  countC('C tests', sh('make', ['-s', '-C', 'vm-firmware', 'test']));
  countC('C tests (asan+ubsan)', sh('make', ['-s', '-C', 'vm-firmware', 'asan']));
} else skip('C tests', 'needs make and a C compiler (Debian: build-essential)');

// 3b. Coverage-guided fuzzing of the frame decoder and the image verifier/loader, briefly.
if (has('clang')) {
  const fuzz = sh('make', ['-s', '-C', 'vm-firmware', 'fuzz-smoke']);
  const m = fuzz.out.match(/fuzz: (\d+) passed, (\d+) failed/);
  if (m) { totals.passed += Number(m[1]); totals.failed += Number(m[2]); if (Number(m[2])) notes.push('FAILED: fuzz smoke'); }
  else suite('fuzz smoke', false);
} else skip('fuzz smoke', "needs Debian's clang and libclang-rt-14-dev");

// 4. The Cortex-M build of the core (size report).
if (has('arm-none-eabi-gcc')) suite('cortex-m build', sh('make', ['-s', '-C', 'vm-firmware', 'cortex-m']).ok);
else skip('cortex-m build', "needs Debian's gcc-arm-none-eabi package");

// 5 and 6 at once, one per core: the conformance corpus and the traceback programs again on the
//    VM built with AddressSanitizer + UBSan and a GC on every allocation (any sanitizer report
//    fails its program) runs in the background, its output held back until the main run is done.
const asanReport = join(tmpdir(), `viper-jest-asan-${process.pid}.json`);
const asanCorpus = has('make') && has('cc') ? startJest(
  ['tests/conformance', 'tests/tracebacks', '--json', `--outputFile=${asanReport}`],
  { ...process.env, VIPER_VM: join(root, 'vm-firmware/build/asan/viper-vm-stress') }) : null;

// 5. jest: unit, integration and end-to-end suites.
const report = join(tmpdir(), `viper-jest-${process.pid}.json`);
const jest = sh(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${report}`, '--runInBand'],
  { stdio: ['ignore', 'inherit', 'inherit'] });
countJest('jest', jest.ok, report);

// 6. The background corpus run.
if (asanCorpus) {
  const { ok, out } = await asanCorpus;
  console.log(`\n$ (background) jest tests/conformance tests/tracebacks with the asan VM\n${out}`);
  countJest('conformance corpus under asan+ubsan+stress GC', ok, asanReport);
}

/** Starts jest in the background, its output into a file (a pipe would fill while this process
 *  waits for the main run): resolves with its exit and that output. */
function startJest(args, env) {
  const log = join(tmpdir(), `viper-jest-background-${process.pid}.log`);
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), ...args], { cwd: root, env, stdio: ['ignore', fd, fd] });
  return new Promise(resolve => child.on('close', code => {
    closeSync(fd);
    const out = readFileSync(log, 'utf8');
    rmSync(log, { force: true });
    resolve({ ok: code === 0, out });
  }));
}

/** Adds a jest run's counts from its --json report. */
function countJest(name, ok, file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    if (!ok) notes.push(`FAILED: ${name}`);
    rmSync(file, { force: true });
  } catch {
    suite(name, false);
  }
}
if (!has('chromium')) notes.push("skipped: end-to-end tests — need Debian's chromium package");
if (!process.env.CHIBIOS || !has('qemu-system-arm')) {
  notes.push('skipped: firmware build and QEMU board tests — need qemu-system-arm and CHIBIOS=<path to ChibiOS 21.11>');
}

console.log('\n' + notes.join('\n'));
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
