// The Virtual board's board heaps are the firmware's own: one choice per firmware board, with the
// VIPER_HEAP_SIZE its viper_board.h gives the VM.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIRTUAL_RAM_CHOICES } from './virtualRam';

const BOARDS = join(__dirname, '..', '..', 'vm-firmware', 'ports', 'chibios', 'boards');

test('each firmware board is a choice with the heap its firmware gives the VM', () => {
  const firmware = readdirSync(BOARDS).filter(d => d !== 'common').map(id => {
    const m = /#define VIPER_HEAP_SIZE\s+\((\d+)u \* 1024u\)/.exec(readFileSync(join(BOARDS, id, 'viper_board.h'), 'utf8'));
    if (!m) throw new Error(`${id}/viper_board.h does not define VIPER_HEAP_SIZE as (N * 1024)`);
    return { id, heapBytes: Number(m[1]) * 1024 };
  });
  const boards = VIRTUAL_RAM_CHOICES.filter(c => c.id !== 'desktop').map(({ id, heapBytes }) => ({ id, heapBytes }));
  expect(boards.sort((a, b) => a.id.localeCompare(b.id))).toEqual(firmware.sort((a, b) => a.id.localeCompare(b.id)));
  expect(VIRTUAL_RAM_CHOICES.find(c => c.id === 'desktop')?.heapBytes).toBeUndefined();
});
