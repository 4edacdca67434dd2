#!/usr/bin/env node
// The firmware size table (issue #13): the VM core built with arm-none-eabi-gcc at -Os for each
// feature level (core/config.h) on a Cortex-M0 and a Cortex-M4, plus each board's whole firmware
// when CHIBIOS is set; written into docs/firmware.md between the sizes markers.
//   node scripts/firmware-sizes.mjs            measure everything, rewrite the table
//   node scripts/firmware-sizes.mjs --check    only the budgeted build; exit 1 past its ceiling
//   --no-write                                 print, leave docs/firmware.md alone
// The budget is vm-firmware/size-budget.json. Without arm-none-eabi-gcc it says so and exits 0
// (--check too: CI installs the compiler; tests/firmware-sizes.test.ts reports the skip).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vm = join(root, 'vm-firmware');
const LEVELS = ['minimal', 'standard', 'full'];
const CPUS = ['cortex-m0', 'cortex-m4'];
const BEGIN = '<!-- sizes:begin -->';
const END = '<!-- sizes:end -->';
const args = new Set(process.argv.slice(2));

function have(cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

export function readBudget() {
  return JSON.parse(readFileSync(join(vm, 'size-budget.json'), 'utf8'));
}

/** Compile every core/*.c for cpu at level (0..2) at -Os; sum the objects' sections. */
async function coreSize(cpu, level) {
  const out = join(vm, 'build', 'sizes', `${cpu}-${LEVELS[level]}`);
  mkdirSync(out, { recursive: true });
  const sources = readdirSync(join(vm, 'core')).filter((f) => f.endsWith('.c')).sort();
  const flags = ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic', '-Wno-missing-field-initializers',
    `-mcpu=${cpu}`, '-mthumb', '-Os', '-ffunction-sections', '-fdata-sections', `-DVIPER_LEVEL=${level}`, '-Icore'];
  const objects = sources.map((f) => join(out, f.replace(/\.c$/, '.o')));
  const compile = (i) => new Promise((resolve, reject) => {
    const p = spawn('arm-none-eabi-gcc', [...flags, '-c', join('core', sources[i]), '-o', objects[i]], { cwd: vm });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${sources[i]} (${cpu}, ${LEVELS[level]}):\n${err}`))));
  });
  let next = 0;
  const worker = async () => { while (next < sources.length) await compile(next++); };
  await Promise.all([worker(), worker()]);   // two compilers at a time: the machine is shared
  const table = execFileSync('arm-none-eabi-size', objects, { encoding: 'utf8' });
  const perObject = {};
  let text = 0, data = 0, bss = 0;
  for (const line of table.split('\n').slice(1)) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+[0-9a-f]+\s+(\S+)$/.exec(line);
    if (!m) continue;
    text += +m[1]; data += +m[2]; bss += +m[3];
    perObject[m[4].split('/').pop()] = +m[1] + +m[2];
  }
  return { cpu, level: LEVELS[level], flash: text + data, ram: data + bss, perObject };
}

/** Each board folder's firmware at its own level; null without CHIBIOS. */
function boardSizes() {
  const chibios = process.env.CHIBIOS;
  if (!chibios) return null;
  /** Why a build failed, in a table cell: the linker's overflow when the image does not fit. */
  const linkError = (text) => {
    const overflow = [...text.matchAll(/region `?(\w+)'? overflowed by (\d+) bytes/g)].map(m => `${m[1]} overflowed by ${m[2]} bytes`);
    if (overflow.length) return `does not fit: ${overflow.join(', ')}`;
    if (/cannot move location counter backwards/.test(text)) return 'does not fit: RAM overflows (the linker stops before measuring flash)';
    return text.trim().split('\n').slice(-3).join(' ');
  };
  const boards = readdirSync(join(vm, 'ports', 'chibios', 'boards'))
    .filter((b) => b !== 'common' && existsSync(join(vm, 'ports', 'chibios', 'boards', b, 'board.mk'))).sort();
  const rows = [];
  for (const board of boards) {
    const p = spawnSync('make', ['-s', '-C', vm, 'firmware', `BOARD=${board}`, `CHIBIOS=${chibios}`], { encoding: 'utf8' });
    const m = /viper firmware for \S+: flash (\d+) bytes.*RAM (\d+) bytes/.exec(p.stdout ?? '');
    const json = join(root, 'boards', `${board}.json`);
    const level = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')).firmware?.level ?? 'full' : 'full';
    const opt = /USE_OPT\s*[:?]?=\s*(.*)/.exec(readFileSync(join(vm, 'ports', 'chibios', 'boards', board, 'board.mk'), 'utf8'));
    rows.push(m ? { board, level, flash: +m[1], ram: +m[2], opt: opt ? opt[1].trim() : '-O2 (Makefile default)' }
      : { board, level, error: linkError(`${p.stderr}\n${p.stdout}`) });
  }
  return rows;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function render(cores, boards, budget) {
  const b = budget.coreMinimal;
  const lines = [BEGIN, '',
    `Measured by \`npm run sizes\` (scripts/firmware-sizes.mjs). Core: the sum of \`vm-firmware/core/*.o\`,`,
    'arm-none-eabi-gcc `-Os -mthumb -ffunction-sections -fdata-sections`, before linking (so every',
    'function counts, used or not; newlib and libm not included). Flash = text + data, RAM = data + bss.', '',
    '| core | level | flash | RAM |', '|---|---|---:|---:|'];
  for (const c of cores) lines.push(`| ${c.cpu} | ${c.level} | ${c.flash} (${kb(c.flash)}) | ${c.ram} |`);
  lines.push('', `Budget (\`vm-firmware/size-budget.json\`, checked by \`npm run sizes -- --check\` in CI): the core at`,
    `*minimal* on ${b.cpu}: goal ${kb(b.goalBytes)} (the issue's), ceiling ${b.ceilingBytes} bytes (${kb(b.ceilingBytes)}): ${b.note}`, '');
  if (boards === null) {
    lines.push('Whole firmware: set `CHIBIOS=<path>` to measure each board (not measured in this run).');
  } else {
    lines.push('| board | level | flash | RAM (static) | options |', '|---|---|---:|---:|---|');
    for (const r of boards) {
      lines.push(r.error ? `| ${r.board} | ${r.level} | build failed: ${r.error.replace(/\|/g, '/')} | | |`
        : `| ${r.board} | ${r.level} | ${r.flash} (${kb(r.flash)}) | ${r.ram} (${kb(r.ram)}) | ${r.opt} |`);
    }
  }
  lines.push('', END);
  return lines.join('\n');
}

function writeDocs(section) {
  const file = join(root, 'docs', 'firmware.md');
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN), z = text.indexOf(END);
  const next = a >= 0 && z > a ? text.slice(0, a) + section + text.slice(z + END.length)
    : `${text.trimEnd()}\n\n## Sizes\n${section}\n`;
  writeFileSync(file, next);
}

async function main() {
  if (!have('arm-none-eabi-gcc')) {
    console.log('skipped: the size table needs arm-none-eabi-gcc (Debian: gcc-arm-none-eabi)');
    return 0;
  }
  const budget = readBudget();
  if (args.has('--check')) {
    const b = budget.coreMinimal;
    const c = await coreSize(b.cpu, 0);
    const ok = c.flash <= b.ceilingBytes;
    console.log(`core at minimal on ${b.cpu}: ${c.flash} bytes of flash (ceiling ${b.ceilingBytes}, goal ${b.goalBytes}): ${ok ? 'ok' : 'OVER BUDGET'}`);
    if (!ok) {
      const top = Object.entries(c.perObject).sort((x, y) => y[1] - x[1]).slice(0, 8);
      console.log(`largest objects: ${top.map(([f, n]) => `${f} ${n}`).join(', ')}`);
    }
    return ok ? 0 : 1;
  }
  const cores = [];
  for (const cpu of CPUS) for (let level = 0; level < LEVELS.length; level++) {
    const c = await coreSize(cpu, level);
    cores.push(c);
    console.log(`core ${cpu} ${c.level}: flash ${c.flash}, RAM ${c.ram}`);
  }
  const boards = boardSizes();
  for (const r of boards ?? []) console.log(r.error ? `${r.board}: ${r.error}` : `${r.board} (${r.level}): flash ${r.flash}, RAM ${r.ram}`);
  if (args.has('--json')) console.log(JSON.stringify({ cores, boards }, null, 1));
  if (!args.has('--no-write')) writeDocs(render(cores, boards, budget));
  return 0;
}

process.exitCode = await main();
