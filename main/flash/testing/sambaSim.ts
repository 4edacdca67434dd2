// Test helper: the SAM3X ROM monitor (SAM-BA) on the board end of a pty pair, with flash behind
// a simulated EEFC (page latch, erase-and-write, lock bits, GPNVM bits), RAM, and fault switches.
import { ByteLink, Timeout } from '../byteLink';
import { SAM3X } from '../samba';

export interface SambaSimOptions {
  /** Pages (index from the start of flash) whose lock bit is set. */
  lockedPages?: number[];
  /** Go silent after this many page writes. */
  silentAfterPages?: number;
  /** Delay each page write, to give a test time to cancel. */
  pageDelayMs?: number;
  /** CHIPID_CIDR (default the SAM3X8E's, 0x285E0A60). */
  chipId?: number;
}

const RAM_BASE = 0x20000000;
const RAM_SIZE = 96 * 1024;

export class SambaSim {
  /** Not erased: the 16U2 erases on the touch, but the flasher must not rely on it. */
  readonly flash = new Uint8Array(2 * SAM3X.BANK_SIZE).fill(0x00);
  readonly ram = new Uint8Array(RAM_SIZE);
  readonly commands: string[] = [];
  gpnvm = 0;
  resets = 0;
  pagesWritten = 0;
  binary = false;
  private readonly latch = [new Uint8Array(SAM3X.PAGE_SIZE).fill(0xff), new Uint8Array(SAM3X.PAGE_SIZE).fill(0xff)];
  private readonly fsr: number[] = [SAM3X.FSR_FRDY, SAM3X.FSR_FRDY];
  private readonly frr = [0, 0];
  private running = true;
  private readonly done: Promise<void>;

  private constructor(private readonly link: ByteLink, private readonly o: SambaSimOptions) {
    this.done = this.serve().catch(() => undefined);
  }

  static async start(path: string, options: SambaSimOptions = {}): Promise<SambaSim> {
    return new SambaSim(await ByteLink.open(path, { baudRate: 115200 }), options);
  }

  async close(): Promise<void> { this.running = false; await this.link.close(); await this.done; }

  private get silent(): boolean { return this.o.silentAfterPages !== undefined && this.pagesWritten >= this.o.silentAfterPages; }
  private send(bytes: Uint8Array | string): Promise<void> { return this.silent ? Promise.resolve() : this.link.write(bytes); }

  private async byte(): Promise<number> {
    for (;;) {
      try { return (await this.link.read(1, 200))[0]; } catch (err) { if (!(err instanceof Timeout) || !this.running) throw err; }
    }
  }

  private readWord(addr: number): number {
    for (const [bank, base] of SAM3X.EEFC.entries()) {
      if (addr === base + SAM3X.FSR) { const v = this.fsr[bank]; this.fsr[bank] = SAM3X.FSR_FRDY; return v; }   // reading clears errors
      if (addr === base + SAM3X.FRR) return this.frr[bank];
      if (addr === base + SAM3X.FMR) return 0;
    }
    if (addr === SAM3X.CHIPID_CIDR) return this.o.chipId ?? 0x285e0a60;   // SAM3X8E
    const bytes = this.read(addr, 4);
    return new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  }

  private read(addr: number, n: number): Uint8Array {
    if (addr >= SAM3X.FLASH_BASE && addr + n <= SAM3X.FLASH_BASE + this.flash.length) return this.flash.slice(addr - SAM3X.FLASH_BASE, addr - SAM3X.FLASH_BASE + n);
    if (addr >= RAM_BASE && addr + n <= RAM_BASE + RAM_SIZE) return this.ram.slice(addr - RAM_BASE, addr - RAM_BASE + n);
    return new Uint8Array(n);
  }

  private async writeWord(addr: number, value: number): Promise<void> {
    if (addr >= SAM3X.FLASH_BASE && addr < SAM3X.FLASH_BASE + this.flash.length) {
      const offset = addr - SAM3X.FLASH_BASE;
      const bank = Math.floor(offset / SAM3X.BANK_SIZE);
      new DataView(this.latch[bank].buffer).setUint32(offset % SAM3X.PAGE_SIZE, value >>> 0, true);   // into the page latch
      return;
    }
    if (addr >= RAM_BASE && addr < RAM_BASE + RAM_SIZE) { new DataView(this.ram.buffer).setUint32(addr - RAM_BASE, value >>> 0, true); return; }
    if (addr === SAM3X.RSTC_CR && value >>> 0 === SAM3X.RSTC_RESET_ALL) { this.resets++; return; }
    const bank = SAM3X.EEFC.findIndex(base => addr === base + SAM3X.FCR);
    if (bank >= 0) await this.eefc(bank, value >>> 0);
  }

  private async eefc(bank: number, fcr: number): Promise<void> {
    if (fcr >>> 24 !== SAM3X.FCR_KEY) { this.fsr[bank] = SAM3X.FSR_FRDY | SAM3X.FSR_FCMDE; return; }
    const cmd = fcr & 0xff;
    const arg = (fcr >>> 8) & 0xffff;
    if (cmd === SAM3X.CMD_EWP) {
      const page = bank * (SAM3X.BANK_SIZE / SAM3X.PAGE_SIZE) + arg;
      if (this.o.lockedPages?.includes(page)) { this.fsr[bank] = SAM3X.FSR_FRDY | SAM3X.FSR_FLOCKE; return; }
      if (this.o.pageDelayMs) await new Promise(r => setTimeout(r, this.o.pageDelayMs));
      this.flash.set(this.latch[bank], page * SAM3X.PAGE_SIZE);
      this.latch[bank].fill(0xff);
      this.pagesWritten++;
    } else if (cmd === SAM3X.CMD_SGPB && bank === 0) {
      this.gpnvm |= 1 << arg;
    } else if (cmd === SAM3X.CMD_GGPB && bank === 0) {
      this.frr[0] = this.gpnvm;
    } else {
      this.fsr[bank] = SAM3X.FSR_FRDY | SAM3X.FSR_FCMDE;
      return;
    }
    this.fsr[bank] = SAM3X.FSR_FRDY;
  }

  private async serve(): Promise<void> {
    for (;;) {
      let line = '';
      for (let b = await this.byte(); b !== 0x23 /* # */; b = await this.byte()) line += String.fromCharCode(b);
      line = line.replace(/^[\r\n ]+/, '');
      this.commands.push(line);
      const op = line[0];
      const [a, b] = line.slice(1).split(',').map(s => parseInt(s, 16));
      switch (op) {
        case 'N': this.binary = true; await this.send('\n\r'); break;
        case 'T': this.binary = false; await this.send('\n\r'); break;
        case 'V': await this.send('v1.1 Dec 15 2010 19:25:04\n\r'); break;
        case 'w': {
          const v = this.readWord(a);
          if (this.binary) { const out = new Uint8Array(4); new DataView(out.buffer).setUint32(0, v >>> 0, true); await this.send(out); }
          else await this.send(`\n\r0x${v.toString(16).padStart(8, '0')}\n\r>`);
          break;
        }
        case 'W': await this.writeWord(a, b); break;
        case 'R': await this.send(this.read(a, b)); break;
        case 'S': {
          const data = new Uint8Array(b);
          for (let i = 0; i < b; i++) data[i] = await this.byte();
          if (a >= RAM_BASE && a + b <= RAM_BASE + RAM_SIZE) this.ram.set(data, a - RAM_BASE);
          break;
        }
        case 'G': break;
        default: break;   // SAM-BA ignores what it does not know
      }
    }
  }
}
