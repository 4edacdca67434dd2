// Burns the VM onto an Arduino Due through the SAM3X's ROM monitor (SAM-BA): a 1200-baud "touch"
// on the programming port makes the ATmega16U2 erase the SAM3X and reset it into SAM-BA; then
// ASCII commands ending in '#' read and write words and blocks of memory. Flash is written
// page by page through the EEFC: words into the page latch, then an erase-and-write command.
import { SerialPort } from 'serialport';
import { ByteLink, Timeout } from './byteLink';
import { FlashError, throwIfAborted, type FlashJob, type Flasher } from './flasher';

export const SAM3X = {
  FLASH_BASE: 0x00080000,
  BANK_SIZE: 0x40000,           // two banks of 256 KiB, one EEFC each
  PAGE_SIZE: 256,
  EEFC: [0x400e0a00, 0x400e0c00],
  FMR: 0x00, FCR: 0x04, FSR: 0x08, FRR: 0x0c,
  FCR_KEY: 0x5a,
  CMD_EWP: 0x03, CMD_SGPB: 0x0b, CMD_GGPB: 0x0d,
  FSR_FRDY: 1, FSR_FCMDE: 2, FSR_FLOCKE: 4,
  GPNVM_BOOT_FROM_FLASH: 1,
  CHIPID_CIDR: 0x400e0940,
  RSTC_CR: 0x400e1a00,
  RSTC_RESET_ALL: 0xa500000d,   // key 0xA5, processor + peripheral + external reset
} as const;

export interface SambaOptions {
  path: string;
  /** Do the 1200-baud touch first (the programming port); off when SAM-BA already runs. */
  touch?: boolean;
  /** How long to keep trying to open the port after the touch while the board resets. */
  reopenMs?: number;
  timeoutMs?: number;
}

const HINT_CABLE = 'Check the cable (use the Due\'s programming port, next to the power jack), then burn again.';
const HINT_NO_SAMBA = 'Use the programming port (next to the power jack). If it still fails, press and hold ERASE for a second, press RESET, and burn again.';
const hex = (n: number, width = 8) => (n >>> 0).toString(16).toUpperCase().padStart(width, '0');

async function touch1200(path: string): Promise<void> {
  const port = new SerialPort({ path, baudRate: 1200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open(err => err ? reject(err) : resolve()));
  await new Promise<void>(resolve => port.close(() => resolve()));
}

export class SambaFlasher implements Flasher {
  readonly method = 'samba' as const;
  private link!: ByteLink;
  private signal?: AbortSignal;
  private readonly timeoutMs: number;

  constructor(private readonly options: SambaOptions) { this.timeoutMs = options.timeoutMs ?? 1000; }

  async flash(job: FlashJob): Promise<void> {
    this.signal = job.signal;
    const progress = job.onProgress ?? (() => undefined);
    const total = job.image.length;
    if (total > 2 * SAM3X.BANK_SIZE) throw new FlashError(`the image (${total} bytes) is larger than the Due's 512 KiB of flash`, 'Pick the VM image built for this board.');
    throwIfAborted(job.signal);
    progress({ phase: 'connect', done: 0, total: 1 });
    await this.connect();
    try {
      await this.command('N#');
      await this.expectText('\n\r', 'N#');
      await this.command('V#');
      const version = await this.readLine('V#');
      if (!/SAM-?BA|v\d/i.test(version)) throw new FlashError(`the port answered, but not like SAM-BA ("${version.trim()}")`, HINT_NO_SAMBA);
      await this.checkChip();
      progress({ phase: 'connect', done: 1, total: 1 });

      for (const eefc of SAM3X.EEFC) await this.writeWord(eefc + SAM3X.FMR, 6 << 8);   // 6 wait states while writing
      for (let at = 0; at < total; at += SAM3X.PAGE_SIZE) {
        throwIfAborted(job.signal);
        await this.writePage(SAM3X.FLASH_BASE + at, job.image.subarray(at, Math.min(total, at + SAM3X.PAGE_SIZE)));
        progress({ phase: 'write', done: Math.min(total, at + SAM3X.PAGE_SIZE), total });
      }
      for (let at = 0; at < total; at += SAM3X.PAGE_SIZE) {
        throwIfAborted(job.signal);
        const want = job.image.subarray(at, Math.min(total, at + SAM3X.PAGE_SIZE));
        const got = await this.readBlock(SAM3X.FLASH_BASE + at, want.length);
        const bad = want.findIndex((b, i) => got[i] !== b);
        if (bad >= 0) {
          throw new FlashError(`verify failed at 0x${hex(SAM3X.FLASH_BASE + at + bad)}: wrote 0x${want[bad].toString(16)}, read 0x${got[bad].toString(16)}`,
            'Burn again; if it fails the same way, press ERASE and RESET on the board first.');
        }
        progress({ phase: 'verify', done: at + want.length, total });
      }
      progress({ phase: 'boot', done: 0, total: 1 });
      await this.eefcCommand(0, SAM3X.CMD_SGPB, SAM3X.GPNVM_BOOT_FROM_FLASH, 'setting the boot-from-flash bit');
      await this.command(`W${hex(SAM3X.RSTC_CR)},${hex(SAM3X.RSTC_RESET_ALL)}#`);
      progress({ phase: 'boot', done: 1, total: 1 });
    } finally {
      await this.link.close();
    }
  }

  /** The Due's SAM3X8E, or a SAM3X8/SAM3A8 like it (CHIPID_CIDR: architecture 0x83-0x86, 512 KiB
   *  of flash); anything else would take this image at the wrong addresses or not at all. */
  private async checkChip(): Promise<void> {
    const cidr = await this.readWord(SAM3X.CHIPID_CIDR);
    const arch = (cidr >>> 20) & 0xff;
    const flashSize = (cidr >>> 8) & 0xf;
    if (arch < 0x83 || arch > 0x86 || flashSize !== 0xa) {
      throw new FlashError(`the chip on this port is not a SAM3X8 like the Due's (its CHIPID is 0x${hex(cidr)})`,
        'This image is for the Arduino Due: pick the board plugged in, or plug in the Due.');
    }
  }

  private async connect(): Promise<void> {
    const { path } = this.options;
    if (this.options.touch ?? true) {
      try { await touch1200(path); } catch (err) {
        throw new FlashError(`could not open ${path}: ${(err as Error).message}`, 'Check that the Due is plugged in and no other program (a serial monitor?) has the port open.');
      }
    }
    const deadline = Date.now() + (this.options.reopenMs ?? 3000);
    for (;;) {
      throwIfAborted(this.signal);
      try { this.link = await ByteLink.open(path, { baudRate: 115200 }); return; } catch (err) {
        if (Date.now() > deadline) throw new FlashError(`${path} did not come back after the reset into SAM-BA: ${(err as Error).message}`, HINT_NO_SAMBA);
        await new Promise(r => setTimeout(r, 100));   // the board re-enumerates after the touch
      }
    }
  }

  private async command(text: string): Promise<void> {
    throwIfAborted(this.signal);
    try { await this.link.write(text); } catch (err) { throw new FlashError(`the port failed while sending ${text}: ${(err as Error).message}`, HINT_CABLE); }
  }

  private async receive<T>(what: string, read: () => Promise<T>): Promise<T> {
    try { return await read(); } catch (err) {
      if (err instanceof FlashError) throw err;
      if (err instanceof Timeout) throw new FlashError(`the board stopped answering (${what})`, what === 'N#' ? HINT_NO_SAMBA : HINT_CABLE);
      throw new FlashError(`${(err as Error).message} (${what})`, HINT_CABLE);
    }
  }

  private async expectText(text: string, what: string): Promise<void> {
    const got = await this.receive(what, () => this.link.read(text.length, this.timeoutMs, this.signal));
    if (Buffer.from(got).toString('latin1') !== text) throw new FlashError(`the port answered ${what} with ${JSON.stringify(Buffer.from(got).toString('latin1'))}, not like SAM-BA`, HINT_NO_SAMBA);
  }

  private readLine(what: string): Promise<string> {
    return this.receive(what, () => this.link.readUntil('\n\r', 256, this.timeoutMs, this.signal));
  }

  private async readWord(address: number): Promise<number> {
    const what = `w${hex(address)},4#`;
    await this.command(what);
    const b = await this.receive(what, () => this.link.read(4, this.timeoutMs, this.signal));
    return new DataView(b.buffer, b.byteOffset).getUint32(0, true);
  }

  private writeWord(address: number, value: number): Promise<void> {
    return this.command(`W${hex(address)},${hex(value)}#`);
  }

  private async readBlock(address: number, n: number): Promise<Uint8Array> {
    const what = `R${hex(address)},${hex(n)}#`;
    await this.command(what);
    return this.receive(what, () => this.link.read(n, this.timeoutMs, this.signal));
  }

  /** Fills the page latch word by word (the latch takes 32-bit writes only), then erase-and-write. */
  private async writePage(address: number, data: Uint8Array): Promise<void> {
    const page = new Uint8Array(SAM3X.PAGE_SIZE).fill(0xff);
    page.set(data);
    const view = new DataView(page.buffer);
    for (let i = 0; i < SAM3X.PAGE_SIZE; i += 4) await this.writeWord(address + i, view.getUint32(i, true));
    const offset = address - SAM3X.FLASH_BASE;
    const bank = Math.floor(offset / SAM3X.BANK_SIZE);
    const pageInBank = (offset % SAM3X.BANK_SIZE) / SAM3X.PAGE_SIZE;
    await this.eefcCommand(bank, SAM3X.CMD_EWP, pageInBank, `writing the page at 0x${hex(address)}`);
  }

  private async eefcCommand(bank: number, cmd: number, arg: number, what: string): Promise<void> {
    const eefc = SAM3X.EEFC[bank];
    await this.writeWord(eefc + SAM3X.FCR, (SAM3X.FCR_KEY << 24) | (arg << 8) | cmd);
    for (let polls = 0; ; polls++) {
      const fsr = await this.readWord(eefc + SAM3X.FSR);
      if (fsr & SAM3X.FSR_FLOCKE) throw new FlashError(`the flash is locked (${what})`, 'Unlock it: press and hold ERASE for a second, press RESET, and burn again.');
      if (fsr & SAM3X.FSR_FCMDE) throw new FlashError(`the flash controller refused the command (${what})`, HINT_CABLE);
      if (fsr & SAM3X.FSR_FRDY) return;
      if (polls > 1000) throw new FlashError(`the flash controller stayed busy (${what})`, HINT_CABLE);
    }
  }
}
