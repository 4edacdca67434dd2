// Benchmarks: each program in tests/benchmarks on the host VM and on CPython, in the same run.
// Prints the median of N runs of each, the raw ratio viper/python, and the ratio with each side's
// start-up (an empty program, measured in the same run) subtracted; then the geometric means.
// CPython is the real interpreter, not a version manager's shim in front of it (pyenv's costs
// about 0.3 s per start, which made Viper look twice as fast as it is on short programs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'tests', 'benchmarks');
const vm = join(root, 'vm-firmware', 'build', 'posix', 'viper-vm');
const scratch = mkdtempSync(join(tmpdir(), 'viper-bench-'));
const runs = Number(process.env.BENCH_RUNS ?? 5);

const where = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
if (where.status !== 0) { console.error('bench: python3 is needed as the yardstick'); process.exit(1); }
const python = where.stdout.trim();

function median(command, args) {
  const times = [];
  let out = '', ok = true;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    out = r.stdout; ok = ok && r.status === 0;
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], out, ok };
}

function compile(source, image) {
  return spawnSync(process.execPath, [join(root, 'bin/viper.js'), 'compile', source, '-o', image], { encoding: 'utf8' });
}

// each side's start-up: an empty program
const empty = join(scratch, 'empty.py');
writeFileSync(empty, '');
compile(empty, empty + '.vbc');
const startVm = median(vm, [empty + '.vbc']).seconds, startPython = median(python, [empty]).seconds;
console.log(`CPython: ${python}; ${runs} runs each, medians; start-up: viper ${startVm.toFixed(3)} s, python ${startPython.toFixed(3)} s`);

const raw = [], adjusted = [];
console.log(`${'program'.padEnd(18)} ${'viper s'.padStart(8)} ${'python s'.padStart(9)}  ${'ratio'.padStart(5)}  without start-up`);
for (const name of readdirSync(dir).filter(f => f.endsWith('.py')).sort()) {
  const image = join(scratch, name + '.vbc');
  const compiled = compile(join(dir, name), image);
  if (compiled.status !== 0) {
    console.log(`${name.padEnd(18)} not supported yet: ${compiled.stderr.split('\n')[0]}`);
    continue;
  }
  const viper = median(vm, [image]);
  const cpython = median(python, [join(dir, name)]);
  if (!viper.ok || viper.out !== cpython.out) {
    console.log(`${name.padEnd(18)} WRONG OUTPUT on the VM`);
    continue;
  }
  const ratio = viper.seconds / cpython.seconds;
  const work = Math.max(viper.seconds - startVm, 1e-4) / Math.max(cpython.seconds - startPython, 1e-4);
  raw.push(ratio);
  adjusted.push(work);
  console.log(`${name.padEnd(18)} ${viper.seconds.toFixed(3).padStart(8)} ${cpython.seconds.toFixed(3).padStart(9)}  ${ratio.toFixed(2).padStart(5)}  ${work.toFixed(2)}`);
}
const geomean = list => Math.exp(list.reduce((a, r) => a + Math.log(r), 0) / list.length);
if (raw.length) {
  console.log(`geometric mean of viper/python over ${raw.length} programs: ${geomean(raw).toFixed(2)} (without start-up: ${geomean(adjusted).toFixed(2)})`);
}
