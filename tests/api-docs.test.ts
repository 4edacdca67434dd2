// docs/api.md and docs/boards.md are generated (scripts/gen-hardware-docs.mjs, run by `npm run
// gen`) from the API tables that drive the editor and from boards/*.json: the committed files must
// be what the generator writes now, and hold every name and every board.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoardDefinition } from '../compiler/src/hardware/boards';
import { apiMarkdown } from '../compiler/src/hardware/apiDoc';
import { API_MODULES } from '../compiler/src/hardware/apiModules';
import { METHOD_TEXT, STATE_TEXT, checkFirmware } from '../compiler/src/hardware/boardFirmware';
import { boardsMarkdown } from '../scripts/contracts/renderBoardsDoc';

const root = join(__dirname, '..');
const onDisk: BoardDefinition[] = readdirSync(join(root, 'boards')).filter(f => f.endsWith('.json')).sort()
  .map(f => JSON.parse(readFileSync(join(root, 'boards', f), 'utf8')));
const STALE = ' (stale: run `npm run gen`)';

test('docs/api.md is current' + STALE, () => {
  expect(readFileSync(join(root, 'docs', 'api.md'), 'utf8')).toBe(apiMarkdown());
});

test('docs/boards.md is current' + STALE, () => {
  expect(readFileSync(join(root, 'docs', 'boards.md'), 'utf8')).toBe(boardsMarkdown(onDisk));
});

test('api.md names every module, function, class, method, constant and attribute with its signature', () => {
  const doc = apiMarkdown();
  expect(API_MODULES.map(m => m.name)).toEqual(['machine', 'board', 'time', 'builtins', '_thread', 'threading', 'queue']);
  for (const m of API_MODULES) {
    const prefix = m.name === 'builtins' ? '' : `${m.name}.`;
    for (const f of m.functions) expect(doc).toContain(`- \`${prefix}${f.name}${f.signature}\` — ${f.doc}`);
    for (const k of m.constants) expect(doc).toContain(`- \`${prefix}${k.name}\` — ${k.doc}`);
    const classes = [...m.classes, ...m.functions.flatMap(f => f.returns ? [f.returns] : [])];
    for (const c of classes) {
      for (const f of c.methods) expect(doc).toContain(`- \`${c.name}.${f.name}${f.signature}\` — ${f.doc}`);
      for (const a of c.attributes ?? []) expect(doc).toContain(`- \`${c.name}.${a.name}\` — (attribute) ${a.doc}`);
    }
    for (const c of m.classes) expect(doc).toContain(`### \`${m.name}.${c.name}${c.signature}\``);
  }
  expect(doc).toContain('### A `thread` object (what `thread()` returns)');
  expect(doc.match(/### A `thread` object/g)).toHaveLength(1);   // told once, though _thread.start() returns one too
});

/** The text from `heading` to the next level-2 heading (or the end). */
function sectionOf(doc: string, heading: string): string {
  const start = doc.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

test('boards.md tells, for each board, its MCU, how to burn and recover it, its pins and what is tested', () => {
  const doc = boardsMarkdown(onDisk);
  for (const board of onDisk) {
    const section = sectionOf(doc, `## ${board.name}\n`);
    expect(section).toContain(`Board id \`${board.id}\``);
    for (const pin of board.pins) expect(section).toMatch(new RegExp(`^\\| \\d+ \\| ${pin.name} \\|`, 'm'));
    const f = checkFirmware(board.id, board.firmware);
    if (!f) { expect(section).toContain('Nothing to burn'); continue; }
    expect(section).toContain(`**MCU** ${f.mcu} (${f.core})`);
    expect(section).toContain(`**state** ${STATE_TEXT[f.state]}`);
    f.burn.forEach((m, i) => expect(section).toContain(`${i + 1}. **${METHOD_TEXT[m]}** (\`${m}\`)`));
    expect(section).toContain('### Recovering');
    for (const m of f.burn) expect(section).toMatch(new RegExp(`- A VM that does not start: .*\\(\`${m}\`\\)`));
  }
  expect(doc).toContain('hold the user button (`BUTTON`, PC13) while pressing reset');
});
