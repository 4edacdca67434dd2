import { identifyUsb, KNOWN_BOARDS } from './boardTable';

describe('identifyUsb', () => {
  it('knows the Arduino Due ports under both vendor IDs', () => {
    expect(identifyUsb('2341', '003d')).toMatchObject({ board: 'arduino_due', flashMethod: 'samba' });
    expect(identifyUsb('2a03', '003e')).toMatchObject({ board: 'arduino_due' });
  });

  it('compares case-insensitively and accepts 0x and short forms', () => {
    expect(identifyUsb('0x0483', '374B')).toMatchObject({ flashMethod: 'stlink-drive' });
    expect(identifyUsb('483', '374b')).toEqual(identifyUsb('0483', '374b'));
  });

  it('names generic USB-serial chips without claiming a board', () => {
    for (const [vid, pid] of [['10c4', 'ea60'], ['1a86', '7523'], ['0403', '6001']]) {
      const found = identifyUsb(vid, pid);
      expect(found?.name).toMatch(/USB-serial/);
      expect(found?.board).toBeUndefined();
    }
  });

  it('answers undefined for unknown, missing or malformed IDs', () => {
    expect(identifyUsb('dead', 'beef')).toBeUndefined();
    expect(identifyUsb(undefined, '003d')).toBeUndefined();
    expect(identifyUsb('2341', 'xyz!')).toBeUndefined();
    expect(identifyUsb('constructor', 'x')).toBeUndefined();
    expect(identifyUsb('__proto__', '')).toBeUndefined();
  });

  it('takes ST\'s virtual COM port ID for no board in particular: the VM\'s INFO frame names it (the Discovery\'s USB CDC link)', () => {
    expect(identifyUsb('0483', '5740')).toMatchObject({ name: expect.stringMatching(/STM32 USB serial port/) });
    expect(identifyUsb('0483', '5740')?.board).toBeUndefined();
    expect(KNOWN_BOARDS.stm32f4_discovery).toBe('ST STM32F4-Discovery');
  });

  it('every board a table entry names is a known board', () => {
    for (const [vid, pid] of [['2341', '003d'], ['2341', '003e'], ['2a03', '003d'], ['2a03', '003e']]) {
      expect(KNOWN_BOARDS[identifyUsb(vid, pid)!.board!]).toBeDefined();
    }
  });
});
