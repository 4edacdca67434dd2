// What the selected board's VM leaves out (its feature level, boards/<id>.json firmware.level;
// the VM's core/config.h): sets, bytes, big ints, the modules of the full level. The VM would
// raise NotImplementedError or OverflowError there; the compiler says so first, with the place.
import type * as A from '../ast';
import { CATALOGUE } from '../catalogue';
import type { FeatureLevel } from '../hardware/boardFirmware';
import type { BoardDefinition } from '../hardware/boards';
import type { Scope } from '../scopes';
import type { WarningContext } from './context';

const RANK: Record<FeatureLevel, number> = { minimal: 0, standard: 1, full: 2 };

/** The level a board's firmware is built at; boards without a firmware block run the full VM. */
export function boardLevel(board: BoardDefinition | undefined): FeatureLevel {
  const level = board?.firmware?.level;
  return level === 'minimal' || level === 'standard' ? level : 'full';
}

/** Small ints on a 32-bit VM (value.h: one tag bit): what minimal can hold without big ints. */
const SMALL_MIN = -(2n ** 30n), SMALL_MAX = 2n ** 30n - 1n;

/** Built-in callables and the level that first has them. */
const BUILTINS: Record<string, [FeatureLevel, string]> = {
  set: ['standard', 'sets are'], frozenset: ['standard', 'sets are'],
  bytes: ['standard', 'bytes are'], bytearray: ['standard', 'bytearray is'],
  memoryview: ['full', 'memoryview is'],
};
/** Modules and the level that first has them. */
const MODULES: Record<string, [FeatureLevel, string]> = {
  array: ['full', 'the array module is'], weakref: ['full', 'the weakref module is'],
  _weakref: ['full', 'the weakref module is'], atexit: ['full', 'the atexit module is'],
};

export function checkLevelUse(node: A.AnyNode, scope: Scope, cx: WarningContext): void {
  const level = boardLevel(cx.board);
  if (level === 'full') return;
  const lacks = (need: FeatureLevel, what: string, at: A.Span) => {
    if (RANK[level] < RANK[need]) cx.error(CATALOGUE.LEVEL_LACKS, `${what} not available on ${cx.board!.name} (${level} VM)`, at);
  };
  switch (node.kind) {
    case 'Set': case 'SetComp': lacks('standard', 'sets are', node); break;
    case 'Constant':
      if (node.value.t === 'bytes') lacks('standard', 'bytes are', node);
      else if (node.value.t === 'int' && (node.value.v < SMALL_MIN || node.value.v > SMALL_MAX)) {
        lacks('standard', `ints beyond ${SMALL_MIN}..${SMALL_MAX} (big ints) are`, node);
      }
      break;
    case 'Call':
      if (node.func.kind === 'Name' && Object.prototype.hasOwnProperty.call(BUILTINS, node.func.id) &&
          cx.bindings.resolve(scope, node.func.id).kind === 'builtin') {
        const [need, what] = BUILTINS[node.func.id];
        lacks(need, what, node.func);
      }
      break;
    case 'Import':
      for (const a of node.names) {
        const top = a.name.split('.')[0];
        if (Object.prototype.hasOwnProperty.call(MODULES, top)) lacks(MODULES[top][0], MODULES[top][1], a);
      }
      break;
    case 'ImportFrom':
      if (!node.level && node.module && Object.prototype.hasOwnProperty.call(MODULES, node.module.split('.')[0])) {
        const [need, what] = MODULES[node.module.split('.')[0]];
        lacks(need, what, node);
      }
      break;
    default: break;
  }
}
