// Background probing against real ports: the host VM on its own pty (viper-vm --pty), a socat pty
// pair whose board end is silent or answers garbage, and a path that is no port at all.
import { PortProber } from './portProber';
import { probeVm } from './probeVm';
import { startGarbageBoard } from './testing/garbageBoard';
import { openPtyPair, type PtyPair } from './testing/ptyPair';
import { startPtyBoard, type PtyBoard } from './virtualBoard';

describe('PortProber', () => {
  let board: PtyBoard;
  let silent: PtyPair;
  let noisy: PtyPair;
  let prober: PortProber;
  const asked: string[] = [];
  // The real probe, counted: how often a port was opened is what these tests are about.
  const countedProbe = (path: string) => { asked.push(path); return probeVm(path, { timeoutMs: 300 }); };

  beforeAll(async () => { board = await startPtyBoard(); });
  afterAll(async () => { await board.stop(); });
  beforeEach(async () => {
    asked.length = 0;
    [silent, noisy] = await Promise.all([openPtyPair(), openPtyPair()]);
    prober = new PortProber({ probe: countedProbe, deadlineMs: 1500 });
  });
  afterEach(async () => { await prober.stop(); await Promise.all([silent.close(), noisy.close()]); });

  it('answers at once with "probing", then tells the VM port from silent, garbage and missing ones', async () => {
    const garbage = await startGarbageBoard(noisy.board);
    try {
      const missing = `${silent.host}-gone`;
      const paths = [board.path, silent.host, noisy.host, missing];
      const t0 = Date.now();
      prober.update(paths);
      expect(paths.map(p => prober.status(p).status)).toEqual(['probing', 'probing', 'probing', 'probing']);
      await prober.settled();
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(prober.status(board.path)).toEqual({ status: 'ready', info: expect.objectContaining({ boardId: 'virtual', vmVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) }) });
      expect([silent.host, noisy.host, missing].map(p => prober.status(p))).toEqual([{ status: 'none' }, { status: 'none' }, { status: 'none' }]);
    } finally { await garbage.close(); }
  });

  it('keeps each answer until the port goes away, then probes it afresh when it comes back', async () => {
    prober.update([board.path, silent.host]);
    await prober.settled();
    prober.update([board.path, silent.host]);
    prober.update([board.path, silent.host]);
    await prober.settled();
    expect(asked).toEqual([board.path, silent.host]);

    prober.update([board.path]);                     // the silent port was unplugged
    prober.update([board.path, silent.host]);        // and plugged in again
    await prober.settled();
    expect(asked).toEqual([board.path, silent.host, silent.host]);
  });

  it('never probes a port a session holds; shows the session\'s VM, and probes again after it ends', async () => {
    await prober.hold(board.path);
    prober.update([board.path]);
    await prober.settled();
    expect(asked).toEqual([]);
    expect(prober.status(board.path)).toEqual({ status: 'in-use' });
    const info = await probeVm(board.path);        // stands for the session's own HELLO
    prober.noteSession(board.path, info!);
    expect(prober.status(board.path)).toMatchObject({ status: 'ready', info: { boardId: 'virtual' } });

    prober.release(board.path);
    expect(prober.status(board.path)).toEqual({ status: 'probing' });
    prober.update([board.path]);
    await prober.settled();
    expect(asked).toEqual([board.path]);
    expect(prober.status(board.path)).toMatchObject({ status: 'ready' });
  });

  it('a session waits for a probe already on its port before opening it', async () => {
    prober.update([board.path]);
    await prober.hold(board.path);                 // resolves only once the probe has closed the port
    expect(asked).toEqual([board.path]);
    expect(await probeVm(board.path)).toMatchObject({ boardId: 'virtual' });   // the port is free again
    prober.release(board.path);
  });

  it('gives up on a probe that hangs past the deadline, and survives one that throws', async () => {
    const slow = new PortProber({ probe: path => probeVm(path, { timeoutMs: 10_000 }), deadlineMs: 400 });
    const throwing = new PortProber({ probe: async () => { throw new Error('EIO'); } });
    try {
      const t0 = Date.now();
      slow.update([silent.host]);
      throwing.update(['/dev/ttyERR']);
      await Promise.all([slow.settled(), throwing.settled()]);
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(slow.status(silent.host)).toEqual({ status: 'none' });
      expect(throwing.status('/dev/ttyERR')).toEqual({ status: 'none' });
    } finally { await Promise.all([slow.stop(), throwing.stop()]); }
  });
});
