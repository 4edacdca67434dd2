// Test helper: a pair of connected pseudo-terminals made by socat, standing in for a cable
// between the IDE (one end) and a board (the other end).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The end the IDE opens. */
  host: string;
  /** The end the simulated board opens. */
  board: string;
  close(): Promise<void>;
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'viper-pty-'));
  const host = join(dir, 'host');
  const board = join(dir, 'board');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${board}`], { stdio: 'ignore' });
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(host) && existsSync(board))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('socat did not make a pty pair');
    await new Promise(r => setTimeout(r, 20));
  }
  return {
    host, board,
    async close() {
      if (child.exitCode === null && child.signalCode === null) { child.kill('SIGTERM'); await exited; }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
