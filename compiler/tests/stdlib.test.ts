// Viper's Python library (compiler/lib/*.py): the generated module holds exactly the sources on
// disk, every module compiles without a diagnostic, and compile()/compileProject() add a library
// module only when the program imports it and no project file has its name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, compileProject, disassemble } from '../src/index';
import { librarySource, libraryModules } from '../src/stdlib.generated';

const lib = join(__dirname, '..', 'lib');
const onDisk = readdirSync(lib).filter(f => f.endsWith('.py')).sort().map(f => f.slice(0, -3));
const modulesOf = (image: Uint8Array) => [...disassemble(image).matchAll(/^module (\S+)/gm)].map(m => m[1]);

describe('the Python library', () => {
  it('is embedded as it is on disk (else run `node scripts/gen-stdlib.mjs`)', () => {
    expect([...libraryModules].sort()).toEqual(onDisk);
    for (const name of onDisk) expect(librarySource(name)).toBe(readFileSync(join(lib, name + '.py'), 'utf8'));
  });

  it('has no module by a name that only an object has', () => {
    expect(librarySource('constructor')).toBeUndefined();
    expect(librarySource('toString')).toBeUndefined();
  });

  it.each(onDisk)('%s compiles without diagnostics when imported', name => {
    const { image, diagnostics } = compile(`import ${name}\n`, 'main.py');
    expect(diagnostics).toEqual([]);
    expect(image).toBeDefined();
  });

  it('adds only the modules a program imports, and those they import', () => {
    const plain = compile('print(1)\n', 'main.py');
    const withHeapq = compile('import heapq\nprint(1)\n', 'main.py');
    expect(withHeapq.image!.length).toBeGreaterThan(plain.image!.length);
    expect(modulesOf(plain.image!)).not.toContain('heapq');
    expect(modulesOf(withHeapq.image!)).toContain('heapq');
    expect(modulesOf(compile('from collections import deque\nimport json, io\n', 'main.py').image!).sort()).toEqual(
      ['__main__', 'collections', 'io', 'json']);
  });

  it('lets a project file of the same name win', () => {
    const files = { 'main.py': 'import heapq\nprint(heapq.mine)\n', 'heapq.py': 'mine = 1\n' };
    const { image, diagnostics } = compileProject(files, 'main.py');
    expect(diagnostics).toEqual([]);
    expect(disassemble(image!)).not.toContain('heappush');
  });

  it('is added by compileProject for a module the project does not have', () => {
    const files = { 'main.py': 'import helper\n', 'helper.py': 'import bisect\n' };
    expect(modulesOf(compileProject(files, 'main.py').image!)).toEqual(expect.arrayContaining(['helper', 'bisect']));
  });
});
