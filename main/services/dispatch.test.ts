// Messages from the renderer are untrusted: anything malformed gets an error answer, never a call.
import { dispatch } from './dispatch';
import { fakeMainApi } from './testing/fakeMainApi';

function recordingApi() {
  const calls: string[] = [];
  const api = fakeMainApi({
    async listBoards() { calls.push('listBoards'); return [{ id: 'virtual', name: 'Virtual board', kind: 'virtual' as const }]; },
    async run(p: { boardId: string; file: string }) { calls.push(`run ${p.boardId} ${p.file}`); return { ok: true as const }; },
    async stop(p: { boardId: string }) { calls.push(`stop ${p.boardId}`); },
  });
  return { api, calls };
}

const RUN = { boardId: 'virtual', file: 'main.py', source: 'import helper' };

describe('dispatch', () => {
  it('passes a run\'s modules on, checked', async () => {
    let got: unknown;
    const api = fakeMainApi({ async run(p: unknown) { got = p; return { ok: true as const }; } });
    const modules = [{ file: 'helper.py', source: 'def f():\n    return 1\n' }, { file: '_util.py', source: '' }];
    expect(await dispatch(api, { id: 1, method: 'run', params: { ...RUN, modules } })).toEqual({ id: 1, result: { ok: true } });
    expect(got).toEqual({ ...RUN, modules });
  });

  it('passes a run\'s "run at boot" on when it is true or false, and leaves it out when absent', async () => {
    const got: unknown[] = [];
    const api = fakeMainApi({ async run(p: unknown) { got.push(p); return { ok: true as const }; } });
    for (const runAtBoot of [true, false, undefined]) {
      expect(await dispatch(api, { id: 1, method: 'run', params: { ...RUN, runAtBoot } })).toEqual({ id: 1, result: { ok: true } });
    }
    expect(got).toEqual([{ ...RUN, runAtBoot: true }, { ...RUN, runAtBoot: false }, RUN]);
    expect(got[2]).not.toHaveProperty('runAtBoot');
  });

  it('calls the method a valid message names', async () => {
    const { api, calls } = recordingApi();
    expect(await dispatch(api, { id: 1, method: 'run', params: { boardId: 'virtual', file: 'main.py', source: 'print(1)' } }))
      .toEqual({ id: 1, result: { ok: true } });
    expect(await dispatch(api, { id: 2, method: 'listBoards' })).toMatchObject({ id: 2, result: [{ id: 'virtual' }] });
    expect(calls).toEqual(['run virtual main.py', 'listBoards']);
  });

  it.each([
    ['not an object', 'hello', /must be an object/],
    ['null', null, /must be an object/],
    ['an array', [1, 2], /must be an object/],
    ['no id', { method: 'listBoards' }, /"id"/],
    ['a fractional id', { id: 1.5, method: 'listBoards' }, /"id"/],
    ['an unknown method', { id: 3, method: 'formatDisk' }, /unknown method "formatDisk"/],
    ['a prototype method', { id: 3, method: 'constructor' }, /unknown method/],
    ['a missing parameter', { id: 4, method: 'run', params: { boardId: 'virtual', file: 'main.py' } }, /"source" must be a string/],
    ['a wrongly typed parameter', { id: 5, method: 'stop', params: { boardId: 7 } }, /"boardId" must be a string/],
    ['an extra parameter', { id: 6, method: 'stop', params: { boardId: 'virtual', force: true } }, /unexpected parameter "force"/],
    ['params that are not an object', { id: 7, method: 'stop', params: 'virtual' }, /"params" must be an object/],
    ['an oversized source', { id: 8, method: 'run', params: { boardId: 'v', file: 'm.py', source: 'x'.repeat((1 << 20) + 1) } }, /longer than/],
    ['exec without a source', { id: 9, method: 'exec', params: { boardId: 'virtual' } }, /"source" must be a string/],
    ['exec with a number as source', { id: 10, method: 'exec', params: { boardId: 'virtual', source: 42 } }, /"source" must be a string/],
    ['exec with a file name', { id: 11, method: 'exec', params: { boardId: 'virtual', source: '1', file: 'x.py' } }, /unexpected parameter "file"/],
    ['an oversized REPL entry', { id: 12, method: 'exec', params: { boardId: 'virtual', source: 'x'.repeat((64 << 10) + 1) } }, /longer than 65536/],
    ['reset without a board', { id: 13, method: 'reset', params: {} }, /"boardId" must be a string/],
    ['reset with an extra key', { id: 14, method: 'reset', params: { boardId: 'virtual', hard: true } }, /unexpected parameter "hard"/],
    ['sendInput without text', { id: 15, method: 'sendInput', params: { boardId: 'virtual' } }, /"text" must be a string/],
    ['sendInput with empty text', { id: 16, method: 'sendInput', params: { boardId: 'virtual', text: '' } }, /"text" must not be empty/],
    ['sendInput with an array', { id: 17, method: 'sendInput', params: { boardId: 'virtual', text: ['bob\n'] } }, /"text" must be a string/],
    ['oversized input', { id: 18, method: 'sendInput', params: { boardId: 'virtual', text: 'x'.repeat(4097) } }, /longer than 4096/],
    ['modules that are not an array', { id: 19, method: 'run', params: { ...RUN, modules: { 'helper.py': '' } } }, /"modules" must be an array/],
    ['a module that is not an object', { id: 20, method: 'run', params: { ...RUN, modules: ['helper.py'] } }, /"modules\[0\]" must be an object/],
    ['a module name with a path', { id: 21, method: 'run', params: { ...RUN, modules: [{ file: '../etc/x.py', source: '' }] } }, /Python identifier/],
    ['a module name that is no identifier', { id: 22, method: 'run', params: { ...RUN, modules: [{ file: 'my-helper.py', source: '' }] } }, /Python identifier/],
    ['a module without .py', { id: 23, method: 'run', params: { ...RUN, modules: [{ file: 'helper', source: '' }] } }, /Python identifier/],
    ['a module named twice', { id: 24, method: 'run', params: { ...RUN, modules: [{ file: 'a.py', source: '' }, { file: 'a.py', source: '' }] } }, /names a.py twice/],
    ['a module named like the program', { id: 25, method: 'run', params: { ...RUN, modules: [{ file: 'main.py', source: '' }] } }, /names main.py twice/],
    ['a module with an extra key', { id: 26, method: 'run', params: { ...RUN, modules: [{ file: 'a.py', source: '', mode: 0o755 }] } }, /unexpected parameter "mode"/],
    ['a module without a source', { id: 27, method: 'run', params: { ...RUN, modules: [{ file: 'a.py' }] } }, /"source" must be a string/],
    ['"run at boot" as a string', { id: 30, method: 'run', params: { ...RUN, runAtBoot: 'true' } }, /"runAtBoot" must be true or false/],
    ['"run at boot" as a number', { id: 31, method: 'run', params: { ...RUN, runAtBoot: 1 } }, /"runAtBoot" must be true or false/],
    ['"run at boot" as null', { id: 32, method: 'run', params: { ...RUN, runAtBoot: null } }, /"runAtBoot" must be true or false/],
    ['too many modules', { id: 28, method: 'run', params: { ...RUN, modules: Array.from({ length: 65 }, (_, i) => ({ file: `m${i}.py`, source: '' })) } }, /more than 64 files/],
    ['modules too large together', { id: 29, method: 'run', params: { ...RUN, modules: Array.from({ length: 5 }, (_, i) => ({ file: `m${i}.py`, source: 'x'.repeat(1 << 20) })) } }, /longer than 4194304/],
  ])('rejects %s', async (_what, message, error) => {
    const { api, calls } = recordingApi();
    const answer = await dispatch(api, message);
    expect('error' in answer && answer.error).toMatch(error);
    expect(calls).toEqual([]);
  });

  it('answers with the error when the service throws', async () => {
    const { api } = recordingApi();
    api.stop = async () => { throw new Error('no such board'); };
    expect(await dispatch(api, { id: 9, method: 'stop', params: { boardId: 'x' } })).toEqual({ id: 9, error: 'no such board' });
  });
});

// ---- tools methods: ports, burning the VM, projects, examples ----
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DeviceEvent } from '../common/api';
import { createViperService, type ViperService } from './viperService';
import { BURNABLE_BOARDS } from '../devices/boardTable';
import { boardWithOwnUsbId } from '../devices/testing/usbBoards';
import { hasFlasher } from '../flash/burnVm';
import { createFlashService } from './flashService';

const own = boardWithOwnUsbId();

describe('dispatch of tools methods', () => {
  it.each([
    ['listPorts with parameters', { id: 1, method: 'listPorts', params: { all: true } }, /unexpected parameter "all"/],
    ['a non-string search text', { id: 2, method: 'listExamples', params: { text: 5 } }, /"text" must be a string/],
    ['an oversized tag', { id: 3, method: 'listExamples', params: { tag: 'x'.repeat(201) } }, /longer than 200/],
    ['a show-all that is not a boolean', { id: 3, method: 'listExamples', params: { board: 'virtual', all: 'yes' } }, /"all" must be true or false/],
    ['a clone without a name', { id: 4, method: 'cloneExample', params: { id: 'hello', board: 'virtual' } }, /"name" must be a string/],
    ['a clone with an empty name', { id: 5, method: 'cloneExample', params: { id: 'hello', name: '  ', board: 'virtual' } }, /"name" must not be empty/],
    ['openProject with a number', { id: 6, method: 'openProject', params: { dir: 1 } }, /"dir" must be a string/],
    ['saveFile without text', { id: 7, method: 'saveFile', params: { dir: '/p', file: 'main.py' } }, /"text" must be a string/],
    ['an oversized file text', { id: 8, method: 'saveFile', params: { dir: '/p', file: 'main.py', text: 'x'.repeat((1 << 20) + 1) } }, /longer than/],
    ['an unknown burn method', { id: 9, method: 'burnVm', params: { board: 'arduino_due', method: 'jtag', target: '/dev/ttyACM0' } }, /"method" must be one of/],
    ['a burn without a target', { id: 10, method: 'burnVm', params: { board: 'arduino_due', method: 'samba' } }, /"target" must be a string/],
    ['cancelBurn with an extra key', { id: 11, method: 'cancelBurn', params: { target: '/dev/x', now: 1 } }, /unexpected parameter "now"/],
  ])('rejects %s', async (_what, message, error) => {
    let called = false;
    const api = { ...recordingApi().api, listPorts: async () => { called = true; return []; } };
    const answer = await dispatch(api, message);
    expect('error' in answer && answer.error).toMatch(error);
    expect(called).toBe(false);
  });

  it.each([
    ['setPortBoard without a board', { id: 12, method: 'setPortBoard', params: { path: '/dev/ttyUSB0' } }, /"board" must be a string/],
    ['recentProjects with parameters', { id: 13, method: 'recentProjects', params: { max: 3 } }, /unexpected parameter "max"/],
    ['createProject with an empty name', { id: 14, method: 'createProject', params: { name: '', board: 'virtual' } }, /"name" must not be empty/],
    ['readFile without a file', { id: 15, method: 'readFile', params: { dir: '/p' } }, /"file" must be a string/],
    ['stashBuffer with a number as text', { id: 16, method: 'stashBuffer', params: { dir: '/p', file: 'main.py', text: 3 } }, /"text" must be a string/],
    ['recoverBuffers with an extra key', { id: 17, method: 'recoverBuffers', params: { dir: '/p', all: true } }, /unexpected parameter "all"/],
    ['discardBuffer with an empty file', { id: 18, method: 'discardBuffer', params: { dir: '/p', file: ' ' } }, /"file" must not be empty/],
    ['deleteFile of main.py', { id: 19, method: 'deleteFile', params: { dir: '/p', file: 'main.py' } }, /must not be main.py/],
    ['deleteFile of a path', { id: 20, method: 'deleteFile', params: { dir: '/p', file: '../x.py' } }, /"file" must be a Python identifier/],
    ['deleteFile of viper.json', { id: 21, method: 'deleteFile', params: { dir: '/p', file: 'viper.json' } }, /"file" must be a Python identifier/],
    ['deleteFile without a dir', { id: 22, method: 'deleteFile', params: { file: 'helper.py' } }, /"dir" must be a string/],
    ['deleteFile with an extra key', { id: 23, method: 'deleteFile', params: { dir: '/p', file: 'helper.py', force: true } }, /unexpected parameter "force"/],
    ['renameFile to main.py', { id: 24, method: 'renameFile', params: { dir: '/p', file: 'helper.py', to: 'main.py' } }, /"to" must not be main.py/],
    ['renameFile of main.py', { id: 25, method: 'renameFile', params: { dir: '/p', file: 'main.py', to: 'x.py' } }, /"file" must not be main.py/],
    ['renameFile into a folder', { id: 26, method: 'renameFile', params: { dir: '/p', file: 'helper.py', to: 'lib/helper.py' } }, /"to" must be a Python identifier/],
    ['renameFile without .py', { id: 27, method: 'renameFile', params: { dir: '/p', file: 'helper.py', to: 'sensors' } }, /"to" must be a Python identifier/],
    ['renameFile to itself', { id: 28, method: 'renameFile', params: { dir: '/p', file: 'helper.py', to: 'helper.py' } }, /must differ/],
    ['renameFile with an empty dir', { id: 29, method: 'renameFile', params: { dir: ' ', file: 'helper.py', to: 'x.py' } }, /"dir" must not be empty/],
  ])('rejects %s', async (_what, message, error) => {
    const answer = await dispatch(recordingApi().api, message);
    expect('error' in answer && answer.error).toMatch(error);
  });

  describe('with the real service over temp folders', () => {
    let tmp: string;
    let service: ViperService;
    const events: DeviceEvent[] = [];
    beforeEach(() => {
      tmp = mkdtempSync(join(tmpdir(), 'viper-service-'));
      mkdirSync(join(tmp, 'projects'));
      mkdirSync(join(tmp, 'firmware'));
      events.length = 0;
      service = createViperService({
        examplesDir: resolve(__dirname, '../../examples'), projectsDir: join(tmp, 'projects'), firmwareDir: join(tmp, 'firmware'),
        settingsDir: join(tmp, 'settings'),
        listPorts: async () => [{ path: '/dev/ttyACM0', vendorId: own.vendorId, productId: own.productId }, { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }],
        probePort: async () => undefined,   // these paths may be this machine's real ports: never send them a HELLO
        stlinkDriveRoots: [tmp],
      });
      service.onEvent(e => events.push(e));
    });
    afterEach(async () => { await service.dispose(); rmSync(tmp, { recursive: true, force: true }); });

    it('lists ports with what the USB ID says', async () => {
      expect(await dispatch(service, { id: 1, method: 'listPorts' })).toEqual({ id: 1, result: [
        { path: '/dev/ttyACM0', vendorId: own.vendorId, productId: own.productId, usbName: own.usbName, board: own.board, vm: { status: 'probing' } },
        { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', usbName: 'WCH CH340 USB-serial', vm: { status: 'probing' } },
      ] });   // whether a VM answers comes later (main/services/portProbing.test.ts)
    });

    it('searches examples, clones one into a project, saves a file in it', async () => {
      const found = await dispatch(service, { id: 2, method: 'listExamples', params: { text: 'count' } });
      expect('result' in found && (found.result as { id: string }[]).map(e => e.id).sort()).toEqual(['countdown', 'word-count']);
      const cloned = await dispatch(service, { id: 3, method: 'cloneExample', params: { id: 'countdown', name: 'Rocket', board: 'virtual' } });
      expect(cloned).toEqual({ id: 3, result: { dir: join(tmp, 'projects', 'Rocket'), name: 'Rocket', board: 'virtual', files: ['main.py', 'viper.json'] } });
      expect(await dispatch(service, { id: 4, method: 'saveFile', params: { dir: join(tmp, 'projects', 'Rocket'), file: 'main.py', text: 'print(1)\n' } })).toEqual({ id: 4, result: null });
      expect(readFileSync(join(tmp, 'projects', 'Rocket', 'main.py'), 'utf8')).toBe('print(1)\n');
      expect(await dispatch(service, { id: 5, method: 'cloneExample', params: { id: 'countdown', name: 'Rocket', board: 'virtual' } })).toMatchObject({ error: expect.stringMatching(/already exists/) });
      expect(await dispatch(service, { id: 6, method: 'openProject', params: { dir: join(tmp, 'projects', 'Rocket') } })).toMatchObject({ result: { name: 'Rocket' } });
    });

    it('remembers the board a person names for a generic adapter, and only a known board', async () => {
      expect(await dispatch(service, { id: 1, method: 'setPortBoard', params: { path: '/dev/ttyUSB0', board: 'toaster' } })).toMatchObject({ error: expect.stringMatching(/not a board Viper knows/) });
      expect(await dispatch(service, { id: 2, method: 'setPortBoard', params: { path: '/dev/ttyUSB9', board: 'nucleo_f401re' } })).toMatchObject({ error: expect.stringMatching(/no port/) });
      expect(await dispatch(service, { id: 3, method: 'setPortBoard', params: { path: '/dev/ttyUSB0', board: 'nucleo_f401re' } })).toEqual({ id: 3, result: null });
      expect(await service.listPorts()).toContainEqual(expect.objectContaining({ path: '/dev/ttyUSB0', board: 'nucleo_f401re' }));
      expect(await service.listKnownBoards()).toMatchObject({ nucleo_f401re: 'ST Nucleo-F401RE' });
      expect(await service.listKnownBoards()).not.toHaveProperty('qemu_netduinoplus2');   // started, never plugged in
    });

    it('runs REPL entries on the Virtual board: echo, names kept until reset, errors as data', async () => {
      const output = () => events.filter(e => e.kind === 'output').map(e => e.kind === 'output' && e.text).join('');
      expect(await dispatch(service, { id: 1, method: 'exec', params: { boardId: 'virtual', source: '1+1' } })).toEqual({ id: 1, result: { ok: true } });
      expect(output()).toBe('2\n');
      await service.exec({ boardId: 'virtual', source: 'x = 5' });
      await service.exec({ boardId: 'virtual', source: 'def twice(n):\n    return n * 2\n' });
      await service.exec({ boardId: 'virtual', source: 'twice(x)' });
      expect(output()).toBe('2\n10\n');
      const bad = await service.exec({ boardId: 'virtual', source: '1 +' });
      expect(bad).toMatchObject({ ok: false, diagnostics: [expect.objectContaining({ file: '<stdin>', line: 1, severity: 'error' })] });
      await service.reset({ boardId: 'virtual' });
      expect(await service.exec({ boardId: 'virtual', source: 'x' })).toEqual({ ok: true });
      expect(events).toContainEqual({ kind: 'exception', boardId: 'virtual', report: expect.objectContaining({ type: 'NameError' }) });
      expect(events.filter(e => e.kind === 'done').map(e => e.kind === 'done' && e.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'exception']);
    }, 15000);

    it('answers input() with typed text and shows upload progress', async () => {
      const done = new Promise(resolve => service.onEvent(e => { if (e.kind === 'done') resolve(e.status); }));
      expect(await service.run({ boardId: 'virtual', file: 'main.py', source: 'name = input("name? ")\nprint("hi", name)\n' })).toEqual({ ok: true });
      await service.sendInput({ boardId: 'virtual', text: 'Ada\n' });
      expect(await done).toBe('ok');
      expect(events.filter(e => e.kind === 'output').map(e => e.kind === 'output' && e.text).join('')).toBe('name? hi Ada\n');
      expect(events).toContainEqual({ kind: 'state', boardId: 'virtual', state: 'busy', detail: 'uploading 100%' });
      await expect(service.sendInput({ boardId: '/dev/ttyACM0', text: 'x\n' })).rejects.toThrow(/no program is running/);
    }, 15000);

    it('runs only on the Virtual board or a port that is plugged in now', async () => {
      expect(await service.run({ boardId: '/dev/sda', file: 'main.py', source: 'print(1)' })).toEqual({ ok: false, error: 'no board "/dev/sda": pick one from the board list' });
    });

    it('creates, reads and remembers projects; keeps unsaved edits until saved', async () => {
      const a = await service.createProject({ name: 'Alpha', board: 'virtual' });
      const b = await service.cloneExample({ id: 'hello', name: 'Beta', board: 'virtual' });
      expect(await service.readFile({ dir: a.dir, file: 'main.py' })).toContain('print("hello")');
      await service.openProject({ dir: a.dir });
      expect((await service.recentProjects()).map(p => p.name)).toEqual(['Alpha', 'Beta']);
      rmSync(b.dir, { recursive: true });
      expect((await service.recentProjects()).map(p => p.name)).toEqual(['Alpha']);   // gone folders drop out

      await service.stashBuffer({ dir: a.dir, file: 'main.py', text: 'print("unsaved")\n' });
      expect(await service.recoverBuffers({ dir: a.dir })).toEqual([
        { file: 'main.py', text: 'print("unsaved")\n', savedAt: expect.any(Number), diskText: expect.stringContaining('hello') }]);
      await service.saveFile({ dir: a.dir, file: 'main.py', text: 'print("saved")\n' });
      expect(await service.recoverBuffers({ dir: a.dir })).toEqual([]);
      await service.stashBuffer({ dir: a.dir, file: 'main.py', text: 'x = 1\n' });
      await service.discardBuffer({ dir: a.dir, file: 'main.py' });
      expect(await service.recoverBuffers({ dir: a.dir })).toEqual([]);
      await expect(service.readFile({ dir: a.dir, file: '../secret' })).rejects.toThrow(/not a file inside the project/);

      // A renamed module takes its unsaved edits along; a deleted one leaves none behind.
      await service.saveFile({ dir: a.dir, file: 'helper.py', text: 'x = 1\n' });
      await service.stashBuffer({ dir: a.dir, file: 'helper.py', text: 'x = 2\n' });
      await service.renameFile({ dir: a.dir, file: 'helper.py', to: 'sensors.py' });
      expect((await service.openProject({ dir: a.dir })).files).toEqual(['main.py', 'sensors.py', 'viper.json']);
      expect(await service.recoverBuffers({ dir: a.dir })).toEqual([{ file: 'sensors.py', text: 'x = 2\n', savedAt: expect.any(Number), diskText: 'x = 1\n' }]);
      await service.deleteFile({ dir: a.dir, file: 'sensors.py' });
      expect((await service.openProject({ dir: a.dir })).files).toEqual(['main.py', 'viper.json']);
      expect(await service.recoverBuffers({ dir: a.dir })).toEqual([]);
    });

    it('lists each board with firmware, its methods and state, and whether its image is built', async () => {
      const before = await service.listBurnBoards();
      expect(before.map(b => b.id)).toEqual(BURNABLE_BOARDS.map(b => b.id));
      expect(before.map(b => b.id)).not.toContain('qemu_netduinoplus2');      // QEMU boards are started, not burned
      for (const b of before) {
        const f = BURNABLE_BOARDS.find(x => x.id === b.id)!.firmware;
        expect(b).toEqual({ id: b.id, name: expect.any(String), methods: f.burn, state: f.state, level: f.level,
          buildHint: expect.stringContaining(`make -C vm-firmware firmware BOARD=${b.id} CHIBIOS=`) });   // no image: how to build one
      }
      expect(before.find(b => b.id === 'nucleo_f401re')).toMatchObject({ methods: ['stlink-drive', 'stm32-uart'], state: 'untested' });
      const bin = Buffer.alloc(100, 1);
      writeFileSync(join(tmp, 'firmware', 'f401.bin'), bin);
      writeFileSync(join(tmp, 'firmware', 'manifest.json'), JSON.stringify({ images: [{ board: 'nucleo_f401re', vmVersion: '0.4.0', file: 'f401.bin', sha256: createHash('sha256').update(bin).digest('hex') }] }));
      expect((await service.listBurnBoards()).find(b => b.id === 'nucleo_f401re')).toMatchObject({ image: { vmVersion: '0.4.0' } });
    });

    it('refuses a board without firmware, a method the board lacks, and one this version cannot burn by yet', async () => {
      expect(await service.burnVm({ board: 'qemu_netduinoplus2', method: 'stm32-uart', target: '/dev/ttyUSB0' }))
        .toMatchObject({ ok: false, error: 'Viper has no firmware for a board "qemu_netduinoplus2"' });
      expect(await service.burnVm({ board: 'nucleo_f401re', method: 'samba', target: '/dev/ttyUSB0' }))
        .toMatchObject({ ok: false, error: 'ST Nucleo-F401RE is not burned by samba', hint: 'Its ways: stlink-drive, stm32-uart.' });
      // A board whose block names dfu before main/flash has a flasher for it: a clear refusal, nothing touched.
      const dfuBoard = { id: 'dfu_board', name: 'A DFU board', firmware: { ...BURNABLE_BOARDS[0].firmware, burn: ['dfu' as const], state: 'untested' as const } };
      const flash = createFlashService({ emit: () => {}, flush: () => {}, prober: { hold: async () => {}, release: () => {} } as never, listSerialPorts: async () => [] },
        [join(tmp, 'firmware')], [tmp], [dfuBoard]);
      expect(await flash.listBurnBoards()).toEqual([expect.objectContaining({ id: 'dfu_board', methods: ['dfu'] })]);
      const dfu = await flash.burnVm({ board: 'dfu_board', method: 'dfu', target: 'anything' });
      if (hasFlasher('dfu')) expect(dfu).toMatchObject({ ok: false, error: expect.not.stringMatching(/cannot burn by dfu/) });
      else expect(dfu).toEqual({ ok: false, error: 'this version of Viper cannot burn by dfu yet', hint: expect.stringContaining('Pick another way'), cancelled: false });
    });

    it('burns the VM onto an ST-LINK drive with progress events, and explains a missing image', async () => {
      const drive = join(tmp, 'NODE_F401RE');
      mkdirSync(drive);
      const missing = await dispatch(service, { id: 7, method: 'burnVm', params: { board: 'nucleo_f401re', method: 'stlink-drive', target: drive } });
      expect(missing).toMatchObject({ result: { ok: false, error: expect.stringMatching(/no VM image/), hint: expect.stringMatching(/make -C vm-firmware/) } });
      const bin = Buffer.alloc(20000, 7);
      writeFileSync(join(tmp, 'firmware', 'f401.bin'), bin);
      writeFileSync(join(tmp, 'firmware', 'manifest.json'), JSON.stringify({ images: [{ board: 'nucleo_f401re', vmVersion: '0.3.1', file: 'f401.bin', sha256: createHash('sha256').update(bin).digest('hex') }] }));
      const burnt = await dispatch(service, { id: 8, method: 'burnVm', params: { board: 'nucleo_f401re', method: 'stlink-drive', target: drive } });
      expect(burnt).toEqual({ id: 8, result: { ok: true, vmVersion: '0.3.1' } });
      expect(readFileSync(join(drive, 'viper-vm.bin')).equals(bin)).toBe(true);
      expect(events.filter(e => e.kind === 'burn').map(e => e.kind === 'burn' && e.phase)).toEqual(expect.arrayContaining(['connect', 'write', 'verify', 'boot']));
    }, 15000);
  });
});
