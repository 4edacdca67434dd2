// "Run at boot" through the real service, on the host VM serving a pty as a board does
// (`viper-vm --pty --store-file F --autorun`): Run with runAtBoot stores the program flagged, the
// device bar hears what the board keeps, and the board restarted runs the program by itself.
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGE_FORMAT_VERSION } from '../../compiler/src/bytecode/format';
import type { DeviceEvent } from '../common/api';
import { openPtyPair, type PtyPair } from '../devices/testing/ptyPair';
import { startFakeVm } from '../devices/testing/fakeVm';
import { startPtyBoard, type PtyBoard } from '../devices/virtualBoard';
import { SerialTransport } from '../link/serialTransport';
import { openSession } from '../devices/connect';
import { FrameReader } from '../link/frame';
import { FRAME_TYPES } from '../link/protocol';
import { createViperService, type ViperService } from './viperService';

const PROGRAM = 'print("booted", 6 * 7)\n';

describe('run at boot', () => {
  let tmp: string;
  let storeFile: string;
  let board: PtyBoard | undefined;
  let service: ViperService;
  let plugged: string[];
  let events: DeviceEvent[];

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'viper-run-at-boot-'));
    storeFile = join(tmp, 'board.store');
    plugged = [];
    events = [];
    service = newService();
  });

  function newService(): ViperService {
    const created = createViperService({
      projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings'),
      listPorts: async () => plugged.map(path => ({ path })),
      probePort: async () => undefined,      // no background probe competing for the pty
    });
    created.onEvent(e => events.push(e));
    return created;
  }

  afterEach(async () => {
    await service.dispose();
    await board?.stop();
    board = undefined;
    rmSync(tmp, { recursive: true, force: true });
  });

  /** The board as a person plugs it in: the host VM keeping its program in `storeFile`. */
  async function plugIn(): Promise<string> {
    board = await startPtyBoard({ storeFile, autorun: true });
    plugged = [board.path];
    return board.path;
  }

  /** Runs through the service and waits until the board says the program ended. */
  async function runToDone(boardId: string, runAtBoot?: boolean): Promise<string> {
    const done = new Promise<string>(resolve => service.onEvent(e => { if (e.kind === 'done' && e.boardId === boardId) resolve(e.status); }));
    expect(await service.run({ boardId, file: 'main.py', source: PROGRAM, ...(runAtBoot === undefined ? {} : { runAtBoot }) })).toEqual({ ok: true });
    return done;
  }

  const programEvents = (boardId: string) => events.flatMap(e => e.kind === 'program' && e.boardId === boardId ? [e.program] : []);

  /** Restarts the board (a reset, or power): the IDE lets go of the port, as when the cable is pulled. */
  async function restart(): Promise<string> {
    await service.dispose();
    await board!.stop();
    const path = await plugIn();
    events = [];
    service = newService();
    return path;
  }

  /** Restarts the board (a reset, or power) and reads what it printed by itself within `ms`:
   *  the pty keeps those frames for whoever opens it. */
  async function restartAndListen(ms: number): Promise<{ output: string; runs: number; runAtBoot: boolean; stored: boolean }> {
    const path = await restart();
    await new Promise(r => setTimeout(r, ms));
    const decoder = new TextDecoder();
    let output = '', runs = 0;
    const reader = new FrameReader(frame => {
      if (frame.type === FRAME_TYPES.STDOUT) output += decoder.decode(frame.payload, { stream: true });
      if (frame.type === FRAME_TYPES.DONE) runs++;
    });
    // read the pty raw: opening it as a serial port would flush what waits there
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const chunk = Buffer.alloc(4096);
    try {
      for (const until = Date.now() + 200; Date.now() < until;) {
        let n = 0;
        try { n = readSync(fd, chunk); } catch (err) { if ((err as { code?: string }).code !== 'EAGAIN') throw err; }
        if (n > 0) reader.push(chunk.subarray(0, n));
        else await new Promise(r => setTimeout(r, 10));
      }
    } finally { closeSync(fd); }
    const { session } = await openSession(await SerialTransport.open(path));
    const status = await session.status();
    await session.close();
    return { output, runs, runAtBoot: status.runAtBoot, stored: status.programStored };
  }

  it('stores the program to run at boot, says so, and the board restarted runs it by itself', async () => {
    const path = await plugIn();
    expect(await runToDone(path, true)).toBe('ok');
    expect(events.filter(e => e.kind === 'output').map(e => e.kind === 'output' && e.text).join('')).toBe('booted 42\n');
    // on connecting: nothing stored yet; after the upload: the board's own word that it keeps it to run at boot
    expect(programEvents(path)).toEqual([{ keeps: true, stored: false, runAtBoot: false }, { keeps: true, stored: true, runAtBoot: true }]);
    expect(await restartAndListen(500)).toEqual({ output: 'booted 42\n', runs: 1, runAtBoot: true, stored: true });
  }, 20000);

  it('a Run without it keeps the program but the board restarted waits for the IDE', async () => {
    const path = await plugIn();
    expect(await runToDone(path, true)).toBe('ok');
    expect(await runToDone(path, false)).toBe('ok');      // the same program, now without the flag
    expect(programEvents(path).at(-1)).toEqual({ keeps: true, stored: true, runAtBoot: false });
    expect(await restartAndListen(500)).toEqual({ output: '', runs: 0, runAtBoot: false, stored: true });
  }, 20000);

  it('a Run that does not say leaves it as the board had it', async () => {
    const path = await plugIn();
    expect(await runToDone(path, true)).toBe('ok');
    expect(await runToDone(path)).toBe('ok');              // no runAtBoot: as the program it replaces
    expect(programEvents(path).at(-1)).toEqual({ keeps: true, stored: true, runAtBoot: true });
    expect(await restartAndListen(500)).toEqual({ output: 'booted 42\n', runs: 1, runAtBoot: true, stored: true });
  }, 20000);

  it('the board reconnected tells the IDE that it keeps a program to run at boot', async () => {
    const path = await plugIn();
    expect(await runToDone(path, true)).toBe('ok');
    const again = await restart();
    expect(await service.exec({ boardId: again, source: '1 + 1' })).toEqual({ ok: true });
    expect(programEvents(again)).toEqual([{ keeps: true, stored: true, runAtBoot: true }]);
  }, 20000);

  it('the board restarted running a program that never ends: the IDE shows it running, Run stops it and runs the new one', async () => {
    const path = await plugIn();
    const forever = 'import time\nwhile True:\n    print("tick")\n    time.sleep_ms(20)\n';
    expect(await service.run({ boardId: path, file: 'main.py', source: forever, runAtBoot: true })).toEqual({ ok: true });
    const again = await restart();
    const dones = () => events.filter(e => e.kind === 'done').map(e => e.kind === 'done' && e.status);
    expect(await service.run({ boardId: again, file: 'main.py', source: PROGRAM })).toEqual({ ok: true });   // no BUSY: the boot program was stopped first
    for (const until = Date.now() + 5000; dones().length < 2 && Date.now() < until;) await new Promise(r => setTimeout(r, 20));
    const states = events.flatMap(e => e.kind === 'state' ? [`${e.state}${e.detail ? ` ${e.detail}` : ''}`] : []);
    expect(states.slice(0, 2)).toEqual(['connecting', 'running the program stored to run at boot']);
    expect(dones()).toEqual(['stopped', 'ok']);
    const output = events.filter(e => e.kind === 'output').map(e => e.kind === 'output' && e.text).join('');
    expect(output.endsWith('booted 42\n')).toBe(true);
    expect(output.replace(/(tick\n)*/, '')).toBe('booted 42\n');   // the boot program's ticks, then the new program
    expect(programEvents(again).at(-1)).toEqual({ keeps: true, stored: true, runAtBoot: true });   // not asked otherwise
  }, 20000);

  describe('on the Virtual board, which keeps its program in the settings folder', () => {
    const outputText = () => events.filter(e => e.kind === 'output').map(e => e.kind === 'output' && e.text).join('');
    const dones = () => events.filter(e => e.kind === 'done').map(e => e.kind === 'done' && e.status);
    async function until(test: () => boolean, ms = 5000): Promise<void> {
      for (const end = Date.now() + ms; !test() && Date.now() < end;) await new Promise(r => setTimeout(r, 20));
    }

    it('started again, it runs the program stored to run at boot; Run stops it first', async () => {
      const forever = 'import time\nwhile True:\n    print("tick")\n    time.sleep_ms(20)\n';
      expect(await service.run({ boardId: 'virtual', file: 'main.py', source: forever, runAtBoot: true })).toEqual({ ok: true });
      await until(() => outputText().includes('tick'));
      await service.setVirtualBoardRam({ ram: 'nucleo_f401re' });   // a new heap: the VM starts again
      events = [];
      expect(await service.run({ boardId: 'virtual', file: 'main.py', source: PROGRAM })).toEqual({ ok: true });
      await until(() => dones().length >= 2);
      const states = events.flatMap(e => e.kind === 'state' ? [`${e.state}${e.detail ? ` ${e.detail}` : ''}`] : []);
      expect(states.slice(0, 2)).toEqual(['connecting', 'running the program stored to run at boot']);
      expect(dones()).toEqual(['stopped', 'ok']);
      expect(outputText()).toMatch(/^(tick\n)+booted 42\n$/);
      expect(programEvents('virtual')).toEqual([{ keeps: true, stored: true, runAtBoot: true }, { keeps: true, stored: true, runAtBoot: true }]);
    }, 20000);

    it('the IDE started again finds it keeping the program, and shows what it printed at boot', async () => {
      expect(await runToDone('virtual', true)).toBe('ok');
      await service.dispose();
      events = [];
      service = newService();                                  // the same settings folder
      expect(await service.run({ boardId: 'virtual', file: 'main.py', source: 'print("then", 1)\n' })).toEqual({ ok: true });
      await until(() => outputText().includes('then 1'));
      expect(outputText()).toBe('booted 42\nthen 1\n');     // the boot program's output is not lost
      expect(programEvents('virtual')[0]).toEqual({ keeps: true, stored: true, runAtBoot: true });
    }, 20000);
  });

  it('a prompt entry while the boot program runs is refused, saying why; after Stop it runs', async () => {
    const path = await plugIn();
    const forever = 'import time\nwhile True:\n    time.sleep_ms(20)\n';
    expect(await service.run({ boardId: path, file: 'main.py', source: forever, runAtBoot: true })).toEqual({ ok: true });
    const again = await restart();
    expect(await service.exec({ boardId: again, source: '1 + 1' })).toEqual({ ok: false, error: expect.stringMatching(/a program is running/) });
    expect(events).toContainEqual({ kind: 'state', boardId: again, state: 'running', detail: 'the program stored to run at boot' });
    expect(events.filter(e => e.kind === 'state').at(-1)).toEqual({ kind: 'state', boardId: again, state: 'running' });   // still: Stop stays offered
    await service.stop({ boardId: again });
    for (const end = Date.now() + 3000; !events.some(e => e.kind === 'done') && Date.now() < end;) await new Promise(r => setTimeout(r, 20));
    expect(await service.exec({ boardId: again, source: '1 + 1' })).toEqual({ ok: true });
  }, 20000);

  describe('on a board whose VM is too old to say what it keeps (link protocol v1)', () => {
    let pair: PtyPair;
    let fake: { close(): Promise<void> };
    beforeEach(async () => {
      pair = await openPtyPair();
      fake = await startFakeVm(pair.board, { boardId: 'nucleo_f401re', imageFormatVersion: IMAGE_FORMAT_VERSION });
      plugged = [pair.host];
    });
    afterEach(async () => { await fake.close(); await pair.close(); });

    it('refuses to store a program to run at boot, and says why', async () => {
      const result = await service.run({ boardId: pair.host, file: 'main.py', source: PROGRAM, runAtBoot: true });
      expect(result).toEqual({ ok: false, error: expect.stringMatching(/too old to run a program at boot: burn the VM/) });
      expect(programEvents(pair.host)).toEqual([{ keeps: false }]);
    }, 10000);
  });
});
