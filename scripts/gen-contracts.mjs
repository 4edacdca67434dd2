// Writes the C headers generated from the TypeScript contracts (see scripts/contracts/renderHeaders.ts)
// and each board's C table from boards/*.json (scripts/contracts/renderBoards.ts).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = await build({
  entryPoints: [join(root, 'scripts/contracts/renderHeaders.ts')],
  bundle: true, write: false, format: 'esm', platform: 'node',
});
const mod = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
let files;
try {
  files = [...mod.renderHeaders(), ...mod.renderBoards(join(root, 'boards'))];   // all checked before anything is written
} catch (err) {
  console.error(`gen-contracts: ${err.message}`);
  process.exit(1);
}
for (const { path, text } of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log('wrote', path);
}
