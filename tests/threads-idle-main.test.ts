// The main program sleeping above a busy lower thread wakes as often as its sleep and the link
// need (every 50 ms at most), not at every poll of the busy thread. A wake handed through the
// condition variable once left a byte in the main thread's wake pipe that ended its next
// link-serving sleep at once: the main thread then woke every ~1,000 backward jumps of the busy
// thread, two switches each time, and the busy thread ran at ~40% of its speed. Counted here as
// the VM process's voluntary context switches (blocking waits), which load does not inflate.
import { readFileSync, readdirSync } from 'node:fs';
import { compile } from '../compiler/src/index';
import { openSession } from '../main/devices/connect';
import { startPtyBoard } from '../main/devices/virtualBoard';
import { SerialTransport } from '../main/link/serialTransport';

const PROGRAM = `
import time
running = True
def spin():
    n = 0
    while running:
        n += 1
worker = thread(spin, prio=PRIO_LOWEST)
time.sleep_ms(500)
running = False
worker.join()
print("ok")
`;

/** Voluntary context switches of each of the process's threads (tid -> count). */
function voluntarySwitches(pid: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const m = /voluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
      if (m) counts.set(tid, Number(m[1]));
    } catch { /* the thread ended meanwhile */ }
  }
  return counts;
}

const linux = process.platform === 'linux';
(linux ? it : it.skip)('a main program sleeping above a busy PRIO_LOWEST thread wakes about every 50 ms, not at its every poll', async () => {
  const board = await startPtyBoard();
  const { session } = await openSession(await SerialTransport.open(board.path), { timeoutMs: 1000 });
  try {
    let out = '';
    session.on('output', (t: string) => { out += t; });
    const { image } = compile(PROGRAM, 'main.py');
    await session.upload(image!);
    const pid = board.child.pid!;
    const before = voluntarySwitches(pid).get(String(pid)) ?? 0;
    expect(await session.runToEnd()).toBe('ok');
    const after = voluntarySwitches(pid).get(String(pid)) ?? 0;
    expect(out).toBe('ok\n');
    // 500 ms of sleep in 50 ms waits, each wake handing the interpreter lock over and back: a few
    // dozen (21 measured). The stale wake made it 20,713.
    expect(after - before).toBeLessThan(150);
  } finally {
    await session.close();
    await board.stop();
  }
});
