import type { DeviceEvent } from '../common/api';
import { createOutputBatcher } from './outputBatcher';

const output = (boardId: string, text: string): DeviceEvent => ({ kind: 'output', boardId, text });
const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('output batcher', () => {
  test('many small outputs of a board become one event, passed on within a moment', async () => {
    const sent: DeviceEvent[] = [];
    const batcher = createOutputBatcher(e => sent.push(e));
    for (let i = 0; i < 1000; i++) batcher.emit(output('a', `line ${i}\n`));
    expect(sent).toEqual([]);
    await wait(50);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual(output('a', Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join('')));
  });

  test('another event of the board passes its output on first; other boards keep theirs', () => {
    const sent: DeviceEvent[] = [];
    const batcher = createOutputBatcher(e => sent.push(e));
    batcher.emit(output('a', 'x'));
    batcher.emit(output('b', 'y'));
    batcher.emit({ kind: 'done', boardId: 'a', status: 'ok' });
    expect(sent).toEqual([output('a', 'x'), { kind: 'done', boardId: 'a', status: 'ok' }]);
    batcher.flush('b');
    expect(sent[2]).toEqual(output('b', 'y'));
    batcher.dispose();
    expect(sent).toHaveLength(3);
  });

  test('a large batch is passed on at once, without waiting', () => {
    const sent: DeviceEvent[] = [];
    const batcher = createOutputBatcher(e => sent.push(e));
    const kilobyte = 'k'.repeat(1023) + '\n';
    for (let i = 0; i < 64; i++) batcher.emit(output('a', kilobyte));
    expect(sent).toHaveLength(1);
    expect((sent[0] as { text: string }).text).toHaveLength(64 << 10);
    batcher.dispose();
  });
});
