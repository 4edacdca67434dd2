import { isModuleFile, newModuleFile } from './moduleFile';

describe('module file names', () => {
  it.each(['main.py', 'helper.py', '_private.py', 'sensor2.py', 'A_b.py'])('accepts %s', f => expect(isModuleFile(f)).toBe(true));

  it.each(['helper', 'helper.txt', '2fast.py', 'my-helper.py', 'dir/x.py', '../x.py', '.py', 'a b.py', 'x.py.py', `${'a'.repeat(98)}.py`])(
    'refuses %s', f => expect(isModuleFile(f)).toBe(false));

  it('adds .py to a typed name and trims it', () => {
    expect(newModuleFile(' helper ', ['main.py'])).toBe('helper.py');
    expect(newModuleFile('helper.py', ['main.py'])).toBe('helper.py');
  });

  it('refuses a name that cannot be imported, saying why', () => {
    expect(() => newModuleFile('my-helper', [])).toThrow(/cannot be imported/);
    expect(() => newModuleFile('', [])).toThrow(/give the module a name/);
  });

  it('refuses a file the project has, whatever its case', () => {
    expect(() => newModuleFile('main', ['main.py'])).toThrow(/already has main.py/);
    expect(() => newModuleFile('Helper', ['main.py', 'helper.py'])).toThrow(/already has Helper.py/);
  });
});
