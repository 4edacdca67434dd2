// Probing real ptys: one with a fake VM answering real link frames, one with nobody there.
import { probeVm } from './probeVm';
import { openPtyPair, type PtyPair } from './testing/ptyPair';
import { startFakeVm } from './testing/fakeVm';

describe('probeVm', () => {
  let pair: PtyPair;
  beforeEach(async () => { pair = await openPtyPair(); });
  afterEach(async () => { await pair.close(); });

  it('reads the VM\'s INFO when a VM answers', async () => {
    const vm = await startFakeVm(pair.board, { boardId: 'nucleo_f401re', chipId: 'stm32f401' });
    try {
      expect(await probeVm(pair.host)).toMatchObject({ protocolVersion: 1, vmVersion: '0.3.1', boardId: 'nucleo_f401re', chipId: 'stm32f401' });
      expect(await probeVm(pair.host)).toMatchObject({ boardId: 'nucleo_f401re' }); // the port was closed and can be probed again
    } finally { await vm.close(); }
  });

  it('gives up quickly when nothing answers', async () => {
    const t0 = Date.now();
    expect(await probeVm(pair.host, { timeoutMs: 200 })).toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('gives undefined for a port that does not exist', async () => {
    expect(await probeVm(`${pair.host}-gone`)).toBeUndefined();
  });
});
