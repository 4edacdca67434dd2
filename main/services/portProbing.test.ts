// The service's port list says where a Viper VM answers, found out in the background over real
// ports: the host VM on its own pty, a fake VM behind a "CH340" reporting its board, a silent pty,
// one that answers garbage, and a path that is no port. A port a session has open is not probed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEvent, PortEntry } from '../common/api';
import type { PortInfo } from '../devices/portInfo';
import { probeVm } from '../devices/probeVm';
import { startFakeVm } from '../devices/testing/fakeVm';
import { startGarbageBoard } from '../devices/testing/garbageBoard';
import { openPtyPair, type PtyPair } from '../devices/testing/ptyPair';
import { startPtyBoard, type PtyBoard } from '../devices/virtualBoard';
import { createViperService, type ViperService } from './viperService';

describe('listPorts with background VM probing', () => {
  let tmp: string;
  let board: PtyBoard;
  let silent: PtyPair, noisy: PtyPair, adapter: PtyPair;
  let closeOthers: () => Promise<void>;
  let service: ViperService;
  let plugged: PortInfo[];
  const probed: string[] = [];

  beforeEach(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'viper-probing-'));
    board = await startPtyBoard();
    [silent, noisy, adapter] = await Promise.all([openPtyPair(), openPtyPair(), openPtyPair()]);
    const garbage = await startGarbageBoard(noisy.board);
    const fake = await startFakeVm(adapter.board, { boardId: 'nucleo_f401re' });
    closeOthers = async () => { await garbage.close(); await fake.close(); };
    plugged = [{ path: board.path }, { path: silent.host }, { path: noisy.host }, { path: adapter.host, vendorId: '1a86', productId: '7523' }, { path: '/dev/ttyNOPE9' }];
    probed.length = 0;
    service = createViperService({
      projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings'), listPorts: async () => plugged,
      probePort: path => { probed.push(path); return probeVm(path, { timeoutMs: 400 }); },   // the real probe, counted
    });
  });
  afterEach(async () => {
    await service.dispose();
    await closeOthers();
    await board.stop();
    await Promise.all([silent, noisy, adapter].map(p => p.close()));
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Lists until nothing is being probed any more. */
  async function listUntilKnown(): Promise<{ ports: PortEntry[]; ms: number }> {
    const t0 = Date.now();
    for (;;) {
      const ports = await service.listPorts();
      if (!ports.some(p => p.vm?.status === 'probing')) return { ports, ms: Date.now() - t0 };
      await new Promise(r => setTimeout(r, 50));
    }
  }

  it('answers at once, then within 2 s tells which ports have a VM and which board it reports', async () => {
    const t0 = Date.now();
    const first = await service.listPorts();
    expect(Date.now() - t0).toBeLessThan(100);
    expect(first.map(p => p.vm)).toEqual(plugged.map(() => ({ status: 'probing' })));

    const { ports, ms } = await listUntilKnown();
    expect(ms).toBeLessThan(2000);
    expect(ports).toEqual([
      { path: board.path, vm: { status: 'ready', vmVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/), boardId: 'virtual' } },
      { path: silent.host, vm: { status: 'none' } },
      { path: noisy.host, vm: { status: 'none' } },
      // A generic adapter whose VM names a board Viper knows: no need to ask the person.
      { path: adapter.host, vendorId: '1a86', productId: '7523', usbName: 'WCH CH340 USB-serial', board: 'nucleo_f401re', vm: { status: 'ready', vmVersion: '0.3.1', boardId: 'nucleo_f401re' } },
      { path: '/dev/ttyNOPE9', vm: { status: 'none' } },
    ]);
    await service.listPorts();
    expect(probed.sort()).toEqual(plugged.map(p => p.path).sort());    // each port once: the answers are kept
  });

  it('does not probe a port while a session has it open, and probes it again when the session ends', async () => {
    plugged = [{ path: board.path }];
    const events: DeviceEvent[] = [];
    service.onEvent(e => events.push(e));
    const done = new Promise(resolve => service.onEvent(e => { if (e.kind === 'done') resolve(e.status); }));
    expect(await service.run({ boardId: board.path, file: 'main.py', source: 'print("hi")\n' })).toEqual({ ok: true });
    expect(await done).toBe('ok');
    const during = await service.listPorts();
    expect(during[0].vm).toMatchObject({ status: 'ready', boardId: 'virtual' });   // from the session's own HELLO
    await new Promise(r => setTimeout(r, 300));
    expect(probed).toEqual([]);

    const closed = new Promise(resolve => service.onEvent(e => { if (e.kind === 'state' && e.state === 'disconnected') resolve(e); }));
    await board.stop();                               // the session ends: what was known is stale
    await closed;
    const { ports } = await listUntilKnown();
    expect(probed).toEqual([board.path]);
    expect(ports[0].vm).toEqual({ status: 'none' });  // nobody answers on the vanished pty
  });
});
