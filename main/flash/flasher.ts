// What every way of burning the VM onto a board has in common: progress, cancel, verify, and
// errors that say what happened and what the person can do about it.
export type FlashMethod = 'stm32-uart' | 'samba' | 'stlink-drive' | 'dfu';
export type FlashPhase = 'connect' | 'erase' | 'write' | 'verify' | 'boot';

export interface FlashProgress { phase: FlashPhase; done: number; total: number }

export interface FlashJob {
  image: Uint8Array;
  signal?: AbortSignal;
  onProgress?(progress: FlashProgress): void;
}

export interface Flasher {
  readonly method: FlashMethod;
  /** Writes `image`, reads it back to verify, and starts it. Rejects with a FlashError. */
  flash(job: FlashJob): Promise<void>;
}

export class FlashError extends Error {
  /** `message` says what happened; `hint` what the person can do. */
  constructor(message: string, readonly hint: string, readonly cancelled = false) {
    super(message);
    this.name = 'FlashError';
  }
  override toString(): string { return `${this.message}. ${this.hint}`; }
}

export function cancelledError(): FlashError {
  return new FlashError('burning the VM was cancelled', 'The board may hold a partly written VM: burn it again before using it.', true);
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError();
}
