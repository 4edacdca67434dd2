// Thread benchmarks (npm run bench:threads): the programs in tests/benchmarks/threads measure
// themselves (switch cost, an uncontended lock, wake-up latency under a busy thread) and print
// "name value" lines; each runs on the host VM and on python3 in the same run, and the median of
// BENCH_RUNS runs is printed with the ratio viper/python3.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'tests', 'benchmarks', 'threads');
const vm = join(root, 'vm-firmware', 'build', 'posix', 'viper-vm');
const scratch = mkdtempSync(join(tmpdir(), 'viper-bench-threads-'));
const runs = Number(process.env.BENCH_RUNS ?? 5);
// the interpreter itself, not a version manager's shim in front of it
const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** name -> the median over the runs of each metric the program printed */
function measure(command, args) {
  const seen = new Map();
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr || r.error}`);
    for (const line of r.stdout.trim().split('\n')) {
      const [name, value] = line.split(' ');
      seen.set(name, [...(seen.get(name) ?? []), Number(value)]);
    }
  }
  return new Map([...seen].map(([name, values]) => [name, median(values)]));
}

spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), 'host'], { stdio: 'inherit' });
console.log(`medians of ${runs} runs; python3 is ${python}`);
console.log(`${'metric'.padEnd(20)} ${'viper'.padStart(10)} ${'python3'.padStart(10)}  ratio`);
for (const name of readdirSync(dir).filter(f => f.endsWith('.py')).sort()) {
  const image = join(scratch, name + '.vbc');
  const compiled = spawnSync(process.execPath, [join(root, 'bin/viper.js'), 'compile', join(dir, name), '-o', image], { encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`${name}: ${compiled.stderr}`);
  const viper = measure(vm, [image]);
  const peer = measure(python, [join(dir, name)]);
  for (const [metric, value] of viper) {
    const other = peer.get(metric);
    console.log(`${metric.padEnd(20)} ${String(value).padStart(10)} ${String(other).padStart(10)}  ${(value / other).toFixed(2)}`);
  }
}
