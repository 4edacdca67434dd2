// Parser: tokens → AST (CPython's node shapes). Recursive descent for statements, precedence
// climbing for binary operators. On a syntax error the statement is abandoned and parsing resumes
// at the next line, so one run reports every independent error of a file.
import * as A from './ast';
import { CATALOGUE, DiagnosticCode, DiagnosticSink } from './catalogue';
import { SourceText } from './source';
import { Token, TokenizeResult } from './tokenizer';

export function parse(source: SourceText, tokens: TokenizeResult, sink: DiagnosticSink): A.Module {
  return new Parser(source, tokens, sink).parseModule();
}

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
  'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

const BINARY_LEVELS: Record<string, A.Operator>[] = [
  { '|': 'BitOr' }, { '^': 'BitXor' }, { '&': 'BitAnd' }, { '<<': 'LShift', '>>': 'RShift' },
  { '+': 'Add', '-': 'Sub' }, { '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '@': 'MatMult' },
];
const AUG_OPS: Record<string, A.Operator> = {
  '+=': 'Add', '-=': 'Sub', '*=': 'Mult', '@=': 'MatMult', '/=': 'Div', '%=': 'Mod', '&=': 'BitAnd', '|=': 'BitOr',
  '^=': 'BitXor', '<<=': 'LShift', '>>=': 'RShift', '**=': 'Pow', '//=': 'FloorDiv',
};
const COMPARE: Record<string, A.CmpOperator> = { '<': 'Lt', '>': 'Gt', '==': 'Eq', '>=': 'GtE', '<=': 'LtE', '!=': 'NotEq' };

/** Thrown after a syntax error has been reported, to abandon the current statement. */
class SyntaxAbort extends Error {}

type Fields<K extends A.NodeKind> = Omit<Extract<A.AnyNode, { kind: K }>, 'kind' | keyof A.Span>;

class Parser {
  private pos = 0;
  private lastEnd = 0;
  private readonly tokens: Token[];
  private readonly quietFrom: number;

  constructor(private source: SourceText, tokenized: TokenizeResult, private sink: DiagnosticSink) {
    this.tokens = tokenized.tokens;
    // After a bracket left open, every later error is a consequence of it.
    this.quietFrom = tokenized.unclosedBracket ? source.text.length : Infinity;
    const firstOpen = this.sink.list.find(d => d.code === CATALOGUE.NEVER_CLOSED);
    if (firstOpen) this.quietFrom = source.lineStarts[firstOpen.line - 1];
  }

  // ---- token helpers ----
  private get tok(): Token { return this.tokens[this.pos]; }
  /** Not narrowed by TypeScript like `this.tok.type`, which changes as tokens are consumed. */
  private atType(type: Token['type']): boolean { return this.tokens[this.pos].type === type; }
  private peekAt(n: number): Token { return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)]; }
  private advance(): Token {
    const t = this.tokens[this.pos];
    if (t.type !== 'ENDMARKER') this.pos++;
    if (t.type !== 'NEWLINE' && t.type !== 'INDENT' && t.type !== 'DEDENT') this.lastEnd = t.end;
    return t;
  }
  private isOp(s: string, t = this.tok): boolean { return t.type === 'OP' && t.text === s; }
  private isKw(s: string, t = this.tok): boolean { return t.type === 'NAME' && t.text === s; }
  private eatOp(s: string): boolean { if (this.isOp(s)) { this.advance(); return true; } return false; }
  private eatKw(s: string): boolean { if (this.isKw(s)) { this.advance(); return true; } return false; }

  private fail(message: string, at: Token | number = this.tok, code: DiagnosticCode = CATALOGUE.INVALID_SYNTAX, endAt?: number): never {
    const start = typeof at === 'number' ? at : at.start;
    const end = endAt ?? (typeof at === 'number' ? at + 1 : Math.max(at.end, at.start + 1));
    if (start < this.quietFrom) {
      const line = this.source.line(start);
      // A second error on a line already reported is almost always a consequence of the first.
      if (!this.sink.list.some(d => d.line === line)) {
        this.sink.error(code, message, line, this.source.column(start), this.source.line(end), this.source.column(end));
      }
    }
    throw new SyntaxAbort(message);
  }

  private expectOp(s: string, message = `expected '${s}'`): Token {
    if (!this.isOp(s)) this.fail(message, this.tok, CATALOGUE.EXPECTED_TOKEN);
    return this.advance();
  }

  private expectName(what: string): string {
    const t = this.tok;
    if (t.type !== 'NAME' || KEYWORDS.has(t.text)) this.fail(`expected ${what}`, t, CATALOGUE.EXPECTED_TOKEN);
    this.advance();
    return t.text;
  }

  private span(start: number, end = this.lastEnd): A.Span {
    const s = this.source;
    return { lineno: s.line(start), col_offset: s.byteColumn(start), end_lineno: s.line(end),
      end_col_offset: s.byteColumn(end), start, end };
  }

  private node<K extends A.NodeKind>(kind: K, fields: Fields<K>, start: number, end = this.lastEnd): Extract<A.AnyNode, { kind: K }> {
    return { kind, ...fields, ...this.span(start, end) } as unknown as Extract<A.AnyNode, { kind: K }>;
  }

  private startsExpression(t = this.tok): boolean {
    if (t.type === 'NUMBER' || t.type === 'STRING') return true;
    if (t.type === 'NAME') return !KEYWORDS.has(t.text) || ['None', 'True', 'False', 'not', 'lambda', 'await'].includes(t.text);
    return t.type === 'OP' && ['(', '[', '{', '-', '+', '~', '...', '*'].includes(t.text);
  }

  // ---- statements ----
  parseModule(): A.Module {
    const body: A.Stmt[] = [];
    while (this.tok.type !== 'ENDMARKER') {
      if (this.tok.type === 'DEDENT' || this.tok.type === 'NEWLINE') { this.advance(); continue; }
      body.push(...this.statementWithRecovery());
    }
    return { kind: 'Module', body, type_ignores: [] };
  }

  private statementWithRecovery(): A.Stmt[] {
    if (this.tok.type === 'INDENT') {
      const indent = this.advance();
      try { this.fail('unexpected indent', indent, CATALOGUE.UNEXPECTED_INDENT); } catch { /* reported */ }
      return this.blockStatements();
    }
    try {
      return this.statement();
    } catch (e) {
      if (!(e instanceof SyntaxAbort)) throw e;
      this.resync();
      return [];
    }
  }

  /** Skips the rest of the broken statement, and the block under it if one follows. */
  private resync(): void {
    while (this.tok.type !== 'NEWLINE' && this.tok.type !== 'ENDMARKER') {
      if (this.tok.type === 'INDENT' || this.tok.type === 'DEDENT') return;
      this.advance();
    }
    this.advance();
    if (!this.atType("INDENT")) return;
    let depth = 0;
    do {
      if (this.atType('INDENT')) depth++;
      else if (this.atType('DEDENT')) depth--;
      this.advance();
    } while (depth > 0 && this.tok.type !== 'ENDMARKER');
  }

  /** Statements of an indented block, up to and including its DEDENT. */
  private blockStatements(): A.Stmt[] {
    const body: A.Stmt[] = [];
    while (this.tok.type !== 'DEDENT' && this.tok.type !== 'ENDMARKER') {
      if (this.tok.type === 'NEWLINE') { this.advance(); continue; }
      body.push(...this.statementWithRecovery());
    }
    this.advance();
    return body;
  }

  /** ':' then either an indented block or simple statements on the same line. */
  private block(what: string, headerStart: number): A.Stmt[] {
    this.expectOp(':');
    if (this.tok.type !== 'NEWLINE') return this.simpleStatements();
    this.advance();
    if (!this.atType("INDENT")) {
      this.fail(`expected an indented block after ${what} on line ${this.source.line(headerStart)}`, this.tok, CATALOGUE.EXPECTED_INDENT);
    }
    this.advance();
    return this.blockStatements();
  }

  private statement(): A.Stmt[] {
    const t = this.tok;
    if (t.type === 'NAME') {
      switch (t.text) {
        case 'if': return [this.ifStatement('if')];
        case 'while': return [this.whileStatement()];
        case 'for': return [this.forStatement(t.start, false)];
        case 'try': return [this.tryStatement()];
        case 'with': return [this.withStatement(t.start, false)];
        case 'def': return [this.functionDef(t.start, [], false)];
        case 'class': return [this.classDef(t.start, [])];
        case 'async': return [this.asyncStatement(t.start, [])];
        case 'elif': case 'else': case 'except': case 'finally':
          this.fail('invalid syntax');
          break;
        case 'match':
          if (this.looksLikeMatch()) this.fail("'match' is not supported yet", t, CATALOGUE.NOT_SUPPORTED);
      }
    }
    if (this.isOp('@')) return [this.decorated()];
    return this.simpleStatements();
  }

  private looksLikeMatch(): boolean {
    const next = this.peekAt(1);
    if (next.type === 'NEWLINE' || next.type === 'OP' && !['(', '[', '{', '-', '*'].includes(next.text)) return false;
    for (let i = this.pos + 1; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.type === 'NEWLINE') return this.isOp(':', this.tokens[i - 1]);
    }
    return false;
  }

  private simpleStatements(): A.Stmt[] {
    const out: A.Stmt[] = [this.simpleStatement()];
    while (this.eatOp(';')) {
      if (this.tok.type === 'NEWLINE') break;
      out.push(this.simpleStatement());
    }
    if (this.tok.type !== 'NEWLINE') {
      if (this.isOp('=') || this.isOp(':')) this.fail('invalid syntax');
      this.fail(this.startsExpression() ? 'invalid syntax. Perhaps you forgot a comma?' : 'invalid syntax');
    }
    this.advance();
    return out;
  }

  private simpleStatement(): A.Stmt {
    const t = this.tok;
    const start = t.start;
    if (t.type === 'NAME') {
      switch (t.text) {
        case 'pass': this.advance(); return this.node('Pass', {}, start);
        case 'break': this.advance(); return this.node('Break', {}, start);
        case 'continue': this.advance(); return this.node('Continue', {}, start);
        case 'return': {
          this.advance();
          const value = this.atStatementEnd() ? null : this.starExpressions();
          return this.node('Return', { value }, start);
        }
        case 'global': case 'nonlocal': {
          this.advance();
          const names = [this.expectName('a name')];
          while (this.eatOp(',')) names.push(this.expectName('a name'));
          return t.text === 'global' ? this.node('Global', { names }, start) : this.node('Nonlocal', { names }, start);
        }
        case 'del': {
          this.advance();
          const targets: A.Expr[] = [];
          do {
            if (this.atStatementEnd()) break;
            const target = this.bitOr();
            this.checkTarget(target, 'Del');
            targets.push(target);
          } while (this.eatOp(','));
          if (targets.length === 0) this.fail('invalid syntax');
          return this.node('Delete', { targets }, start);
        }
        case 'raise': {
          this.advance();
          let exc: A.Expr | null = null, cause: A.Expr | null = null;
          if (!this.atStatementEnd()) {
            exc = this.test();
            if (this.eatKw('from')) cause = this.test();
          }
          return this.node('Raise', { exc, cause }, start);
        }
        case 'assert': {
          this.advance();
          const test = this.test();
          const msg = this.eatOp(',') ? this.test() : null;
          return this.node('Assert', { test, msg }, start);
        }
        case 'import': return this.importStatement();
        case 'from': return this.fromImport();
      }
    }
    return this.expressionStatement();
  }

  private atStatementEnd(): boolean {
    return this.tok.type === 'NEWLINE' || this.isOp(';') || this.tok.type === 'ENDMARKER';
  }

  private dottedName(): string {
    let name = this.expectName('a module name');
    while (this.eatOp('.')) name += '.' + this.expectName('a name after \'.\'');
    return name;
  }

  private importStatement(): A.Stmt {
    const start = this.advance().start;
    const names: A.Alias[] = [];
    do {
      const s = this.tok.start;
      const name = this.dottedName();
      const asname = this.eatKw('as') ? this.expectName('a name after \'as\'') : null;
      names.push(this.node('alias', { name, asname }, s));
    } while (this.eatOp(','));
    return this.node('Import', { names }, start);
  }

  private fromImport(): A.Stmt {
    const start = this.advance().start;
    let level = 0;
    while (this.isOp('.') || this.isOp('...')) level += this.advance().text.length;
    const module = this.isKw('import') && level > 0 ? null : this.dottedName();
    if (!this.eatKw('import')) this.fail("expected 'import'", this.tok, CATALOGUE.EXPECTED_TOKEN);
    const names: A.Alias[] = [];
    if (this.isOp('*')) {
      const s = this.advance().start;
      names.push(this.node('alias', { name: '*', asname: null }, s));
    } else {
      const paren = this.eatOp('(');
      do {
        if (paren && this.isOp(')')) break;
        const s = this.tok.start;
        const name = this.expectName('a name to import');
        const asname = this.eatKw('as') ? this.expectName('a name after \'as\'') : null;
        names.push(this.node('alias', { name, asname }, s));
      } while (this.eatOp(','));
      if (paren) this.expectOp(')');
    }
    return this.node('ImportFrom', { module, names, level }, start);
  }

  private expressionStatement(): A.Stmt {
    const start = this.tok.start;
    const first = this.isKw('yield') ? this.yieldExpression() : this.starExpressions();
    if (first.kind === 'Name' && first.id === 'print' && this.startsExpression() && !this.isOp('(')) {
      this.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", start, CATALOGUE.PRINT_STATEMENT, first.end);
    }
    const aug = this.tok.type === 'OP' ? AUG_OPS[this.tok.text] : undefined;
    if (aug) {
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        this.fail(`'${describe(first)}' is an illegal expression for augmented assignment`, first.start, CATALOGUE.INVALID_TARGET, first.end);
      }
      this.advance();
      this.setContext(first, 'Store');
      const value = this.isKw('yield') ? this.yieldExpression() : this.starExpressions();
      return this.node('AugAssign', { target: first, op: aug, value }, start);
    }
    if (this.isOp(':')) {
      this.advance();
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        this.fail(`only single target (not ${describe(first)}) can be annotated`, first.start, CATALOGUE.INVALID_TARGET, first.end);
      }
      this.setContext(first, 'Store');
      const annotation = this.test();
      const value = this.eatOp('=') ? this.starExpressions() : null;
      const simple = first.kind === 'Name' && this.source.text[start] !== '(' ? 1 : 0;
      return this.node('AnnAssign', { target: first, annotation, value, simple }, start);
    }
    if (!this.isOp('=')) return this.node('Expr', { value: first }, start);
    const targets = [first];
    let value: A.Expr = first;
    while (this.eatOp('=')) {
      value = this.isKw('yield') ? this.yieldExpression() : this.starExpressions();
      targets.push(value);
    }
    targets.pop();
    targets.forEach((target, i) => this.checkTarget(target, 'Store', i === 0));
    return this.node('Assign', { targets, value }, start);
  }

  /** Reports targets that cannot be assigned or deleted, then marks them Store/Del. */
  private checkTarget(target: A.Expr, ctx: 'Store' | 'Del', first = false): void {
    const bad = this.invalidTarget(target, ctx);
    if (bad) {
      const verb = ctx === 'Store' ? 'assign to' : 'delete';
      const hint = first && ctx === 'Store' && bad.kind !== 'Starred' ? " here. Maybe you meant '==' instead of '='?" : '';
      const plainHint = ['Constant', 'Call', 'Compare'].includes(bad.kind) || bad === target ? hint : '';
      this.fail(`cannot ${verb} ${describe(bad)}${plainHint}`, bad.start, CATALOGUE.INVALID_TARGET, bad.end);
    }
    this.setContext(target, ctx);
  }

  private invalidTarget(e: A.Expr, ctx: 'Store' | 'Del'): A.Expr | null {
    switch (e.kind) {
      case 'Name': case 'Attribute': case 'Subscript': return null;
      case 'Tuple': case 'List':
        for (const elt of e.elts) { const bad = this.invalidTarget(elt, ctx); if (bad) return bad; }
        return null;
      case 'Starred': return ctx === 'Store' ? this.invalidTarget(e.value, ctx) : e;
      default: return e;
    }
  }

  private setContext(e: A.Expr, ctx: A.ExprContext): void {
    switch (e.kind) {
      case 'Name': case 'Attribute': case 'Subscript': e.ctx = ctx; break;
      case 'Starred': e.ctx = ctx; this.setContext(e.value, ctx); break;
      case 'Tuple': case 'List': e.ctx = ctx; e.elts.forEach(x => this.setContext(x, ctx)); break;
    }
  }

  private ifStatement(word: 'if' | 'elif'): A.If {
    const start = this.advance().start;
    const test = this.namedExpressionTest();
    const body = this.block(`'${word}' statement`, start);
    let orelse: A.Stmt[] = [];
    if (this.isKw('elif')) orelse = [this.ifStatement('elif')];
    else if (this.isKw('else')) orelse = this.elseBlock();
    return this.node('If', { test, body, orelse }, start, this.endOf(body, orelse));
  }

  private elseBlock(word = 'else'): A.Stmt[] {
    const s = this.advance().start;
    return this.block(`'${word}' statement`, s);
  }

  private endOf(...blocks: A.Stmt[][]): number {
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      if (b.length) return b[b.length - 1].end;
    }
    return this.lastEnd;
  }

  private whileStatement(): A.While {
    const start = this.advance().start;
    const test = this.namedExpressionTest();
    const body = this.block("'while' statement", start);
    const orelse = this.isKw('else') ? this.elseBlock() : [];
    return this.node('While', { test, body, orelse }, start, this.endOf(body, orelse));
  }

  private forStatement(start: number, isAsync: boolean): A.Stmt {
    this.advance();
    const target = this.targetList();
    if (!this.eatKw('in')) this.fail("expected 'in'", this.tok, CATALOGUE.EXPECTED_TOKEN);
    const iter = this.starExpressions();
    const body = this.block("'for' statement", start);
    const orelse = this.isKw('else') ? this.elseBlock() : [];
    const fields = { target, iter, body, orelse };
    const end = this.endOf(body, orelse);
    return isAsync ? this.node('AsyncFor', fields, start, end) : this.node('For', fields, start, end);
  }

  /** Targets of `for` and comprehensions: `x`, `a, b`, `(a, *b)`. */
  private targetList(): A.Expr {
    const start = this.tok.start;
    const items: A.Expr[] = [];
    let trailingComma = false;
    do {
      if (this.isKw('in') || this.isOp('=')) break;
      items.push(this.isOp('*') ? this.starred(() => this.bitOr()) : this.bitOr());
      trailingComma = this.isOp(',');
    } while (this.eatOp(','));
    if (items.length === 0) this.fail('invalid syntax');
    const target = items.length === 1 && !trailingComma ? items[0] : this.node('Tuple', { elts: items, ctx: 'Store' }, start);
    this.checkTarget(target, 'Store');
    return target;
  }

  private tryStatement(): A.Try {
    const start = this.advance().start;
    const body = this.block("'try' statement", start);
    const handlers: A.ExceptHandler[] = [];
    while (this.isKw('except')) {
      const s = this.advance().start;
      if (this.isOp('*')) this.fail("'except*' is not supported yet", this.tok, CATALOGUE.NOT_SUPPORTED);
      let type: A.Expr | null = null, name: string | null = null;
      if (!this.isOp(':')) {
        type = this.test();
        if (this.isOp(',')) {
          this.advance();
          this.fail('multiple exception types must be parenthesized', type.start, CATALOGUE.INVALID_SYNTAX, type.end);
        }
        if (this.eatKw('as')) name = this.expectName("a name after 'as'");
      }
      const hbody = this.block("'except' statement", s);
      handlers.push(this.node('ExceptHandler', { type, name, body: hbody }, s, this.endOf(hbody)));
    }
    const orelse = handlers.length && this.isKw('else') ? this.elseBlock() : [];
    const finalbody = this.isKw('finally') ? this.elseBlock('finally') : [];
    if (!handlers.length && !finalbody.length) this.fail("expected 'except' or 'finally' block", this.tok, CATALOGUE.EXPECTED_TOKEN);
    const lastHandler = handlers.length ? [handlers[handlers.length - 1].body] : [];
    return this.node('Try', { body, handlers, orelse, finalbody }, start, this.endOf(body, ...lastHandler, orelse, finalbody));
  }

  private withStatement(start: number, isAsync: boolean): A.Stmt {
    this.advance();
    const items: A.WithItem[] = [];
    do {
      const context_expr = this.test();
      let optional_vars: A.Expr | null = null;
      if (this.eatKw('as')) {
        optional_vars = this.isOp('(') || this.isOp('[') ? this.atom() : this.bitOr();
        this.checkTarget(optional_vars, 'Store');
      }
      items.push({ kind: 'withitem', context_expr, optional_vars });
    } while (this.eatOp(','));
    const body = this.block("'with' statement", start);
    const end = this.endOf(body);
    return isAsync ? this.node('AsyncWith', { items, body }, start, end) : this.node('With', { items, body }, start, end);
  }

  private decorated(): A.Stmt {
    const start = this.tok.start;
    const decorators: A.Expr[] = [];
    while (this.eatOp('@')) {
      decorators.push(this.namedExpressionTest());
      if (this.tok.type !== 'NEWLINE') this.fail('invalid syntax');
      this.advance();
    }
    if (this.isKw('def')) return this.functionDef(start, decorators, false);
    if (this.isKw('class')) return this.classDef(start, decorators);
    if (this.isKw('async')) return this.asyncStatement(start, decorators);
    return this.fail("expected 'def' or 'class' after a decorator", this.tok, CATALOGUE.EXPECTED_TOKEN);
  }

  private asyncStatement(start: number, decorators: A.Expr[]): A.Stmt {
    this.advance();
    if (this.isKw('def')) return this.functionDef(start, decorators, true);
    if (decorators.length === 0 && this.isKw('for')) return this.forStatement(start, true);
    if (decorators.length === 0 && this.isKw('with')) return this.withStatement(start, true);
    return this.fail('invalid syntax');
  }

  private functionDef(start: number, decorator_list: A.Expr[], isAsync: boolean): A.Stmt {
    const defStart = this.advance().start;
    const name = this.expectName('a function name after \'def\'');
    this.expectOp('(', "expected '(' after the function name");
    const args = this.parameters(')', true);
    this.expectOp(')', "expected ')' after the parameters");
    const returns = this.eatOp('->') ? this.test() : null;
    const body = this.block('function definition', defStart);
    const fields = { name, args, body, decorator_list, returns };
    const end = this.endOf(body);
    return isAsync ? this.node('AsyncFunctionDef', fields, start, end) : this.node('FunctionDef', fields, start, end);
  }

  private classDef(start: number, decorator_list: A.Expr[]): A.ClassDef {
    const classStart = this.advance().start;
    const name = this.expectName("a class name after 'class'");
    let bases: A.Expr[] = [], keywords: A.Keyword[] = [];
    if (this.eatOp('(')) ({ args: bases, keywords } = this.callArguments());
    const body = this.block('class definition', classStart);
    return this.node('ClassDef', { name, bases, keywords, body, decorator_list }, start, this.endOf(body));
  }

  /** Parameter list of `def` (closer ')', annotations allowed) or `lambda` (closer ':'). */
  private parameters(closer: string, annotations: boolean): A.Arguments {
    const args: A.Arguments = { kind: 'arguments', posonlyargs: [], args: [], vararg: null, kwonlyargs: [],
      kw_defaults: [], kwarg: null, defaults: [] };
    const seen = new Set<string>();
    let star = false;
    const param = (): A.Arg => {
      const s = this.tok.start;
      const name = this.expectName('a parameter name');
      if (seen.has(name)) this.fail(`duplicate argument '${name}' in function definition`, s, CATALOGUE.DUPLICATE_ARGUMENT, s + name.length);
      seen.add(name);
      const annotation = annotations && this.eatOp(':') ? this.test() : null;
      return this.node('arg', { arg: name, annotation }, s);
    };
    while (!this.isOp(closer)) {
      if (this.isOp('/')) {
        if (star || args.posonlyargs.length || args.args.length === 0) this.fail("'/' must be ahead of '*' and after at least one parameter");
        this.advance();
        args.posonlyargs = args.args;
        args.args = [];
      } else if (this.isOp('**')) {
        this.advance();
        args.kwarg = param();
        this.eatOp(',');
        if (!this.isOp(closer)) this.fail('arguments cannot follow var-keyword argument');
        break;
      } else if (this.isOp('*')) {
        if (star) this.fail("'*' argument may appear only once");
        this.advance();
        star = true;
        if (!this.isOp(',')) args.vararg = param();
        else if (this.isOp(closer, this.peekAt(1))) this.fail('named arguments must follow bare *');
      } else {
        const p = param();
        const def = this.eatOp('=') ? this.test() : null;
        if (star) {
          args.kwonlyargs.push(p);
          args.kw_defaults.push(def);
        } else {
          if (def) args.defaults.push(def);
          else if (args.defaults.length) this.fail('non-default argument follows default argument', p.start, CATALOGUE.NON_DEFAULT_AFTER_DEFAULT, p.end);
          args.args.push(p);
        }
      }
      if (!this.eatOp(',')) break;
    }
    return args;
  }

  // ---- expressions ----
  /** `a, *b, c` at statement level: one expression or a Tuple. */
  private starExpressions(): A.Expr {
    const start = this.tok.start;
    const first = this.starOrNamed();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (!this.startsExpression()) break;
      elts.push(this.starOrNamed());
    }
    return this.node('Tuple', { elts, ctx: 'Load' }, start);
  }

  private starOrNamed(): A.Expr {
    return this.isOp('*') ? this.starred(() => this.bitOr()) : this.namedExpressionTest();
  }

  private starred(inner: () => A.Expr): A.Expr {
    const start = this.advance().start;
    const value = inner();
    return this.node('Starred', { value, ctx: 'Load' }, start);
  }

  private namedExpressionTest(): A.Expr {
    const start = this.tok.start;
    const e = this.test();
    if (!this.isOp(':=')) return e;
    if (e.kind !== 'Name') this.fail(`cannot use assignment expressions with ${describe(e)}`, e.start, CATALOGUE.INVALID_TARGET, e.end);
    this.advance();
    e.ctx = 'Store';
    const value = this.test();
    return this.node('NamedExpr', { target: e, value }, start);
  }

  private yieldExpression(): A.Expr {
    const start = this.advance().start;
    if (this.eatKw('from')) return this.node('YieldFrom', { value: this.test() }, start);
    const value = this.atStatementEnd() || this.isOp(')') || this.isOp('=') ? null : this.starExpressions();
    return this.node('Yield', { value }, start);
  }

  /** `test`: lambda or a conditional expression. */
  private test(): A.Expr {
    if (this.isKw('lambda')) return this.lambda();
    const start = this.tok.start;
    const body = this.orTest();
    if (!this.isKw('if')) return body;
    this.advance();
    const test = this.orTest();
    if (!this.eatKw('else')) this.fail("expected 'else' after 'if' expression", this.tok, CATALOGUE.EXPECTED_TOKEN);
    const orelse = this.test();
    return this.node('IfExp', { test, body, orelse }, start);
  }

  private lambda(): A.Expr {
    const start = this.advance().start;
    const args = this.parameters(':', false);
    this.expectOp(':', "expected ':' after the lambda parameters");
    const body = this.test();
    return this.node('Lambda', { args, body }, start);
  }

  private orTest(): A.Expr { return this.boolChain('or', 'Or', () => this.andTest()); }
  private andTest(): A.Expr { return this.boolChain('and', 'And', () => this.notTest()); }

  private boolChain(word: string, op: A.BoolOperator, inner: () => A.Expr): A.Expr {
    const start = this.tok.start;
    const first = inner();
    if (!this.isKw(word)) return first;
    const values = [first];
    while (this.eatKw(word)) values.push(inner());
    return this.node('BoolOp', { op, values }, start);
  }

  private notTest(): A.Expr {
    if (!this.isKw('not')) return this.comparison();
    const start = this.advance().start;
    return this.node('UnaryOp', { op: 'Not', operand: this.notTest() }, start);
  }

  private comparison(): A.Expr {
    const start = this.tok.start;
    const left = this.bitOr();
    const ops: A.CmpOperator[] = [];
    const comparators: A.Expr[] = [];
    for (;;) {
      let op: A.CmpOperator | undefined;
      if (this.tok.type === 'OP' && COMPARE[this.tok.text]) { op = COMPARE[this.tok.text]; this.advance(); }
      else if (this.isKw('in')) { op = 'In'; this.advance(); }
      else if (this.isKw('not') && this.isKw('in', this.peekAt(1))) { op = 'NotIn'; this.advance(); this.advance(); }
      else if (this.isKw('is')) { this.advance(); op = this.eatKw('not') ? 'IsNot' : 'Is'; }
      if (!op) break;
      ops.push(op);
      comparators.push(this.bitOr());
    }
    return ops.length ? this.node('Compare', { left, ops, comparators }, start) : left;
  }

  private bitOr(): A.Expr { return this.binary(0); }

  private binary(level: number): A.Expr {
    if (level === BINARY_LEVELS.length) return this.factor();
    const start = this.tok.start;
    let left = this.binary(level + 1);
    const ops = BINARY_LEVELS[level];
    while (this.tok.type === 'OP' && ops[this.tok.text]) {
      const op = ops[this.advance().text];
      const right = this.binary(level + 1);
      left = this.node('BinOp', { left, op, right }, start);
    }
    return left;
  }

  private factor(): A.Expr {
    const t = this.tok;
    const unary: Record<string, A.UnaryOperator> = { '-': 'USub', '+': 'UAdd', '~': 'Invert' };
    if (t.type === 'OP' && unary[t.text]) {
      this.advance();
      return this.node('UnaryOp', { op: unary[t.text], operand: this.factor() }, t.start);
    }
    return this.power();
  }

  private power(): A.Expr {
    const start = this.tok.start;
    let base: A.Expr;
    if (this.isKw('await')) {
      this.advance();
      base = this.node('Await', { value: this.primary() }, start);
    } else base = this.primary();
    if (!this.eatOp('**')) return base;
    return this.node('BinOp', { left: base, op: 'Pow', right: this.factor() }, start);
  }

  private primary(): A.Expr {
    const start = this.tok.start;
    let e = this.atom();
    for (;;) {
      if (this.eatOp('.')) {
        const attr = this.expectName("an attribute name after '.'");
        e = this.node('Attribute', { value: e, attr, ctx: 'Load' }, start);
      } else if (this.isOp('(')) {
        this.advance();
        const { args, keywords } = this.callArguments();
        e = this.node('Call', { func: e, args, keywords }, start);
      } else if (this.isOp('[')) {
        this.advance();
        const slice = this.subscriptList();
        this.expectOp(']');
        e = this.node('Subscript', { value: e, slice, ctx: 'Load' }, start);
      } else return e;
    }
  }

  /** Arguments of a call after '(' up to and including ')'. */
  private callArguments(): { args: A.Expr[]; keywords: A.Keyword[] } {
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    let previous: A.Expr | null = null;
    while (!this.isOp(')')) {
      const s = this.tok.start;
      if (previous && this.startsExpression()) {
        this.fail('invalid syntax. Perhaps you forgot a comma?', previous.start, CATALOGUE.MISSING_COMMA, this.tok.end);
      }
      if (this.isOp('**')) {
        this.advance();
        const value = this.test();
        keywords.push(this.node('keyword', { arg: null, value }, s));
        previous = value;
      } else if (this.isOp('*')) {
        previous = this.starred(() => this.test());
        args.push(previous);
      } else if (this.tok.type === 'NAME' && this.isOp('=', this.peekAt(1)) && !KEYWORDS.has(this.tok.text)) {
        const arg = this.advance().text;
        this.advance();
        const value = this.test();
        keywords.push(this.node('keyword', { arg, value }, s));
        previous = value;
      } else {
        let value = this.namedExpressionTest();
        if (this.isKw('for') || this.isKw('async')) {
          const generators = this.comprehensionClauses();
          const paren = args.length === 0 && keywords.length === 0 && this.isOp(')');
          value = this.node('GeneratorExp', { elt: value, generators }, paren ? s - 1 : s, paren ? this.tok.end : this.lastEnd);
        } else if (this.isOp('=')) {
          this.fail('expression cannot contain assignment, perhaps you meant "=="?', s, CATALOGUE.INVALID_SYNTAX, value.end);
        }
        if (keywords.length && value.kind !== 'Starred') {
          const kwUnpack = keywords.some(k => k.arg === null);
          this.fail(kwUnpack ? 'positional argument follows keyword argument unpacking' : 'positional argument follows keyword argument', s, CATALOGUE.INVALID_SYNTAX, value.end);
        }
        args.push(value);
        previous = value;
      }
      if (!this.eatOp(',')) {
        if (!this.isOp(')') && this.startsExpression()) continue; // reported as a missing comma above
        break;
      }
      previous = null;
    }
    this.expectOp(')', this.tok.type === 'NEWLINE' || this.tok.type === 'ENDMARKER' ? "'(' was never closed" : "expected ')'");
    return { args, keywords };
  }

  private subscriptList(): A.Expr {
    const start = this.tok.start;
    const first = this.subscriptItem();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp(']')) break;
      elts.push(this.subscriptItem());
    }
    return this.node('Tuple', { elts, ctx: 'Load' }, start);
  }

  private subscriptItem(): A.Expr {
    const start = this.tok.start;
    if (this.isOp('*')) return this.starred(() => this.bitOr());
    const lower = this.isOp(':') ? null : this.namedExpressionTest();
    if (!this.eatOp(':')) return lower!;
    const endOfPart = () => this.isOp(']') || this.isOp(',') || this.isOp(':');
    const upper = endOfPart() ? null : this.test();
    let step: A.Expr | null = null;
    if (this.eatOp(':')) step = endOfPart() ? null : this.test();
    return this.node('Slice', { lower, upper, step }, start);
  }

  private comprehensionClauses(): A.Comprehension[] {
    const generators: A.Comprehension[] = [];
    while (this.isKw('for') || this.isKw('async')) {
      const is_async = this.eatKw('async') ? 1 : 0;
      if (!this.eatKw('for')) this.fail("expected 'for'", this.tok, CATALOGUE.EXPECTED_TOKEN);
      const target = this.targetList();
      if (!this.eatKw('in')) this.fail("expected 'in'", this.tok, CATALOGUE.EXPECTED_TOKEN);
      const iter = this.orTest();
      const ifs: A.Expr[] = [];
      while (this.eatKw('if')) ifs.push(this.orTest());
      generators.push({ kind: 'comprehension', target, iter, ifs, is_async });
    }
    return generators;
  }

  private atom(): A.Expr {
    const t = this.tok;
    const start = t.start;
    switch (t.type) {
      case 'NUMBER': {
        this.advance();
        const n = t.number!;
        const value: A.PyConst = n.kind === 'int' ? { t: 'int', v: n.value } : n.kind === 'float' ? { t: 'float', v: n.value } : { t: 'int', v: 0n };
        return this.node('Constant', { value, kindPrefix: null }, start);
      }
      case 'STRING': return this.strings();
      case 'NAME': {
        if (t.text === 'None' || t.text === 'True' || t.text === 'False') {
          this.advance();
          const value: A.PyConst = t.text === 'None' ? { t: 'none' } : { t: 'bool', v: t.text === 'True' };
          return this.node('Constant', { value, kindPrefix: null }, start);
        }
        if (KEYWORDS.has(t.text)) this.fail('invalid syntax');
        this.advance();
        return this.node('Name', { id: t.text, ctx: 'Load' }, start);
      }
      case 'OP':
        switch (t.text) {
          case '(': return this.parenthesized();
          case '[': return this.listDisplay();
          case '{': return this.braceDisplay();
          case '...': this.advance(); return this.node('Constant', { value: { t: 'ellipsis' }, kindPrefix: null }, start);
        }
    }
    if (t.type === 'NEWLINE' || t.type === 'ENDMARKER') this.fail('invalid syntax', t);
    if (t.type === 'INDENT') this.fail('unexpected indent', t, CATALOGUE.UNEXPECTED_INDENT);
    return this.fail(t.type === 'DEDENT' ? 'invalid syntax' : 'invalid syntax', t);
  }

  private strings(): A.Expr {
    const start = this.tok.start;
    const first = this.tok;
    let text = '';
    let fstring = false;
    while (this.tok.type === 'STRING') {
      const t = this.advance();
      const s = t.string!;
      if (s.bytes !== first.string!.bytes) {
        this.fail('cannot mix bytes and nonbytes literals', start, CATALOGUE.MIXED_STRING_BYTES, t.end);
      }
      fstring ||= s.fstring;
      text += s.text;
    }
    if (fstring) {
      this.sink.error(CATALOGUE.NOT_SUPPORTED, 'f-strings are not supported yet', this.source.line(start),
        this.source.column(start), this.source.line(this.lastEnd), this.source.column(this.lastEnd));
      return this.node('JoinedStr', { values: [] }, start);
    }
    const kindPrefix = /^[uU]/.test(first.text) ? 'u' : null;
    const value: A.PyConst = first.string!.bytes
      ? { t: 'bytes', v: Uint8Array.from(text, c => c.charCodeAt(0) & 0xff) }
      : { t: 'str', v: text };
    return this.node('Constant', { value, kindPrefix }, start);
  }

  private parenthesized(): A.Expr {
    const start = this.advance().start;
    if (this.eatOp(')')) return this.node('Tuple', { elts: [], ctx: 'Load' }, start);
    if (this.isKw('yield')) {
      const y = this.yieldExpression();
      this.closeBracket(')', start);
      return y;
    }
    const first = this.starOrNamed();
    if (this.isKw('for') || this.isKw('async')) {
      const generators = this.comprehensionClauses();
      this.closeBracket(')', start);
      return this.node('GeneratorExp', { elt: first, generators }, start);
    }
    if (this.isOp(')')) {
      this.advance();
      if (first.kind === 'Starred') this.fail('cannot use starred expression here', first.start, CATALOGUE.INVALID_SYNTAX, first.end);
      return first;
    }
    const elts = [first];
    this.elementList(elts, ')', () => this.starOrNamed());
    this.closeBracket(')', start);
    return this.node('Tuple', { elts, ctx: 'Load' }, start);
  }

  /** After a first element: (',' element)* [','] — reporting a missing comma between two elements. */
  private elementList(elts: A.Expr[], closer: string, element: () => A.Expr): void {
    for (;;) {
      if (!this.isOp(',')) {
        if (!this.isOp(closer) && this.startsExpression()) {
          const prev = elts[elts.length - 1];
          this.fail('invalid syntax. Perhaps you forgot a comma?', prev.start, CATALOGUE.MISSING_COMMA, this.tok.end);
        }
        return;
      }
      this.advance();
      if (this.isOp(closer)) return;
      elts.push(element());
    }
  }

  private closeBracket(closer: string, openAt: number): void {
    if (this.isOp(closer)) { this.advance(); return; }
    if (this.tok.type === 'NEWLINE' || this.tok.type === 'ENDMARKER') {
      this.fail(`'${this.source.text[openAt]}' was never closed`, openAt, CATALOGUE.NEVER_CLOSED);
    }
    this.fail('invalid syntax');
  }

  private listDisplay(): A.Expr {
    const start = this.advance().start;
    if (this.eatOp(']')) return this.node('List', { elts: [], ctx: 'Load' }, start);
    const first = this.starOrNamed();
    if (this.isKw('for') || this.isKw('async')) {
      const generators = this.comprehensionClauses();
      this.closeBracket(']', start);
      return this.node('ListComp', { elt: first, generators }, start);
    }
    const elts = [first];
    this.elementList(elts, ']', () => this.starOrNamed());
    this.closeBracket(']', start);
    return this.node('List', { elts, ctx: 'Load' }, start);
  }

  private braceDisplay(): A.Expr {
    const start = this.advance().start;
    if (this.eatOp('}')) return this.node('Dict', { keys: [], values: [] }, start);
    if (this.isOp('**') || !this.isOp('*') && this.dictAhead()) return this.dictDisplay(start);
    const first = this.starOrNamed();
    if (this.isKw('for') || this.isKw('async')) {
      const generators = this.comprehensionClauses();
      this.closeBracket('}', start);
      return this.node('SetComp', { elt: first, generators }, start);
    }
    const elts = [first];
    this.elementList(elts, '}', () => this.starOrNamed());
    this.closeBracket('}', start);
    return this.node('Set', { elts }, start);
  }

  /** Whether the brace display starting here is a dict: a ':' at depth 0 before ',' or '}'. */
  private dictAhead(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.type === 'ENDMARKER') return false;
      if (t.type !== 'OP') { if (t.text === 'lambda' && depth === 0) return false; continue; }
      if ('([{'.includes(t.text)) depth++;
      else if (')]}'.includes(t.text)) { if (depth-- === 0) return false; }
      else if (depth === 0 && t.text === ',') return false;
      else if (depth === 0 && t.text === ':') return true;
    }
    return false;
  }

  private dictDisplay(start: number): A.Expr {
    const keys: (A.Expr | null)[] = [];
    const values: A.Expr[] = [];
    const entry = () => {
      if (this.eatOp('**')) { keys.push(null); values.push(this.bitOr()); return; }
      keys.push(this.test());
      this.expectOp(':', "expected ':' after the dictionary key");
      values.push(this.test());
    };
    entry();
    if (keys.length === 1 && keys[0] && (this.isKw('for') || this.isKw('async'))) {
      const generators = this.comprehensionClauses();
      this.closeBracket('}', start);
      return this.node('DictComp', { key: keys[0], value: values[0], generators }, start);
    }
    while (this.eatOp(',')) {
      if (this.isOp('}')) break;
      entry();
    }
    this.closeBracket('}', start);
    return this.node('Dict', { keys, values }, start);
  }
}

/** How CPython names an expression in "cannot assign to ..." messages. */
export function describe(e: A.Expr): string {
  const names: Partial<Record<A.ExprKind, string>> = {
    Constant: 'literal', Call: 'function call', Compare: 'comparison', BinOp: 'expression', UnaryOp: 'expression',
    BoolOp: 'expression', IfExp: 'conditional expression', Lambda: 'lambda', ListComp: 'list comprehension',
    SetComp: 'set comprehension', DictComp: 'dict comprehension', GeneratorExp: 'generator expression',
    Dict: 'dict literal', Set: 'set display', JoinedStr: 'f-string expression', Yield: 'yield expression',
    YieldFrom: 'yield expression', Await: 'await expression', NamedExpr: 'named expression', Starred: 'starred',
    Tuple: 'tuple', List: 'list', Attribute: 'attribute', Subscript: 'subscript', Name: 'name', Slice: 'slice',
  };
  if (e.kind === 'Constant' && (e.value.t === 'bool' || e.value.t === 'none')) {
    return e.value.t === 'none' ? 'None' : e.value.v ? 'True' : 'False';
  }
  if (e.kind === 'Constant' && e.value.t === 'ellipsis') return 'ellipsis';
  return names[e.kind] ?? 'expression';
}
