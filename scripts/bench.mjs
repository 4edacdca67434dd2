// Benchmarks: each program in tests/benchmarks on the host VM and on python3, in the same run.
// Prints best-of-N seconds and the ratio viper/python3 per program, then the geometric mean.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'tests', 'benchmarks');
const vm = join(root, 'vm-firmware', 'build', 'posix', 'viper-vm');
const scratch = mkdtempSync(join(tmpdir(), 'viper-bench-'));
const runs = Number(process.env.BENCH_RUNS ?? 3);

function best(command, args) {
  let fastest = Infinity, out = '', ok = true;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e9);
    out = r.stdout; ok = ok && r.status === 0;
  }
  return { seconds: fastest, out, ok };
}

const ratios = [];
console.log(`${'program'.padEnd(18)} ${'viper s'.padStart(8)} ${'python3 s'.padStart(9)}  ratio`);
for (const name of readdirSync(dir).filter(f => f.endsWith('.py')).sort()) {
  const image = join(scratch, name + '.vbc');
  const compiled = spawnSync(process.execPath, [join(root, 'bin/viper.js'), 'compile', join(dir, name), '-o', image], { encoding: 'utf8' });
  if (compiled.status !== 0) {
    console.log(`${name.padEnd(18)} not supported yet: ${compiled.stderr.split('\n')[0]}`);
    continue;
  }
  const viper = best(vm, [image]);
  const python = best('python3', [join(dir, name)]);
  if (!viper.ok || viper.out !== python.out) {
    console.log(`${name.padEnd(18)} WRONG OUTPUT on the VM`);
    continue;
  }
  const ratio = viper.seconds / python.seconds;
  ratios.push(ratio);
  console.log(`${name.padEnd(18)} ${viper.seconds.toFixed(3).padStart(8)} ${python.seconds.toFixed(3).padStart(9)}  ${ratio.toFixed(2)}`);
}
if (ratios.length) {
  const geomean = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
  console.log(`geometric mean of viper/python3 over ${ratios.length} programs: ${geomean.toFixed(2)}`);
}
