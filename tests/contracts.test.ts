// The C headers generated from the TypeScript contracts must be current (run `npm run gen`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHeaders } from '../scripts/contracts/renderHeaders';

describe('generated C contracts', () => {
  it.each(renderHeaders().map(h => [h.path, h.text]))('%s is up to date', (path, text) => {
    expect(readFileSync(join(__dirname, '..', path), 'utf8')).toBe(text);
  });
});
