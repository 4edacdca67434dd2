// `MICROPYTHON=<checkout> npm run conformance:outside [-- --list] [-- --suite=thread] [-- name-filter]`:
// runs the programs of MicroPython's tests/basics (or another folder of its tests: thread, ...;
// tag v1.28.0, checked out beside the project, never committed) that CPython runs to completion,
// on Viper's host VM, and compares their output with CPython's byte for byte. Prints each
// failure's kind and the pass count.
import { build } from 'esbuild';
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildHostVm } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkout = process.env.MICROPYTHON;
if (!checkout) {
  console.error('conformance:outside: set MICROPYTHON to a checkout of github.com/micropython/micropython at tag v1.28.0');
  process.exit(2);
}
const args = process.argv.slice(2);
const suite = args.find(a => a.startsWith('--suite='))?.slice('--suite='.length) ?? 'basics';
const basics = join(checkout, 'tests', suite);
const list = args.includes('--list');
const filter = args.find(a => !a.startsWith('--'));
const TIMEOUT_MS = 10_000;

// The real CPython: `python3` may be a version-manager shim that costs a process of its own.
const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();

// `--compile-server`: the child that compiles, one program a message, so that a compiler that
// runs away on one program (out of memory, a loop) costs that program only.
if (args.includes('--compile-server')) {
  const { compile } = await import(pathToFileURL(process.env.VIPER_COMPILER_BUNDLE).href);
  process.on('message', ({ path, out }) => {
    try {
      const compiled = compile(readFileSync(path, 'utf8'), path.split('/').pop());
      if (compiled.image) writeFileSync(out, compiled.image);
      process.send({ error: compiled.image ? undefined : compiled.diagnostics.map(d => `${d.line}:${d.column} ${d.message}`)[0] });
    } catch (err) {
      process.send({ crash: err.message });
    }
  });
} else {
  await main();
}

async function main() {
  buildHostVm();
  const scratch = mkdtempSync(join(tmpdir(), 'viper-outside-'));
  const compilerBundle = join(scratch, 'compiler.cjs');
  await build({ entryPoints: [join(root, 'compiler/src/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: compilerBundle, logLevel: 'warning' });
  const vm = join(root, 'vm-firmware', 'build', 'posix', 'viper-vm');

  /** A compile server per worker; a new one after a crash. */
  const servers = new Set();
  function compiler() {
    let child;
    return (path, out) => new Promise(resolve => {
      child ??= fork(fileURLToPath(import.meta.url), ['--compile-server'], { env: { ...process.env, VIPER_COMPILER_BUNDLE: compilerBundle }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: ['--max-old-space-size=1024'] });
      const current = child;
      servers.add(current);
      const timer = setTimeout(() => current.kill('SIGKILL'), TIMEOUT_MS);
      const done = answer => { clearTimeout(timer); current.off('exit', died); current.off('message', done); resolve(answer); };
      const died = () => { child = undefined; done({ crash: 'the compiler ran away (killed or out of memory)' }); };
      current.once('exit', died);
      current.once('message', done);
      current.send({ path, out });
    });
  }

  function run(command, argv) {
    return new Promise(resolve => {
      const child = spawn(command, argv, { cwd: basics, env: { ...process.env, PYTHONHASHSEED: '0' } });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.stdout.on('data', d => { stdout += d; });
      child.stderr.on('data', d => { stderr += d; });
      child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
    });
  }

  const lastLine = text => text.trimEnd().split('\n').pop() ?? '';

  /** One program: 'skip' when CPython does not run it to completion, else pass or the kind of failure. */
  async function check(name, compileTo) {
    const path = join(basics, name);
    const expected = await run(python, [path]);
    if (expected.code !== 0) return { name, result: 'skip' };
    const image = join(scratch, `${name}.vbc`);
    const compiled = await compileTo(path, image);
    if (compiled.crash) return { name, result: 'compiler crash', detail: compiled.crash };
    if (compiled.error) return { name, result: 'compile error', detail: compiled.error };
    const actual = await run(vm, [image]);
    if (actual.signal === 'SIGKILL') return { name, result: 'timeout' };
    if (actual.signal) return { name, result: 'crash', detail: actual.signal };
    if (actual.stdout === expected.stdout && actual.code === 0) return { name, result: 'pass' };
    if (actual.code !== 0) return { name, result: 'exception', detail: lastLine(actual.stderr) };
    const want = expected.stdout.split('\n');
    const got = actual.stdout.split('\n');
    const line = want.findIndex((l, i) => l !== got[i]);
    return { name, result: 'wrong output', detail: `line ${line + 1}: expected ${JSON.stringify(want[line])}, got ${JSON.stringify(got[line])}` };
  }

  const names = readdirSync(basics).filter(f => f.endsWith('.py') && (!filter || f.includes(filter))).sort();
  const results = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, cpus().length) }, async () => {
    const compileTo = compiler();
    while (next < names.length) results.push(await check(names[next++], compileTo));
  }));
  for (const server of servers) server.kill();
  rmSync(scratch, { recursive: true, force: true });

  results.sort((a, b) => a.name.localeCompare(b.name));
  const counted = results.filter(r => r.result !== 'skip');
  const passed = counted.filter(r => r.result === 'pass').length;
  const kinds = {};
  for (const r of counted) if (r.result !== 'pass') kinds[r.result] = (kinds[r.result] ?? 0) + 1;
  if (list) for (const r of counted) if (r.result !== 'pass') console.log(`${r.name}: ${r.result}${r.detail ? ` — ${r.detail}` : ''}`);
  console.log(`\nMicroPython tests/${suite}: ${names.length} programs, ${counted.length} run to completion on CPython`);
  console.log(`failures: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
  console.log(`conformance:outside: ${passed} of ${counted.length} pass (${(100 * passed / Math.max(1, counted.length)).toFixed(1)}%)`);
}
