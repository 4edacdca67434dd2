// Fault injection: bytes dropped, duplicated or corrupted at every point of an upload, the
// link killed mid-upload, a power cut while the VM stores, the VM restarted mid-frame. After
// each the session recovers (or says clearly what failed) and the stored program is the old
// one or the new one, never a mixture.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualBoard } from '../devices/virtualBoard';
import { DeviceSession, LinkError } from './session';
import { FaultyTransport, type FaultKind } from './testing/faultyTransport';
import { image } from './testing/programs';

const programs = [image('print("old program")\n'), image('x = 0\nfor i in range(5):\n    x = x + i * 10\nprint("new program", x)\n')];
const outputs = ['old program\n', 'new program 100\n'];
const dir = mkdtempSync(join(tmpdir(), 'viper-faults-'));

async function runOutput(session: DeviceSession): Promise<string> {
  let out = '';
  const on = (t: string) => { out += t; };
  session.on('output', on);
  await session.runToEnd();
  session.off('output', on);
  return out;
}

describe('fault injection on the link', () => {
  jest.setTimeout(120000);

  it.each<[FaultKind, 'toBoard' | 'toHost']>([
    ['drop', 'toBoard'], ['duplicate', 'toBoard'], ['corrupt', 'toBoard'],
    ['drop', 'toHost'], ['duplicate', 'toHost'], ['corrupt', 'toHost'],
  ])('%s one byte %s at every point of an upload', async (kind, direction) => {
    const faulty = new FaultyTransport(startVirtualBoard());
    const session = new DeviceSession(faulty, { timeoutMs: 50, attempts: 5, chunkSize: 24 });
    try {
      await session.hello();
      await session.upload(programs[0]);
      // measure clean uploads: how many bytes go each way (the shorter program's count)
      const spans: number[] = [];
      for (const p of programs) {
        const [toBoard, toHost] = [faulty.bytesToBoard, faulty.bytesToHost];
        await session.upload(p);
        spans.push(direction === 'toBoard' ? faulty.bytesToBoard - toBoard : faulty.bytesToHost - toHost);
      }
      const span = Math.min(...spans);
      let recovered = 0;
      for (let at = 0; at < span; at++) {
        const target = at % 2;            // alternate old/new so a mixture would show
        await session.upload(programs[1 - target]);
        faulty.inject({ direction, at, kind });
        try {
          await session.upload(programs[target]);
          recovered++;
          expect(await runOutput(session)).toBe(outputs[target]);
        } catch (err) {
          // a clear error is acceptable; the stored program must then be either one, whole
          if (!(err instanceof LinkError)) throw new Error(`at ${at}: ${(err as Error).message}`);
          expect(outputs).toContain(await runOutput(session));
        }
      }
      expect(recovered).toBe(span);       // with retries, one damaged byte never fails an upload
      expect(session.droppedFrames + (await session.status()).droppedFrames).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  });

  it('a power cut while the VM stores leaves the old program, at every point of the commit', async () => {
    const storeFile = join(dir, `cut-${Date.now()}.store`);
    const setup = new DeviceSession(startVirtualBoard(() => {}, ['--store-file', storeFile]));
    await setup.upload(programs[0]);
    await setup.close();
    const total = programs[1].length + 32;
    for (const cut of [0, 1, Math.floor(total / 2), programs[1].length, total - 1]) {
      const vm = new DeviceSession(startVirtualBoard(() => {}, ['--store-file', storeFile], { VIPER_STORE_CRASH_AFTER: String(cut) }), { timeoutMs: 300, attempts: 1 });
      await expect(vm.upload(programs[1])).rejects.toThrow(/disconnected|did not answer/);
      await vm.close();
      const after = new DeviceSession(startVirtualBoard(() => {}, ['--store-file', storeFile]));
      expect(await runOutput(after)).toBe(outputs[0]);
      await after.close();
    }
  });

  it('the link killed mid-upload: the old program stays, a new session uploads again', async () => {
    const storeFile = join(dir, `kill-${Date.now()}.store`);
    const first = new DeviceSession(startVirtualBoard(() => {}, ['--store-file', storeFile]), { chunkSize: 16 });
    await first.upload(programs[0]);
    const uploading = first.upload(programs[1], { onProgress: sent => { if (sent >= 32) void first.close(); } });
    await expect(uploading).rejects.toThrow(LinkError);
    const second = new DeviceSession(startVirtualBoard(() => {}, ['--store-file', storeFile]));
    expect(await runOutput(second)).toBe(outputs[0]);
    await second.upload(programs[1]);
    expect(await runOutput(second)).toBe(outputs[1]);
    await second.close();
  });

  it('the VM reset mid-frame: the session resends and goes on', async () => {
    const storeFile = join(dir, `reset-${Date.now()}.store`);
    const board = startVirtualBoard(() => {}, ['--store-file', storeFile]);
    const faulty = new FaultyTransport(board);
    const session = new DeviceSession(faulty, { timeoutMs: 100, attempts: 3 });
    await session.upload(programs[0]);
    // half a frame reaches the old VM, then a fresh VM (same storage) takes over the cable
    faulty.write(new Uint8Array([0x09, 0x03, 0x01, 0x55, 0x66]));
    const fresh = startVirtualBoard(() => {}, ['--store-file', storeFile]);
    faulty.replace(fresh);
    fresh.write(new Uint8Array([0x77, 0x88]));   // the rest of a frame: garbage to the new VM
    expect((await session.hello()).boardId).toBe('virtual');
    expect(await runOutput(session)).toBe(outputs[0]);
    await session.upload(programs[1]);
    expect(await runOutput(session)).toBe(outputs[1]);
    await fresh.close();
    await board.close();
  });
});
