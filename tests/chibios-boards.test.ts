// A ChibiOS board's folder (vm-firmware/ports/chibios/boards/<id>/) must enable the drivers its
// boards/<id>.json promises: each PWM pin's timer (STM32_PWM_USE_TIMn in mcuconf.h, else
// hal_pwm_chibios.c answers "no PWM on that pin"), each machine.UART (VIPER_USE_UARTn in
// viper_board.h), and I2C(1)/SPI(1) (the only buses hal_i2c/spi_chibios.c drive). Checked from
// the text, so it runs without ChibiOS or an ARM compiler. These are the STM32 port files' rules:
// a board on another platform (the Due's SAM3X, whose machine.UARTs are always built) has its own.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const portBoards = join(root, 'vm-firmware', 'ports', 'chibios', 'boards');

interface Board {
  id: string;
  pins: { name: string; pwm?: { timer: number; channel: number } }[];
  uart?: { id: number }[];
  i2c?: { id: number }[];
  spi?: { id: number }[];
}

const boards: Board[] = readdirSync(join(root, 'boards')).filter(f => f.endsWith('.json'))
  .map(f => JSON.parse(readFileSync(join(root, 'boards', f), 'utf8')) as Board)
  .filter(b => existsSync(join(portBoards, b.id, 'board.mk')))
  .filter(b => !/^VIPER_PLATFORM_MK_FILE\b/m.test(readFileSync(join(portBoards, b.id, 'board.mk'), 'utf8')));

/** Whether `name` is #defined TRUE (or with no value) in the text. */
function enabled(text: string, name: string): boolean {
  return new RegExp(`^#define\\s+${name}(\\s+TRUE)?\\s*($|/\\*)`, 'm').test(text);
}

test('there are ChibiOS boards with pin tables to check', () => {
  expect(boards.map(b => b.id)).toEqual(expect.arrayContaining(['nucleo_f401re', 'nucleo_f072rb']));
});

describe.each(boards.map(b => [b.id, b] as const))('%s', (_id, board) => {
  const mcuconf = readFileSync(join(portBoards, board.id, 'mcuconf.h'), 'utf8');
  const viperBoard = readFileSync(join(portBoards, board.id, 'viper_board.h'), 'utf8');

  test('enables the timer of every PWM pin', () => {
    const timers = [...new Set(board.pins.filter(p => p.pwm).map(p => p.pwm!.timer))];
    expect(timers.filter(t => !enabled(mcuconf, `STM32_PWM_USE_TIM${t}`))).toEqual([]);
  });

  test('enables every machine.UART and the buses it names', () => {
    expect((board.uart ?? []).filter(u => !enabled(viperBoard, `VIPER_USE_UART${u.id}`)).map(u => u.id)).toEqual([]);
    for (const b of board.i2c ?? []) {
      expect(b.id).toBe(1);
      expect(enabled(mcuconf, 'STM32_I2C_USE_I2C1')).toBe(true);
    }
    for (const b of board.spi ?? []) {
      expect(b.id).toBe(1);
      expect(enabled(mcuconf, 'STM32_SPI_USE_SPI1')).toBe(true);
    }
  });

  test('gives no two PWM pins the same timer channel (they would share one duty)', () => {
    const seen = board.pins.filter(p => p.pwm).map(p => `TIM${p.pwm!.timer} ch${p.pwm!.channel}`);
    expect(seen.filter((s, i) => seen.indexOf(s) !== i)).toEqual([]);
  });
});

// A board's `programBytes` (boards/<id>.json) is what its firmware's store takes: the smaller
// program slot of viper_board.h less the slot's commit record (32 bytes; a SAM3X page, 256).
// The compiler refuses a bigger image by it, so the two must not drift apart.
const storeBoards = readdirSync(join(root, 'boards')).filter(f => f.endsWith('.json'))
  .map(f => JSON.parse(readFileSync(join(root, 'boards', f), 'utf8')) as { id: string; firmware?: { programBytes?: number } })
  .filter(b => b.firmware && existsSync(join(portBoards, b.id, 'viper_board.h')));

/** The value of `#define name <bytes>` as written there: `0u`, `0x08004000u`, `(48u * 1024u)`. */
function defined(text: string, name: string): number {
  const m = new RegExp(`^#define\\s+${name}\\s+(\\(?\\s*(0x[0-9a-fA-F]+|\\d+)u?(\\s*\\*\\s*(\\d+)u?)?\\s*\\)?)`, 'm').exec(text);
  if (!m) throw new Error(`${name} is not defined as a number of bytes`);
  return Number(m[2]) * (m[4] ? Number(m[4]) : 1);
}

test('every board with a store says how big a program may be', () => {
  expect(storeBoards.map(b => b.id).sort()).toEqual(['arduino_due', 'nucleo_f072rb', 'nucleo_f401re', 'qemu_netduinoplus2', 'stm32f4_discovery']);
});

describe.each(storeBoards.map(b => [b.id, b] as const))('%s program slots', (_id, board) => {
  const viperBoard = readFileSync(join(portBoards, board.id, 'viper_board.h'), 'utf8');
  test('programBytes is the smaller slot less its commit record', () => {
    const a = defined(viperBoard, 'VIPER_FLASH_SLOT_A_SIZE'), b = defined(viperBoard, 'VIPER_FLASH_SLOT_B_SIZE');
    const record = /VIPER_FLASH_CHIP\s+VIPER_FLASH_SAM3X/.test(viperBoard) ? 256 : 32;
    expect(board.firmware!.programBytes).toBe(Math.min(a, b) - record);
  });
  test('the slots do not overlap', () => {
    const a = defined(viperBoard, 'VIPER_FLASH_SLOT_A_START'), as = defined(viperBoard, 'VIPER_FLASH_SLOT_A_SIZE');
    const b = defined(viperBoard, 'VIPER_FLASH_SLOT_B_START'), bs = defined(viperBoard, 'VIPER_FLASH_SLOT_B_SIZE');
    expect(a + as <= b || b + bs <= a).toBe(true);
  });
});
