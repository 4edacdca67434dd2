// Completions of the hardware API: after `machine.`, a class, an object made from one, `board.`
// (the selected board's pins) and in `from machine import`.
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { hardwareCompletions } from './hardwareCompletions';
import { boardDefinitionId } from './followBoard';

function complete(doc: string, board: string | null = 'virtual'): CompletionResult | null {
  const state = EditorState.create({ doc });
  return hardwareCompletions(() => board ?? undefined)(new CompletionContext(state, doc.length, false)) as CompletionResult | null;
}
const labels = (doc: string, board?: string | null) => complete(doc, board)?.options.map(o => o.label) ?? [];

test('machine. offers its classes and functions, with signatures and docs', () => {
  const result = complete('import machine\nmachine.P');
  expect(result?.from).toBe('import machine\nmachine.'.length);
  expect(result?.options.map(o => o.label)).toEqual(expect.arrayContaining(['Pin', 'ADC', 'PWM', 'UART', 'I2C', 'SPI', 'Timer', 'unique_id', 'irq_dropped']));
  const pin = result?.options.find(o => o.label === 'Pin');
  expect(pin?.detail).toBe('(id, mode=-1, pull=-1, *, value=None)');
  expect(String(pin?.info)).toMatch(/name or alias/);
});

test('a class offers its constants and methods; an object made from it its methods', () => {
  expect(labels('from machine import Pin\nPin.')).toEqual(expect.arrayContaining(['IN', 'OUT', 'OPEN_DRAIN', 'PULL_UP', 'IRQ_RISING', 'irq']));
  expect(labels("from machine import Pin\nled = Pin('LED', Pin.OUT)\nled.t")).toEqual(expect.arrayContaining(['toggle', 'value', 'on', 'off']));
  expect(labels('import machine as m\ni2c = m.I2C(1)\ni2c.')).toEqual(expect.arrayContaining(['scan', 'readfrom_mem', 'writeto']));
  expect(labels('import board\nu = board.UART()\nu.')).toEqual(expect.arrayContaining(['readline', 'any', 'write']));
  expect(labels('from machine import SPI\nSPI.')).toEqual(expect.arrayContaining(['MSB', 'LSB', 'write_readinto']));
});

test("board. offers the selected board's pins and aliases, and nothing of pins when no board is known", () => {
  const virtual = labels('import board\nboard.');
  expect(virtual).toEqual(expect.arrayContaining(['D0', 'D13', 'A3', 'LED', 'LED2', 'BUTTON', 'KNOB2', 'UART', 'I2C', 'SPI', 'NAME']));
  expect(virtual).not.toContain('D16');
  const led = complete('import board\nboard.')?.options.find(o => o.label === 'LED');
  expect(led?.detail).toBe('Pin D13');
  const unknown = labels('import board\nboard.', null);
  expect(unknown).toEqual(['UART', 'I2C', 'SPI', 'NAME']);
});

test('from machine import offers the module\'s names', () => {
  expect(labels('from machine import Pin, A')).toEqual(expect.arrayContaining(['ADC', 'Pin', 'Timer']));
  expect(complete('from machine import Pin, A')?.from).toBe('from machine import Pin, '.length);
  expect(labels('from board import ')).toContain('BUTTON');
});

test('stays quiet after other dots, in comments and strings', () => {
  expect(complete('x = [1]\nx.')).toBeNull();
  expect(complete('# machine.')).toBeNull();
  expect(complete('s = "machine.')).toBeNull();
});

test('the selected board id comes from the device bar: virtual and QEMU are ids, a port says its board', () => {
  expect(boardDefinitionId({ id: 'virtual', name: 'Virtual board', kind: 'virtual' }, undefined)).toBe('virtual');
  expect(boardDefinitionId({ id: 'qemu_netduinoplus2', name: 'QEMU', kind: 'qemu' }, undefined)).toBe('qemu_netduinoplus2');
  expect(boardDefinitionId({ id: '/dev/ttyACM0', name: 'x', kind: 'serial' }, { path: '/dev/ttyACM0', board: 'nucleo_f401re' })).toBe('nucleo_f401re');
  expect(boardDefinitionId({ id: '/dev/ttyUSB0', name: 'x', kind: 'serial' }, { path: '/dev/ttyUSB0' })).toBeUndefined();
  expect(boardDefinitionId(undefined, undefined)).toBeUndefined();
});
