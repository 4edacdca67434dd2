// Dumps an AST exactly as CPython's `ast.dump(tree)` (3.11, no attributes) does, so parser tests
// can compare against python3. Field order per kind follows CPython's `_fields`.
import * as A from './ast';
import { pyFloatRepr, pyStrRepr, pyBytesRepr } from './pyRepr';

const FIELDS: Record<A.NodeKind, string[]> = {
  Module: ['body', 'type_ignores'],
  Expr: ['value'], Assign: ['targets', 'value'], AugAssign: ['target', 'op', 'value'],
  AnnAssign: ['target', 'annotation', 'value', 'simple'], If: ['test', 'body', 'orelse'],
  While: ['test', 'body', 'orelse'], For: ['target', 'iter', 'body', 'orelse'], AsyncFor: ['target', 'iter', 'body', 'orelse'],
  Break: [], Continue: [], Pass: [],
  FunctionDef: ['name', 'args', 'body', 'decorator_list', 'returns'],
  AsyncFunctionDef: ['name', 'args', 'body', 'decorator_list', 'returns'],
  ClassDef: ['name', 'bases', 'keywords', 'body', 'decorator_list'],
  Return: ['value'], Delete: ['targets'], Global: ['names'], Nonlocal: ['names'], Raise: ['exc', 'cause'],
  Assert: ['test', 'msg'], Import: ['names'], ImportFrom: ['module', 'names', 'level'],
  Try: ['body', 'handlers', 'orelse', 'finalbody'], With: ['items', 'body'], AsyncWith: ['items', 'body'],
  Constant: ['value', 'kind'], Name: ['id', 'ctx'], BinOp: ['left', 'op', 'right'], UnaryOp: ['op', 'operand'],
  BoolOp: ['op', 'values'], Compare: ['left', 'ops', 'comparators'], Call: ['func', 'args', 'keywords'],
  Attribute: ['value', 'attr', 'ctx'], Subscript: ['value', 'slice', 'ctx'], Slice: ['lower', 'upper', 'step'],
  Starred: ['value', 'ctx'], List: ['elts', 'ctx'], Tuple: ['elts', 'ctx'], Set: ['elts'], Dict: ['keys', 'values'],
  IfExp: ['test', 'body', 'orelse'], Lambda: ['args', 'body'], ListComp: ['elt', 'generators'],
  SetComp: ['elt', 'generators'], GeneratorExp: ['elt', 'generators'], DictComp: ['key', 'value', 'generators'],
  Yield: ['value'], YieldFrom: ['value'], Await: ['value'], NamedExpr: ['target', 'value'], JoinedStr: ['values'], FormattedValue: ['value', 'conversion', 'format_spec'],
  keyword: ['arg', 'value'], comprehension: ['target', 'iter', 'ifs', 'is_async'], arg: ['arg', 'annotation'],
  arguments: ['posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kw_defaults', 'kwarg', 'defaults'],
  alias: ['name', 'asname'], ExceptHandler: ['type', 'name', 'body'], withitem: ['context_expr', 'optional_vars'],
};

/** Fields whose string value is an operator or context class, printed as `Add()`. */
const CLASS_FIELDS = new Set(['ctx', 'op', 'ops']);

export function dumpAst(node: A.AnyNode): string {
  return dumpNode(node);
}

function dumpNode(node: A.AnyNode): string {
  const record = node as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of FIELDS[node.kind]) {
    const value = field === 'kind' ? record.kindPrefix : field === 'value' && node.kind === 'Constant' ? null : record[field];
    if (node.kind === 'Constant' && field === 'value') { parts.push(`value=${constRepr(node.value)}`); continue; }
    if (value === null || value === undefined) continue;
    parts.push(`${field}=${dumpValue(value, CLASS_FIELDS.has(field))}`);
  }
  return `${node.kind}(${parts.join(', ')})`;
}

function dumpValue(value: unknown, asClass: boolean): string {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(v => dumpValue(v, asClass)).join(', ')}]`;
  if (typeof value === 'string') return asClass ? `${value}()` : pyStrRepr(value);
  if (typeof value === 'number') return String(value);
  return dumpNode(value as A.AnyNode);
}

export function constRepr(c: A.PyConst): string {
  switch (c.t) {
    case 'int': return c.v.toString();
    case 'float': return pyFloatRepr(c.v);
    case 'str': return pyStrRepr(c.v);
    case 'bytes': return pyBytesRepr(c.v);
    case 'bool': return c.v ? 'True' : 'False';
    case 'none': return 'None';
    case 'ellipsis': return 'Ellipsis';
  }
}
