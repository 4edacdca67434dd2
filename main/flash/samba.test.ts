// The SAM-BA flasher against a simulated SAM3X monitor on the other end of a socat pty pair.
import { openPtyPair, type PtyPair } from '../devices/testing/ptyPair';
import { FlashError, type FlashProgress } from './flasher';
import { SAM3X, SambaFlasher } from './samba';
import { SambaSim, type SambaSimOptions } from './testing/sambaSim';

function image(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 13 + 5 + (i >> 8)) & 0xff;
  return out;
}

async function until(condition: () => boolean, ms = 1000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('SambaFlasher', () => {
  let pair: PtyPair;
  let sim: SambaSim | undefined;
  beforeEach(async () => { pair = await openPtyPair(); });
  afterEach(async () => { await sim?.close(); sim = undefined; await pair.close(); });

  async function withSim(options: SambaSimOptions = {}) { sim = await SambaSim.start(pair.board, options); return sim; }
  const flasher = () => new SambaFlasher({ path: pair.host, timeoutMs: 300, reopenMs: 500 });

  it('touches at 1200 baud, writes every page through the EEFC, verifies, sets boot-from-flash and resets', async () => {
    const board = await withSim();
    const img = image(700);
    const seen: FlashProgress[] = [];
    await flasher().flash({ image: img, onProgress: p => seen.push(p) });
    expect([...board.flash.subarray(0, 700)]).toEqual([...img]);
    expect(board.flash.subarray(700, 768).every(b => b === 0xff)).toBe(true);   // rest of the last page erased
    expect(board.flash.subarray(768).every(b => b === 0x00)).toBe(true);        // pages beyond untouched
    expect(board.pagesWritten).toBe(3);
    expect(board.gpnvm & (1 << SAM3X.GPNVM_BOOT_FROM_FLASH)).toBeTruthy();
    await until(() => board.resets === 1);   // the reset command has no answer: it may still be in flight
    expect(board.commands.slice(0, 2)).toEqual(['N', 'V']);
    expect(seen.filter(p => p.phase === 'write').map(p => p.done)).toEqual([256, 512, 700]);
    expect(seen.at(-1)).toEqual({ phase: 'boot', done: 1, total: 1 });
  });

  it('writes into the second flash bank through the second EEFC', async () => {
    const board = await withSim();
    const img = image(SAM3X.BANK_SIZE + 300);
    // ~70,000 commands: one answer slower than 300 ms on a busy machine is not what this tests.
    await new SambaFlasher({ path: pair.host, timeoutMs: 3000, reopenMs: 500 }).flash({ image: img });
    expect([...board.flash.subarray(SAM3X.BANK_SIZE - 4, SAM3X.BANK_SIZE + 300)]).toEqual([...img.subarray(SAM3X.BANK_SIZE - 4)]);
    expect(board.commands).toContain(`W${(SAM3X.EEFC[1] + SAM3X.FCR).toString(16).toUpperCase()},5A000103`);
  }, 60000);

  it('says what to do when nothing answers', async () => {
    const err = await flasher().flash({ image: image(16) }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toBe('the board stopped answering (N#)');
    expect(err.hint).toMatch(/programming port/);
  });

  it('reports a locked page', async () => {
    await withSim({ lockedPages: [1] });
    const err = await flasher().flash({ image: image(1024) }).catch(e => e);
    expect(err.message).toBe('the flash is locked (writing the page at 0x00080100)');
    expect(err.hint).toMatch(/ERASE/);
  });

  it('reports a board that stops answering mid-way', async () => {
    await withSim({ silentAfterPages: 2 });
    const err = await flasher().flash({ image: image(2048) }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toMatch(/the board stopped answering \(w400E0A08,4#\)/);
  });

  it('stops promptly when cancelled', async () => {
    const board = await withSim({ pageDelayMs: 50 });
    const abort = new AbortController();
    const t0 = Date.now();
    const err = await flasher().flash({ image: image(64 * 256), signal: abort.signal, onProgress: p => { if (p.phase === 'write' && p.done === 512) abort.abort(); } }).catch(e => e);
    expect(err).toMatchObject({ cancelled: true });
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(board.pagesWritten).toBeLessThan(4);
  });

  it('refuses a chip that is not a SAM3X8 before writing anything', async () => {
    const board = await withSim({ chipId: 0x28090560 });   // a SAM3S2 (architecture 0x80, 128 KiB): not the Due's
    const err = await flasher().flash({ image: image(512) }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toBe('the chip on this port is not a SAM3X8 like the Due\'s (its CHIPID is 0x28090560)');
    expect(board.pagesWritten).toBe(0);
    expect(board.commands.some(c => c.startsWith('W'))).toBe(false);
  });

  it('accepts the SAM3X8E of a later silicon revision', async () => {
    const board = await withSim({ chipId: 0x285e0a61 });
    await flasher().flash({ image: image(300) });
    expect(board.pagesWritten).toBe(2);
  });

  it('refuses an image larger than the flash', async () => {
    await expect(flasher().flash({ image: new Uint8Array(2 * SAM3X.BANK_SIZE + 1) })).rejects.toThrow(/larger than/);
  });
});
