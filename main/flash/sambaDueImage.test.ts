// The Arduino Due's VM image burned through the SAM-BA flasher into the simulated SAM3X, then read
// back from its flash byte for byte. The real image when it is built
// (make -C vm-firmware firmware BOARD=arduino_due CHIBIOS=...), else one of the same size (the
// 245 KB the build measured) with a vector table like the firmware's.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPtyPair, type PtyPair } from '../devices/testing/ptyPair';
import { SAM3X, SambaFlasher } from './samba';
import { SambaSim } from './testing/sambaSim';

const BUILT = join(__dirname, '../../vm-firmware/build/chibios/arduino_due/viper.bin');
const SRAM = [0x20070000, 0x20088000];   // SRAM0's mirror + SRAM1 (arduino_due.ld)
const BANK0_END = SAM3X.FLASH_BASE + SAM3X.BANK_SIZE;

function dueImage(): { image: Uint8Array; real: boolean } {
  if (existsSync(BUILT)) return { image: new Uint8Array(readFileSync(BUILT)), real: true };
  const image = new Uint8Array(250 * 1024);
  for (let i = 0; i < image.length; i++) image[i] = (i * 29 + (i >> 9)) & 0xff;
  const view = new DataView(image.buffer);
  view.setUint32(0, 0x20070400, true);          // initial SP: the top of the main stack
  view.setUint32(4, 0x000801d9, true);          // reset: Thumb code in flash
  return { image, real: false };
}

describe('the arduino_due image through SAM-BA', () => {
  let pair: PtyPair;
  let sim: SambaSim | undefined;
  beforeAll(async () => { pair = await openPtyPair(); });
  afterAll(async () => { await sim?.close(); await pair.close(); });

  it('is linked for the SAM3X: vector table first, SP in SRAM, handlers in flash bank 0', () => {
    const { image } = dueImage();
    const view = new DataView(image.buffer, image.byteOffset);
    const sp = view.getUint32(0, true);
    const reset = view.getUint32(4, true);
    expect(sp).toBeGreaterThan(SRAM[0]);
    expect(sp).toBeLessThanOrEqual(SRAM[1]);
    expect(reset & 1).toBe(1);                                   // Thumb
    expect(reset & ~1).toBeGreaterThanOrEqual(SAM3X.FLASH_BASE + 4 * 64);   // past the 64-entry table
    expect(reset & ~1).toBeLessThan(SAM3X.FLASH_BASE + image.length);
    // The whole firmware in bank 0: the program store's bank 1 pages are written while it runs.
    expect(SAM3X.FLASH_BASE + image.length).toBeLessThanOrEqual(BANK0_END);
  });

  const built = existsSync(BUILT) ? it : it.skip;
  built('has handlers at the SysTick, UART (id 8), PIO A-D (ids 11-14) and USART 0, 1, 3 (ids 17, 18, 20) vectors', () => {
    const { image } = dueImage();
    const view = new DataView(image.buffer, image.byteOffset);
    const vector = (i: number) => view.getUint32(4 * i, true);
    const unhandled = vector(2);   // NMI: ChibiOS's shared handler of every vector not used
    for (const [what, i] of [['SysTick', 15], ['UART', 16 + 8], ['PIOA', 16 + 11], ['PIOB', 16 + 12], ['PIOC', 16 + 13], ['PIOD', 16 + 14],
      ['USART0', 16 + 17], ['USART1', 16 + 18], ['USART3', 16 + 20]] as const) {
      expect({ what, handled: vector(i) !== unhandled }).toEqual({ what, handled: true });
      expect(vector(i) & ~1).toBeGreaterThanOrEqual(SAM3X.FLASH_BASE);
      expect(vector(i) & ~1).toBeLessThan(SAM3X.FLASH_BASE + image.length);
    }
    expect(vector(16 + 19)).toBe(unhandled);   // USART2: not used on this board
  });

  it('burns at 0x80000 page by page, reads back identical, and boots from flash', async () => {
    const { image, real } = dueImage();
    sim = await SambaSim.start(pair.board);
    await new SambaFlasher({ path: pair.host, touch: false, timeoutMs: 2000, reopenMs: 500 }).flash({ image });
    const pages = Math.ceil(image.length / SAM3X.PAGE_SIZE);
    expect(sim.pagesWritten).toBe(pages);
    const back = sim.flash.subarray(0, image.length);
    const firstBad = back.findIndex((b, i) => b !== image[i]);
    expect({ real, firstBad }).toEqual({ real, firstBad: -1 });
    expect(sim.flash.subarray(image.length, pages * SAM3X.PAGE_SIZE).every(b => b === 0xff)).toBe(true);
    expect(sim.gpnvm & (1 << SAM3X.GPNVM_BOOT_FROM_FLASH)).toBeTruthy();
    // Every page went through EEFC0 (bank 0) with the FCR key and the erase-and-write command.
    const fcr0 = `W${(SAM3X.EEFC[0] + SAM3X.FCR).toString(16).toUpperCase()},`;
    const writes = sim.commands.filter(c => c.startsWith(fcr0) && (parseInt(c.slice(fcr0.length), 16) & 0xff) === SAM3X.CMD_EWP);
    expect(writes).toHaveLength(pages);
    expect(writes[0]).toBe(`${fcr0}5A000003`);
  }, 240000);
});
