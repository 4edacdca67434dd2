// Hover documentation: what the tooltip says over each kind of hardware name and a built-in.
import { EditorState } from '@codemirror/state';
import { hoverDocAt } from './hardwareHover';

/** The hover over the first occurrence of `word` after `after` in `doc`. */
function hover(doc: string, word: string, board?: string, after = '') {
  const state = EditorState.create({ doc });
  const at = doc.indexOf(word, doc.indexOf(after) + after.length) + 1;
  return hoverDocAt(state, at, board);
}

const program = `import machine
from machine import Pin, Timer
import board
led = Pin(board.LED, Pin.OUT)
led.toggle()
t = machine.Timer(-1, period=500, callback=lambda t: led.toggle())
print(machine.unique_id(), Timer.ONE_SHOT)
`;

test('a class shows its constructor and one line', () => {
  expect(hover(program, 'Pin', undefined, 'led = ')).toEqual({
    from: program.indexOf('Pin(board'), to: program.indexOf('Pin(board') + 3,
    title: 'class machine.Pin(id, mode=-1, pull=-1, *, value=None)',
    doc: "A pin: id is a name or alias ('D13', 'LED'), a board.X pin or a pin number.",
  });
  expect(hover(program, 'Timer', undefined, 'machine.')?.title).toBe('class machine.Timer(id=-1, *, mode=Timer.PERIODIC, period=-1, freq=None, callback=None)');
});

test('a method of an object made from a class, a function and a constant', () => {
  expect(hover(program, 'toggle')).toMatchObject({ title: 'Pin.toggle()', doc: 'Inverts the output level.' });
  expect(hover(program, 'unique_id')).toMatchObject({ title: 'machine.unique_id()' });
  expect(hover(program, 'ONE_SHOT')).toMatchObject({ title: 'Timer.ONE_SHOT', doc: 'mode: call the callback once.' });
  expect(hover(program, 'OUT')).toMatchObject({ title: 'Pin.OUT' });
  expect(hover(program, 'machine')).toMatchObject({ title: 'module machine' });
});

test("a board pin shows which pin it is on the selected board and what it can do", () => {
  expect(hover(program, 'LED', 'virtual')).toMatchObject({ title: 'board.LED: machine.Pin', doc: 'LED: pin D13 of virtual' });
  expect(hover('import board\nboard.KNOB', 'KNOB', 'virtual')).toMatchObject({ doc: 'KNOB: pin A0 of virtual · ADC channel 0' });
  expect(hover(program, 'LED')).toBeNull();   // no board known
});

test('a built-in function shows its signature; other words nothing', () => {
  expect(hover(program, 'print')).toMatchObject({ title: 'print(*values, sep=" ", end="\\n")', doc: 'Writes the values to the console.' });
  expect(hover(program, 'led')).toMatchObject({ title: 'machine.Pin object' });   // led = Pin(...)
  expect(hover(program, 'lambda')).toBeNull();
  expect(hover(program, '500')).toBeNull();
  expect(hover('# machine.Pin', 'Pin')).toBeNull();
});
