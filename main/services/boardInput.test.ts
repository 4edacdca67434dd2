// The board panel's requests come from the renderer and are untrusted: their shape and ranges are
// checked by parseRequest (before anything acts), the pins and buses they name against the board
// (linkInputs), and the service takes them only while a session to the board is open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEvent } from '../common/api';
import { findBoardDefinition, pinIndex, pinLabel, type BoardDefinition } from '../common/boardDefinitions';
import { linkInputs, READ_ONLY_PINS } from './boardInput';
import { dispatch } from './dispatch';
import { fakeMainApi } from './testing/fakeMainApi';
import { createViperService, type ViperService } from './viperService';

const virtual = findBoardDefinition('virtual') as BoardDefinition;

describe('boardInput requests', () => {
  function recording() {
    const calls: unknown[] = [];
    return { calls, api: fakeMainApi({ async boardInput(p: unknown) { calls.push(p); } }) };
  }

  it.each([
    [{ kind: 'snapshot' }],
    [{ kind: 'pin', pin: 2, level: 1 }],
    [{ kind: 'pin', pin: 3, level: 0 }],
    [{ kind: 'analog', pin: 16, value: 0 }],
    [{ kind: 'analog', pin: 17, value: 65535 }],
    [{ kind: 'sensor', temperature: -45, humidity: 100 }],
    [{ kind: 'sensor', temperature: 21.57, humidity: 45.5 }],
    [{ kind: 'sensor', temperature: 21.5, humidity: 45, connected: false }],
    [{ kind: 'sensor', temperature: 21.5, humidity: 45, connected: true }],
    [{ kind: 'uart', bus: 1, text: 'hello\n' }],
  ])('passes %j on, checked', async input => {
    const { api, calls } = recording();
    expect(await dispatch(api, { id: 1, method: 'boardInput', params: { boardId: 'virtual', input } })).toEqual({ id: 1, result: null });
    expect(calls).toEqual([{ boardId: 'virtual', input }]);
  });

  it.each([
    ['no input', { boardId: 'virtual' }, /"input" must be an object/],
    ['an input that is a string', { boardId: 'virtual', input: 'press' }, /"input" must be an object/],
    ['an unknown kind', { boardId: 'virtual', input: { kind: 'pulses', pin: 2, count: 10000, periodUs: 1 } }, /"input.kind" must be one of snapshot, pin, analog, sensor, uart/],
    ['a kind from the prototype', { boardId: 'virtual', input: { kind: 'constructor' } }, /"input.kind"/],
    ['a negative pin', { boardId: 'virtual', input: { kind: 'pin', pin: -1, level: 1 } }, /"pin" must be an integer from 0 to 255/],
    ['a pin beyond a byte', { boardId: 'virtual', input: { kind: 'pin', pin: 256, level: 1 } }, /"pin" must be an integer from 0 to 255/],
    ['a fractional pin', { boardId: 'virtual', input: { kind: 'pin', pin: 2.5, level: 1 } }, /"pin" must be an integer/],
    ['a pin as text', { boardId: 'virtual', input: { kind: 'pin', pin: '2', level: 1 } }, /"pin" must be an integer/],
    ['a level of 2', { boardId: 'virtual', input: { kind: 'pin', pin: 2, level: 2 } }, /"level" must be an integer from 0 to 1/],
    ['a level that is true', { boardId: 'virtual', input: { kind: 'pin', pin: 2, level: true } }, /"level" must be an integer/],
    ['a knob past 65535', { boardId: 'virtual', input: { kind: 'analog', pin: 16, value: 65536 } }, /"value" must be an integer from 0 to 65535/],
    ['a knob below 0', { boardId: 'virtual', input: { kind: 'analog', pin: 16, value: -1 } }, /"value" must be an integer from 0 to 65535/],
    ['a knob without value', { boardId: 'virtual', input: { kind: 'analog', pin: 16 } }, /"value" must be an integer/],
    ['a temperature beyond the sensor', { boardId: 'virtual', input: { kind: 'sensor', temperature: 200, humidity: 40 } }, /"temperature" must be a number from -45 to 130/],
    ['a temperature that is NaN', { boardId: 'virtual', input: { kind: 'sensor', temperature: Number.NaN, humidity: 40 } }, /"temperature" must be a number/],
    ['a humidity over 100 %', { boardId: 'virtual', input: { kind: 'sensor', temperature: 20, humidity: 101 } }, /"humidity" must be a number from 0 to 100/],
    ['a sensor connected as 0', { boardId: 'virtual', input: { kind: 'sensor', temperature: 20, humidity: 40, connected: 0 } }, /"connected" must be true or false/],
    ['empty UART text', { boardId: 'virtual', input: { kind: 'uart', bus: 1, text: '' } }, /"text" must not be empty/],
    ['oversized UART text', { boardId: 'virtual', input: { kind: 'uart', bus: 1, text: 'x'.repeat(4097) } }, /longer than 4096/],
    ['UART bytes as an array', { boardId: 'virtual', input: { kind: 'uart', bus: 1, text: [104, 105] } }, /"text" must be a string/],
    ['an extra key in the input', { boardId: 'virtual', input: { kind: 'pin', pin: 2, level: 1, hold: 5 } }, /unexpected parameter "hold"/],
    ['an extra key beside the input', { boardId: 'virtual', input: { kind: 'snapshot' }, now: true }, /unexpected parameter "now"/],
    ['no board', { input: { kind: 'snapshot' } }, /"boardId" must be a string/],
  ])('rejects %s', async (_what, params, error) => {
    const { api, calls } = recording();
    const answer = await dispatch(api, { id: 2, method: 'boardInput', params });
    expect('error' in answer && answer.error).toMatch(error);
    expect(calls).toEqual([]);
  });
});

describe('board panel input against the board', () => {
  it('knows the Virtual board\'s pins by name, with their aliases', () => {
    expect(pinIndex(virtual, 'D13')).toBe(13);
    expect(pinIndex(virtual, 'A0')).toBe(16);
    expect(pinLabel(virtual, 13)).toBe('D13 LED');
    expect(pinLabel(virtual, 16)).toBe('A0 KNOB');
    expect(pinLabel(virtual, 4)).toBe('D4');
    expect(pinLabel(undefined, 7)).toBe('pin 7');
    expect(pinLabel(virtual, 40)).toBe('pin 40');
  });

  it('turns input into frames: pins and knobs as they are, UART text as UTF-8 in frames of at most 1022 bytes', () => {
    expect(linkInputs(virtual, { kind: 'pin', pin: 2, level: 1 })).toEqual([{ kind: 'pin', pin: 2, level: 1 }]);
    expect(linkInputs(virtual, { kind: 'analog', pin: 16, value: 1000 })).toEqual([{ kind: 'analog', pin: 16, value: 1000 }]);
    const frames = linkInputs(virtual, { kind: 'uart', bus: 1, text: 'é'.repeat(600) });
    expect(frames.map(f => f.kind === 'uart' && f.bytes.length)).toEqual([1022, 178]);
    expect(Buffer.concat(frames.map(f => (f.kind === 'uart' ? f.bytes : new Uint8Array()))).toString('utf8')).toBe('é'.repeat(600));
  });

  it('refuses pins and buses the board lacks, in the VM\'s words', () => {
    expect(() => linkInputs(virtual, { kind: 'pin', pin: 20, level: 1 })).toThrow('pin 20 is not on virtual (pins 0 to 19)');
    expect(() => linkInputs(virtual, { kind: 'analog', pin: 2, value: 5 })).toThrow('pin D2 has no ADC (ADC pins: A0, A1, A2, A3)');
    expect(() => linkInputs(virtual, { kind: 'uart', bus: 3, text: 'x' })).toThrow('no UART 3 on virtual (UART ids: 1)');
  });

  it('takes no input for a real board (or one it does not know), only the snapshot request', () => {
    const real: BoardDefinition = { id: 'nucleo_f401re', name: 'NUCLEO', pins: [{ name: 'PA5', port: 'A', pad: 5 }], aliases: {}, uart: [] };
    expect(() => linkInputs(real, { kind: 'pin', pin: 0, level: 1 })).toThrow(READ_ONLY_PINS);
    expect(() => linkInputs(undefined, { kind: 'sensor', temperature: 20, humidity: 50 })).toThrow(READ_ONLY_PINS);
    expect(linkInputs(real, { kind: 'snapshot' })).toEqual([{ kind: 'snapshot' }]);
  });
});

describe('board panel input through the real service', () => {
  let tmp: string;
  let service: ViperService;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'viper-board-input-'));
    service = createViperService({ projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings') });
  });
  afterAll(async () => {
    await service.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('takes input only while a session to the board is open', async () => {
    await expect(service.boardInput({ boardId: 'virtual', input: { kind: 'pin', pin: 2, level: 1 } })).rejects.toThrow('the board is not connected: press Run first');
    await expect(service.boardInput({ boardId: '/dev/ttyNOPE', input: { kind: 'snapshot' } })).rejects.toThrow('the board is not connected');
    expect(await service.run({ boardId: 'virtual', file: 'main.py', source: 'print(1)\n' })).toEqual({ ok: true });
    // A session is open now: a pin the board lacks is refused before any frame goes.
    await expect(service.boardInput({ boardId: 'virtual', input: { kind: 'pin', pin: 99, level: 1 } })).rejects.toThrow('pin 99 is not on virtual');
  });

  it('passes the board\'s pin tables on as pins events, and a button pressed on the panel reaches the program', async () => {
    const events: DeviceEvent[] = [];
    const stop = service.onEvent(event => events.push(event));
    const until = async (what: string, found: () => boolean) => {
      for (const deadline = Date.now() + 10_000; !found(); await new Promise(r => setTimeout(r, 20))) {
        if (Date.now() > deadline) throw new Error(`never saw ${what}; events: ${JSON.stringify(events.slice(-5))}`);
      }
    };
    const output = () => events.filter(e => e.kind === 'output').map(e => (e as { text: string }).text).join('');
    try {
      expect(await service.run({ boardId: 'virtual', file: 'main.py', source: [
        'from machine import Pin',
        "led = Pin('LED', Pin.OUT, value=1)",
        "button = Pin('BUTTON', Pin.IN)",
        'button.irq(lambda p: print("pressed", p.value()), Pin.IRQ_RISING)',
        'print("ready")',
        'while True:',
        '    pass',
      ].join('\n') })).toEqual({ ok: true });
      await until('the program start', () => output().includes('ready'));
      await until('D13 high in a pins event', () => events.some(e => e.kind === 'pins' && e.board === 'virtual' && e.pins.some(p => p.pin === 13 && p.mode === 'output' && p.value === 1)));
      await service.boardInput({ boardId: 'virtual', input: { kind: 'pin', pin: pinIndex(virtual, 'D2'), level: 1 } });
      await until('the handler\'s print', () => output().includes('pressed 1'));
      await service.boardInput({ boardId: 'virtual', input: { kind: 'pin', pin: pinIndex(virtual, 'D2'), level: 0 } });
      // A knob on a pin without ADC is refused in the VM's words; the VM never saw it.
      await expect(service.boardInput({ boardId: 'virtual', input: { kind: 'analog', pin: 2, value: 9 } })).rejects.toThrow('pin D2 has no ADC');
      // Asking for a snapshot brings the whole table again, input pin included.
      const before = events.length;
      await service.boardInput({ boardId: 'virtual', input: { kind: 'snapshot' } });
      await until('a snapshot', () => events.slice(before).some(e => e.kind === 'pins' && e.pins.some(p => p.pin === 2 && p.mode === 'input')));
    } finally {
      await service.stop({ boardId: 'virtual' });
      stop();
    }
  });
});
