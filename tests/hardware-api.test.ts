// The editor's table of the hardware API (compiler/src/hardware/machineApi.ts) and of the
// built-in names (compiler/src/warnings/builtinNames.ts) against the VM itself: the host VM's
// dir() of machine, of each class, of board and of builtins must hold exactly the names the
// table has (public ones), and the table's argument counts must be those of the definitions
// (the constructors and method tables of vm-firmware/core's machine_*.c and modmachine_bus.c).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, compile } from '../compiler/src/index';
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
  // each class's constructor and method table in the C file that defines it
  const files: Record<string, string> = {
    Pin: 'machine_pin.c', ADC: 'machine_adc_pwm.c', PWM: 'machine_adc_pwm.c', Timer: 'machine_timer.c',
    UART: 'modmachine_bus.c', I2C: 'modmachine_bus.c', SPI: 'modmachine_bus.c',
  };
  it('covers every class of the table', () => expect(Object.keys(files).sort()).toEqual(MACHINE.classes.map(c => c.name).sort()));

  it.each(Object.keys(files))('%s', name => {
    const c = readFileSync(join(root, 'vm-firmware', 'core', files[name]), 'utf8');
    const cls = MACHINE.classes.find(k => k.name === name)!;
    const prefix = name.toLowerCase();
    const make = new RegExp(`${prefix}_make_builtin = \\{[^"]*"${name}", \\w+, (\\d+), (\\d+)`).exec(c);
    expect(make).not.toBeNull();
    expect(positionalRange(parseSignature(cls.signature))).toEqual({ min: Number(make![1]), max: Number(make![2]) });
    const table = new RegExp(`${prefix}_methods\\[\\] = \\{([\\s\\S]*?)\\n\\};`).exec(c)![1];
    const methods = [...table.matchAll(/\{"(\w+)", \w+, (\d+), (\d+)/g)]
      .map(m => ({ method: m[1], min: Number(m[2]), max: Number(m[3]) }))
      .filter(m => !m.method.startsWith('_'));   // Pin's __call__ is value()
    expect(methods.length).toBe(cls.methods.length);
    for (const m of methods) {
      const mine = cls.methods.find(x => x.name === m.method);
      expect({ method: m.method, ...(mine ? positionalRange(parseSignature(mine.signature)) : {}) }).toEqual(m);
    }
  });
});
