// docs/hardware.md and the board index the editor imports are generated
// (scripts/gen-hardware-docs.mjs) from the API table and boards/*.json: the committed files must
// be what the generator writes now.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOARDS, type BoardDefinition } from '../compiler/src/hardware/boards';
import { hardwareMarkdown } from '../compiler/src/hardware/hardwareDoc';
import { MACHINE } from '../compiler/src/hardware/machineApi';

const root = join(__dirname, '..');
const onDisk: BoardDefinition[] = readdirSync(join(root, 'boards')).filter(f => f.endsWith('.json')).sort()
  .map(f => JSON.parse(readFileSync(join(root, 'boards', f), 'utf8')));
const STALE = ' (stale: run `node scripts/gen-hardware-docs.mjs`)';

test('the editor knows every board in boards/' + STALE, () => {
  expect(BOARDS.map(b => b.id)).toEqual(onDisk.map(b => b.id));
  expect(BOARDS).toEqual(onDisk);
});

test('docs/hardware.md is current' + STALE, () => {
  expect(readFileSync(join(root, 'docs', 'hardware.md'), 'utf8')).toBe(hardwareMarkdown(onDisk));
});

test('the doc has the whole API and every board\'s pin map', () => {
  const doc = hardwareMarkdown(onDisk);
  for (const c of MACHINE.classes) {
    expect(doc).toContain(`### \`machine.${c.name}(`);
    for (const m of c.methods) expect(doc).toContain(`${c.name.toLowerCase()}.${m.name}(`);
  }
  for (const board of onDisk) {
    expect(doc).toContain(`(\`${board.id}\`)`);
    for (const pin of board.pins) expect(doc).toMatch(new RegExp(`^\\| \\d+ \\| ${pin.name} \\|`, 'm'));
  }
  expect(doc).toContain('| 13 | D13 | LED | simulated |');
});
