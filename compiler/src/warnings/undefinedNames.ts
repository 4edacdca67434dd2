// "name 'x' is not defined", found before the program runs: a name read that no scope, built-in
// or import binds. Any binding anywhere in a scope counts (a function may read a module name
// bound further down), dunders are left to the VM, a star import or a write to globals() silences
// the check, and so does a `try` that catches NameError around the read.
import type * as A from '../ast';
import { CATALOGUE } from '../catalogue';
import type { Scope } from '../scopes';
import type { WarningContext } from './context';

export function checkUndefinedName(node: A.AnyNode, scope: Scope, cx: WarningContext): void {
  if (node.kind !== 'Name' || node.ctx !== 'Load') return;
  if (cx.bindings.resolve(scope, node.id).kind === 'undefined' && !cx.bindings.guardedAgainstNameError(node.start)) {
    cx.warn(CATALOGUE.UNDEFINED_NAME, `name '${node.id}' is not defined`, node);
  }
}
