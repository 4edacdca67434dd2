// What would fail on the selected board, in the VM's own words: a pin it lacks
// (`pin D99 not on nucleo_f401re`), a pin the link to the IDE holds, ADC or PWM on a pin without
// one, a bus id it does not have.
import type * as A from '../ast';
import { CATALOGUE } from '../catalogue';
import { findPin, type BoardDefinition, type BoardPin } from '../hardware/boards';
import { BOARD_MODULE } from '../hardware/machineApi';
import type { Scope } from '../scopes';
import type { WarningContext } from './context';

const BOARD_MEMBERS = new Set([...BOARD_MODULE.functions, ...BOARD_MODULE.constants].map(m => m.name));
const PIN_CLASSES = new Set(['Pin', 'ADC', 'PWM']);
const BUS_CLASSES: Record<string, 'uart' | 'i2c' | 'spi'> = { UART: 'uart', I2C: 'i2c', SPI: 'spi' };

export function checkBoardUse(node: A.AnyNode, scope: Scope, cx: WarningContext): void {
  const board = cx.board;
  if (!board) return;
  if (node.kind === 'Attribute' && node.ctx === 'Load') {
    const m = cx.hardware.meaning(node, scope);
    if (m?.kind === 'boardName') checkBoardName(m.name, node, board, cx);
  } else if (node.kind === 'ImportFrom' && node.module === 'board' && !node.level) {
    for (const a of node.names) if (a.name !== '*') checkBoardName(a.name, a, board, cx);
  } else if (node.kind === 'Call') {
    const m = cx.hardware.meaning(node.func, scope);
    if (m?.kind !== 'class') return;
    const first = node.args[0] ?? node.keywords.find(k => k.arg === 'id' || k.arg === 'pin' || k.arg === 'dest')?.value;
    if (!first || first.kind === 'Starred') return;
    if (PIN_CLASSES.has(m.cls.name)) checkPinArgument(m.cls.name, first, scope, board, cx);
    else if (m.cls.name in BUS_CLASSES) checkBusId(m.cls.name, BUS_CLASSES[m.cls.name], first, board, cx);
  }
}

function checkBoardName(name: string, at: A.Span, board: BoardDefinition, cx: WarningContext): void {
  if (BOARD_MEMBERS.has(name) || /^__\w+__$/.test(name)) return;
  if (!findPin(board, name)) cx.warn(CATALOGUE.BOARD_MISMATCH, `pin ${name} not on ${board.id}`, at);
}

function checkPinArgument(cls: string, arg: A.Expr, scope: Scope, board: BoardDefinition, cx: WarningContext): void {
  const named = pinNamed(arg, scope, cx);
  if (named === undefined) return;
  let pin: BoardPin | undefined;
  if (typeof named === 'number') {
    pin = named >= 0 ? board.pins[named] : undefined;
    if (!pin) { cx.warn(CATALOGUE.BOARD_MISMATCH, `pin ${named} not on ${board.id}`, arg); return; }
  } else {
    pin = findPin(board, named);
    // board.X and Pin('X') inside are reported where they stand; a string is reported here
    if (!pin) { if (arg.kind === 'Constant') cx.warn(CATALOGUE.BOARD_MISMATCH, `pin ${named} not on ${board.id}`, arg); return; }
  }
  if (pin.link) cx.warn(CATALOGUE.BOARD_MISMATCH, `pin ${pin.name} is used by the link to the IDE`, arg);
  else if (cls === 'ADC' && pin.adc === undefined) cx.warn(CATALOGUE.BOARD_MISMATCH, `pin ${pin.name} has no ADC (ADC pins: ${able(board, p => p.adc !== undefined)})`, arg);
  else if (cls === 'PWM' && !pin.pwm) cx.warn(CATALOGUE.BOARD_MISMATCH, `pin ${pin.name} has no PWM (PWM pins: ${able(board, p => !!p.pwm)})`, arg);
}

/** The pin an argument names: 'D13', 13, board.D13, Pin('D13', ...), or a Pin bound once to one of those. */
function pinNamed(arg: A.Expr, scope: Scope, cx: WarningContext): string | number | undefined {
  if (arg.kind === 'Constant') {
    if (arg.value.t === 'str') return arg.value.v;
    if (arg.value.t === 'int') return Number(arg.value.v);
    return undefined;
  }
  if (arg.kind === 'UnaryOp' && arg.op === 'USub' && arg.operand.kind === 'Constant' && arg.operand.value.t === 'int') {
    return -Number(arg.operand.value.v);
  }
  const m = cx.hardware.meaning(arg, scope);
  if (m?.kind === 'boardName') return m.name;
  if (m?.kind === 'instance' && m.cls.name === 'Pin' && m.made.args[0]) {
    const inner = m.made.args[0];
    return inner.kind === 'Constant' || inner.kind === 'Attribute' ? pinNamed(inner, scope, cx) : undefined;
  }
  return undefined;
}

function checkBusId(cls: string, kind: 'uart' | 'i2c' | 'spi', arg: A.Expr, board: BoardDefinition, cx: WarningContext): void {
  if (arg.kind !== 'Constant' || arg.value.t !== 'int') return;
  const id = Number(arg.value.v);
  const ids = (board[kind] ?? []).map(b => b.id);
  if (!ids.includes(id)) {
    cx.warn(CATALOGUE.BOARD_MISMATCH, `no ${cls} ${id} on ${board.id} (${cls} ids: ${ids.length ? ids.join(', ') : 'none'})`, arg);
  }
}

function able(board: BoardDefinition, can: (p: BoardPin) => boolean): string {
  return board.pins.filter(can).map(p => p.name).join(', ') || 'none';
}
