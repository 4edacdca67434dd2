// The pins a program uses, listed by name with their mode and level (or duty, or reading), as the
// board last reported them. The same list for the Virtual board and, read-only, for a real one.
import type { PinReport } from '../../../main/common/api';
import { pinLabel, type BoardDefinition } from '../../../main/common/boardDefinitions';
import { el } from '../projects/modal';
import { modeWord, valueWords } from './pinView';

export interface PinTable {
  element: HTMLElement;
  show(board: BoardDefinition | undefined, pins: PinReport[]): void;
}

export function createPinTable(): PinTable {
  const body = el('tbody');
  const empty = el('p', { className: 'pins-empty', text: 'No pin in use yet: the program\'s pins appear here as it sets them up.' });
  const table = el('table', { className: 'pin-table', testId: 'pin-table' },
    el('thead', {}, el('tr', {}, el('th', { text: 'Pin' }), el('th', { text: 'Mode' }), el('th', { text: 'Value' }))), body);
  const element = el('div', { className: 'pin-list' }, empty, table);
  let shown = '';

  return {
    element,
    show(board, pins) {
      const used = pins.filter(p => p.mode !== 'unused').sort((a, b) => a.pin - b.pin);
      const key = JSON.stringify(used);
      if (key === shown) return;
      shown = key;
      empty.hidden = used.length > 0;
      table.hidden = used.length === 0;
      body.replaceChildren(...used.map(p => {
        const row = el('tr', {}, el('td', { text: pinLabel(board, p.pin) }), el('td', { text: modeWord(p) }), el('td', { text: valueWords(p) }));
        row.dataset.pin = String(p.pin);
        row.dataset.mode = p.mode;
        row.dataset.value = String(p.value);
        return row;
      }));
    },
  };
}
