import { isModuleFile, isProjectFile, isReservedName, newModuleFile } from './moduleFile';

describe('module file names', () => {
  it.each(['main.py', 'helper.py', '_private.py', 'sensor2.py', 'A_b.py'])('accepts %s', f => expect(isModuleFile(f)).toBe(true));

  it.each(['helper', 'helper.txt', '2fast.py', 'my-helper.py', 'dir/x.py', '../x.py', '.py', 'a b.py', 'x.py.py', `${'a'.repeat(98)}.py`])(
    'refuses %s', f => expect(isModuleFile(f)).toBe(false));

  it.each(['con.py', 'CON.py', 'prn.py', 'Aux.py', 'nul.py', 'com1.py', 'COM9.py', 'lpt1.py', 'lpt9.py'])(
    'refuses the Windows device name %s', f => expect(isModuleFile(f)).toBe(false));

  it.each(['con', 'nul.txt', 'com3.tar.gz', 'LPT2.json'])('knows %s names a Windows device', f => expect(isReservedName(f)).toBe(true));
  it.each(['console.py', 'com10.py', 'com0.py', 'icon.py', 'nullable.py', 'viper.json'])('knows %s is an ordinary name', f => expect(isReservedName(f)).toBe(false));

  it('takes top-level modules and viper.json as project files, nothing else', () => {
    expect(['main.py', 'viper.json', 'helper.py'].every(isProjectFile)).toBe(true);
    expect(['lib/x.py', 'VIPER.json', 'notes.txt', '.viper', 'nul.py'].some(isProjectFile)).toBe(false);
  });

  it('refuses a typed Windows device name, saying why', () => {
    expect(() => newModuleFile('con', [])).toThrow(/Windows keeps for a device/);
  });

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
