import { findSourceLinks } from './sourceLinks';

test('finds the frame of a traceback line', () => {
  const text = '  File "main.py", line 12, in divide';
  const [link] = findSourceLinks(text);
  expect(link).toMatchObject({ file: 'main.py', line: 12, column: 1 });
  expect(text.slice(link.start, link.end)).toBe('File "main.py", line 12');
});

test('finds the position of a compile diagnostic', () => {
  const text = 'main.py:3:7: error: \'(\' was never closed';
  const [link] = findSourceLinks(text);
  expect(link).toMatchObject({ file: 'main.py', line: 3, column: 7 });
  expect(text.slice(link.start, link.end)).toBe('main.py:3:7');
});

test('ignores program output that only looks a little like a location', () => {
  expect(findSourceLinks('line 3 of main.py')).toEqual([]);
  expect(findSourceLinks('x: main.py:3:7')).toEqual([]);
  expect(findSourceLinks('Traceback (most recent call last):')).toEqual([]);
});
