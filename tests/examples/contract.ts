// The example folder contract (examples/<id>/example.json): its fields, and what makes one valid.
// tests/examples.test.ts holds every folder in examples/ to it.
import { BOARDS, findPin, type BoardDefinition } from '../../compiler/src/hardware/boards';

import { EXAMPLE_LEVELS as LEVELS, EXAMPLE_USES as USES, type ExampleLevel as Level, type ExampleUse as Use } from '../../main/common/exampleMeta';

/** What a person does, `atMs` after the run starts (exactly one of pin, analog, sensor, uart). */
export interface TestInput {
  atMs: number;
  pin?: string; level?: 0 | 1;              // press (1) / release (0) a button
  analog?: string; value?: number;          // turn a knob: 0..65535
  sensor?: { temperature: number; humidity: number; connected?: boolean };   // connected false: unplugged
  uart?: number; text?: string;             // bytes arriving on that UART
}

export interface ExampleTest {
  /** The program loops forever: stop it after this long. Absent: it must end by itself. */
  runMs?: number;
  inputs?: TestInput[];
  /** The whole output, exactly. */
  stdout?: string;
  /** Output line i matches regex i (more output lines are fine, fewer are not). */
  lines?: string[];
  /** Each appears somewhere in the output. */
  contains?: string[];
  /** At least `atLeast` lines the plotter would draw, every value within [min, max]. */
  plot?: { min: number; max: number; atLeast: number };
  /** Level changes per second of a pin, from BOARD_STATE: [low, high]. */
  pins?: Record<string, { togglesPerSecond: [number, number] }>;
  /** The duty_u16 seen over the run goes at least as low as minDuty and as high as maxDuty. */
  pwm?: Record<string, { minDuty: number; maxDuty: number }>;
  /** Beyond the brief's contract: each text appears in what the program sent on UART n (the
   * IDE shows it in the UART console tab, not in the program's console). */
  uartOut?: Record<string, string[]>;
}

export interface ExampleMeta {
  title: string;
  description: string;
  tags: string[];
  level: Level;
  boards: string[];
  uses: Use[];
  wiring: string;
  virtual: boolean;
  expect: string;
  test?: ExampleTest;
}

/** A program that ends must end within this long. */
export const END_WITHIN_MS = 20000;
const FIELDS = ['title', 'description', 'tags', 'level', 'boards', 'uses', 'wiring', 'virtual', 'expect', 'test'];
const TEST_FIELDS = ['runMs', 'inputs', 'stdout', 'lines', 'contains', 'plot', 'pins', 'pwm', 'uartOut'];
const INPUT_KINDS = ['pin', 'analog', 'sensor', 'uart'] as const;

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const VIRTUAL_BOARD: BoardDefinition = BOARDS.find(b => b.id === 'virtual')!;

/** The index of a pin name or alias in the Virtual board's definition (BOARD_STATE's numbering), or -1. */
export function virtualPinIndex(name: string): number {
  const pin = findPin(VIRTUAL_BOARD, name);
  return pin ? VIRTUAL_BOARD.pins.indexOf(pin) : -1;
}

/** Every problem with an example's metadata (none: valid). `files` are its .py files' names. */
export function exampleProblems(meta: unknown, files: string[]): string[] {
  if (!isObject(meta)) return ['example.json is not a JSON object'];
  const problems: string[] = [];
  const bad = (what: string) => problems.push(what);
  for (const key of Object.keys(meta)) if (!FIELDS.includes(key)) bad(`unknown field "${key}"`);
  if (!files.includes('main.py')) bad('no main.py');
  if (!isString(meta.title) || !meta.title.trim()) bad('title must be a non-empty string');
  else if (meta.title[0] !== meta.title[0].toUpperCase()) bad(`title "${meta.title}" must start with a capital (Title case)`);
  if (!isString(meta.description) || !meta.description.trim()) bad('description must be a non-empty string');
  else if (meta.description.includes('\n')) bad('description must be one line');
  if (!isStringArray(meta.tags) || meta.tags.length === 0) bad('tags must be a non-empty list of strings');
  if (!LEVELS.includes(meta.level as Level)) bad(`level must be one of ${LEVELS.join(', ')}`);
  if (!isStringArray(meta.boards) || meta.boards.length === 0) bad('boards must be a non-empty list: "any" or board ids');
  else {
    for (const id of meta.boards) if (id !== 'any' && !BOARDS.some(b => b.id === id)) bad(`boards: no board "${id}" in boards/`);
    if (meta.boards.includes('any') && meta.boards.length > 1) bad('boards: "any" stands alone');
  }
  if (!isStringArray(meta.uses)) bad(`uses must be a list from: ${USES.join(' ')} ([] for pure Python)`);
  else {
    for (const u of meta.uses) if (!USES.includes(u as Use)) bad(`uses: "${u}" is not one of ${USES.join(' ')}`);
    if (new Set(meta.uses).size !== meta.uses.length) bad('uses: listed twice');
  }
  if (!isString(meta.wiring)) bad('wiring must be a string ("" when nothing needs connecting)');
  if (typeof meta.virtual !== 'boolean') bad('virtual must be true or false');
  if (!isString(meta.expect) || !meta.expect.trim()) bad('expect must say what a person sees');
  if (meta.virtual === true) {
    if (isStringArray(meta.boards) && !meta.boards.includes('any') && !meta.boards.includes('virtual')) {
      bad('virtual is true but boards has neither "any" nor "virtual"');
    }
    if (meta.test === undefined) bad('a test is needed (virtual is true)');
  }
  if (meta.test !== undefined) problems.push(...testProblems(meta.test).map(p => `test: ${p}`));
  return problems;
}

function testProblems(test: unknown): string[] {
  if (!isObject(test)) return ['must be an object'];
  const problems: string[] = [];
  const bad = (what: string) => problems.push(what);
  for (const key of Object.keys(test)) if (!TEST_FIELDS.includes(key)) bad(`unknown field "${key}"`);
  if (test.runMs !== undefined && (!isNumber(test.runMs) || test.runMs <= 0 || test.runMs > END_WITHIN_MS)) {
    bad(`runMs must be a number of ms in 1..${END_WITHIN_MS}`);
  }
  if (test.stdout !== undefined && !isString(test.stdout)) bad('stdout must be a string');
  if (test.lines !== undefined) {
    if (!isStringArray(test.lines)) bad('lines must be a list of regular expressions');
    else for (const re of test.lines) { try { new RegExp(re); } catch { bad(`lines: "${re}" is not a regular expression`); } }
  }
  if (test.contains !== undefined && !isStringArray(test.contains)) bad('contains must be a list of strings');
  if (test.plot !== undefined) {
    const p = test.plot;
    if (!isObject(p) || !isNumber(p.min) || !isNumber(p.max) || !isNumber(p.atLeast) || p.min > p.max || p.atLeast < 1) {
      bad('plot must be { min, max, atLeast } with min <= max and atLeast >= 1');
    }
  }
  if (test.pins !== undefined) {
    if (!isObject(test.pins)) bad('pins must be an object of pin name -> { togglesPerSecond: [low, high] }');
    else for (const [name, check] of Object.entries(test.pins)) {
      if (virtualPinIndex(name) < 0) bad(`pins: no pin "${name}" on the Virtual board`);
      const range = isObject(check) ? check.togglesPerSecond : undefined;
      if (!Array.isArray(range) || range.length !== 2 || !range.every(isNumber) || range[0] > range[1]) {
        bad(`pins.${name}: togglesPerSecond must be [low, high]`);
      }
    }
  }
  if (test.pwm !== undefined) {
    if (!isObject(test.pwm)) bad('pwm must be an object of pin name -> { minDuty, maxDuty }');
    else for (const [name, check] of Object.entries(test.pwm)) {
      const pin = findPin(VIRTUAL_BOARD, name);
      if (!pin) bad(`pwm: no pin "${name}" on the Virtual board`);
      else if (!pin.pwm) bad(`pwm: ${name} has no PWM on the Virtual board`);
      if (!isObject(check) || !isDuty(check.minDuty) || !isDuty(check.maxDuty) || (check.minDuty as number) > (check.maxDuty as number)) {
        bad(`pwm.${name}: minDuty and maxDuty must be 0..65535, min <= max`);
      }
    }
  }
  if (test.uartOut !== undefined) {
    if (!isObject(test.uartOut)) bad('uartOut must be an object of UART id -> texts it sends');
    else for (const [id, texts] of Object.entries(test.uartOut)) {
      if (!VIRTUAL_BOARD.uart.some(u => String(u.id) === id)) bad(`uartOut: no UART ${id} on the Virtual board`);
      if (!isStringArray(texts)) bad(`uartOut.${id} must be a list of texts`);
    }
  }
  if (test.inputs !== undefined) {
    if (!Array.isArray(test.inputs)) bad('inputs must be a list');
    else test.inputs.forEach((input, i) => problems.push(...inputProblems(input).map(p => `inputs[${i}]: ${p}`)));
  }
  const checks = ['stdout', 'lines', 'contains', 'plot', 'pins', 'pwm', 'uartOut'].filter(k => test[k] !== undefined);
  if (checks.length === 0) bad('checks nothing: give stdout, lines, contains, plot, pins, pwm or uartOut');
  return problems;
}

const isDuty = (v: unknown) => isNumber(v) && Number.isInteger(v) && v >= 0 && v <= 65535;

function inputProblems(input: unknown): string[] {
  if (!isObject(input)) return ['must be an object'];
  const problems: string[] = [];
  if (!isNumber(input.atMs) || input.atMs < 0) problems.push('atMs must be a number >= 0');
  const kinds = INPUT_KINDS.filter(k => input[k] !== undefined);
  if (kinds.length !== 1) return [...problems, `needs exactly one of ${INPUT_KINDS.join(', ')}`];
  const allowed: Record<typeof INPUT_KINDS[number], string[]> = {
    pin: ['pin', 'level'], analog: ['analog', 'value'], sensor: ['sensor'], uart: ['uart', 'text'],
  };
  for (const key of Object.keys(input)) {
    if (key !== 'atMs' && !allowed[kinds[0]].includes(key)) problems.push(`"${key}" does not go with "${kinds[0]}"`);
  }
  switch (kinds[0]) {
    case 'pin':
      if (!isString(input.pin) || virtualPinIndex(input.pin) < 0) problems.push(`no pin "${String(input.pin)}" on the Virtual board`);
      if (input.level !== 0 && input.level !== 1) problems.push('level must be 0 or 1');
      break;
    case 'analog': {
      const pin = isString(input.analog) ? findPin(VIRTUAL_BOARD, input.analog) : undefined;
      if (!pin || pin.adc === undefined) problems.push(`"${String(input.analog)}" is not an ADC pin of the Virtual board`);
      if (!isDuty(input.value)) problems.push('value must be an integer 0..65535');
      break;
    }
    case 'sensor': {
      const s = input.sensor;
      if (!isObject(s) || !isNumber(s.temperature) || !isNumber(s.humidity) || s.humidity < 0 || s.humidity > 100 ||
          (s.connected !== undefined && typeof s.connected !== 'boolean') ||
          Object.keys(s).some(k => !['temperature', 'humidity', 'connected'].includes(k))) {
        problems.push('sensor must be { temperature, humidity, connected? } (humidity 0..100, connected true/false)');
      }
      break;
    }
    case 'uart':
      if (!VIRTUAL_BOARD.uart.some(u => u.id === input.uart)) problems.push(`no UART ${String(input.uart)} on the Virtual board`);
      if (!isString(input.text)) problems.push('text must be a string');
      break;
  }
  return problems;
}
