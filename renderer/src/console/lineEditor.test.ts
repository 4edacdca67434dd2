import { LineEditor, splitKeys } from './lineEditor';

const LEFT = '\x1b[D', RIGHT = '\x1b[C', UP = '\x1b[A', DOWN = '\x1b[B', HOME = '\x1b[H', END = '\x1b[F', BACKSPACE = '\x7f';

function type(editor: LineEditor, data: string) {
  return splitKeys(data).map(k => editor.key(k));
}

describe('the console line editor', () => {
  it('splits keys: characters, escape sequences, CRLF as one Enter', () => {
    expect(splitKeys('ab\x1b[D\x1bOH\x1b[3~\r\nc😀')).toEqual(['a', 'b', '\x1b[D', '\x1bOH', '\x1b[3~', '\r', 'c', '😀']);
  });

  it('edits in the middle of the line', () => {
    const e = new LineEditor();
    type(e, `print(1)${LEFT}${BACKSPACE}2${HOME}x${END}!`);
    expect(e.text).toBe('xprint(2)!');
    expect(e.cursor).toBe(e.text.length);
    type(e, `${HOME}\x1b[3~`);
    expect(e.text).toBe('print(2)!');
    expect(e.cursor).toBe(0);
  });

  it('Enter gives the line; up and down walk the history and come back to the draft', () => {
    const e = new LineEditor();
    expect(type(e, 'x = 5\r')).toContainEqual({ kind: 'line', text: 'x = 5' });
    type(e, 'x * 2\r');
    type(e, 'draft');
    type(e, UP);
    expect(e.text).toBe('x * 2');
    type(e, UP + UP);
    expect(e.text).toBe('x = 5');
    type(e, DOWN + DOWN);
    expect(e.text).toBe('draft');
    expect(type(e, RIGHT)).toEqual([{ kind: 'none' }]);
  });

  it('Ctrl-D on an empty line is end of input, else it deletes; Tab indents to the next 4 columns', () => {
    const e = new LineEditor();
    expect(type(e, '\x04')).toEqual([{ kind: 'eof' }]);
    type(e, 'ab' + HOME + '\x04');
    expect(e.text).toBe('b');
    e.reset();
    type(e, 'x\t');
    expect(e.text).toBe('x   ');
  });

  it('moves over a character outside the BMP as one', () => {
    const e = new LineEditor();
    type(e, '😀a' + LEFT + LEFT + '>');
    expect(e.text).toBe('>😀a');
    type(e, END + BACKSPACE + BACKSPACE);
    expect(e.text).toBe('>');
  });
});
