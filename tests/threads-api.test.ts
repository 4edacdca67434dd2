// The editor's table of the threads API and `time` (compiler/src/hardware/threadsApi.ts) against
// the VM itself: the host VM's dir() of time, _thread, threading and queue must hold exactly the
// names the table has (public ones), each class's type exactly the table's members, and an object
// of each class every member the table gives it; the signatures must be those of the definitions —
// the C tables of vm-firmware/core (modthread.c, modules.c) and the `def`s of compiler/lib's
// threading.py and queue.py.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import type { ApiClass, ApiFunction, ApiModule } from '../compiler/src/hardware/machineApi';
import { QUEUE, THREAD_BUILTINS, THREAD_MODULE, THREADING, THREADS_MODULES, TIME } from '../compiler/src/hardware/threadsApi';
import { parseSignature, positionalRange, type Signature } from '../compiler/src/hardware/signature';
import { hostVmPath } from '../main/devices/virtualBoard';

const root = join(__dirname, '..');
const IMPORTED = THREADS_MODULES.filter(m => m.name !== 'builtins');

/** Every class the table describes: a module's, or one a function returns (what thread() gives). */
function tableClasses(): ApiClass[] {
  const all = new Set<ApiClass>();
  for (const m of THREADS_MODULES) {
    m.classes.forEach(c => all.add(c));
    m.functions.forEach(f => f.returns && all.add(f.returns));
  }
  return [...all];
}

const names = (xs: { name: string }[]) => xs.map(x => x.name).sort();
const moduleNames = (m: ApiModule) => names([...m.functions, ...m.classes, ...m.constants]);
const classNames = (c: ApiClass) => names([...c.methods, ...c.constants, ...(c.attributes ?? [])]);

/** An object of each class, as a program makes one. */
const SAMPLES: Record<string, string> = {
  thread: 'thread(print)', LockType: '_thread.allocate_lock()', RLock: 'threading.RLock()',
  Thread: 'threading.Thread(target=print)', Condition: 'threading.Condition()', Semaphore: 'threading.Semaphore()',
  BoundedSemaphore: 'threading.BoundedSemaphore()', Event: 'threading.Event()', Timer: 'threading.Timer(1, print)',
  Barrier: 'threading.Barrier(2)', local: 'threading.local()',
  ExceptHookArgs: 'threading.ExceptHookArgs(ValueError, ValueError(), None, None)',
  Queue: 'queue.Queue()', LifoQueue: 'queue.LifoQueue()', PriorityQueue: 'queue.PriorityQueue()', SimpleQueue: 'queue.SimpleQueue()',
};

function runOnVm(program: string) {
  const { image, diagnostics } = compile(program, 'main.py');
  expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  const path = join(mkdtempSync(join(tmpdir(), 'viper-threads-api-')), 'main.vbc');
  writeFileSync(path, image!);
  return spawnSync(hostVmPath(), [path], { encoding: 'utf8', timeout: 30000 });
}

interface VmAnswer {
  modules: Record<string, string[]>;
  types: Record<string, string[]>;
  /** The table's members an object of the class lacks (hasattr: a C object's attributes are not in its dir()). */
  lacking: Record<string, string[]>;
  prios: Record<string, number>;
}

/** dir() of each module and of each class's type, and what an object of each lacks, as the host VM answers. */
function askVm(): VmAnswer {
  const classes = tableClasses();
  const program = `import builtins, time, _thread, threading, queue
def public(o):
    return sorted([n for n in dir(o) if not n.startswith('_') and type(getattr(o, n)).__name__ != 'module'])
samples = {
${classes.map(c => `    ${JSON.stringify(c.name)}: ${SAMPLES[c.name] ?? 'None'},`).join('\n')}
}
table = {
${classes.map(c => `    ${JSON.stringify(c.name)}: ${JSON.stringify(classNames(c))},`).join('\n')}
}
answer = {
    'modules': {${IMPORTED.map(m => `${JSON.stringify(m.name)}: public(${m.name})`).join(', ')}},
    'types': dict([(k, public(type(v))) for k, v in samples.items()]),
    'lacking': dict([(k, [n for n in table[k] if not hasattr(v, n)]) for k, v in samples.items()]),
    'prios': dict([(n, getattr(builtins, n)) for n in dir(builtins) if n.startswith('PRIO_')]),
}
print(repr(answer).replace("'", '"'))
`;
  const r = runOnVm(program);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('the threads table is the VM\'s', () => {
  const vm = askVm();

  it('every class has an object to ask about', () => {
    expect(tableClasses().map(c => c.name).filter(n => !(n in SAMPLES))).toEqual([]);
  });

  it.each(IMPORTED.map(m => m.name))('%s: the same names', name => {
    expect(vm.modules[name]).toEqual(moduleNames(IMPORTED.find(m => m.name === name)!));
  });

  it('the built-ins: thread and the five priorities, 1 to 5 from the lowest', () => {
    expect(vm.prios).toEqual(Object.fromEntries(THREAD_BUILTINS.constants.map((k, i) => [k.name, i + 1])));
    expect(THREAD_BUILTINS.functions.map(f => f.name)).toEqual(['thread']);
  });

  it.each(tableClasses().map(c => c.name))('%s: the type has nothing the table lacks, an object everything it has', name => {
    const table = classNames(tableClasses().find(c => c.name === name)!);
    expect(vm.types[name].filter(n => !table.includes(n))).toEqual([]);
    expect(vm.lacking[name]).toEqual([]);
  });
});

// ---- signatures ---------------------------------------------------------------------------

/** The positional range of each entry of a C table of built-ins (`-1` as max: any number). */
function cTable(file: string, table: string, entry: RegExp): Map<string, { min: number; max: number }> {
  const c = readFileSync(join(root, 'vm-firmware', 'core', file), 'utf8');
  const body = new RegExp(`${table}\\[\\] = \\{([\\s\\S]*?)\\n\\};`).exec(c);
  expect(body).not.toBeNull();
  const found = new Map<string, { min: number; max: number }>();
  for (const m of body![1].matchAll(entry)) {
    found.set(m[1], { min: Number(m[2]), max: Number(m[3]) < 0 ? Infinity : Number(m[3]) });
  }
  return found;
}

const C_FUNCTION = /\{\{&builtin_type\}, "(\w+)", \w+, (-?\d+), (-?\d+)/g;
const C_METHOD = /\{"(\w+)", \w+, (-?\d+), (-?\d+)/g;

describe('signatures in C are the definitions\'', () => {
  const range = (f: ApiFunction) => positionalRange(parseSignature(f.signature));

  it('_thread\'s functions (modthread.c thread_functions)', () => {
    const c = cTable('modthread.c', 'thread_functions', C_FUNCTION);
    for (const f of THREAD_MODULE.functions) expect({ name: f.name, ...range(f) }).toEqual({ name: f.name, ...c.get(f.name) });
  });

  it('the lock\'s and the thread object\'s methods (modthread.c)', () => {
    const lock = cTable('modthread.c', 'lock_methods', C_METHOD);
    const handle = cTable('modthread.c', 'thread_methods', C_METHOD);
    const lockClass = THREAD_MODULE.classes.find(c => c.name === 'LockType')!;
    const handleClass = THREAD_BUILTINS.functions[0].returns!;
    expect(names(lockClass.methods)).toEqual([...lock.keys()].filter(n => !n.startsWith('_')).sort());
    expect(names(handleClass.methods)).toEqual([...handle.keys()].sort());
    for (const m of lockClass.methods) expect({ name: m.name, ...range(m) }).toEqual({ name: m.name, ...lock.get(m.name) });
    for (const m of handleClass.methods) expect({ name: m.name, ...range(m) }).toEqual({ name: m.name, ...handle.get(m.name) });
  });

  it('thread() (modthread.c) takes fn and any further arguments', () => {
    const c = readFileSync(join(root, 'vm-firmware/core/modthread.c'), 'utf8');
    const def = /"thread", bi_thread, (\d+), (-?\d+), "([\w ]*)"/.exec(c)!;
    const sig = parseSignature(THREAD_BUILTINS.functions[0].signature);
    expect(positionalRange(sig)).toEqual({ min: Number(def[1]), max: Number(def[2]) < 0 ? Infinity : Number(def[2]) });
    expect(sig.params.filter(p => p.keywordOnly).map(p => p.name)).toEqual(def[3].split(' '));
  });

  it('time\'s functions (modules.c time_functions)', () => {
    const c = cTable('modules.c', 'time_functions', /FN\(\w+, "(\w+)", (-?\d+), (-?\d+)\)/g);
    expect(names(TIME.functions)).toEqual([...c.keys()].sort());
    for (const f of TIME.functions) expect({ name: f.name, ...range(f) }).toEqual({ name: f.name, ...c.get(f.name) });
  });
});

/** A Python file's classes (their bases and `def`s and `x = y` aliases) and top-level `def`s. */
interface PyFile { functions: Map<string, string>; aliases: Map<string, string>; classes: Map<string, { bases: string[]; defs: Map<string, string>; aliases: Map<string, string> }> }

function readPython(file: string): PyFile {
  const text = readFileSync(join(root, 'compiler', 'lib', file), 'utf8');
  const py: PyFile = { functions: new Map(), aliases: new Map(), classes: new Map() };
  let current: PyFile['classes'] extends Map<string, infer C> ? C | undefined : never;
  for (const line of text.split('\n')) {
    let m = /^class (\w+)(?:\(([\w, .]*)\))?:/.exec(line);
    if (m) { current = { bases: (m[2] ?? '').split(',').map(b => b.trim()).filter(Boolean), defs: new Map(), aliases: new Map() }; py.classes.set(m[1], current); continue; }
    m = /^def (\w+)\((.*)\):/.exec(line);
    if (m) { py.functions.set(m[1], `(${m[2]})`); current = undefined; continue; }
    m = /^(\w+) = ([\w.]+)\s*(?:#.*)?$/.exec(line);
    if (m) { py.aliases.set(m[1], m[2]); current = undefined; continue; }
    if (!current) continue;
    m = /^ {4}def (\w+)\((?:self|cls)(?:, )?(.*)\):/.exec(line);
    if (m) { current.defs.set(m[1], `(${m[2]})`); continue; }
    m = /^ {4}(\w+) = (\w+)\s*$/.exec(line);
    if (m) current.aliases.set(m[1], m[2]);
  }
  return py;
}

/** The `def` signature of a method, through aliases and base classes. */
function methodDef(py: PyFile, cls: string, method: string): string | undefined {
  const c = py.classes.get(cls);
  if (!c) return undefined;
  const own = c.defs.get(c.aliases.get(method) ?? method);
  return own ?? c.bases.map(b => methodDef(py, b, method)).find(Boolean);
}

/** What a signature says of each parameter: its name, and whether it is required, keyword-only. */
const shape = (sig: Signature) => ({ params: sig.params.map(p => `${p.name}${p.required ? '' : '?'}${p.keywordOnly ? ' (keyword)' : ''}`), varargs: sig.varargs, varkw: sig.varkw });

describe('signatures in Python are the definitions\'', () => {
  // names the class takes from its lock when an object is made, not from a def of its own
  const boundFromLock = ['Condition.acquire', 'Condition.release'];

  it.each([['threading', THREADING, 'threading.py'], ['queue', QUEUE, 'queue.py']] as const)('%s', (_, module, file) => {
    const py = readPython(file);
    const cRanges = cTable('modthread.c', 'thread_functions', C_FUNCTION);
    for (const f of module.functions) {
      const def = py.functions.get(f.name) ?? py.functions.get(py.aliases.get(f.name) ?? '');
      if (def) { expect({ name: f.name, ...shape(parseSignature(f.signature)) }).toEqual({ name: f.name, ...shape(parseSignature(def)) }); continue; }
      const c = /^_thread\.(\w+)$/.exec(py.aliases.get(f.name) ?? '');   // Lock = _thread.allocate_lock
      expect({ name: f.name, from: c?.[1] }).toEqual({ name: f.name, from: expect.any(String) });
      expect({ name: f.name, ...positionalRange(parseSignature(f.signature)) }).toEqual({ name: f.name, ...cRanges.get(c![1]) });
    }
    for (const cls of module.classes) {
      const init = methodDef(py, cls.name, '__new__') ?? methodDef(py, cls.name, '__init__') ?? '()';   // local takes what __new__ does
      expect({ name: cls.name, ...shape(parseSignature(cls.signature)) }).toEqual({ name: cls.name, ...shape(parseSignature(init)) });
      for (const m of cls.methods) {
        const qualified = `${cls.name}.${m.name}`;
        const def = methodDef(py, cls.name, m.name);
        if (boundFromLock.includes(qualified)) { expect(def).toBeUndefined(); continue; }
        expect({ name: qualified, def: def !== undefined }).toEqual({ name: qualified, def: true });
        expect({ name: qualified, ...shape(parseSignature(m.signature)) }).toEqual({ name: qualified, ...shape(parseSignature(def!)) });
      }
    }
  });

  it('RLock() makes an object whose methods are _RLock\'s', () => {
    const py = readPython('threading.py');
    const rlock = THREADING.functions.find(f => f.name === 'RLock')!.returns!;
    for (const m of rlock.methods) expect(shape(parseSignature(m.signature))).toEqual(shape(parseSignature(methodDef(py, '_RLock', m.name)!)));
  });
});
