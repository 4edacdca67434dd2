// "f() takes 2 positional arguments but 3 were given", before the program runs, for calls whose
// target the text makes certain: the machine API (its classes, functions and the methods of an
// object bound once, `led = Pin(...)`), built-ins with fixed arities the program does not shadow,
// and functions the program defines once with a plain `def`. Calls that unpack (`*a`, `**k`) are
// not counted.
import type * as A from '../ast';
import { CATALOGUE } from '../catalogue';
import { arityProblem, parseSignature, type Signature } from '../hardware/signature';
import type { Scope } from '../scopes';
import { BUILTIN_SIGNATURES } from './builtinNames';
import type { WarningContext } from './context';

export function checkArgumentCount(node: A.AnyNode, scope: Scope, cx: WarningContext): void {
  if (node.kind !== 'Call') return;
  if (node.args.some(a => a.kind === 'Starred') || node.keywords.some(k => k.arg === null)) return;
  const target = calledSignature(node.func, scope, cx);
  if (!target) return;
  const problem = arityProblem(target.name, target.sig, node.args.length, node.keywords.map(k => k.arg!));
  if (problem) cx.warn(CATALOGUE.WRONG_ARGUMENT_COUNT, problem, node);
}

function calledSignature(func: A.Expr, scope: Scope, cx: WarningContext): { name: string; sig: Signature } | undefined {
  const m = cx.hardware.meaning(func, scope);
  if (m?.kind === 'class') return { name: m.cls.name, sig: parseSignature(m.cls.signature) };
  if (m?.kind === 'function') return { name: m.fn.name, sig: parseSignature(m.fn.signature) };
  if (func.kind === 'Attribute') {
    const of = cx.hardware.meaning(func.value, scope);
    const method = of?.kind === 'instance' ? of.cls.methods.find(f => f.name === func.attr) : undefined;
    return method && { name: method.name, sig: parseSignature(method.signature) };
  }
  if (func.kind !== 'Name') return undefined;
  const r = cx.bindings.resolve(scope, func.id);
  if (r.kind === 'builtin') {
    const sig = BUILTIN_SIGNATURES.get(func.id);
    return sig && { name: func.id, sig };
  }
  if (r.kind !== 'scope') return undefined;
  const def = cx.bindings.onlyDef(r.owner, func.id);
  return def && { name: def.name, sig: signatureOfDef(def.args) };
}

function signatureOfDef(args: A.Arguments): Signature {
  const positional = [...args.posonlyargs, ...args.args];
  const firstDefault = positional.length - args.defaults.length;
  return {
    params: [
      ...positional.map((a, i) => ({ name: a.arg, required: i < firstDefault, keywordOnly: false, positionalOnly: i < args.posonlyargs.length })),
      ...args.kwonlyargs.map((a, i) => ({ name: a.arg, required: args.kw_defaults[i] === null, keywordOnly: true })),
    ],
    varargs: !!args.vararg,
    varkw: !!args.kwarg,
  };
}
