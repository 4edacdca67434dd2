import { PlotData } from './plotData';
import { createLineSplitter, parsePlotLine } from './plotParser';

test('reads one or several numbers a line, separated by spaces or commas', () => {
  expect(parsePlotLine('3.5')?.values).toEqual([3.5]);
  expect(parsePlotLine('1 -2 3e2')?.values).toEqual([1, -2, 300]);
  expect(parsePlotLine('1, 2,3\r')?.values).toEqual([1, 2, 3]);
  expect(parsePlotLine('.5 -0.25')?.values).toEqual([0.5, -0.25]);
});

test('reads named numbers', () => {
  expect(parsePlotLine('temp:21.5 hum:40')).toEqual({ values: [21.5, 40], names: ['temp', 'hum'] });
  expect(parsePlotLine('x=1,y=2')).toEqual({ values: [1, 2], names: ['x', 'y'] });
  expect(parsePlotLine('temp: 21.5 hum: 40')).toEqual({ values: [21.5, 40], names: ['temp', 'hum'] });
  expect(parsePlotLine('temp: 21.5 7')).toEqual({ values: [21.5, 7], names: ['temp', undefined] });
});

test('keeps inf and nan as gaps', () => {
  expect(parsePlotLine('1 nan -inf 1e999')?.values).toEqual([1, NaN, NaN, NaN]);
});

test('leaves ordinary output alone', () => {
  for (const line of ['', '   ', 'count 3', 'x = 3', 'hello', '1 2 three', 'Traceback (most recent call last):', '1 2 3 4 5 6 7 8 9', 'temp:', 'a: b: 1', 'x: 1 y:']) {
    expect(parsePlotLine(line)).toBeNull();
  }
});

test('splits chunks into lines, whatever the chunk boundaries', () => {
  const lines: string[] = [];
  const splitter = createLineSplitter(line => lines.push(line));
  splitter.push('1 2\n3');
  splitter.push(' 4\n\n5');
  splitter.push('\n');
  expect(lines).toEqual(['1 2', '3 4', '', '5']);
});

test('keeps the newest samples in a ring and exports them as CSV', () => {
  const data = new PlotData(3);
  for (let i = 0; i < 5; i++) data.push({ values: [i, i * 10], names: ['a', undefined] });
  data.push({ values: [9], names: [undefined] });
  expect(data.total).toBe(6);
  expect(data.count).toBe(3);
  expect(data.first).toBe(3);
  expect(data.at(0, 0)).toBe(3);
  expect(data.toCsv()).toBe('sample,a,value 2\n3,3,30\n4,4,40\n5,9,\n');
});
