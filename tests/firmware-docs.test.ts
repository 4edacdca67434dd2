// The boards' `firmware` blocks (boards/*.json) are the one source of docs/firmware.md's boards
// section: the committed section must be what the generator writes now, and a malformed block
// must be refused with a message naming the board and the field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFirmware } from '../compiler/src/hardware/boardFirmware';
import { renderBoard, type BoardJson } from '../scripts/contracts/renderBoards';
import { BOARDS_BEGIN, BOARDS_END, renderBoardsSection, withBoardsSection, type FirmwareBoard } from '../scripts/contracts/renderFirmwareDoc';

const root = join(__dirname, '..');
const boards: (FirmwareBoard & BoardJson)[] = readdirSync(join(root, 'boards')).filter(f => f.endsWith('.json')).sort()
  .map(f => JSON.parse(readFileSync(join(root, 'boards', f), 'utf8')));
const doc = readFileSync(join(root, 'docs', 'firmware.md'), 'utf8');
const good = boards.find(b => b.id === 'nucleo_f401re')!.firmware as Record<string, unknown>;

test('docs/firmware.md\'s boards section is current (stale: run `npm run gen`)', () => {
  expect(doc).toBe(withBoardsSection(doc, boards));
});

test('the file keeps both generated sections\' markers, once each', () => {
  for (const marker of [BOARDS_BEGIN, BOARDS_END, '<!-- sizes:begin -->', '<!-- sizes:end -->']) {
    expect(doc.split(marker).length).toBe(2);
  }
});

test('every board with a ChibiOS folder has a firmware block, and the section shows each one honestly', () => {
  const section = renderBoardsSection(boards);
  for (const b of boards) {
    const hasPort = existsSync(join(root, 'vm-firmware', 'ports', 'chibios', 'boards', b.id));
    expect([b.id, b.firmware !== undefined]).toEqual([b.id, hasPort]);
    if (!b.firmware) continue;
    const f = checkFirmware(b.id, b.firmware)!;
    const row = section.split('\n').find(l => l.startsWith(`| \`${b.id}\``))!;
    expect(row).toContain(f.state === 'qemu' ? '*tested under QEMU*' : '*untested on hardware*');
    expect(row).toContain(f.mcu);
    expect(section).toContain(`make -C vm-firmware firmware BOARD=${b.id} CHIBIOS=<path>`);
  }
  expect(section).toMatch(/nucleo_f401re.*Recover: hold the user button \(`BUTTON`, PC13\)/);
});

test('a malformed firmware block is refused with the board and the field named', () => {
  const bad = (patch: Record<string, unknown>) => () => checkFirmware('some_board', { ...good, ...patch });
  expect(bad({ burn: ['jtag'] })).toThrow('boards/some_board.json: firmware.burn[0] is "jtag", not one of samba | stlink-drive | stm32-uart | dfu');
  expect(bad({ burn: 'samba' })).toThrow('firmware.burn must be a list');
  expect(bad({ burn: ['dfu', 'dfu'] })).toThrow('names a method twice');
  expect(bad({ burn: [] })).toThrow('nothing can put the VM on this real board');
  expect(bad({ state: 'tested' })).toThrow('firmware.state is "tested", not one of qemu | untested');
  expect(bad({ level: 'tiny' })).toThrow('firmware.level is "tiny"');
  expect(bad({ flashKB: '512' })).toThrow('firmware.flashKB is "512", not a whole number of KB');
  expect(bad({ ramKB: 0 })).toThrow('firmware.ramKB is 0');
  expect(bad({ usb: ['0483:374B'] })).toThrow('firmware.usb[0] is "0483:374B", not "vvvv:pppp" in lower-case hex');
  expect(bad({ mcu: '' })).toThrow('firmware.mcu must be a non-empty string');
  expect(bad({ core: 'avr' })).toThrow('firmware.core is "avr"');
  expect(bad({ flashkb: 512 })).toThrow('firmware.flashkb is not a field');
  expect(() => checkFirmware('some_board', 'yes')).toThrow('firmware must be an object');
  expect(checkFirmware('virtual', undefined)).toBeUndefined();
  expect(checkFirmware('qemu', { ...good, burn: [], state: 'qemu' })).toMatchObject({ burn: [], state: 'qemu' });
});

test('the generators refuse a board whose block is malformed', () => {
  const nucleo = boards.find(b => b.id === 'nucleo_f401re')!;
  const broken = { ...nucleo, firmware: { ...good, state: 'works' } };
  expect(() => renderBoard(broken)).toThrow('boards/nucleo_f401re.json: firmware.state is "works"');
  expect(() => renderBoardsSection([broken])).toThrow('firmware.state is "works"');
  expect(() => withBoardsSection('no markers here', boards)).toThrow('docs/firmware.md needs the markers');
});
