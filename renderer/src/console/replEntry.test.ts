import { EntryBuffer, needsMore } from './replEntry';

function feed(lines: string[]): { entries: string[]; prompts: string[] } {
  const buffer = new EntryBuffer();
  const entries: string[] = [], prompts: string[] = [];
  for (const line of lines) {
    entries.push(...buffer.push(line));
    prompts.push(buffer.prompt);
  }
  return { entries, prompts };
}

describe('REPL entries', () => {
  it('runs a simple statement at once; an empty line runs nothing', () => {
    expect(feed(['1+1', '', 'x = 5'])).toEqual({ entries: ['1+1', 'x = 5'], prompts: ['>>> ', '>>> ', '>>> '] });
  });

  it('goes on with a compound statement until an empty line', () => {
    expect(feed(['def f(a):', '    if a:', '        return 1', '    return 2', ''])).toEqual({
      entries: ['def f(a):\n    if a:\n        return 1\n    return 2\n'],
      prompts: ['... ', '... ', '... ', '... ', '>>> '],
    });
  });

  it('keeps else/except/finally in the block and waits for decorators', () => {
    expect(feed(['if x:', '    pass', 'else:', '    y = 1', '']).entries).toEqual(['if x:\n    pass\nelse:\n    y = 1\n']);
    expect(feed(['@dec', 'def f():', '    pass', '']).entries).toEqual(['@dec\ndef f():\n    pass\n']);
  });

  it('closes a pasted block at the next unindented statement', () => {
    expect(feed(['def f():', '    return 3', 'f()', 'for i in range(2):', '    print(i)', 'print("end")']).entries)
      .toEqual(['def f():\n    return 3', 'f()', 'for i in range(2):\n    print(i)', 'print("end")']);
  });

  it('waits for open brackets, triple-quoted strings and backslashes, not for colons in strings or comments', () => {
    expect(needsMore(['x = [1,'])).toBe(true);
    expect(needsMore(['x = [1,', '2]'])).toBe(false);
    expect(needsMore(['s = """a'])).toBe(true);
    expect(needsMore(['s = """a', 'b"""'])).toBe(false);
    expect(needsMore(['x = 1 + \\'])).toBe(true);
    expect(needsMore(['print("a:")'])).toBe(false);
    expect(needsMore(['x = 1  # note:'])).toBe(false);
    expect(needsMore(['d = {"a": 1}'])).toBe(false);
    expect(feed(['x = (1,', '', '2)']).entries).toEqual(['x = (1,\n\n2)']);
  });
});
