// Which file names can be a project module the IDE sends with a run: `import NAME` finds
// NAME.py, so a module's file is a Python identifier plus ".py", at the top of the project.
const MODULE_FILE = /^[A-Za-z_][A-Za-z0-9_]*\.py$/;
const MAX_MODULE_FILE = 100;
/** Names Windows keeps for devices, whatever the extension: `con.py` cannot be a file there. */
const RESERVED_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.[^.]*)*$/i;

/** The project manifest, the one file of a project that is not a module. */
export const MANIFEST_FILE = 'viper.json';

export function isReservedName(file: string): boolean {
  return RESERVED_NAME.test(file);
}

export function isModuleFile(file: string): boolean {
  return file.length <= MAX_MODULE_FILE && MODULE_FILE.test(file) && !isReservedName(file);
}

/** A file the API may read or write in a project: a top-level module or the manifest. */
export function isProjectFile(file: string): boolean {
  return file === MANIFEST_FILE || isModuleFile(file);
}

/** The file a person's typed name makes ("helper" or "helper.py" → "helper.py"); throws saying why not. */
export function newModuleFile(typed: string, existing: readonly string[]): string {
  const name = typed.trim();
  if (!name) throw new Error('give the module a name');
  const file = name.endsWith('.py') ? name : `${name}.py`;
  if (isReservedName(file)) throw new Error(`"${name}" is a name Windows keeps for a device: pick another one`);
  if (!isModuleFile(file)) {
    throw new Error(`"${name}" cannot be imported: use letters, digits and _ only, not starting with a digit (like sensors or my_helpers)`);
  }
  if (existing.some(f => f.toLowerCase() === file.toLowerCase())) throw new Error(`the project already has ${file}`);
  return file;
}
