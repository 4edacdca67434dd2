// AST node types, named and shaped like CPython's `ast` module so the tree can be compared with
// `ast.dump`. Every node has a `kind`, CPython's position attributes (col_offset in UTF-8 bytes)
// and `start`/`end` offsets into the source for diagnostics.

export interface Span {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
  start: number;
  end: number;
}

export type ExprContext = 'Load' | 'Store' | 'Del';
export type Operator = 'Add' | 'Sub' | 'Mult' | 'MatMult' | 'Div' | 'Mod' | 'Pow' | 'LShift' | 'RShift'
  | 'BitOr' | 'BitXor' | 'BitAnd' | 'FloorDiv';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type BoolOperator = 'And' | 'Or';
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';

export type PyConst =
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'ellipsis' };

type N<K extends string, F> = Span & { kind: K } & F;

// ---- expressions ----
export type Constant = N<'Constant', { value: PyConst; kindPrefix: string | null }>;
export type Name = N<'Name', { id: string; ctx: ExprContext }>;
export type BinOp = N<'BinOp', { left: Expr; op: Operator; right: Expr }>;
export type UnaryOp = N<'UnaryOp', { op: UnaryOperator; operand: Expr }>;
export type BoolOp = N<'BoolOp', { op: BoolOperator; values: Expr[] }>;
export type Compare = N<'Compare', { left: Expr; ops: CmpOperator[]; comparators: Expr[] }>;
export type Call = N<'Call', { func: Expr; args: Expr[]; keywords: Keyword[] }>;
export type Attribute = N<'Attribute', { value: Expr; attr: string; ctx: ExprContext }>;
export type Subscript = N<'Subscript', { value: Expr; slice: Expr; ctx: ExprContext }>;
export type Slice = N<'Slice', { lower: Expr | null; upper: Expr | null; step: Expr | null }>;
export type Starred = N<'Starred', { value: Expr; ctx: ExprContext }>;
export type List = N<'List', { elts: Expr[]; ctx: ExprContext }>;
export type Tuple = N<'Tuple', { elts: Expr[]; ctx: ExprContext }>;
export type SetDisplay = N<'Set', { elts: Expr[] }>;
export type Dict = N<'Dict', { keys: (Expr | null)[]; values: Expr[] }>;
export type IfExp = N<'IfExp', { test: Expr; body: Expr; orelse: Expr }>;
export type Lambda = N<'Lambda', { args: Arguments; body: Expr }>;
export type ListComp = N<'ListComp', { elt: Expr; generators: Comprehension[] }>;
export type SetComp = N<'SetComp', { elt: Expr; generators: Comprehension[] }>;
export type GeneratorExp = N<'GeneratorExp', { elt: Expr; generators: Comprehension[] }>;
export type DictComp = N<'DictComp', { key: Expr; value: Expr; generators: Comprehension[] }>;
export type Yield = N<'Yield', { value: Expr | null }>;
export type YieldFrom = N<'YieldFrom', { value: Expr }>;
export type Await = N<'Await', { value: Expr }>;
export type NamedExpr = N<'NamedExpr', { target: Expr; value: Expr }>;
export type JoinedStr = N<'JoinedStr', { values: Expr[] }>;
/** One `{value!conversion:format_spec}` field of an f-string; conversion is -1 or the code of 's', 'r', 'a'. */
export type FormattedValue = N<'FormattedValue', { value: Expr; conversion: number; format_spec: Expr | null }>;

export type Expr = Constant | Name | BinOp | UnaryOp | BoolOp | Compare | Call | Attribute | Subscript | Slice
  | Starred | List | Tuple | SetDisplay | Dict | IfExp | Lambda | ListComp | SetComp | GeneratorExp | DictComp
  | Yield | YieldFrom | Await | NamedExpr | JoinedStr | FormattedValue;

// ---- helper nodes ----
export type Keyword = N<'keyword', { arg: string | null; value: Expr }>;
export type Comprehension = { kind: 'comprehension'; target: Expr; iter: Expr; ifs: Expr[]; is_async: number };
export type Arg = N<'arg', { arg: string; annotation: Expr | null }>;
export type Arguments = {
  kind: 'arguments'; posonlyargs: Arg[]; args: Arg[]; vararg: Arg | null; kwonlyargs: Arg[];
  kw_defaults: (Expr | null)[]; kwarg: Arg | null; defaults: Expr[];
};
export type Alias = N<'alias', { name: string; asname: string | null }>;
export type ExceptHandler = N<'ExceptHandler', { type: Expr | null; name: string | null; body: Stmt[] }>;
export type WithItem = { kind: 'withitem'; context_expr: Expr; optional_vars: Expr | null };

// ---- statements ----
export type Module = { kind: 'Module'; body: Stmt[]; type_ignores: never[] };
export type ExprStmt = N<'Expr', { value: Expr }>;
export type Assign = N<'Assign', { targets: Expr[]; value: Expr }>;
export type AugAssign = N<'AugAssign', { target: Expr; op: Operator; value: Expr }>;
export type AnnAssign = N<'AnnAssign', { target: Expr; annotation: Expr; value: Expr | null; simple: number }>;
export type If = N<'If', { test: Expr; body: Stmt[]; orelse: Stmt[] }>;
export type While = N<'While', { test: Expr; body: Stmt[]; orelse: Stmt[] }>;
export type For = N<'For', { target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }>;
export type AsyncFor = N<'AsyncFor', { target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }>;
export type Break = N<'Break', {}>;
export type Continue = N<'Continue', {}>;
export type Pass = N<'Pass', {}>;
export type FunctionDef = N<'FunctionDef', { name: string; args: Arguments; body: Stmt[]; decorator_list: Expr[]; returns: Expr | null }>;
export type AsyncFunctionDef = N<'AsyncFunctionDef', { name: string; args: Arguments; body: Stmt[]; decorator_list: Expr[]; returns: Expr | null }>;
export type ClassDef = N<'ClassDef', { name: string; bases: Expr[]; keywords: Keyword[]; body: Stmt[]; decorator_list: Expr[] }>;
export type Return = N<'Return', { value: Expr | null }>;
export type Delete = N<'Delete', { targets: Expr[] }>;
export type Global = N<'Global', { names: string[] }>;
export type Nonlocal = N<'Nonlocal', { names: string[] }>;
export type Raise = N<'Raise', { exc: Expr | null; cause: Expr | null }>;
export type Assert = N<'Assert', { test: Expr; msg: Expr | null }>;
export type Import = N<'Import', { names: Alias[] }>;
export type ImportFrom = N<'ImportFrom', { module: string | null; names: Alias[]; level: number }>;
export type Try = N<'Try', { body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[] }>;
export type With = N<'With', { items: WithItem[]; body: Stmt[] }>;
export type AsyncWith = N<'AsyncWith', { items: WithItem[]; body: Stmt[] }>;

export type Stmt = ExprStmt | Assign | AugAssign | AnnAssign | If | While | For | AsyncFor | Break | Continue | Pass
  | FunctionDef | AsyncFunctionDef | ClassDef | Return | Delete | Global | Nonlocal | Raise | Assert | Import
  | ImportFrom | Try | With | AsyncWith;

export type ExprKind = Expr['kind'];
export type StmtKind = Stmt['kind'];
export type AnyNode = Module | Stmt | Expr | Keyword | Comprehension | Arg | Arguments | Alias | ExceptHandler | WithItem;
export type NodeKind = AnyNode['kind'];
