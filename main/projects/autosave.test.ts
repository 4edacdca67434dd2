// Autosave and crash recovery. The crash is real: a child process stashes a buffer and is then
// killed with SIGKILL before it can save; a new "session" recovers the edit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { clearStash, recoverBuffers, stashBuffer } from './autosave';
import { createProject, saveProjectFile } from './project';

describe('autosave', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'viper-autosave-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('recovers an edit stashed by a process that was killed before saving', async () => {
    const { dir } = await createProject(root, 'p', 'virtual', 'print("saved")\n');
    const script = join(root, 'crash.js');
    buildSync({
      stdin: {
        contents: `require(${JSON.stringify(resolve(__dirname, 'autosave.ts'))}).stashBuffer(process.argv[2], 'main.py', 'print("unsaved edit")\\n', 1234)` +
          `.then(() => process.kill(process.pid, 'SIGKILL'))`,
        resolveDir: __dirname, loader: 'js',
      },
      bundle: true, platform: 'node', outfile: script, logLevel: 'silent',
    });
    const child = spawnSync(process.execPath, [script, dir]);
    expect(child.signal).toBe('SIGKILL');
    expect(await recoverBuffers(dir)).toEqual([{ file: 'main.py', text: 'print("unsaved edit")\n', savedAt: 1234, diskText: 'print("saved")\n' }]);
  });

  it('forgets a stash once the file is saved, and drops stashes equal to the disk', async () => {
    const { dir } = await createProject(root, 'p', 'virtual');
    await stashBuffer(dir, 'main.py', 'x = 1\n');
    await stashBuffer(dir, 'new_module.py', 'y = 2\n');
    expect((await recoverBuffers(dir)).map(r => [r.file, r.text, r.diskText])).toEqual([
      ['main.py', 'x = 1\n', '# Press Run to start.\nprint("hello")\n'],
      ['new_module.py', 'y = 2\n', undefined],
    ]);
    await saveProjectFile(dir, 'main.py', 'x = 1\n');
    await clearStash(dir, 'main.py');
    expect((await recoverBuffers(dir)).map(r => r.file)).toEqual(['new_module.py']);
    await saveProjectFile(dir, 'new_module.py', 'y = 2\n');   // saved but stash not cleared (crash between)
    expect(await recoverBuffers(dir)).toEqual([]);
  });

  it('refuses to stash outside the project and skips damaged entries', async () => {
    const { dir } = await createProject(root, 'p', 'virtual');
    await expect(stashBuffer(dir, '../x.py', '')).rejects.toThrow(/not a file inside/);
    await stashBuffer(dir, 'main.py', 'z = 3\n');
    writeFileSync(join(dir, '.viper', 'autosave', 'bad.json'), '{');
    expect((await recoverBuffers(dir)).map(r => r.text)).toEqual(['z = 3\n']);
  });
});
