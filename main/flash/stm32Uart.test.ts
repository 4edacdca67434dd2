// The AN3155 flasher against a simulated STM32 bootloader on the other end of a socat pty pair.
import { openPtyPair, type PtyPair } from '../devices/testing/ptyPair';
import { FlashError, type FlashProgress } from './flasher';
import { STM32_FLASH_BASE, Stm32UartFlasher } from './stm32Uart';
import { An3155Sim, type An3155SimOptions } from './testing/an3155Sim';

function image(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + (i >> 8)) & 0xff;
  return out;
}

describe('Stm32UartFlasher', () => {
  let pair: PtyPair;
  let sim: An3155Sim | undefined;
  beforeEach(async () => { pair = await openPtyPair(); });
  afterEach(async () => { await sim?.close(); sim = undefined; await pair.close(); });

  async function withSim(options: An3155SimOptions = {}) { sim = await An3155Sim.start(pair.board, options); return sim; }
  const flasher = () => new Stm32UartFlasher({ path: pair.host, timeoutMs: 300 });

  it('erases, writes, verifies and starts the image; flash holds exactly the image', async () => {
    const board = await withSim();
    const img = image(1000);   // not a multiple of 256 nor of 4
    const seen: FlashProgress[] = [];
    await flasher().flash({ image: img, onProgress: p => seen.push(p) });
    expect([...board.flash.subarray(0, 1000)]).toEqual([...img]);
    expect(board.flash.subarray(1000).every(b => b === 0xff)).toBe(true);   // erased, padding is 0xFF
    expect(board.goAddress).toBe(STM32_FLASH_BASE);
    expect(board.log.slice(0, 4)).toEqual(['sync', '0x00', '0x02', '0x44']);
    expect(seen.filter(p => p.phase === 'write').map(p => p.done)).toEqual([256, 512, 768, 1000]);
    expect(seen.at(-2)).toEqual({ phase: 'boot', done: 0, total: 1 });
    expect(seen.filter(p => p.phase === 'verify').at(-1)).toEqual({ phase: 'verify', done: 1000, total: 1000 });
  });

  it('says to enter bootloader mode when nothing answers', async () => {
    const err = await flasher().flash({ image: image(16) }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toMatch(/no STM32 bootloader answered/);
    expect(err.hint).toMatch(/BOOT0/);
  });

  it('reports a NACKed write with the address and what to do', async () => {
    await withSim({ nackWriteAt: STM32_FLASH_BASE + 600 });
    const err = await flasher().flash({ image: image(1024) }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toBe('the bootloader refused Write Memory at 0x8000200 (NACK)');
    expect(err.hint).toMatch(/protect/);
  });

  it('reports a bootloader that stops answering mid-way', async () => {
    await withSim({ silentAfterWrites: 2 });
    const t0 = Date.now();
    const err = await flasher().flash({ image: image(2048) }).catch(e => e);
    expect(err.message).toMatch(/stopped answering during Write Memory at 0x8000100/);
    expect(err.hint).toMatch(/cable/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('catches a cell that did not take the write when verifying', async () => {
    await withSim({ stuckAt: STM32_FLASH_BASE + 300 });
    const err = await flasher().flash({ image: image(512) }).catch(e => e);
    expect(err.message).toBe(`verify failed at 0x800012c: wrote 0x${image(512)[300].toString(16)}, read 0xff`);
  });

  it('refuses a bootloader without Extended Erase', async () => {
    await withSim({ commands: [0x00, 0x02, 0x11, 0x21, 0x31, 0x43] });
    await expect(flasher().flash({ image: image(16) })).rejects.toThrow(/lacks command 0x44/);
  });

  it('stops promptly when cancelled', async () => {
    const board = await withSim({ writeDelayMs: 50 });
    const abort = new AbortController();
    const job = flasher().flash({ image: image(64 * 256), signal: abort.signal, onProgress: p => { if (p.phase === 'write' && p.done === 512) abort.abort(); } });
    const t0 = Date.now();
    const err = await job.catch(e => e);
    expect(err).toMatchObject({ cancelled: true });
    expect(Date.now() - t0).toBeLessThan(500);
    expect(board.writes).toBeLessThan(5);
  });

  it('refuses to start when already cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(flasher().flash({ image: image(16), signal: abort.signal })).rejects.toMatchObject({ cancelled: true });
  });
});
