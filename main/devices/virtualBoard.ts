// The Virtual board: the host build of the VM (vm-firmware/ports/posix) run as a child process
// that speaks the link protocol on its stdin/stdout.
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Transport } from '../link/transport';

export const VIRTUAL_BOARD_ID = 'virtual';

let configuredHostVm: string | undefined;

/**
 * Tells the Virtual board where the host VM is (main.ts passes appPaths().hostVm); without it a
 * checkout's build output, then `process.resourcesPath/viper-vm`, are tried. VIPER_VM overrides both.
 */
export function setHostVmPath(path: string | undefined): void { configuredHostVm = path; }

const CHECKOUT_VM = join(__dirname, '..', '..', 'vm-firmware', 'build', 'posix', 'viper-vm');   // from main/devices/ or build/main/
const BUILD_HINT = 'the Virtual board is not built: run `make -C vm-firmware host` (npm test and npm start build it)';

/** Where the host VM is: VIPER_VM, the path main.ts configured, else a checkout's build or resourcesPath. */
export function hostVmPath(): string {
  if (process.env.VIPER_VM) return process.env.VIPER_VM;
  if (configuredHostVm) return configuredHostVm;
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [CHECKOUT_VM, ...(resources ? [join(resources, 'viper-vm')] : [])];
  const found = candidates.find(p => existsSync(p));
  if (!found) throw new Error(BUILD_HINT);
  return found;
}

export type VirtualBoardAvailability = { available: true } | { available: false; reason: string };

/** Whether the Virtual board can start here, and if not, why, in words a person can act on. */
export function virtualBoardAvailability(platform: NodeJS.Platform = process.platform): VirtualBoardAvailability {
  if (platform === 'win32') {
    return { available: false, reason: 'the Virtual board does not run on Windows yet (the host VM is built for Linux and macOS only)' };
  }
  let path: string;
  try { path = hostVmPath(); } catch (err) { return { available: false, reason: (err as Error).message }; }
  if (!existsSync(path)) {
    const reason = path === configuredHostVm && !process.env.VIPER_VM
      ? `the Virtual board's program is missing from this installation (${path}); reinstall Viper`
      : path === CHECKOUT_VM ? BUILD_HINT : `the Virtual board's program ${path} does not exist`;
    return { available: false, reason };
  }
  try { accessSync(path, constants.X_OK); } catch {
    return { available: false, reason: `the Virtual board's program ${path} is not executable (chmod +x it, or reinstall Viper)` };
  }
  return { available: true };
}

export class ProcessTransport implements Transport {
  private closeListeners: ((reason: string) => void)[] = [];
  private closedReason?: string;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdin.on('error', () => { /* reported through 'exit' */ });
    child.on('exit', (code, signal) => this.finish(signal ? `the VM was killed (${signal})` : `the VM exited (code ${code})`));
    child.on('error', err => this.finish(`the VM could not start: ${err.message}`));
  }

  write(bytes: Uint8Array): void {
    if (this.closedReason === undefined) this.child.stdin.write(bytes);
  }

  onData(listener: (bytes: Uint8Array) => void): void { this.child.stdout.on('data', listener); }

  onClose(listener: (reason: string) => void): void {
    if (this.closedReason !== undefined) listener(this.closedReason);
    else this.closeListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closedReason !== undefined) return;
    const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 1000);
    await exited;
    clearTimeout(timer);
  }

  private finish(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const l of this.closeListeners) l(reason);
  }
}

/**
 * A heap size as `viper-vm --heap` takes it ("65536", "96k", "2m", "1g"; powers of 1024), in
 * bytes, or undefined when it is not one or is outside 24 KB..1 GB (the host VM starts in 24 KB;
 * the smallest board heap, nucleo_f401re's, is 28 KB). The Virtual board's heap grows on demand
 * up to 64 MB by default; a size emulates a board's RAM.
 */
export function parseHeapSize(text: string): number | undefined {
  const m = /^(\d+)([kmg]?)b?$/i.exec(text.trim());
  if (!m) return undefined;
  const bytes = Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2].toLowerCase()];
  return bytes >= 24 * 1024 && bytes <= 1024 ** 3 ? bytes : undefined;
}

/** The `viper-vm` arguments that give the Virtual board a heap of `bytes` (none: the default). */
export function heapArgs(bytes?: number): string[] {
  return bytes === undefined ? [] : ['--heap', String(bytes)];
}

/** Starts a fresh Virtual board. Its stderr is passed to `onLog` (VM diagnostics, never program output). */
export function startVirtualBoard(onLog: (text: string) => void = () => {}, extraArgs: string[] = [], env?: NodeJS.ProcessEnv): ProcessTransport {
  const child = spawn(hostVmPath(), ['--link', ...extraArgs], { stdio: 'pipe', env: { ...process.env, ...env } });
  child.stderr.on('data', (b: Buffer) => onLog(b.toString()));
  return new ProcessTransport(child);
}

export interface PtyBoardOptions {
  /** Keep the stored program in this file across VM restarts (two slots, atomic). */
  storeFile?: string;
  /** Run the stored program at start when it was uploaded with "run at boot". */
  autorun?: boolean;
  /** The most the heap may grow to, in bytes (parseHeapSize); the VM's default (64 MB) if absent. */
  heapBytes?: number;
  /** Extra environment (fault-injection tests). */
  env?: NodeJS.ProcessEnv;
}

export interface PtyBoard {
  /** The pseudo-terminal to open like a serial port. */
  path: string;
  child: ChildProcess;
  /** Resolves with how the VM ended. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/** Starts the host VM serving the link on a pseudo-terminal it opens itself (`viper-vm --pty`). */
export function startPtyBoard(options: PtyBoardOptions = {}): Promise<PtyBoard> {
  const args = ['--pty', ...heapArgs(options.heapBytes), ...(options.storeFile ? ['--store-file', options.storeFile] : []), ...(options.autorun ? ['--autorun'] : [])];
  const child = spawn(hostVmPath(), args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const exited = new Promise<string>(resolve => child.once('exit', (code, signal) => resolve(signal ? `killed (${signal})` : `exited (code ${code})`)));
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (b: Buffer) => {
      text += b.toString();
      const nl = text.indexOf('\n');
      if (nl < 0) return;
      child.stdout!.off('data', onData);
      resolve({
        path: text.slice(0, nl).trim(), child, exited,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) { child.kill('SIGTERM'); await exited; }
        },
      });
    };
    child.stdout!.on('data', onData);
    child.once('error', reject);
    void exited.then(how => reject(new Error(`the VM ${how} before opening its pty`)));
  });
}
