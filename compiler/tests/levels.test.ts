// Feature levels at compile time (compiler/src/warnings/levelChecks.ts): with a board whose
// firmware is built at minimal or standard (boards/<id>.json firmware.level), what its VM lacks
// is an error with its place; full boards and no board at all say nothing.
import { check, levelErrors } from '../src/index';
import { boardById, type BoardDefinition } from '../src/hardware/boards';

const board = (level?: string): BoardDefinition => ({
  id: 'small_board', name: 'Small Board', pins: [], aliases: {}, uart: [], i2c: [], spi: [],
  ...(level ? { firmware: { level } } : {}),
} as BoardDefinition);
const errors = (source: string, b?: string | BoardDefinition) =>
  check(source, 'main.py', { board: b }).filter(d => d.code === 'V5004').map(d => `${d.line}:${d.column} ${d.severity} ${d.message}`);

const PROGRAM = [
  's = {1, 2}',                       // 1
  't = {x for x in range(3)}',        // 2
  'u = set([1])',                     // 3
  'b = b"ab"',                        // 4
  'ba = bytearray(4)',                // 5
  'n = 1 << 40',                      // 6: computed: the VM's OverflowError, not the compiler's
  'big = 12345678901',                // 7
  'import array',                     // 8
  'from weakref import ref',          // 9
  'm = memoryview(b)',                // 10
  'print(1, 2.5, "x", [1], (2,), {"a": 1})',   // 11: all minimal has
].join('\n');

test('minimal: sets, bytes, big int literals, the full-only modules, each with its place', () => {
  expect(errors(PROGRAM, board('minimal'))).toEqual([
    '1:5 error sets are not available on Small Board (minimal VM)',
    '2:5 error sets are not available on Small Board (minimal VM)',
    '3:5 error sets are not available on Small Board (minimal VM)',
    '4:5 error bytes are not available on Small Board (minimal VM)',
    '5:6 error bytearray is not available on Small Board (minimal VM)',
    '7:7 error ints beyond -1073741824..1073741823 (big ints) are not available on Small Board (minimal VM)',
    '8:8 error the array module is not available on Small Board (minimal VM)',
    '9:1 error the weakref module is not available on Small Board (minimal VM)',
    '10:5 error memoryview is not available on Small Board (minimal VM)',
  ]);
});

test('standard has sets, bytes and big ints but not the full-only modules', () => {
  expect(errors(PROGRAM, board('standard'))).toEqual([
    '8:8 error the array module is not available on Small Board (standard VM)',
    '9:1 error the weakref module is not available on Small Board (standard VM)',
    '10:5 error memoryview is not available on Small Board (standard VM)',
  ]);
});

test('full boards, boards without a firmware block and no board say nothing', () => {
  expect(errors(PROGRAM, board('full'))).toEqual([]);
  expect(errors(PROGRAM, board())).toEqual([]);
  expect(errors(PROGRAM)).toEqual([]);
  expect(errors(PROGRAM, boardById('virtual'))).toEqual([]);
});

test('a shadowed name is the program\'s own, not the built-in', () => {
  expect(errors('def set(x):\n    return x\nset(1)\n', board('minimal'))).toEqual([]);
});

test('levelErrors checks every file of a project against the board the VM names', () => {
  const files = { 'main.py': 'import sensor\nprint(sensor.read())\n', 'sensor.py': 'def read():\n    return {1, 2}\n' };
  expect(levelErrors(files, 'nucleo_f072rb').map(d => `${d.file}:${d.line}:${d.column} ${d.message}`))
    .toEqual([expect.stringMatching(/^sensor\.py:2:12 sets are not available on ST Nucleo-F072RB/)]);
  expect(levelErrors(files, 'nucleo_f401re')).toEqual([]);   // full
  expect(levelErrors(files, 'virtual')).toEqual([]);         // no firmware block: the host VM is full
  expect(levelErrors(files, 'no_such_board')).toEqual([]);
});
