// Burns the VM through an STM32's ROM bootloader in USB DFU mode (0483:df11, ST's DfuSe variant
// of DFU), by running dfu-util, which a person installs (Debian/Ubuntu: apt install dfu-util).
// The board enters DFU mode when BOOT0 is high at reset with its user USB port plugged in (on an
// STM32F4-Discovery: a jumper from BOOT0 to VDD, then RESET). dfu-util erases the sectors it
// writes, writes the image at 0x08000000 and, with `:leave`, starts it. It does not read the
// image back: the bootloader checks each block as it is written and reports errors through
// DFU's status requests, which dfu-util turns into an exit status.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlashError, cancelledError, throwIfAborted, type FlashJob, type FlashPhase, type Flasher } from './flasher';

/** The USB ID of every STM32's ROM bootloader in DFU mode (ST AN2606). */
export const STM32_DFU_ID = '0483:df11';
const FLASH_BASE = '0x08000000';

export interface DfuDevice { id: string; path: string; alt: number; name: string; serial: string }

export interface DfuOptions {
  /** Which bootloader: its USB serial number as `dfu-util -l` shows it, or '' / STM32_DFU_ID for the only one there. */
  device?: string;
  /** The program to run (a test puts a fake one here or on PATH). */
  dfuUtil?: string;
}

const HINT_INSTALL = 'Install dfu-util (Debian/Ubuntu: `sudo apt install dfu-util`; Fedora: `sudo dnf install dfu-util`; ' +
  'macOS: `brew install dfu-util`; Windows: the dfu-util release from its website), then burn again.';
export const HINT_DFU_MODE = 'Put the board in DFU mode: connect BOOT0 to VDD (on an STM32F4-Discovery, a jumper between ' +
  'the BOOT0 and VDD pins of its header), plug its micro-USB user port into this computer and press RESET; then burn again. ' +
  'Remove the jumper and press RESET afterwards to run the VM.';
const HINT_ACCESS = 'This user may not open the USB device: add a udev rule for 0483:df11 (the one dfu-util ships, or ' +
  'SUBSYSTEM=="usb", ATTR{idVendor}=="0483", ATTR{idProduct}=="df11", MODE="0666"), unplug and replug the board, and burn again.';

interface RunResult { code: number | null; output: string }

/** Runs dfu-util, handing each line of its output (progress bars end in \r) to onLine. */
function run(program: string, args: string[], onLine: (line: string) => void, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let partial = '';
    const take = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      output += chunk.toString('utf8');
      const lines = text.split(/\r\n|\r|\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    const abort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', err => {
      signal?.removeEventListener('abort', abort);
      reject(err);
    });
    child.on('close', code => {
      signal?.removeEventListener('abort', abort);
      if (partial) onLine(partial);
      resolve({ code, output });
    });
  });
}

function missingProgram(program: string, err: unknown): FlashError {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return new FlashError(`dfu-util is not installed (no program "${program}" on this computer)`, HINT_INSTALL);
  return new FlashError(`could not run ${program}: ${e.message}`, HINT_INSTALL);
}

/** Parses `dfu-util -l`: one entry per DFU interface found ("Found DFU: [0483:df11] … alt=0, name="…", serial="…""). */
export function parseDfuList(text: string): DfuDevice[] {
  const found: DfuDevice[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^Found DFU: \[([0-9a-fA-F]{4}:[0-9a-fA-F]{4})\]/.exec(line.trim());
    if (!m) continue;
    const field = (name: string) => new RegExp(`\\b${name}=("([^"]*)"|[^,\\s]*)`).exec(line);
    const quoted = (name: string) => { const f = field(name); return f ? (f[2] ?? f[1]) : ''; };
    found.push({ id: m[1].toLowerCase(), path: quoted('path'), alt: Number(quoted('alt') || 0), name: quoted('name'), serial: quoted('serial') });
  }
  return found;
}

/** The DFU interfaces dfu-util sees now; a FlashError saying how to install it when it is missing. */
export async function listDfuDevices(options: { dfuUtil?: string } = {}): Promise<DfuDevice[]> {
  const program = options.dfuUtil ?? 'dfu-util';
  let result: RunResult;
  try { result = await run(program, ['-l'], () => undefined); } catch (err) { throw missingProgram(program, err); }
  return parseDfuList(result.output);
}

/** What dfu-util's last words mean for a person, as a FlashError. */
export function explainDfuFailure(output: string, code: number | null): FlashError {
  if (/No DFU capable USB device available/i.test(output)) {
    return new FlashError('no STM32 bootloader in DFU mode is connected', HINT_DFU_MODE);
  }
  if (/LIBUSB_ERROR_ACCESS|Cannot open DFU device/i.test(output)) {
    return new FlashError('dfu-util found the bootloader but may not open it', HINT_ACCESS);
  }
  if (/More than one DFU capable USB device found/i.test(output)) {
    return new FlashError('more than one DFU device is connected', 'Unplug the other DFU devices, or pick the board by its serial number, and burn again.');
  }
  const last = output.split(/\r\n|\r|\n/).map(l => l.trim()).filter(l => l && !/^(Copyright|This program|Please report|dfu-util \d)/.test(l)).at(-1);
  return new FlashError(`dfu-util could not burn the VM (exit status ${code ?? 'none'}${last ? `: ${last}` : ''})`,
    'Press RESET with BOOT0 still high to restart the bootloader, and burn again; if it fails again, unplug and replug the board.');
}

/** dfu-util's progress bars: "Erase   \t[=====     ]  40%        12345 bytes", likewise "Download". */
const PROGRESS = /^(Erase|Download)\s*\[[= ]*\]\s*(\d+)%/;

export class DfuFlasher implements Flasher {
  readonly method = 'dfu' as const;
  constructor(private readonly options: DfuOptions = {}) {}

  async flash(job: FlashJob): Promise<void> {
    const program = this.options.dfuUtil ?? 'dfu-util';
    const progress = job.onProgress ?? (() => undefined);
    const total = job.image.length;
    const wanted = this.options.device && this.options.device !== STM32_DFU_ID ? this.options.device : '';
    throwIfAborted(job.signal);

    progress({ phase: 'connect', done: 0, total: 1 });
    const bootloaders = (await listDfuDevices({ dfuUtil: program })).filter(d => d.id === STM32_DFU_ID && d.alt === 0);
    if (bootloaders.length === 0) throw new FlashError('no STM32 bootloader in DFU mode is connected', HINT_DFU_MODE);
    if (wanted && !bootloaders.some(d => d.serial === wanted)) {
      throw new FlashError(`the STM32 bootloader with serial number ${wanted} is not connected (dfu-util sees ${bootloaders.map(d => d.serial || 'one without a serial number').join(', ')})`,
        'Pick the board from the list again, or put it back in DFU mode (BOOT0 high, RESET).');
    }
    if (!wanted && bootloaders.length > 1) {
      throw new FlashError(`${bootloaders.length} STM32 bootloaders in DFU mode are connected`, 'Pick the board by its serial number, or unplug the others, and burn again.');
    }
    progress({ phase: 'connect', done: 1, total: 1 });

    const dir = await mkdtemp(join(tmpdir(), 'viper-dfu-'));
    const file = join(dir, 'viper-vm.bin');
    try {
      await writeFile(file, job.image);
      throwIfAborted(job.signal);
      const args = ['-d', STM32_DFU_ID, ...(wanted ? ['-S', wanted] : []), '-a', '0', '-s', `${FLASH_BASE}:leave`, '-D', file];
      let lastPhase: FlashPhase | undefined;
      let downloaded = false;
      let result: RunResult;
      try {
        result = await run(program, args, line => {
          const m = PROGRESS.exec(line.trim());
          if (m) {
            lastPhase = m[1] === 'Erase' ? 'erase' : 'write';
            progress({ phase: lastPhase, done: Math.min(total, Math.round(total * Number(m[2]) / 100)), total });
          } else if (/File downloaded successfully|Submitting leave request/i.test(line)) {
            downloaded = true;
            if (lastPhase !== 'boot') progress({ phase: 'boot', done: 0, total: 1 });
            lastPhase = 'boot';
          }
        }, job.signal);
      } catch (err) { throw missingProgram(program, err); }
      if (job.signal?.aborted) throw cancelledError();
      // With :leave the bootloader starts the image at once, and dfu-util, asking for the status
      // of a device that is gone, often ends with "Error during download get_status" and status
      // 74: once it said the file was downloaded, that is the board leaving, not a failure.
      if (result.code !== 0 && !downloaded) throw explainDfuFailure(result.output, result.code);
      progress({ phase: 'boot', done: 1, total: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
