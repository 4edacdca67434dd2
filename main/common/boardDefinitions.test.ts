// Every board of boards/ can be looked up by the id its VM reports, both here (ts-jest) and in a
// bundle as esbuild makes it for the renderer and the main process (the glob import takes every
// file of boards/ in, so a new board needs no code).
import { buildSync } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBoardDefinition, loadBoardDefinition } from './boardDefinitions';

const BOARDS_DIR = join(__dirname, '..', '..', 'boards');
const boardFiles = readdirSync(BOARDS_DIR).filter(f => f.endsWith('.json'));

describe('board definitions', () => {
  test('the Virtual board is at hand at once; others load by the id their VM reports', async () => {
    expect(findBoardDefinition('virtual')?.pins).toHaveLength(20);
    for (const file of boardFiles) {
      const json = JSON.parse(readFileSync(join(BOARDS_DIR, file), 'utf8'));
      const board = await loadBoardDefinition(json.id);
      expect(board?.id).toBe(json.id);
      expect(board?.pins.map(p => p.name)).toEqual(json.pins.map((p: { name: string }) => p.name));
      expect(findBoardDefinition(json.id)).toBe(board);
    }
  });

  test('an id that is no board, or no plain id, finds nothing', async () => {
    await expect(loadBoardDefinition('no_such_board')).resolves.toBeUndefined();
    await expect(loadBoardDefinition('../package')).resolves.toBeUndefined();
    await expect(loadBoardDefinition('')).resolves.toBeUndefined();
  });

  test('a bundle holds every board of boards/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'viper-boards-bundle-'));
    try {
      const outfile = join(dir, 'boards.js');
      buildSync({ entryPoints: [join(__dirname, 'boardDefinitions.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
      const bundled = require(outfile) as typeof import('./boardDefinitions');
      for (const file of boardFiles) {
        const id = file.replace(/\.json$/, '');
        expect((await bundled.loadBoardDefinition(id))?.id).toBe(id);
      }
      await expect(bundled.loadBoardDefinition('no_such_board')).resolves.toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
