// Test helper: an STM32 system bootloader (AN3155) on the board end of a pty pair, with
// simulated flash memory that the test can inspect, and switches to make it misbehave.
import { ByteLink, Timeout } from '../byteLink';
import { AN3155, STM32_FLASH_BASE, xor } from '../stm32Uart';

export interface An3155SimOptions {
  flashSize?: number;
  productId?: number;
  /** Command codes the Get command lists (default: all the flasher needs). */
  commands?: number[];
  /** NACK a Write Memory whose block covers this address. */
  nackWriteAt?: number;
  /** Go silent (answer nothing more) after this many Write Memory commands. */
  silentAfterWrites?: number;
  /** Pretend a cell does not take writes (stays erased): for verify failures. */
  stuckAt?: number;
  /** Delay before acknowledging each write, to give a test time to cancel. */
  writeDelayMs?: number;
}

export class An3155Sim {
  readonly flash: Uint8Array;
  readonly log: string[] = [];
  goAddress?: number;
  writes = 0;
  private running = true;
  private done: Promise<void>;

  private constructor(private readonly link: ByteLink, private readonly o: An3155SimOptions) {
    this.flash = new Uint8Array(o.flashSize ?? 64 * 1024).fill(0x5a);  // not erased: the flasher must erase
    this.done = this.serve().catch(() => undefined);
  }

  static async start(path: string, options: An3155SimOptions = {}): Promise<An3155Sim> {
    return new An3155Sim(await ByteLink.open(path, { baudRate: 115200, parity: 'even' }), options);
  }

  async close(): Promise<void> { this.running = false; await this.link.close(); await this.done; }

  private async byte(): Promise<number> {
    for (;;) {
      try { return (await this.link.read(1, 200))[0]; } catch (err) {
        if (!(err instanceof Timeout) || !this.running) throw err;
      }
    }
  }

  private async bytes(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = await this.byte();
    return out;
  }

  private silent(): boolean { return this.o.silentAfterWrites !== undefined && this.writes >= this.o.silentAfterWrites; }
  private ack(): Promise<void> { return this.silent() ? Promise.resolve() : this.link.write(new Uint8Array([AN3155.ACK])); }
  private nack(): Promise<void> { return this.silent() ? Promise.resolve() : this.link.write(new Uint8Array([AN3155.NACK])); }
  private send(b: ArrayLike<number>): Promise<void> { return this.silent() ? Promise.resolve() : this.link.write(Uint8Array.from(b)); }

  /** Reads address + checksum; undefined (after a NACK) if bad or outside flash. */
  private async address(): Promise<number | undefined> {
    const a = await this.bytes(5);
    const addr = new DataView(a.buffer).getUint32(0, false);
    if (xor(a.subarray(0, 4)) !== a[4] || addr < STM32_FLASH_BASE || addr >= STM32_FLASH_BASE + this.flash.length) { await this.nack(); return undefined; }
    await this.ack();
    return addr - STM32_FLASH_BASE;
  }

  private async serve(): Promise<void> {
    while (await this.byte() !== AN3155.SYNC) { /* noise before autobaud */ }
    this.log.push('sync');
    await this.ack();
    const commands = this.o.commands ?? [AN3155.GET, AN3155.GET_ID, AN3155.READ, AN3155.GO, AN3155.WRITE, AN3155.EXTENDED_ERASE];
    for (;;) {
      const code = await this.byte();
      if (code === AN3155.SYNC) { await this.nack(); continue; }
      if ((await this.byte()) !== (code ^ 0xff) || !commands.includes(code)) { await this.nack(); continue; }
      this.log.push(`0x${code.toString(16).padStart(2, '0')}`);
      await this.ack();
      switch (code) {
        case AN3155.GET: await this.send([commands.length, 0x31, ...commands]); await this.ack(); break;
        case AN3155.GET_ID: { const pid = this.o.productId ?? 0x413; await this.send([1, pid >> 8, pid & 0xff]); await this.ack(); break; }
        case AN3155.EXTENDED_ERASE: {
          const head = await this.bytes(2);
          if (head[0] === 0xff && head[1] === 0xff) {
            if ((await this.byte()) !== 0x00) { await this.nack(); break; }
            this.flash.fill(0xff);
            await this.ack();
          } else { await this.nack(); }
          break;
        }
        case AN3155.WRITE: {
          const at = await this.address();
          if (at === undefined) break;
          const n = (await this.byte()) + 1;
          const data = await this.bytes(n);
          const sum = await this.byte();
          this.writes++;
          if (this.o.writeDelayMs) await new Promise(r => setTimeout(r, this.o.writeDelayMs));
          const target = this.o.nackWriteAt === undefined ? -1 : this.o.nackWriteAt - STM32_FLASH_BASE;
          if (sum !== xor(data, n - 1) || n % 4 !== 0 || at + n > this.flash.length || (target >= at && target < at + n)) { await this.nack(); break; }
          for (let i = 0; i < n; i++) {
            if (this.o.stuckAt !== undefined && STM32_FLASH_BASE + at + i === this.o.stuckAt) continue;
            this.flash[at + i] &= data[i];   // flash bits only go from 1 to 0
          }
          await this.ack();
          break;
        }
        case AN3155.READ: {
          const at = await this.address();
          if (at === undefined) break;
          const [n1, check] = await this.bytes(2);
          if ((n1 ^ 0xff) !== check) { await this.nack(); break; }
          await this.ack();
          await this.send(this.flash.subarray(at, at + n1 + 1));
          break;
        }
        case AN3155.GO: {
          const at = await this.address();
          if (at !== undefined) this.goAddress = STM32_FLASH_BASE + at;
          break;
        }
      }
    }
  }
}
