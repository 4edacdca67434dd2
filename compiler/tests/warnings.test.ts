// The warnings stage (compiler/src/warnings): what `check` says as you type about what would fail
// when the program runs. Each warning with its position and words; the Python that must NOT be
// warned of; and the whole conformance corpus and the examples, where only the failures those
// programs make on purpose may be found.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, type Diagnostic } from '../src/index';
import type { BoardDefinition } from '../src/hardware/boards';

const warningsOf = (source: string, board?: string | BoardDefinition) =>
  check(source, 'main.py', { board }).filter(d => d.severity === 'warning');
const said = (source: string, board?: string | BoardDefinition) =>
  warningsOf(source, board).map(d => `${d.line}:${d.column} ${d.code} ${d.message}`);

/** A board like a Nucleo: its link UART on D0/D1, ADC on A0 only. */
const NUCLEO_LIKE: BoardDefinition = {
  id: 'nucleo_f401re', name: 'test board',
  pins: [
    { name: 'D0', port: 'A', pad: 3, link: true }, { name: 'D1', port: 'A', pad: 2, link: true },
    { name: 'D13', port: 'A', pad: 5 }, { name: 'A0', port: 'A', pad: 0, adc: 0 },
    { name: 'D9', port: 'C', pad: 7, pwm: { timer: 3, channel: 2, af: 2 } },
  ],
  aliases: { LED: 'D13' },
  uart: [{ id: 6, tx: 'D9', rx: 'D13' }], i2c: [], spi: [],
};

describe('undefined names', () => {
  it('warns of a name nothing binds, where it is read, in the VM\'s words', () => {
    const d = warningsOf('x = 1\nprint(x + y)\n');
    expect(d).toEqual([expect.objectContaining({
      code: 'V5001', severity: 'warning', message: "name 'y' is not defined", line: 2, column: 11, endLine: 2, endColumn: 12,
    })]);
  });

  it('warns in functions, lambdas, comprehensions and class bodies', () => {
    expect(said('def f():\n    return q\nlambda: r\n[s for _ in []]\nclass C:\n    t\n')).toEqual([
      "2:12 V5001 name 'q' is not defined", "3:9 V5001 name 'r' is not defined",
      "4:2 V5001 name 's' is not defined", "6:5 V5001 name 't' is not defined",
    ]);
  });

  it('knows a method cannot see its class body\'s names (as Python)', () => {
    expect(said('class C:\n    z = 1\n    def m(self):\n        return z\n')).toEqual(["4:16 V5001 name 'z' is not defined"]);
  });

  it('says nothing of names that are bound somewhere Python looks', () => {
    const fine = [
      'def f():\n    return later\nlater = 1\n',                       // bound further down at module level
      'def f():\n    global g\n    g = 1\nf()\nprint(g)\n',           // bound by a global statement
      'print([x for x in range(3)], {k: v for k, v in {}.items()})\n',  // comprehension variables
      'print(sum(y for y in [1]))\n[z := 5 for _ in [1]]\nprint(z)\n',   // walrus in a comprehension
      'class C:\n    a = 1\n    b = a + 1\n    c = [a]\n',             // class body reads its own names
      'x = 1\ndel x\n',                                                 // del
      'from math import *\nprint(pi, anything)\n',                      // star import: anything goes
      'print(__name__, __doc__, __file__)\n',                           // module dunders
      'def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n += 1\n        return n\n    return inner\n',
      'try:\n    pass\nexcept ValueError as e:\n    print(e)\n',
      'with open_it() as f:\n    pass\n'.replace('open_it()', 'memoryview(b"")'),
      'import os.path\nprint(os)\n',
      'def f(a, *args, b=1, **kw):\n    return a, args, b, kw\n',
      'f = lambda x, y=1: x + y\n',
      'class C:\n    def m(self):\n        return super().m(), __class__\n',
      'for i, (j, k) in enumerate([(1, 2)]):\n    print(i, j, k)\n',
      'try:\n    unicode\nexcept NameError:\n    unicode = str\n',   // a guarded probe
      'globals()["made"] = 1\nprint(made)\n',                          // bound through globals()
      'print(PRIO_HIGH if False else PRIO_NORMAL, thread, Ellipsis, NotImplemented)\n'.replace('PRIO_HIGH ', 'PRIO_HIGHER '),
      'def deco(f):\n    return f\n@deco\ndef g():\n    return h()\ndef h():\n    return 1\n',
      'x: int = 1\nprint(x)\n',
    ];
    for (const source of fine) expect({ source, warnings: said(source) }).toEqual({ source, warnings: [] });
  });
});

describe('pins and buses the selected board lacks', () => {
  it('warns of Pin("D99"), board.D99 and machine.Pin("X") with the VM\'s message', () => {
    const source = "import machine, board\nfrom machine import Pin\nPin('D99', Pin.OUT)\nb = board.D99\nmachine.Pin(\"X\")\n";
    expect(said(source, 'virtual')).toEqual([
      '3:5 V5002 pin D99 not on virtual', '4:5 V5002 pin D99 not on virtual', '5:13 V5002 pin X not on virtual',
    ]);
    expect(said(source, NUCLEO_LIKE)).toEqual([
      '3:5 V5002 pin D99 not on nucleo_f401re', '4:5 V5002 pin D99 not on nucleo_f401re', '5:13 V5002 pin X not on nucleo_f401re',
    ]);
  });

  it('knows the Nucleo-F401RE from its board file: its CPU names, its link pins', () => {
    const source = "from machine import Pin\nimport board\nPin('PA5'), Pin('PC13'), board.B1, board.A5\nPin('D99')\nPin('D0')\nPin('A6')\n";
    expect(said(source, 'nucleo_f401re')).toEqual([
      '4:5 V5002 pin D99 not on nucleo_f401re', '5:5 V5002 pin D0 is used by the link to the IDE', '6:5 V5002 pin A6 not on nucleo_f401re',
    ]);
  });

  it('accepts every pin name, alias and board function of the board', () => {
    const source = "import board\nfrom machine import Pin\nfrom board import LED, KNOB\n" +
      "Pin('D13'), Pin('LED'), Pin(board.BUTTON), Pin(19), board.A3, board.LED2, board.UART(), board.NAME\n";
    expect(said(source, 'virtual')).toEqual([]);
  });

  it('says nothing of pins when no board is known', () => {
    expect(said("from machine import Pin\nPin('D99')\n")).toEqual([]);
    expect(said("from machine import Pin\nPin('D99')\n", 'no_such_board')).toEqual([]);
  });

  it('warns of from board import D99, a pin number past the end, and names the board', () => {
    expect(said('from board import D99\nfrom machine import Pin\nPin(20)\n', 'virtual')).toEqual([
      '1:19 V5002 pin D99 not on virtual', '3:5 V5002 pin 20 not on virtual',
    ]);
  });

  it('warns of the link pins, ADC and PWM on pins without them, and missing bus ids', () => {
    const source = "from machine import Pin, ADC, PWM, UART, I2C\nimport board\n" +
      "Pin('D1')\nADC('D13')\nPWM(board.LED)\nUART(1)\nI2C(1)\nADC('A0'), PWM('D9'), UART(6)\n";
    expect(said(source, NUCLEO_LIKE)).toEqual([
      '3:5 V5002 pin D1 is used by the link to the IDE',
      '4:5 V5002 pin D13 has no ADC (ADC pins: A0)',
      '5:5 V5002 pin D13 has no PWM (PWM pins: D9)',
      '6:6 V5002 no UART 1 on nucleo_f401re (UART ids: 6)',
      '7:5 V5002 no I2C 1 on nucleo_f401re (I2C ids: none)',
    ]);
    expect(said("from machine import ADC, Pin\nbutton = Pin('D2')\nADC(button)\nADC(Pin('A1'))\n", 'virtual'))
      .toEqual(['3:5 V5002 pin D2 has no ADC (ADC pins: A0, A1, A2, A3)']);
  });

  it('follows import machine as m, from machine import * and a Pin bound once', () => {
    expect(said("import machine as m\nm.Pin('D42')\n", 'virtual')).toEqual(['2:7 V5002 pin D42 not on virtual']);
    expect(said("from machine import *\nPin('D42')\n", 'virtual')).toEqual(['2:5 V5002 pin D42 not on virtual']);
    expect(said("class Pin:\n    def __init__(self, n):\n        pass\nPin('D42')\n", 'virtual')).toEqual([]);   // not machine's
  });
});

describe('wrong argument counts', () => {
  it('counts the machine API\'s constructors, functions and the methods of an object bound once', () => {
    const source = "import machine\nfrom machine import Pin, I2C\nled = Pin('LED', Pin.OUT)\n" +
      "led.value(1, 2)\nled.on(1)\nmachine.unique_id(3)\nPin()\nI2C(1).readfrom(0x44)\nled.value()\nled.value(0)\n";
    expect(said(source)).toEqual([
      '4:1 V5003 value() takes from 0 to 1 positional arguments but 2 were given',
      '5:1 V5003 on() takes 0 positional arguments but 1 was given',
      '6:1 V5003 unique_id() takes 0 positional arguments but 1 was given',
      "7:1 V5003 Pin() missing 1 required positional argument: 'id'",
      "8:1 V5003 readfrom() missing 1 required positional argument: 'nbytes'",
    ]);
    expect(said('import board\nuart = board.UART()\nuart.write()\nuart.write(b"x")\n'))
      .toEqual(["3:1 V5003 write() missing 1 required positional argument: 'buf'"]);
  });

  it('counts time, _thread, threading and queue from their table, objects a function returns included', () => {
    const source = 'import time, threading, _thread\nfrom queue import Queue\ntime.sleep_ms()\ntime.ticks_diff(1)\n' +
      'lock = threading.Lock()\nlock.acquire(True, 1, 2)\nq = Queue(4)\nq.put()\n_thread.start_new_thread(print)\n' +
      'threading.Event(1)\nt = threading.Thread(target=print, prio=PRIO_HIGHER)\nt.set_prio()\n' +
      'time.sleep_ms(5)\nlock.acquire()\nq.put(1, timeout=2)\nthreading.local()\n';
    expect(said(source)).toEqual([
      "3:1 V5003 sleep_ms() missing 1 required positional argument: 'ms'",
      "4:1 V5003 ticks_diff() missing 1 required positional argument: 'old'",
      '6:1 V5003 acquire() takes from 0 to 2 positional arguments but 3 were given',
      "8:1 V5003 put() missing 1 required positional argument: 'item'",
      "9:1 V5003 start_new_thread() missing 1 required positional argument: 'args'",
      '10:1 V5003 Event() takes 0 positional arguments but 1 was given',
      "12:1 V5003 set_prio() missing 1 required positional argument: 'prio'",
    ]);
    expect(said('import time\ntime = None\ntime.sleep_ms()\n')).toEqual([]);   // rebound: not the module
  });

  it('counts built-ins the program does not shadow', () => {
    expect(said('len(1, 2)\nisinstance(3)\nprint(1, 2, 3)\nrange(1, 2, 3, 4)\n')).toEqual([
      '1:1 V5003 len() takes 1 positional argument but 2 were given',
      "2:1 V5003 isinstance() missing 1 required positional argument: 'classinfo'",
      '4:1 V5003 range() takes from 1 to 3 positional arguments but 4 were given',
    ]);
    expect(said('def len(*a):\n    return 0\nlen(1, 2)\n')).toEqual([]);
  });

  it('counts functions defined once with a plain def, keywords included', () => {
    const source = 'def f(a, b=1, *, c, d=2):\n    pass\nf(1, c=1)\nf(c=3)\nf(1, 2, 3, c=1)\nf(1)\nf(1, a=1, c=1)\n';
    expect(said(source)).toEqual([
      "4:1 V5003 f() missing 1 required positional argument: 'a'",
      '5:1 V5003 f() takes from 1 to 2 positional arguments but 3 were given',
      "6:1 V5003 f() missing 1 required keyword-only argument: 'c'",
      "7:1 V5003 f() got multiple values for argument 'a'",
    ]);
  });

  it('leaves alone what it cannot be sure of', () => {
    const fine = [
      'def f(a):\n    pass\nf = print\nf(1, 2)\n',                    // rebound
      'def deco(g):\n    return lambda *a: g()\n@deco\ndef f(a):\n    pass\nf(1, 2)\n',   // decorated
      'def f(a, b):\n    pass\nargs = (1, 2)\nf(*args)\nf(**{"a": 1, "b": 2})\n',          // unpacking
      'def f(*args, **kw):\n    pass\nf(1, 2, 3, x=4)\n',
      'def f(a, /, **kw):\n    pass\nf(1, a=2)\n',                    // a goes to **kw
      'class C:\n    def m(self, a):\n        pass\nC().m(1)\n',
    ];
    for (const source of fine) expect({ source, warnings: said(source) }).toEqual({ source, warnings: [] });
  });
});

describe('warnings do not get in the way', () => {
  it('are not errors: a program with warnings has none', () => {
    const d = check('print(nobody)\n', 'main.py');
    expect(d.map(x => x.severity)).toEqual(['warning']);
  });

  it('keep up with a 20,000-term sum, and a nesting too deep keeps its error', () => {
    const sum = warningsOf('x = (a\n' + '+ a\n'.repeat(19999) + ')\n');   // one term a line
    expect(sum).toHaveLength(20000);
    expect(sum[19999]).toMatchObject({ message: "name 'a' is not defined", line: 20000, column: 3 });
    expect(check('x = ' + '-'.repeat(20000) + 'y\n', 'main.py').map(d => d.severity)).toEqual(['error']);
  });

  it('come after the syntax errors are gone', () => {
    expect(check('print(nobody\n', 'main.py').map(x => x.severity)).toEqual(['error']);
  });
});

// What the corpus does wrong on purpose (each program expects that failure); anything else
// the checker says about these programs is a false warning.
const EXPECTED: Record<string, string[]> = {
  'calls_errors_kwonly_missing.py': ["5:1 V5003 f() missing 2 required keyword-only arguments: 'key', 'other'"],
  'calls_errors_missing.py': ["5:1 V5003 f() missing 1 required positional argument: 'b'"],
  'calls_errors_multiple_values.py': ["5:1 V5003 f() got multiple values for argument 'a'"],
  'calls_errors_posonly_kw.py': ["5:1 V5003 f() got some positional-only arguments passed as keyword arguments: 'a'"],
  'calls_errors_too_many.py': ['5:1 V5003 f() takes from 1 to 2 positional arguments but 3 were given'],
  'comprehensions_errors.py': ["6:8 V5001 name 'undefined' is not defined"],
  'exceptions_builtin_errors.py': ["6:13 V5001 name 'undefined_name' is not defined"],
};

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? pythonFiles(join(dir, e.name)) : e.name.endsWith('.py') ? [join(dir, e.name)] : []);
}

describe('no false warnings on the conformance corpus and the examples', () => {
  const root = join(__dirname, '..', '..');
  const files = [...pythonFiles(join(root, 'tests', 'conformance')), ...pythonFiles(join(root, 'examples'))];

  it('finds the programs', () => expect(files.length).toBeGreaterThan(300));

  it.each(['virtual', undefined])('board %s', board => {
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const warnings = said(readFileSync(file, 'utf8'), board);
      if (warnings.length) found[file.split('/').pop()!] = warnings;
    }
    expect(found).toEqual(EXPECTED);
  });
});

describe('the hardware tests\' programs (tests/hardware, tests/hardware-bus) on the Virtual board', () => {
  const root = join(__dirname, '..', '..');
  const files = ['hardware', 'hardware-bus'].flatMap(dir => pythonFiles(join(root, 'tests', dir)));

  it('are warned of only where they fail on purpose (inside the lambdas they try)', () => {
    const found: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const d of warningsOf(readFileSync(file, 'utf8'), 'virtual')) {
        found.push(`${file.split('/').slice(-2).join('/')}:${d.line} ${lines[d.line - 1].includes('lambda') ? 'on purpose' : 'FALSE'}: ${d.message}`);
      }
    }
    expect(found.filter(f => f.includes('FALSE'))).toEqual([]);
    expect(found.length).toBeGreaterThan(5);   // the checker does see their deliberate mistakes
  });
});

export type { Diagnostic };
