// Burns the VM through the STM32 system-memory bootloader over a UART (ST application note
// AN3155): BOOT0 high at reset, 8E1 framing, every command byte followed by its complement.
import { ByteLink, Timeout } from './byteLink';
import { FlashError, throwIfAborted, type FlashJob, type Flasher } from './flasher';

export const AN3155 = {
  SYNC: 0x7f, ACK: 0x79, NACK: 0x1f,
  GET: 0x00, GET_ID: 0x02, READ: 0x11, GO: 0x21, WRITE: 0x31, EXTENDED_ERASE: 0x44,
} as const;

/** Start of the main flash on every STM32. */
export const STM32_FLASH_BASE = 0x08000000;
const BLOCK = 256;

export interface Stm32UartOptions {
  path: string;
  baudRate?: number;
  address?: number;
  /** Wait for one ordinary answer; erase gets `eraseTimeoutMs`. */
  timeoutMs?: number;
  eraseTimeoutMs?: number;
}

const HINT_BOOTLOADER = 'Put the board in bootloader mode: hold BOOT0 high (jumper or button), press RESET, then try again.';
const HINT_CABLE = 'Check the cable and that the board still has power, put it in bootloader mode (BOOT0 high, RESET) and burn again.';

export function xor(bytes: ArrayLike<number>, seed = 0): number {
  let x = seed;
  for (let i = 0; i < bytes.length; i++) x ^= bytes[i];
  return x & 0xff;
}

function addressBytes(address: number): Uint8Array {
  const b = new Uint8Array(5);
  new DataView(b.buffer).setUint32(0, address >>> 0, false);
  b[4] = xor(b.subarray(0, 4));
  return b;
}

export class Stm32UartFlasher implements Flasher {
  readonly method = 'stm32-uart' as const;
  private link!: ByteLink;
  private signal?: AbortSignal;
  private readonly timeoutMs: number;

  constructor(private readonly options: Stm32UartOptions) { this.timeoutMs = options.timeoutMs ?? 1000; }

  async flash(job: FlashJob): Promise<void> {
    this.signal = job.signal;
    throwIfAborted(job.signal);
    const base = this.options.address ?? STM32_FLASH_BASE;
    const progress = job.onProgress ?? (() => undefined);
    try {
      this.link = await ByteLink.open(this.options.path, { baudRate: this.options.baudRate ?? 115200, parity: 'even' });
    } catch (err) {
      throw new FlashError(`could not open ${this.options.path}: ${(err as Error).message}`, 'Check that the board is plugged in and no other program has the port open.');
    }
    try {
      progress({ phase: 'connect', done: 0, total: 1 });
      await this.sync();
      const commands = await this.get();
      for (const c of [AN3155.WRITE, AN3155.READ, AN3155.EXTENDED_ERASE, AN3155.GO]) {
        if (!commands.includes(c)) throw new FlashError(`this bootloader lacks command 0x${c.toString(16)}`, 'This chip\'s bootloader is too old for Viper; burn the VM with an ST-LINK instead.');
      }
      await this.getId();
      progress({ phase: 'connect', done: 1, total: 1 });

      progress({ phase: 'erase', done: 0, total: 1 });
      await this.massErase();
      progress({ phase: 'erase', done: 1, total: 1 });

      const total = job.image.length;
      for (let at = 0; at < total; at += BLOCK) {
        throwIfAborted(job.signal);
        await this.writeBlock(base + at, job.image.subarray(at, Math.min(total, at + BLOCK)));
        progress({ phase: 'write', done: Math.min(total, at + BLOCK), total });
      }
      for (let at = 0; at < total; at += BLOCK) {
        throwIfAborted(job.signal);
        const want = job.image.subarray(at, Math.min(total, at + BLOCK));
        const got = await this.readBlock(base + at, want.length);
        const bad = want.findIndex((b, i) => got[i] !== b);
        if (bad >= 0) {
          throw new FlashError(`verify failed at 0x${(base + at + bad).toString(16)}: wrote 0x${want[bad].toString(16)}, read 0x${got[bad].toString(16)}`,
            'The flash did not keep what was written; burn again, and if it fails the same way the chip may be read-protected or worn.');
        }
        progress({ phase: 'verify', done: at + want.length, total });
      }
      progress({ phase: 'boot', done: 0, total: 1 });
      await this.go(base);
      progress({ phase: 'boot', done: 1, total: 1 });
    } finally {
      await this.link.close();
    }
  }

  private async expectAck(what: string, timeoutMs = this.timeoutMs): Promise<void> {
    let answer: Uint8Array;
    try {
      answer = await this.link.read(1, timeoutMs, this.signal);
    } catch (err) {
      if (err instanceof FlashError) throw err;
      const detail = err instanceof Timeout ? 'stopped answering' : (err as Error).message;
      throw new FlashError(`the bootloader ${detail} during ${what}`, HINT_CABLE);
    }
    if (answer[0] === AN3155.NACK) {
      throw new FlashError(`the bootloader refused ${what} (NACK)`,
        'The chip may be read- or write-protected: remove the protection with STM32CubeProgrammer, then burn again.');
    }
    if (answer[0] !== AN3155.ACK) throw new FlashError(`the bootloader gave an unexpected answer 0x${answer[0].toString(16)} to ${what}`, HINT_CABLE);
  }

  private async command(code: number, what: string): Promise<void> {
    throwIfAborted(this.signal);
    await this.link.write(new Uint8Array([code, code ^ 0xff]));
    await this.expectAck(what);
  }

  private async readBytes(n: number, what: string): Promise<Uint8Array> {
    try {
      return await this.link.read(n, this.timeoutMs, this.signal);
    } catch (err) {
      if (err instanceof FlashError) throw err;
      throw new FlashError(`the bootloader stopped answering during ${what}`, HINT_CABLE);
    }
  }

  private async sync(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      throwIfAborted(this.signal);
      this.link.discard();
      await this.link.write(new Uint8Array([AN3155.SYNC]));
      try {
        const answer = await this.link.read(1, this.timeoutMs, this.signal);
        // A bootloader already synchronised treats 0x7F as an unknown command and says NACK.
        if (answer[0] === AN3155.ACK || answer[0] === AN3155.NACK) return;
      } catch (err) {
        if (!(err instanceof Timeout)) throw err;
      }
    }
    throw new FlashError(`no STM32 bootloader answered on ${this.options.path}`, HINT_BOOTLOADER);
  }

  private async get(): Promise<number[]> {
    await this.command(AN3155.GET, 'Get');
    const [n] = await this.readBytes(1, 'Get');
    const rest = await this.readBytes(n + 1, 'Get');  // version byte, then n command codes
    await this.expectAck('Get');
    return [...rest.subarray(1)];
  }

  private async getId(): Promise<number> {
    await this.command(AN3155.GET_ID, 'Get ID');
    const [n] = await this.readBytes(1, 'Get ID');
    const pid = await this.readBytes(n + 1, 'Get ID');
    await this.expectAck('Get ID');
    return (pid[0] << 8) | pid[1];
  }

  private async massErase(): Promise<void> {
    await this.command(AN3155.EXTENDED_ERASE, 'Extended Erase');
    await this.link.write(new Uint8Array([0xff, 0xff, 0x00]));   // 0xFFFF: global mass erase, checksum 0
    await this.expectAck('mass erase', this.options.eraseTimeoutMs ?? 30000);
  }

  private async writeBlock(address: number, data: Uint8Array): Promise<void> {
    const padded = new Uint8Array((data.length + 3) & ~3).fill(0xff);   // lengths are multiples of 4
    padded.set(data);
    const what = `Write Memory at 0x${address.toString(16)}`;
    await this.command(AN3155.WRITE, what);
    await this.link.write(addressBytes(address));
    await this.expectAck(what);
    const packet = new Uint8Array(padded.length + 2);
    packet[0] = padded.length - 1;
    packet.set(padded, 1);
    packet[packet.length - 1] = xor(packet.subarray(0, packet.length - 1));
    await this.link.write(packet);
    await this.expectAck(what);
  }

  private async readBlock(address: number, n: number): Promise<Uint8Array> {
    const what = `Read Memory at 0x${address.toString(16)}`;
    await this.command(AN3155.READ, what);
    await this.link.write(addressBytes(address));
    await this.expectAck(what);
    await this.link.write(new Uint8Array([n - 1, (n - 1) ^ 0xff]));
    await this.expectAck(what);
    return this.readBytes(n, what);
  }

  private async go(address: number): Promise<void> {
    await this.command(AN3155.GO, 'Go');
    await this.link.write(addressBytes(address));
    await this.expectAck('Go');
  }
}
