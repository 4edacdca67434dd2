// What a dotted name in the editor means in the API tables (compiler/src/hardware/machineApi.ts
// and threadsApi.ts): `machine`, `machine.Pin`, `Pin.OUT`, `led.value` (led = Pin(...)),
// `board.LED`, `threading.Thread`, `lock.acquire` (lock = Lock()), `thread`, `PRIO_HIGHEST`. Read from
// the text with line patterns rather than the parser, because the text is mid-edit (`machine.`
// alone does not parse) when completions and hovers are wanted.
import { MACHINE, type ApiClass, type ApiConstant, type ApiFunction, type ApiModule } from '../../../compiler/src/hardware/machineApi';
import { API_MODULES, IMPORTABLE_MODULES, moduleOfClass } from '../../../compiler/src/hardware/apiModules';
import { THREAD_BUILTINS } from '../../../compiler/src/hardware/threadsApi';
import { boardById, findPin, type BoardDefinition, type BoardPin } from '../../../compiler/src/hardware/boards';

export type HardwareSymbol =
  | { kind: 'module'; module: ApiModule }
  | { kind: 'class'; cls: ApiClass }
  | { kind: 'instance'; cls: ApiClass }
  | { kind: 'function'; fn: ApiFunction; owner: string }     // owner: 'machine', 'board', 'Pin', 'builtins'
  | { kind: 'constant'; constant: ApiConstant; owner: string }
  | { kind: 'pin'; name: string; pin: BoardPin; board: BoardDefinition };

const MODULES: Record<string, ApiModule> = Object.fromEntries(API_MODULES.map(m => [m.name, m]));
const IMPORTABLE = new Set(IMPORTABLE_MODULES.map(m => m.name));

/** What a program names without importing: machine and board (offered before the import is
 * typed), thread() and the PRIO_ levels (built-ins). */
function defaultNames(): Map<string, string> {
  const names = new Map<string, string>([['machine', 'machine'], ['board', 'board']]);
  for (const member of memberNames(THREAD_BUILTINS)) names.set(member, `builtins.${member}`);
  return names;
}

/** The names a program's text binds to the API: 'machine', 'machine.Pin', 'board.LED', or
 * 'new machine.Pin' for `led = Pin(...)` ('new threading.Lock' for `lock = Lock()`: a call of a
 * function whose table entry says what it returns). */
export function hardwareNames(text: string): Map<string, string> {
  const names = defaultNames();
  for (const line of text.split('\n')) {
    let m = /^\s*import\s+([\w.\s,]+?)\s*(?:#.*)?$/.exec(line);
    if (m) {
      for (const part of m[1].split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (IMPORTABLE.has(name)) names.set(alias ?? name, name);
      }
      continue;
    }
    m = /^\s*from\s+([\w.]+)\s+import\s+\(?([\w\s,*]+)\)?/.exec(line);
    if (m && IMPORTABLE.has(m[1])) {
      const module = m[1];
      for (const part of m[2].split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (name === '*') for (const member of memberNames(MODULES[module])) names.set(member, `${module}.${member}`);
        else if (name) names.set(alias ?? name, `${module}.${name}`);
      }
      continue;
    }
    m = /^\s*(\w+)\s*=\s*([\w.]+)\s*\(/.exec(line);
    if (m) {
      const made = qualifiedName(names, m[2].split('.'));
      const maker = made ? resolveQualified(made) : undefined;
      if (maker?.kind === 'class' || (maker?.kind === 'function' && maker.fn.returns)) names.set(m[1], `new ${made}`);
      else if (maker?.kind === 'function' && maker.owner === 'board' && MACHINE.classes.some(c => c.name === maker.fn.name)) {
        names.set(m[1], `new machine.${maker.fn.name}`);   // board.UART() makes a machine.UART
      }
    }
  }
  return names;
}

function memberNames(module: ApiModule): string[] {
  return [...module.functions, ...module.classes, ...module.constants].map(m => m.name);
}

/** 'machine.Pin.value' for ['Pin', 'value'] when Pin came from machine. */
function qualifiedName(names: Map<string, string>, chain: string[]): string | undefined {
  const head = names.get(chain[0]);
  return head === undefined ? undefined : [head, ...chain.slice(1)].join('.');
}

function resolveQualified(qualified: string, board?: BoardDefinition): HardwareSymbol | undefined {
  const made = qualified.startsWith('new ');
  const [moduleName, ...path] = (made ? qualified.slice(4) : qualified).split('.');
  const module = MODULES[moduleName];
  if (!module) return undefined;
  let symbol: HardwareSymbol | undefined = { kind: 'module', module };
  for (const [i, part] of path.entries()) {
    symbol = member(symbol, part, board);
    if (made && i === path.length - 1) symbol = instanceMade(symbol);
    if (!symbol) return undefined;
  }
  return symbol;
}

/** What calling `maker` makes: an instance of a class, or of the class a function returns. */
function instanceMade(maker: HardwareSymbol | undefined): HardwareSymbol | undefined {
  if (maker?.kind === 'class') return { kind: 'instance', cls: maker.cls };
  if (maker?.kind === 'function' && maker.fn.returns) return { kind: 'instance', cls: maker.fn.returns };
  return maker;
}

/** What `chain` (['machine', 'Pin', 'OUT']) means in a program whose text bound `names`. */
export function resolveChain(names: Map<string, string>, chain: string[], boardId?: string): HardwareSymbol | undefined {
  const qualified = qualifiedName(names, chain);
  return qualified === undefined ? undefined : resolveQualified(qualified, boardById(boardId));
}

function member(of: HardwareSymbol | undefined, name: string, board?: BoardDefinition): HardwareSymbol | undefined {
  if (!of) return undefined;
  if (of.kind === 'module') {
    const fn = of.module.functions.find(f => f.name === name);
    if (fn) return { kind: 'function', fn, owner: of.module.name };
    const cls = of.module.classes.find(c => c.name === name);
    if (cls) return { kind: 'class', cls };
    const constant = of.module.constants.find(c => c.name === name);
    if (constant) return { kind: 'constant', constant, owner: of.module.name };
    const pin = of.module.name === 'board' && board ? findPin(board, name) : undefined;
    return pin && { kind: 'pin', name, pin, board: board! };
  }
  if (of.kind === 'class' || of.kind === 'instance') {
    const fn = of.cls.methods.find(f => f.name === name);
    if (fn) return { kind: 'function', fn, owner: of.cls.name };
    const constant = of.cls.constants.find(c => c.name === name)
      ?? (of.kind === 'instance' ? of.cls.attributes?.find(a => a.name === name) : undefined);
    return constant && { kind: 'constant', constant, owner: of.cls.name };
  }
  return undefined;
}

export interface Member { label: string; type: 'function' | 'class' | 'constant' | 'variable'; detail: string; info: string }

/** What can follow `symbol.`: a module's functions, classes and constants (the board's pins too),
 * a class's constants and methods. */
export function membersOf(symbol: HardwareSymbol | undefined, boardId?: string): Member[] {
  if (!symbol) return [];
  if (symbol.kind === 'module') {
    const found: Member[] = [
      ...symbol.module.classes.map(c => ({ label: c.name, type: 'class' as const, detail: c.signature, info: c.doc })),
      ...symbol.module.functions.map(f => ({ label: f.name, type: 'function' as const, detail: f.signature, info: f.doc })),
      ...symbol.module.constants.map(c => ({ label: c.name, type: 'constant' as const, detail: '', info: c.doc })),
    ];
    const board = boardById(boardId);
    if (symbol.module.name === 'board' && board) {
      for (const pin of board.pins) found.push({ label: pin.name, type: 'variable', detail: 'Pin', info: pinSummary(board, pin.name, pin) });
      for (const [alias, real] of Object.entries(board.aliases)) {
        const pin = findPin(board, real);
        if (pin) found.push({ label: alias, type: 'variable', detail: `Pin ${real}`, info: pinSummary(board, alias, pin) });
      }
    }
    return found;
  }
  if (symbol.kind === 'class' || symbol.kind === 'instance') {
    return [
      ...symbol.cls.methods.map(f => ({ label: f.name, type: 'function' as const, detail: f.signature, info: f.doc })),
      ...symbol.cls.constants.map(c => ({ label: c.name, type: 'constant' as const, detail: '', info: c.doc })),
      ...(symbol.kind === 'instance' ? symbol.cls.attributes ?? [] : [])
        .map(a => ({ label: a.name, type: 'variable' as const, detail: 'attribute', info: a.doc })),
    ];
  }
  return [];
}

/** "LED: pin D13 of virtual · PWM" */
export function pinSummary(board: BoardDefinition, name: string, pin: BoardPin): string {
  const can = [pin.adc !== undefined ? `ADC channel ${pin.adc}` : '', pin.pwm ? 'PWM' : '', pin.link ? 'used by the link to the IDE' : '']
    .filter(Boolean);
  return `${name}: pin ${pin.name} of ${board.id}${can.length ? ' · ' + can.join(' · ') : ''}`;
}

/** The signature line and the one-line doc a hover shows for a symbol. */
export function describe(symbol: HardwareSymbol): { title: string; doc: string } {
  switch (symbol.kind) {
    case 'module': return { title: `module ${symbol.module.name}`, doc: symbol.module.doc };
    case 'class': return { title: `class ${qualifiedClass(symbol.cls)}${symbol.cls.signature}`, doc: symbol.cls.doc };
    case 'instance': return { title: `${qualifiedClass(symbol.cls)} object`, doc: symbol.cls.doc };
    case 'function': return { title: `${ownerPrefix(symbol.owner)}${symbol.fn.name}${symbol.fn.signature}`, doc: symbol.fn.doc };
    case 'constant': return { title: `${ownerPrefix(symbol.owner)}${symbol.constant.name}`, doc: symbol.constant.doc };
    case 'pin': return { title: `board.${symbol.name}: machine.Pin`, doc: pinSummary(symbol.board, symbol.name, symbol.pin) };
  }
}

/** 'machine.Pin', 'threading.Thread'; a class no module lists (what thread() returns) by its name alone. */
function qualifiedClass(cls: ApiClass): string {
  const module = moduleOfClass(cls);
  return module ? `${module.name}.${cls.name}` : cls.name;
}

/** A built-in is named without a module: `thread(...)`, `PRIO_HIGHEST`. */
function ownerPrefix(owner: string): string {
  return owner === 'builtins' ? '' : `${owner}.`;
}
