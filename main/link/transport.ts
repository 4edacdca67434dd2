// A byte stream to a board. The session does not care whether it is a pipe, a pty or a UART.
export interface Transport {
  write(bytes: Uint8Array): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Called once when the stream ends, with a reason a person can read. */
  onClose(listener: (reason: string) => void): void;
  close(): Promise<void>;
}
