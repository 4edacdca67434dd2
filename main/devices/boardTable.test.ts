import { checkFirmware } from '../../compiler/src/hardware/boardFirmware';
import { BOARDS } from '../../compiler/src/hardware/boards';
import { BURNABLE_BOARDS, firmwareBoards, identifyUsb, KNOWN_BOARDS, usbTable } from './boardTable';
import { boardWithOwnUsbId } from './testing/usbBoards';

const block = (usb: string[], burn: string[]) => checkFirmware('x', {
  mcu: 'M', core: 'cortex-m4', flashKB: 512, ramKB: 96, level: 'full', link: 'USART2', programBytes: 49120, usb, burn, state: 'untested' })!;

describe('the boards and their USB ids come from boards/*.json', () => {
  it('knows exactly the boards that have firmware and can be burned', () => {
    const real = BOARDS.filter(b => b.firmware && b.firmware.burn.length > 0);
    expect(Object.keys(KNOWN_BOARDS)).toEqual(real.map(b => b.id));
    expect(BURNABLE_BOARDS.map(b => b.id)).toEqual(real.map(b => b.id));
    for (const b of real) expect(KNOWN_BOARDS[b.id]).toBe(b.name);
    expect(KNOWN_BOARDS).toHaveProperty('nucleo_f401re', 'ST Nucleo-F401RE');
    // Boards with no firmware (the old hand-written list) and the QEMU board (started, not burned) are not offered.
    for (const gone of ['nucleo_f411re', 'netduinoplus2', 'stm32f405_uart', 'stm32f103_uart', 'qemu_netduinoplus2', 'virtual']) {
      expect(KNOWN_BOARDS).not.toHaveProperty(gone);
    }
  });

  it('every USB id a board lists identifies it, or names every board that shares it', () => {
    for (const b of BURNABLE_BOARDS) {
      for (const id of b.firmware.usb ?? []) {
        const [vid, pid] = id.split(':');
        const found = identifyUsb(vid, pid)!;
        const sharing = BURNABLE_BOARDS.filter(o => o.firmware.usb?.includes(id));
        if (sharing.length === 1 && id !== '0483:5740') expect(found).toMatchObject({ board: b.id, flashMethod: b.firmware.burn[0] });
        else { expect(found.board).toBeUndefined(); for (const o of sharing) expect(found.name).toContain(o.name); }
      }
    }
    const own = boardWithOwnUsbId();
    expect(KNOWN_BOARDS[own.board]).toBe(own.name);
  });

  it('an id one board claims means it; one several claim means none of them', () => {
    const boards = firmwareBoards([
      { id: 'due', name: 'Arduino Due', firmware: block(['2341:003d'], ['samba']) },
      { id: 'f401', name: 'Nucleo-F401RE', firmware: block(['0483:374b'], ['stlink-drive', 'stm32-uart']) },
      { id: 'f072', name: 'Nucleo-F072RB', firmware: block(['0483:374b'], ['stm32-uart']) },
      { id: 'virtual', name: 'Virtual board' },
    ]);
    const table = usbTable(boards);
    expect(identifyUsb('2341', '003d', table)).toEqual({ name: 'Arduino Due', board: 'due', flashMethod: 'samba' });
    expect(identifyUsb('0483', '374b', table)).toEqual({ name: 'ST-LINK/V2-1 (Nucleo-F401RE, Nucleo-F072RB)', flashMethod: 'stlink-drive' });
    expect(identifyUsb('0483', '374b', usbTable(boards.slice(0, 2)))).toEqual({ name: 'Nucleo-F401RE (ST-LINK/V2-1)', board: 'f401', flashMethod: 'stlink-drive' });
    expect(identifyUsb('1a86', '7523', table)).toEqual({ name: 'WCH CH340 USB-serial' });
    // ST's virtual COM port id names no board even when one board's VM uses it: the VM says which.
    const cdc = usbTable(firmwareBoards([{ id: 'disc', name: 'STM32F4-Discovery', firmware: block(['0483:5740'], ['dfu']) }]));
    expect(identifyUsb('0483', '5740', cdc)).toEqual({ name: 'STM32 USB serial port (STM32F4-Discovery)' });
  });

  it('refuses a board whose firmware block is malformed', () => {
    expect(() => firmwareBoards([{ id: 'bad', name: 'Bad', firmware: { ...block([], ['samba']), burn: ['jtag'] } }]))
      .toThrow('boards/bad.json: firmware.burn[0] is "jtag"');
    expect(() => firmwareBoards([{ id: 'bad', name: 'Bad', firmware: { ...block([], ['samba']), programBytes: 48.5 } }]))
      .toThrow('boards/bad.json: firmware.programBytes is 48.5, not a whole number of bytes');
    const { programBytes: _none, ...without } = block([], ['samba']);
    expect(() => firmwareBoards([{ id: 'bad', name: 'Bad', firmware: without as never }]))
      .toThrow('boards/bad.json: firmware.programBytes is undefined');
  });
});

describe('identifyUsb', () => {
  it('compares case-insensitively and accepts 0x and short forms', () => {
    expect(identifyUsb('0x0483', '374D')).toMatchObject({ name: 'STLINK-V3', flashMethod: 'stlink-drive' });
    expect(identifyUsb('483', '374d')).toEqual(identifyUsb('0483', '374d'));
  });

  it('names generic USB-serial chips and debug probes without claiming a board', () => {
    for (const [vid, pid] of [['10c4', 'ea60'], ['1a86', '7523'], ['0403', '6001']]) {
      const found = identifyUsb(vid, pid);
      expect(found?.name).toMatch(/USB-serial/);
      expect(found?.board).toBeUndefined();
    }
    expect(identifyUsb('0483', 'df11')).toEqual({ name: 'STM32 bootloader (DFU mode)', flashMethod: 'dfu' });
  });

  it('answers undefined for unknown, missing or malformed IDs', () => {
    expect(identifyUsb('dead', 'beef')).toBeUndefined();
    expect(identifyUsb(undefined, '003d')).toBeUndefined();
    expect(identifyUsb('2341', 'xyz!')).toBeUndefined();
    expect(identifyUsb('constructor', 'x')).toBeUndefined();
    expect(identifyUsb('__proto__', '')).toBeUndefined();
  });
});
