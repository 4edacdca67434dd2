#!/usr/bin/env node
// Entry of `npx viper`: builds the command line bundle and the host VM on first use.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cli = join(root, 'build', 'cli', 'viper.js');
const vm = join(root, 'vm-firmware', 'build', 'posix', 'viper-vm');
if (!existsSync(cli) || !existsSync(vm)) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(3);
}
require(cli);
