// Walks every node of a module together with the scope its code runs in: a function's defaults
// and decorators in the enclosing scope, its body in its own; a comprehension's first iterable
// outside, the rest inside (as scopes.ts binds them).
import * as A from '../ast';
import type { Scope, ScopeNode, ScopeTable } from '../scopes';

export type Visit = (node: A.AnyNode, scope: Scope) => void;

export function walkModule(module: A.Module, scopes: ScopeTable, visit: Visit): void {
  const top = scopes.scopeOf(module);
  for (const s of module.body) walk(s, top, scopes, visit);
}

function walk(node: A.AnyNode, scope: Scope, scopes: ScopeTable, visit: Visit): void {
  if (node.kind === 'BinOp') {
    // A long chain (`a + b + c + ...`) nests to the left: walk it without recursing there.
    const rights: A.Expr[] = [];
    let left: A.Expr = node;
    for (; left.kind === 'BinOp'; left = left.left) { visit(left, scope); rights.push(left.right); }
    walk(left, scope, scopes, visit);
    for (let i = rights.length - 1; i >= 0; i--) walk(rights[i], scope, scopes, visit);
    return;
  }
  visit(node, scope);
  const inner = () => scopes.scopeOf(node as ScopeNode);
  switch (node.kind) {
    case 'FunctionDef': case 'AsyncFunctionDef': {
      node.decorator_list.forEach(d => walk(d, scope, scopes, visit));
      outerPartsOf(node.args).forEach(e => walk(e, scope, scopes, visit));
      if (node.returns) walk(node.returns, scope, scopes, visit);
      const own = inner();
      node.body.forEach(s => walk(s, own, scopes, visit));
      return;
    }
    case 'Lambda': {
      outerPartsOf(node.args).forEach(e => walk(e, scope, scopes, visit));
      walk(node.body, inner(), scopes, visit);
      return;
    }
    case 'ClassDef': {
      [...node.decorator_list, ...node.bases, ...node.keywords.map(k => k.value)].forEach(e => walk(e, scope, scopes, visit));
      const own = inner();
      node.body.forEach(s => walk(s, own, scopes, visit));
      return;
    }
    case 'ListComp': case 'SetComp': case 'GeneratorExp': case 'DictComp': {
      const own = inner();
      node.generators.forEach((g, i) => {
        walk(g.iter, i === 0 ? scope : own, scopes, visit);
        walk(g.target, own, scopes, visit);
        g.ifs.forEach(x => walk(x, own, scopes, visit));
      });
      const results = node.kind === 'DictComp' ? [node.key, node.value] : [node.elt];
      results.forEach(e => walk(e, own, scopes, visit));
      return;
    }
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) walk(v, scope, scopes, visit);
    } else if (isNode(value)) walk(value, scope, scopes, visit);
  }
}

/** A function's defaults and annotations: evaluated where the function is defined. */
function outerPartsOf(args: A.Arguments): A.Expr[] {
  const parts: A.Expr[] = [...args.defaults];
  for (const d of args.kw_defaults) if (d) parts.push(d);
  for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs, args.vararg, args.kwarg]) {
    if (a?.annotation) parts.push(a.annotation);
  }
  return parts;
}

function isNode(v: unknown): v is A.AnyNode {
  return !!v && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string';
}
