#!/usr/bin/env node
// Entry of `npx viper`: brings the host VM and the command line bundle up to date with the
// sources (make is incremental; the bundle is rebuilt only when a TypeScript file is newer).
const { readdirSync, statSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cli = join(root, 'build', 'cli', 'viper.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleTime() {
  try { return statSync(cli).mtimeMs; } catch { return 0; }
}

const stale = bundleTime() < Math.max(newestSource(join(root, 'compiler', 'src')), newestSource(join(root, 'main')));
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), stale ? 'cli' : 'vm'],
  { stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) process.exit(3);
require(cli);
