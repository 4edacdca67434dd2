// Which file names can be a project module the IDE sends with a run: `import NAME` finds
// NAME.py, so a module's file is a Python identifier plus ".py", at the top of the project.
const MODULE_FILE = /^[A-Za-z_][A-Za-z0-9_]*\.py$/;
const MAX_MODULE_FILE = 100;

export function isModuleFile(file: string): boolean {
  return file.length <= MAX_MODULE_FILE && MODULE_FILE.test(file);
}

/** The file a person's typed name makes ("helper" or "helper.py" → "helper.py"); throws saying why not. */
export function newModuleFile(typed: string, existing: readonly string[]): string {
  const name = typed.trim();
  if (!name) throw new Error('give the module a name');
  const file = name.endsWith('.py') ? name : `${name}.py`;
  if (!isModuleFile(file)) {
    throw new Error(`"${name}" cannot be imported: use letters, digits and _ only, not starting with a digit (like sensors or my_helpers)`);
  }
  if (existing.some(f => f.toLowerCase() === file.toLowerCase())) throw new Error(`the project already has ${file}`);
  return file;
}
