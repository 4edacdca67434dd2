#!/usr/bin/env node
// Entry of `npx viper`: brings the host VM and the command line bundle up to date with the
// sources, checked here by modification time so that a run with nothing changed starts no
// second process (make and the bundler run only when a source is newer than what they built).
const { readdirSync, statSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cli = join(root, 'build', 'cli', 'viper.js');
const firmware = join(root, 'vm-firmware');

/** The newest modification time of the files under dir whose names end with one of endings (0: none, or no dir). */
function newestSource(dir, endings) {
  let newest = 0, entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return 0; }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, endings));
    else if (endings.some(e => entry.name.endsWith(e))) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function modified(path) {
  try { return statSync(path).mtimeMs; } catch { return 0; }
}

const staleBundle = modified(cli) < Math.max(newestSource(join(root, 'compiler', 'src'), ['.ts']), newestSource(join(root, 'main'), ['.ts']));
const staleVm = modified(join(firmware, 'build', 'posix', 'viper-vm')) < Math.max(modified(join(firmware, 'Makefile')),
  newestSource(join(firmware, 'core'), ['.c', '.h']), newestSource(join(firmware, 'ports', 'posix'), ['.c', '.h']));
if (staleBundle || staleVm) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), staleBundle ? 'cli' : 'vm'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(3);
}
require(cli);
