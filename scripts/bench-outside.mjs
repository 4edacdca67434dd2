// `MICROPYTHON=<checkout> npm run bench:outside [-- name-filter]`: MicroPython's tests/perf_bench
// (tag v1.28.0, checked out beside the project, never committed), programs nobody tuned Viper
// for, on the host VM and on CPython in the same run. Each program gets its parameters as
// MicroPython's run-perfbench.py picks them for a PC (N=1000, M=1000); its run() is repeated until
// CPython spends about WORK_S on it (calibrated once per program, the same count on both sides),
// then it prints its result, which must be CPython's. Prints, per program, the medians of several
// whole runs, the raw ratio viper/python and the ratio with each side's start-up (an empty
// program, measured in the same run) subtracted; then the geometric mean and what did not run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkout = process.env.MICROPYTHON;
if (!checkout) {
  console.error('bench:outside: set MICROPYTHON to a checkout of github.com/micropython/micropython at tag v1.28.0');
  process.exit(2);
}
const benchDir = join(checkout, 'tests', 'perf_bench');
const filter = process.argv.slice(2).find(a => !a.startsWith('--'));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const N = 1000, M = 1000;   // run-perfbench.py's figures for a PC
const WORK_S = Number(process.env.BENCH_WORK_S ?? 0.5);
const TIMEOUT_MS = 120_000;
const vm = join(root, 'vm-firmware', 'build', 'posix', 'viper-vm');
const scratch = mkdtempSync(join(tmpdir(), 'viper-bench-outside-'));
const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
if (!python) { console.error('bench:outside: python3 is needed as the yardstick'); process.exit(1); }

function median(command, args, count = runs) {
  const times = [];
  let out = '', error = '';
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, timeout: TIMEOUT_MS });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    out = r.stdout ?? '';
    if (r.status !== 0) { error = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop(); break; }
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], out, error };
}

/** What a run printed: "norm result". */
const result = out => out.trim();

function compile(source, image) {
  const r = spawnSync(process.execPath, [join(root, 'bin/viper.js'), 'compile', source, '-o', image], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr.trim().split('\n')[0];
}

const empty = join(scratch, 'empty.py');
writeFileSync(empty, '');
compile(empty, empty + '.vbc');
const startVm = median(vm, [empty + '.vbc']).seconds, startPython = median(python, [empty]).seconds;
console.log(`perf_bench of ${checkout}, N=${N} M=${M}; CPython ${python}; medians of ${runs} runs; start-up: viper ${startVm.toFixed(3)} s, python ${startPython.toFixed(3)} s`);
console.log(`${'program'.padEnd(20)} ${'viper s'.padStart(8)} ${'python s'.padStart(9)}  ${'ratio'.padStart(5)}  without start-up`);

// benchrun.py's choice of parameters; run() repeated R times
const harness = (R) => `
def bm_repeat(N, M, R):
    cur_nm = (0, 0)
    param = None
    for nm, p in bm_params.items():
        if 10 * nm[0] <= 12 * N and nm[1] <= M and nm > cur_nm:
            cur_nm = nm
            param = p
    run, result = bm_setup(param)
    for _ in range(R):
        run()
    norm, out = result()
    print(norm, out)

bm_repeat(${N}, ${M}, ${R})
`;
// viper_*: MicroPython's own native emitter; core_import_mpy_*: its .mpy files
const programs = readdirSync(benchDir).filter(f => f.endsWith('.py') && f !== 'benchrun.py' &&
  !f.startsWith('viper_') && !f.startsWith('core_import_mpy') && (!filter || f.includes(filter))).sort();
const ratios = [], failed = [];
for (const name of programs) {
  const source = join(scratch, name), text = readFileSync(join(benchDir, name), 'utf8');
  // calibration: double the repeats until CPython's work is a quarter of WORK_S, then scale
  let repeats = 1, cpython;
  for (;;) {
    writeFileSync(source, text + harness(repeats));
    cpython = median(python, [source], 1);
    const work = cpython.seconds - startPython;
    if (cpython.error || work >= WORK_S / 4 || repeats >= 4096) {
      if (!cpython.error) repeats = Math.max(1, Math.round(repeats * WORK_S / Math.max(work, 1e-3)));
      break;
    }
    repeats *= 2;
  }
  if (cpython.error) { console.log(`${name.padEnd(20)} CPython cannot run it: ${cpython.error}`); continue; }
  writeFileSync(source, text + harness(repeats));
  cpython = median(python, [source]);
  const why = compile(source, source + '.vbc');
  const viper = why ? { error: `does not compile: ${why}` } : median(vm, [source + '.vbc']);
  const wrong = !viper.error && result(viper.out) !== result(cpython.out) ? `prints ${result(viper.out).slice(0, 60)}, CPython ${result(cpython.out).slice(0, 60)}` : '';
  if (viper.error || wrong) {
    failed.push(name);
    console.log(`${name.padEnd(20)} FAILS: ${viper.error || wrong}`);
    continue;
  }
  const ratio = viper.seconds / cpython.seconds;
  const work = Math.max(viper.seconds - startVm, 1e-4) / Math.max(cpython.seconds - startPython, 1e-4);
  ratios.push(work);
  console.log(`${name.padEnd(20)} ${viper.seconds.toFixed(3).padStart(8)} ${cpython.seconds.toFixed(3).padStart(9)}  ${ratio.toFixed(2).padStart(5)}  ${work.toFixed(2)}  (run() x${repeats})`);
}
if (ratios.length) {
  const geomean = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
  console.log(`geometric mean of viper/python without start-up over ${ratios.length} programs: ${geomean.toFixed(2)}; slower than CPython: ${ratios.filter(r => r > 1).length}`);
}
console.log(`${ratios.length} ran, ${failed.length} failed${failed.length ? `: ${failed.join(', ')}` : ''}`);
