// Identification order: USB table, VM answer (real probe over a pty), remembered answer, ask.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoardMemory, deviceKey } from './boardMemory';
import { identifyBoard } from './identifyBoard';
import { probeVm } from './probeVm';
import { openPtyPair, type PtyPair } from './testing/ptyPair';
import { startFakeVm } from './testing/fakeVm';
import { boardWithOwnUsbId } from './testing/usbBoards';

describe('identifyBoard', () => {
  let dir: string;
  let pair: PtyPair;
  beforeEach(async () => { dir = mkdtempSync(join(tmpdir(), 'viper-settings-')); pair = await openPtyPair(); });
  afterEach(async () => { await pair.close(); rmSync(dir, { recursive: true, force: true }); });
  const probe = (path: string) => probeVm(path, { timeoutMs: 200 });

  it('knows a board from its own USB ID without probing', async () => {
    const memory = new BoardMemory(dir);
    const own = boardWithOwnUsbId();
    const found = await identifyBoard({ path: '/dev/does-not-exist', vendorId: own.vendorId, productId: own.productId },
      { probe: async () => { throw new Error('must not probe'); }, memory });
    expect(found).toMatchObject({ board: own.board, source: 'usb' });
  });

  it('takes the board from a VM that answers behind a generic adapter', async () => {
    const vm = await startFakeVm(pair.board, { boardId: 'stm32f103_uart' });
    try {
      const found = await identifyBoard({ path: pair.host, vendorId: '1a86', productId: '7523' }, { probe, memory: new BoardMemory(dir) });
      expect(found).toMatchObject({ board: 'stm32f103_uart', source: 'vm', name: 'WCH CH340 USB-serial', vm: { vmVersion: '0.3.1' } });
    } finally { await vm.close(); }
  });

  it('takes the STM32F4-Discovery from its VM behind ST\'s virtual COM port ID (its USB CDC link)', async () => {
    const vm = await startFakeVm(pair.board, { boardId: 'stm32f4_discovery' });
    try {
      const found = await identifyBoard({ path: pair.host, vendorId: '0483', productId: '5740', serialNumber: '375A38663436' }, { probe, memory: new BoardMemory(dir) });
      expect(found).toMatchObject({ board: 'stm32f4_discovery', source: 'vm', name: expect.stringMatching(/^STM32 USB serial port/) });
    } finally { await vm.close(); }
  });

  it('asks once for a silent generic adapter, then remembers the answer by serial number', async () => {
    const port = { path: pair.host, vendorId: '10c4', productId: 'ea60', serialNumber: 'A1B2' };
    expect(await identifyBoard(port, { probe, memory: new BoardMemory(dir) })).toEqual({ board: undefined, source: 'ask', name: 'Silicon Labs CP210x USB-serial' });
    new BoardMemory(dir).remember(port, 'nucleo_f401re');
    // a fresh BoardMemory reads the file; the same adapter on another port is still known
    const again = await identifyBoard({ ...port, path: pair.host }, { probe, memory: new BoardMemory(dir) });
    expect(again).toMatchObject({ board: 'nucleo_f401re', source: 'remembered' });
    expect(new BoardMemory(dir).recall({ path: '/dev/ttyUSB7', vendorId: '10c4', productId: 'ea60', serialNumber: 'A1B2' })).toBe('nucleo_f401re');
    expect(JSON.parse(readFileSync(join(dir, 'boards.json'), 'utf8')).devices).toEqual({ 'usb:10c4:ea60:A1B2': 'nucleo_f401re' });
  });

  it('remembers by port path when there is no serial number, and survives a damaged file', () => {
    writeFileSync(join(dir, 'boards.json'), '{not json');
    const memory = new BoardMemory(dir);
    expect(memory.recall({ path: '/dev/ttyUSB0' })).toBeUndefined();
    memory.remember({ path: '/dev/ttyUSB0' }, 'arduino_due');
    memory.remember({ path: '/dev/ttyUSB1' }, 'netduinoplus2');
    expect(deviceKey({ path: '/dev/ttyUSB0' })).toBe('path:/dev/ttyUSB0');
    expect(memory.recall({ path: '/dev/ttyUSB0' })).toBe('arduino_due');
    expect(memory.recall({ path: '/dev/ttyUSB1' })).toBe('netduinoplus2');
    expect(memory.recall({ path: '/dev/ttyUSB2' })).toBeUndefined();
  });
});
