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

  test('pin tables of a board keep only the latest; UART text joins per bus; the order stays', async () => {
    const sent: DeviceEvent[] = [];
    const batcher = createOutputBatcher(e => sent.push(e));
    const pins = (value: number): DeviceEvent => ({ kind: 'pins', boardId: 'a', board: 'virtual', pins: [{ pin: 13, mode: 'output', value }] });
    const uart = (bus: number, text: string): DeviceEvent => ({ kind: 'uart', boardId: 'a', bus, text });
    for (let i = 0; i < 100; i++) batcher.emit(pins(i % 2));
    batcher.emit(output('a', 'tick\n'));
    batcher.emit(pins(1));
    batcher.emit(uart(1, 'he'));
    batcher.emit(uart(1, 'llo'));
    batcher.emit(uart(2, '!'));
    batcher.emit(pins(0));
    expect(sent).toEqual([]);
    await wait(50);
    expect(sent).toEqual([pins(1), output('a', 'tick\n'), pins(1), uart(1, 'hello'), uart(2, '!'), pins(0)]);
  });

  test('output and pin tables taking turns are passed on in bounded batches', () => {
    const sent: DeviceEvent[] = [];
    const batcher = createOutputBatcher(e => sent.push(e));
    for (let i = 0; i < 1000; i++) {
      batcher.emit(output('a', `${i}\n`));
      batcher.emit({ kind: 'pins', boardId: 'a', board: 'virtual', pins: [{ pin: 2, mode: 'input', value: i & 1 }] });
    }
    expect(sent.length).toBeGreaterThanOrEqual(1792);             // seven full batches of 256 went at once
    batcher.dispose();
    expect(sent).toHaveLength(2000);
    expect(sent.filter(e => e.kind === 'output').map(e => (e as { text: string }).text).join('')).toBe(Array.from({ length: 1000 }, (_, i) => `${i}\n`).join(''));
  });
});
