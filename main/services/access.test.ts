// The main side is the only authority over files and devices: whatever a caller of the API names,
// it reaches only Viper's own projects (made, cloned, recent or picked), their top-level modules and
// viper.json, and boards that are plugged in. Each refusal goes through dispatch, the path both
// Electron's IPC and the browser-mode socket take, against the real service over temp folders.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Response } from '../common/api';
import { dispatch } from './dispatch';
import { createViperService, type ServiceOptions, type ViperService } from './viperService';

describe('what the API may reach', () => {
  let tmp: string;
  let elsewhere: string;       // a folder Viper never made, opened or was given
  let service: ViperService;
  let mine: string;            // a project the service made
  let id = 0;
  const call = (method: string, params: Record<string, unknown> = {}): Promise<Response> => dispatch(service, { id: ++id, method, params });
  const errorOf = (r: Response) => ('error' in r ? r.error : `no error, result ${JSON.stringify(r.result)}`);

  function start(extra: ServiceOptions = {}): ViperService {
    return createViperService({
      examplesDir: resolve(__dirname, '../../examples'), projectsDir: join(tmp, 'projects'), firmwareDir: join(tmp, 'firmware'),
      settingsDir: join(tmp, 'settings'), stlinkDriveRoots: [join(tmp, 'media')],
      listPorts: async () => [{ path: '/dev/ttyACM0', vendorId: '2341', productId: '003d' }],
      probePort: async () => undefined,
      ...extra,
    });
  }

  beforeEach(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'viper-access-'));
    for (const d of ['projects', 'firmware', 'media']) mkdirSync(join(tmp, d));
    elsewhere = join(tmp, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'main.py'), 'secret = 1\n');
    writeFileSync(join(elsewhere, 'viper.json'), '{"name": "not yours"}\n');
    service = start();
    mine = (await service.createProject({ name: 'Mine', board: 'virtual' })).dir;
  });
  afterEach(async () => { await service.dispose(); rmSync(tmp, { recursive: true, force: true }); });

  it('opens the projects it made, cloned or lists as recent, and works in them', async () => {
    expect(await call('openProject', { dir: mine })).toMatchObject({ result: { dir: mine, name: 'Mine' } });
    expect(await call('cloneExample', { id: 'hello', name: 'Copy', board: 'virtual' })).toMatchObject({ result: { name: 'Copy' } });
    expect(await call('saveFile', { dir: mine, file: 'helper.py', text: 'x = 1\n' })).toMatchObject({ result: null });
    expect(await call('readFile', { dir: mine, file: 'viper.json' })).toMatchObject({ result: expect.stringContaining('"Mine"') });
    expect(await call('openProject', { dir: join(tmp, 'projects', '.', 'Mine') })).toMatchObject({ result: { dir: mine } });
  });

  it.each([
    ['openProject', {}],
    ['readFile', { file: 'main.py' }],
    ['saveFile', { file: 'main.py', text: 'pwned\n' }],
    ['saveFile', { file: 'new.py', text: 'pwned\n' }],
    ['stashBuffer', { file: 'main.py', text: 'pwned\n' }],
    ['recoverBuffers', {}],
    ['discardBuffer', { file: 'main.py' }],
    ['deleteFile', { file: 'helper.py' }],
    ['renameFile', { file: 'helper.py', to: 'other.py' }],
  ])('refuses %s in a folder it does not know', async (method, params) => {
    writeFileSync(join(elsewhere, 'helper.py'), 'keep\n');
    expect(errorOf(await call(method, { dir: elsewhere, ...params }))).toMatch(/is not a project Viper made or opened/);
    expect(readFileSync(join(elsewhere, 'main.py'), 'utf8')).toBe('secret = 1\n');
    expect(readFileSync(join(elsewhere, 'helper.py'), 'utf8')).toBe('keep\n');
    expect(existsSync(join(elsewhere, 'new.py'))).toBe(false);
    expect(existsSync(join(elsewhere, '.viper'))).toBe(false);
  });

  it('refuses the projects folder itself, a folder deeper in it, and a traversal out of it', async () => {
    mkdirSync(join(mine, 'sub'));
    writeFileSync(join(mine, 'sub', 'main.py'), '');
    for (const dir of [join(tmp, 'projects'), join(mine, 'sub'), join(tmp, 'projects', '..', 'elsewhere'), `${mine}/../../elsewhere`]) {
      expect(errorOf(await call('openProject', { dir }))).toMatch(/not a project Viper made or opened/);
    }
    expect(errorOf(await call('openProject', { dir: join(tmp, 'nowhere') }))).toMatch(/no project folder/);
  });

  it('refuses a project folder that is a link to elsewhere (compared after realpath)', async () => {
    symlinkSync(elsewhere, join(tmp, 'projects', 'Linked'));
    const linked = join(tmp, 'projects', 'Linked');
    expect(errorOf(await call('openProject', { dir: linked }))).toMatch(/not a project Viper made or opened/);
    expect(errorOf(await call('saveFile', { dir: linked, file: 'main.py', text: 'pwned\n' }))).toMatch(/not a project Viper made or opened/);
    expect(readFileSync(join(elsewhere, 'main.py'), 'utf8')).toBe('secret = 1\n');
  });

  it('refuses links inside a project: a module, viper.json, the autosave folder', async () => {
    symlinkSync(join(elsewhere, 'main.py'), join(mine, 'link.py'));
    expect(errorOf(await call('readFile', { dir: mine, file: 'link.py' }))).toMatch(/link.py is a link/);
    expect(errorOf(await call('saveFile', { dir: mine, file: 'link.py', text: 'pwned\n' }))).toMatch(/link.py is a link/);
    expect((await service.openProject({ dir: mine })).files).toEqual(['main.py', 'viper.json']);   // not listed either

    symlinkSync(join(elsewhere, '.hidden'), join(mine, '.viper'));
    mkdirSync(join(elsewhere, '.hidden'));
    expect(errorOf(await call('stashBuffer', { dir: mine, file: 'main.py', text: 'x\n' }))).toMatch(/not a plain folder/);
    expect(errorOf(await call('recoverBuffers', { dir: mine }))).toMatch(/not a plain folder/);
    expect(existsSync(join(elsewhere, '.hidden', 'autosave'))).toBe(false);

    rmSync(join(mine, 'viper.json'));
    symlinkSync(join(elsewhere, 'viper.json'), join(mine, 'viper.json'));
    expect(errorOf(await call('openProject', { dir: mine }))).toMatch(/viper.json is a link/);
    expect(errorOf(await call('readFile', { dir: mine, file: 'viper.json' }))).toMatch(/viper.json is a link/);
    expect(readFileSync(join(elsewhere, 'main.py'), 'utf8')).toBe('secret = 1\n');
  });

  it.each([
    ['a traversal', '../elsewhere/main.py', /must be a module of the project/],
    ['an absolute path', '/etc/passwd', /must be a module of the project/],
    ['a sub-folder', 'lib/util.py', /must be a module of the project/],
    ['the autosave folder', '.viper/autosave/main.py.json', /must be a module of the project/],
    ['a file that is no module', 'notes.txt', /must be a module of the project/],
    ['a Windows device name', 'con.py', /Windows keeps for a device/],
    ['a Windows device name in capitals', 'LPT1.py', /Windows keeps for a device/],
    ['a Windows device name without extension', 'nul', /Windows keeps for a device/],
    ['a Windows device name with two extensions', 'Com3.tar.py', /Windows keeps for a device/],
  ])('refuses %s as a file name', async (_what, file, error) => {
    for (const [method, extra] of [['readFile', {}], ['saveFile', { text: '' }], ['stashBuffer', { text: '' }], ['discardBuffer', {}]] as const) {
      expect(errorOf(await call(method, { dir: mine, file, ...extra }))).toMatch(error);
    }
    // The service checks again for callers that skip parseRequest (the command line, tests).
    await expect(service.readFile({ dir: mine, file })).rejects.toThrow(/not a file inside the project|Windows keeps for a device/);
    await expect(service.saveFile({ dir: mine, file, text: 'x' })).rejects.toThrow(/not a file inside the project|Windows keeps for a device/);
    expect(existsSync(join(mine, file))).toBe(false);
  });

  it('refuses Windows device names as module names to rename to or delete', async () => {
    await service.saveFile({ dir: mine, file: 'helper.py', text: '' });
    expect(errorOf(await call('renameFile', { dir: mine, file: 'helper.py', to: 'aux.py' }))).toMatch(/Windows keeps for a device/);
    expect(errorOf(await call('deleteFile', { dir: mine, file: 'PRN.py' }))).toMatch(/Windows keeps for a device/);
    expect((await service.openProject({ dir: mine })).files).toEqual(['main.py', 'helper.py', 'viper.json']);
  });

  it('opens a folder only the person picked, and keeps it in the recent list', async () => {
    expect(errorOf(await call('pickProject'))).toMatch(/needs the Viper desktop app/);
    await service.dispose();
    let answer: string | undefined;
    service = start({ pickFolder: async () => answer });
    expect(await call('pickProject')).toEqual({ id, result: null });          // cancelled
    answer = elsewhere;
    expect(await call('pickProject')).toMatchObject({ result: { dir: elsewhere, name: 'not yours' } });
    expect(await call('saveFile', { dir: elsewhere, file: 'helper.py', text: 'ok\n' })).toMatchObject({ result: null });
    await service.dispose();
    service = start();                                                       // a new run: the recent list still allows it
    expect(await call('readFile', { dir: elsewhere, file: 'helper.py' })).toEqual({ id, result: 'ok\n' });
  });

  it('burns only through a port listPorts gives or a detected ST-LINK drive', async () => {
    for (const target of ['/dev/sda', '/dev/ttyUSB7', join(tmp, 'media', 'NODE_F401RE')]) {
      const r = await call('burnVm', { board: 'nucleo_f401re', method: 'stm32-uart', target });
      expect(r).toMatchObject({ result: { ok: false, error: expect.stringMatching(/no port/) } });
    }
    const notADrive = join(elsewhere, 'NODE_F401RE');   // looks like a drive, but not where drives are mounted
    mkdirSync(notADrive);
    for (const target of [notADrive, elsewhere, join(tmp, 'media'), '/dev/ttyACM0']) {
      const r = await call('burnVm', { board: 'nucleo_f401re', method: 'stlink-drive', target });
      expect(r).toMatchObject({ result: { ok: false, error: expect.stringMatching(/not an ST-LINK drive Viper found/) } });
    }
    expect(existsSync(join(notADrive, 'viper-vm.bin'))).toBe(false);
    // The listed port and a detected drive get past the check (and fail later: no VM image here).
    mkdirSync(join(tmp, 'media', 'NODE_F401RE'));
    const drive = await call('burnVm', { board: 'nucleo_f401re', method: 'stlink-drive', target: join(tmp, 'media', 'NODE_F401RE') });
    expect(drive).toMatchObject({ result: { ok: false, error: expect.stringMatching(/no VM image/) } });
  });

  it('connects only to the Virtual board or a port listed now', async () => {
    expect(await call('run', { boardId: '/dev/sda', file: 'main.py', source: 'print(1)' })).toMatchObject({ result: { ok: false, error: 'no board "/dev/sda": pick one from the board list' } });
    expect(await call('exec', { boardId: join(tmp, 'fake-tty'), source: '1' })).toMatchObject({ result: { ok: false, error: expect.stringMatching(/no board/) } });
  });
});
