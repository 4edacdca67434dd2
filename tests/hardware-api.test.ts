// The editor's table of the hardware API (compiler/src/hardware/machineApi.ts) and of the
// built-in names (compiler/src/warnings/builtinNames.ts) against the VM itself: the host VM's
// dir() of machine, of each class, of board and of builtins must hold exactly the names the
// table has (public ones), and the table's argument counts must be those of the definitions
// (compiler/lib/machine.py for the classes written in Python, the method tables of
// vm-firmware/core/modmachine_bus.c for the buses).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, compile } from '../compiler/src/index';
import { parse } from '../compiler/src/parser';
import { tokenize } from '../compiler/src/tokenizer';
import { SourceText } from '../compiler/src/source';
import { DiagnosticSink } from '../compiler/src/catalogue';
import type * as A from '../compiler/src/ast';
import { BOARD_MODULE, MACHINE, type ApiClass } from '../compiler/src/hardware/machineApi';
import { parseSignature, positionalRange } from '../compiler/src/hardware/signature';
import { boardById, pinNames } from '../compiler/src/hardware/boards';
import { BUILTIN_NAMES } from '../compiler/src/warnings/builtinNames';
import { hostVmPath } from '../main/devices/virtualBoard';

const root = join(__dirname, '..');

function runOnVm(program: string) {
  const { image, diagnostics } = compile(program, 'main.py');
  expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  const path = join(mkdtempSync(join(tmpdir(), 'viper-api-')), 'main.vbc');
  writeFileSync(path, image!);
  return spawnSync(hostVmPath(), [path], { encoding: 'utf8', timeout: 30000 });
}

/** dir() of builtins, machine, board and each class, as the host VM answers. */
function vmDir(): Record<string, string[]> {
  const program = `import builtins, machine, board
def public(o):
    return sorted([n for n in dir(o) if not n.startswith('_')])
print(repr({'builtins': sorted(dir(builtins)), 'machine': public(machine), 'board': public(board),
${MACHINE.classes.map(c => `  ${JSON.stringify(c.name)}: public(machine.${c.name}),`).join('\n')}
}).replace("'", '"'))
`;
  const r = runOnVm(program);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

const members = (c: ApiClass) => [...c.methods, ...c.constants].map(m => m.name).sort();

describe('the API table is the VM\'s', () => {
  const vm = vmDir();

  it('machine: the same functions and classes', () => {
    const table = [...MACHINE.functions, ...MACHINE.classes, ...MACHINE.constants].map(m => m.name).sort();
    expect(vm.machine).toEqual(table);
  });

  it.each(MACHINE.classes.map(c => c.name))('machine.%s: the same methods and constants', name => {
    // Python's __call__ and the like are not listed: dir() here leaves dunders out too
    expect(vm[name]).toEqual(members(MACHINE.classes.find(c => c.name === name)!));
  });

  it('board: the pins and aliases of boards/virtual.json, and the table\'s functions', () => {
    const virtual = boardById('virtual')!;
    const table = [...BOARD_MODULE.functions, ...BOARD_MODULE.constants].map(m => m.name);
    expect(vm.board.filter(n => n !== 'machine')).toEqual([...pinNames(virtual), ...table].sort());
  });

  it('builtins: exactly the names the undefined-name warning knows', () => {
    expect(vm.builtins).toEqual([...BUILTIN_NAMES].sort());
  });
});

describe('a board warning says what the VM raises', () => {
  // each line fails on the Virtual board; the editor's warning must be the VM's ValueError
  const failing = [
    "Pin('D99')", 'Pin(20)', 'Pin(-1)', "machine.Pin('X1')", "ADC('D2')", 'ADC(board.LED)', "PWM('A0')",
    'UART(3)', 'UART(0)', 'I2C(2)', 'SPI(2)', "ADC(Pin('D13'))",
  ];
  const header = 'import machine, board\nfrom machine import Pin, ADC, PWM, UART, I2C, SPI\n';

  it.each(failing)('%s', expression => {
    const warnings = check(header + expression + '\n', 'main.py', { board: 'virtual' }).filter(d => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    const program = header + `try:\n    ${expression}\nexcept ValueError as e:\n    print(e)\n`;
    expect(runOnVm(program).stdout).toBe(warnings[0].message + '\n');
  });
});

describe('the table\'s argument counts are the definitions\'', () => {
  const source = new SourceText(readFileSync(join(root, 'compiler', 'lib', 'machine.py'), 'utf8'));
  const sink = new DiagnosticSink('machine.py');
  const module = parse(source, tokenize(source, sink), sink);
  const classes = new Map(module.body.filter((s): s is A.ClassDef => s.kind === 'ClassDef').map(c => [c.name, c]));

  /** A def's positional range without self. */
  function defRange(def: A.FunctionDef): { min: number; max: number } {
    const positional = [...def.args.posonlyargs, ...def.args.args].length - 1;
    return { min: positional - def.args.defaults.length, max: def.args.vararg ? Infinity : positional };
  }

  const pythonClasses = MACHINE.classes.filter(c => classes.has(c.name));
  it('reads the classes written in Python', () => expect(pythonClasses.map(c => c.name)).toEqual(['Pin', 'ADC', 'PWM', 'Timer']));

  it.each(pythonClasses.map(c => c.name))('machine.py\'s %s', name => {
    const cls = MACHINE.classes.find(c => c.name === name)!;
    const defs = new Map(classes.get(name)!.body.filter((s): s is A.FunctionDef => s.kind === 'FunctionDef').map(d => [d.name, d]));
    expect(positionalRange(parseSignature(cls.signature))).toEqual(defRange(defs.get('__init__')!));
    for (const m of cls.methods) {
      expect({ method: m.name, ...positionalRange(parseSignature(m.signature)) }).toEqual({ method: m.name, ...defRange(defs.get(m.name)!) });
    }
  });

  const c = readFileSync(join(root, 'vm-firmware', 'core', 'modmachine_bus.c'), 'utf8');
  it.each(['UART', 'I2C', 'SPI'])('modmachine_bus.c\'s %s', name => {
    const cls = MACHINE.classes.find(k => k.name === name)!;
    const prefix = name.toLowerCase();
    const make = new RegExp(`${prefix}_make_builtin = \\{[^"]*"${name}", \\w+, (\\d+), (\\d+)`).exec(c);
    expect(make).not.toBeNull();
    expect(positionalRange(parseSignature(cls.signature))).toEqual({ min: Number(make![1]), max: Number(make![2]) });
    const table = new RegExp(`${prefix}_methods\\[\\] = \\{([\\s\\S]*?)\\n\\};`).exec(c)![1];
    const methods = [...table.matchAll(/\{"(\w+)", \w+, (\d+), (\d+)/g)].map(m => ({ method: m[1], min: Number(m[2]), max: Number(m[3]) }));
    expect(methods.length).toBe(cls.methods.length);
    for (const m of methods) {
      const mine = cls.methods.find(x => x.name === m.method);
      expect({ method: m.method, ...(mine ? positionalRange(parseSignature(mine.signature)) : {}) }).toEqual(m);
    }
  });
});
