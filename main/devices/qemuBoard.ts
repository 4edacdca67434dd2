// The QEMU board: the ChibiOS build of the VM (vm-firmware/ports/chibios, BOARD=qemu_netduinoplus2)
// run by qemu-system-arm as an emulated STM32F405. Its USART1 (QEMU's serial0) is a unix socket
// that this module connects to; the link protocol runs over it as over a serial port.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Transport } from '../link/transport';

export const QEMU_BOARD_ID = 'qemu_netduinoplus2';
export const QEMU_BOARD_NAME = 'QEMU board (STM32F405, emulated)';
const QEMU_MACHINE = 'netduinoplus2';

/** The firmware QEMU runs: VIPER_QEMU_FIRMWARE, else the checkout's build output. */
export function qemuFirmwarePath(): string {
  if (process.env.VIPER_QEMU_FIRMWARE) return process.env.VIPER_QEMU_FIRMWARE;
  return join(__dirname, '..', '..', 'vm-firmware', 'build', 'chibios', QEMU_BOARD_ID, 'viper.elf');
}

/** qemu-system-arm on PATH (or VIPER_QEMU), else undefined. */
export function findQemu(): string | undefined {
  if (process.env.VIPER_QEMU) return process.env.VIPER_QEMU;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'qemu-system-arm');
    try { accessSync(candidate, constants.X_OK); return candidate; } catch { /* not here */ }
  }
  return undefined;
}

export type QemuAvailability = { available: true } | { available: false; missing: string };

/** Whether the QEMU board can start here, and if not, what a person must install or build. */
export function qemuBoardAvailability(): QemuAvailability {
  if (!findQemu()) return { available: false, missing: "qemu-system-arm (Debian: apt-get install qemu-system-arm)" };
  if (!existsSync(qemuFirmwarePath())) {
    return { available: false, missing: `the firmware ${qemuFirmwarePath()} (build it: make -C vm-firmware firmware BOARD=${QEMU_BOARD_ID} CHIBIOS=<path to ChibiOS 21.11>)` };
  }
  return { available: true };
}

export interface QemuBoardOptions {
  /** QEMU's own messages (never program output). */
  onLog?: (text: string) => void;
  firmware?: string;
  /** Tests: open QEMU's monitor on a unix socket (QemuTransport.monitor, e.g. system_reset). */
  monitor?: boolean;
  /** How long to wait for QEMU to open its serial socket. */
  startTimeoutMs?: number;
  /**
   * 'realtime' (default, for people): idle time passes as on a real board, so time.sleep(1) takes a
   * second and an idle board costs no CPU. 'fast' (for tests): idle time is skipped, so runs are
   * fast and deterministic, but QEMU spins through the idle ticks and keeps a host core busy.
   */
  clock?: 'realtime' | 'fast';
}

/** The socket to QEMU's serial0; closing it ends QEMU (and with it the emulated board). */
export class QemuTransport implements Transport {
  private closeListeners: ((reason: string) => void)[] = [];
  private dataListeners: ((bytes: Uint8Array) => void)[] = [];
  private early: Uint8Array[] = [];
  private closedReason?: string;
  private readonly exited: Promise<void>;
  /** Resolves at the firmware's first byte (it sends a lone 0x00 once its UART listens). */
  readonly linkUp: Promise<void>;

  constructor(private readonly child: ChildProcess, private readonly socket: Socket, private readonly dir: string) {
    this.exited = new Promise(resolve => child.once('exit', () => resolve()));
    this.linkUp = new Promise(resolve => socket.once('data', () => resolve()));
    socket.on('data', (bytes: Buffer) => {
      if (this.dataListeners.length === 0) this.early.push(bytes);   // kept for the first listener
      for (const l of this.dataListeners) l(bytes);
    });
    socket.on('close', () => this.finish('the QEMU board closed its serial port'));
    socket.on('error', err => this.finish(`the QEMU board's serial port failed: ${err.message}`));
    child.on('exit', (code, signal) => this.finish(signal ? `QEMU was stopped (${signal})` : `QEMU exited (code ${code})`));
  }

  write(bytes: Uint8Array): void {
    if (this.closedReason === undefined) this.socket.write(bytes);
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.dataListeners.push(listener);
    for (const bytes of this.early.splice(0)) listener(bytes);
  }

  onClose(listener: (reason: string) => void): void {
    if (this.closedReason !== undefined) listener(this.closedReason);
    else this.closeListeners.push(listener);
  }

  async close(): Promise<void> {
    this.socket.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Tests: one command to QEMU's monitor (startQemuBoard({ monitor: true })), e.g. 'system_reset'. */
  monitor(command: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(join(this.dir, 'monitor'));
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.write(`${command}\n`);
        setTimeout(() => { socket.end(); resolve(); }, 200);   // the prompt's answer is not needed
      });
    });
  }

  private finish(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const l of this.closeListeners) l(reason);
  }
}

/** QEMU's command line for the firmware, its serial0 on a unix socket at socketPath. */
export function qemuArgs(firmware: string, socketPath: string, clock: 'realtime' | 'fast' = 'realtime', monitorPath?: string): string[] {
  return [
    '-M', QEMU_MACHINE, '-nographic', '-monitor', monitorPath ? `unix:${monitorPath},server=on,wait=off` : 'none',
    '-kernel', firmware,
    // wait=on: QEMU starts the CPU only once we hold the socket, so no early output is lost.
    '-serial', `unix:${socketPath},server=on,wait=on`,
    // One instruction per virtual nanosecond; 'fast' skips idle time (the firmware sleeps in WFI).
    '-icount', clock === 'fast' ? 'shift=0,sleep=off' : 'shift=0,sleep=on',
  ];
}

/** Starts QEMU with the firmware and connects to its serial port. */
export async function startQemuBoard(options: QemuBoardOptions = {}): Promise<QemuTransport> {
  const qemu = findQemu();
  if (!qemu) throw new Error('the QEMU board needs qemu-system-arm (Debian: apt-get install qemu-system-arm)');
  const firmware = options.firmware ?? qemuFirmwarePath();
  if (!existsSync(firmware)) {
    throw new Error(`the QEMU board's firmware is not built: make -C vm-firmware firmware BOARD=${QEMU_BOARD_ID} CHIBIOS=<path to ChibiOS 21.11>`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'viper-qemu-'));
  const socketPath = join(dir, 'serial0');
  const child = spawn(qemu, qemuArgs(firmware, socketPath, options.clock, options.monitor ? join(dir, 'monitor') : undefined), { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const onLog = (b: Buffer) => { const text = b.toString(); log += text; options.onLog?.(text); };
  child.stdout?.on('data', onLog);
  child.stderr?.on('data', onLog);
  try {
    const socket = await connectWhenReady(child, socketPath, options.startTimeoutMs ?? 10000, () => log);
    const transport = new QemuTransport(child, socket, dir);
    // Bytes sent before the firmware enables its UART are lost: wait for its "link up" byte
    // (briefly: a firmware that sends none is still usable, the session resends its first request).
    await Promise.race([transport.linkUp, new Promise(resolve => setTimeout(resolve, 1000))]);
    return transport;
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** QEMU creates the socket a moment after it starts: retry until it accepts, QEMU dies or time is up. */
function connectWhenReady(child: ChildProcess, path: string, timeoutMs: number, log: () => string): Promise<Socket> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let exited = false;
    const onExit = (code: number | null) => {
      exited = true;
      reject(new Error(`QEMU stopped before the board started (code ${code}): ${log().trim()}`));
    };
    child.once('exit', onExit);
    child.once('error', err => { exited = true; reject(new Error(`QEMU could not start: ${err.message}`)); });
    const attempt = () => {
      if (exited) return;
      const socket = connect(path);
      socket.once('connect', () => {
        child.off('exit', onExit);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', err => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`QEMU's serial port did not open within ${timeoutMs} ms: ${err.message}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}
