// The C headers generated from the TypeScript contracts must be current (run `npm run gen`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHeaders } from '../scripts/contracts/renderHeaders';
import { renderBoard, renderBoards } from '../scripts/contracts/renderBoards';

describe('generated C contracts', () => {
  it.each(renderHeaders().map(h => [h.path, h.text]))('%s is up to date', (path, text) => {
    expect(readFileSync(join(__dirname, '..', path), 'utf8')).toBe(text);
  });
});

describe('generated board tables', () => {
  it.each(renderBoards(join(__dirname, '..', 'boards')).map(b => [b.path, b.text]))('%s is up to date', (path, text) => {
    expect(readFileSync(join(__dirname, '..', path), 'utf8')).toBe(text);
  });

  it('rejects a definition naming a pin the board lacks', () => {
    const board = { id: 'x', name: 'X', pins: [{ name: 'D0', port: 'A', pad: 0 }], aliases: { LED: 'D9' } };
    expect(() => renderBoard(board)).toThrow('x: alias LED names pin D9, which the board lacks');
  });

  it('numbers pins in their order and marks ADC, PWM and the link UART', () => {
    const text = renderBoard({
      id: 'y', name: 'Y', pins: [{ name: 'PA2', port: 'A', pad: 2, link: true }, { name: 'PB0', port: 'B', pad: 0, adc: 8, pwm: { timer: 3, channel: 3, af: 2 } }],
      uart: [{ id: 2, tx: 'PA2', rx: 'PB0', af: 7 }],
    });
    expect(text).toContain('{"PA2", 0, 2, 4, 0, 0, 0, 0},');
    expect(text).toContain('{"PB0", 1, 0, 3, 8, 3, 3, 2},');
    expect(text).toContain('{1, 2, {0, 1, 0}, 7}');
    expect(text).toContain('pins, 2, aliases, 0,');
  });
});
