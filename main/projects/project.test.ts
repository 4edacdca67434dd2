import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { checkFolderName, createProject, deleteProjectFile, listFiles, openProject, readProjectFile, renameProjectFile, saveProjectFile } from './project';
import { RecentProjects } from './recentProjects';

describe('projects', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'viper-proj-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates a project with main.py and viper.json, and opens it again', async () => {
    const made = await createProject(root, 'Blink', 'arduino_due');
    expect(made).toEqual({ dir: join(root, 'Blink'), manifest: { name: 'Blink', board: 'arduino_due', main: 'main.py' }, files: ['main.py', 'viper.json'] });
    expect(JSON.parse(readFileSync(join(root, 'Blink', 'viper.json'), 'utf8')).board).toBe('arduino_due');
    expect(await openProject(join(root, 'Blink'))).toEqual(made);
  });

  it('refuses to create over an existing folder and rejects names with separators', async () => {
    mkdirSync(join(root, 'taken'));
    await expect(createProject(root, 'taken', 'virtual')).rejects.toThrow(/already exists/);
    for (const bad of ['a/b', 'a\\b', '..', '.', '', '  ', '.hidden']) expect(() => checkFolderName(bad)).toThrow();
    await expect(createProject(root, '../escape', 'virtual')).rejects.toThrow(/no \//);
    expect(readdirSync(root)).toEqual(['taken']);
  });

  it('saves and reads the top-level modules and viper.json only', async () => {
    const { dir } = await createProject(root, 'p', 'virtual');
    await saveProjectFile(dir, 'util.py', 'def f():\n    return 1\n');
    expect(await readProjectFile(dir, 'util.py')).toBe('def f():\n    return 1\n');
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'deep.py'), '');   // not importable by the VM: not listed
    expect(await listFiles(dir)).toEqual(['main.py', 'util.py', 'viper.json']);
    for (const bad of ['../outside.py', '/etc/passwd', 'lib/util.py', 'lib/../../x.py', '.viper/autosave/x.json', 'notes.txt', 'con.py', 'NUL.py']) {
      await expect(saveProjectFile(dir, bad, 'x')).rejects.toThrow();
    }
    expect(readdirSync(root)).toEqual(['p']);
  });

  it('renames a module without ever replacing a file, and deletes one', async () => {
    const { dir } = await createProject(root, 'm', 'virtual');
    await saveProjectFile(dir, 'helper.py', 'x = 1\n');
    await saveProjectFile(dir, 'taken.py', 'keep = 1\n');
    await renameProjectFile(dir, 'helper.py', 'sensors.py');
    expect(readFileSync(join(dir, 'sensors.py'), 'utf8')).toBe('x = 1\n');
    expect(await listFiles(dir)).toEqual(['main.py', 'sensors.py', 'taken.py', 'viper.json']);

    await expect(renameProjectFile(dir, 'sensors.py', 'taken.py')).rejects.toThrow(/already has taken.py/);
    expect(readFileSync(join(dir, 'taken.py'), 'utf8')).toBe('keep = 1\n');
    expect(readFileSync(join(dir, 'sensors.py'), 'utf8')).toBe('x = 1\n');
    await expect(renameProjectFile(dir, 'missing.py', 'other.py')).rejects.toThrow(/has no missing.py/);
    await expect(renameProjectFile(dir, 'sensors.py', 'sensors.py')).rejects.toThrow(/already has that name/);

    await deleteProjectFile(dir, 'sensors.py');
    expect(await listFiles(dir)).toEqual(['main.py', 'taken.py', 'viper.json']);
    await expect(deleteProjectFile(dir, 'sensors.py')).rejects.toThrow(/has no sensors.py/);
  });

  it('renames and deletes only top-level modules: never main.py, nothing outside, no folders or links', async () => {
    const { dir } = await createProject(root, 'n', 'virtual');
    writeFileSync(join(root, 'outside.py'), 'secret\n');
    mkdirSync(join(dir, 'pkg.py'));
    symlinkSync(join(root, 'outside.py'), join(dir, 'link.py'));
    await saveProjectFile(dir, 'helper.py', '');
    for (const bad of ['main.py', '../outside.py', '/etc/passwd', 'lib/x.py', '.viper.py', 'viper.json', 'a-b.py', 'pkg.py', 'link.py']) {
      await expect(deleteProjectFile(dir, bad)).rejects.toThrow();
      await expect(renameProjectFile(dir, bad, 'fresh.py')).rejects.toThrow();
    }
    for (const bad of ['main.py', '../outside.py', 'lib/x.py', 'x.txt']) await expect(renameProjectFile(dir, 'helper.py', bad)).rejects.toThrow();
    expect(readFileSync(join(root, 'outside.py'), 'utf8')).toBe('secret\n');
    expect(readFileSync(join(dir, 'main.py'), 'utf8')).toContain('hello');
    expect(readdirSync(dir).sort()).toEqual(['helper.py', 'link.py', 'main.py', 'pkg.py', 'viper.json']);
  });

  it('lists Python files only, skipping hidden folders and caches', async () => {
    const dir = join(root, 'q');
    mkdirSync(join(dir, '.git'), { recursive: true });
    mkdirSync(join(dir, '__pycache__'));
    writeFileSync(join(dir, 'main.py'), '');
    writeFileSync(join(dir, 'b.py'), '');
    writeFileSync(join(dir, 'notes.txt'), '');
    writeFileSync(join(dir, '.git', 'x.py'), '');
    writeFileSync(join(dir, '__pycache__', 'y.py'), '');
    expect(await openProject(dir)).toEqual({ dir, manifest: { name: 'q', board: 'virtual', main: 'main.py' }, files: ['main.py', 'b.py'] });
  });

  it('says plainly when a folder is not a project', async () => {
    await expect(openProject(join(root, 'none'))).rejects.toThrow(/no project folder/);
    mkdirSync(join(root, 'empty'));
    await expect(openProject(join(root, 'empty'))).rejects.toThrow(/no Python files/);
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'main.py'), '');
    writeFileSync(join(root, 'broken', 'viper.json'), '{');
    await expect(openProject(join(root, 'broken'))).rejects.toThrow(/viper.json is not valid JSON/);
  });

  it('writes atomically: no temp files are left, and a failed write keeps the old content', async () => {
    const file = join(root, 'a.py');
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['a.py']);
    await expect(writeFileAtomic(join(root, 'missing-dir', 'b.py'), 'x')).rejects.toThrow();
    expect(readdirSync(root)).toEqual(['a.py']);
  });

  it('keeps a recent-projects list, newest first, without duplicates', async () => {
    const recent = new RecentProjects(join(root, 'settings'), 3);
    expect(recent.list()).toEqual([]);
    await recent.add('/p/a'); await recent.add('/p/b'); await recent.add('/p/a'); await recent.add('/p/c'); await recent.add('/p/d');
    expect(new RecentProjects(join(root, 'settings'), 3).list()).toEqual(['/p/d', '/p/c', '/p/a']);
    await recent.remove('/p/c');
    expect(recent.list()).toEqual(['/p/d', '/p/a']);
    writeFileSync(recent.file, 'garbage');
    expect(recent.list()).toEqual([]);
  });
});
