// Parser: tokens → AST (CPython's node shapes). Recursive descent for statements, precedence
// climbing for binary operators. On a syntax error the statement is abandoned and parsing resumes
// at the next line, so one run reports every independent error of a file.
import * as A from './ast';
import { CATALOGUE, DiagnosticSink, TOO_DEEP, isStackOverflow } from './catalogue';
import { ExpressionParser, SyntaxAbort, describe } from './expressionParser';
import { SourceText } from './source';
import { TokenizeResult } from './tokenizer';

export function parse(source: SourceText, tokens: TokenizeResult, sink: DiagnosticSink): A.Module {
  return new Parser(source, tokens, sink).parseModule();
}

const AUG_OPS: Record<string, A.Operator> = {
  '+=': 'Add', '-=': 'Sub', '*=': 'Mult', '@=': 'MatMult', '/=': 'Div', '%=': 'Mod', '&=': 'BitAnd', '|=': 'BitOr',
  '^=': 'BitXor', '<<=': 'LShift', '>>=': 'RShift', '**=': 'Pow', '//=': 'FloorDiv',
};

class Parser extends ExpressionParser {
  constructor(source: SourceText, tokenized: TokenizeResult, sink: DiagnosticSink) {
    super(source, tokenized, sink);
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

  protected statementWithRecovery(): A.Stmt[] {
    if (this.tok.type === 'INDENT') {
      const indent = this.advance();
      try { this.fail('unexpected indent', indent, CATALOGUE.UNEXPECTED_INDENT); } catch { /* reported */ }
      return this.blockStatements();
    }
    const start = this.tok.start;
    try {
      return this.statement();
    } catch (e) {
      if (isStackOverflow(e)) try { this.fail(TOO_DEEP, start, CATALOGUE.TOO_LARGE); } catch { /* reported */ }
      else if (!(e instanceof SyntaxAbort)) throw e;
      this.resync();
      return [];
    }
  }

  /** Skips the rest of the broken statement, and the block under it if one follows. */
  protected resync(): void {
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
  protected blockStatements(): A.Stmt[] {
    const body: A.Stmt[] = [];
    while (this.tok.type !== 'DEDENT' && this.tok.type !== 'ENDMARKER') {
      if (this.tok.type === 'NEWLINE') { this.advance(); continue; }
      body.push(...this.statementWithRecovery());
    }
    this.advance();
    return body;
  }

  /** ':' then either an indented block or simple statements on the same line. */
  protected block(what: string, headerStart: number): A.Stmt[] {
    this.expectOp(':');
    if (this.tok.type !== 'NEWLINE') return this.simpleStatements();
    this.advance();
    if (!this.atType("INDENT")) {
      this.fail(`expected an indented block after ${what} on line ${this.source.line(headerStart)}`, this.tok, CATALOGUE.EXPECTED_INDENT);
    }
    this.advance();
    return this.blockStatements();
  }

  protected statement(): A.Stmt[] {
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

  protected looksLikeMatch(): boolean {
    const next = this.peekAt(1);
    if (next.type === 'NEWLINE' || next.type === 'OP' && !['(', '[', '{', '-', '*'].includes(next.text)) return false;
    for (let i = this.pos + 1; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.type === 'NEWLINE') return this.isOp(':', this.tokens[i - 1]);
    }
    return false;
  }

  protected simpleStatements(): A.Stmt[] {
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

  protected simpleStatement(): A.Stmt {
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


  protected dottedName(): string {
    let name = this.expectName('a module name');
    while (this.eatOp('.')) name += '.' + this.expectName('a name after \'.\'');
    return name;
  }

  protected importStatement(): A.Stmt {
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

  protected fromImport(): A.Stmt {
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

  protected expressionStatement(): A.Stmt {
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

  protected ifStatement(word: 'if' | 'elif'): A.If {
    const start = this.advance().start;
    const test = this.namedExpressionTest();
    const body = this.block(`'${word}' statement`, start);
    let orelse: A.Stmt[] = [];
    if (this.isKw('elif')) orelse = [this.ifStatement('elif')];
    else if (this.isKw('else')) orelse = this.elseBlock();
    return this.node('If', { test, body, orelse }, start, this.endOf(body, orelse));
  }

  protected elseBlock(word = 'else'): A.Stmt[] {
    const s = this.advance().start;
    return this.block(`'${word}' statement`, s);
  }

  protected endOf(...blocks: A.Stmt[][]): number {
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      if (b.length) return b[b.length - 1].end;
    }
    return this.lastEnd;
  }

  protected whileStatement(): A.While {
    const start = this.advance().start;
    const test = this.namedExpressionTest();
    const body = this.block("'while' statement", start);
    const orelse = this.isKw('else') ? this.elseBlock() : [];
    return this.node('While', { test, body, orelse }, start, this.endOf(body, orelse));
  }

  protected forStatement(start: number, isAsync: boolean): A.Stmt {
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


  protected tryStatement(): A.Try {
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

  protected withStatement(start: number, isAsync: boolean): A.Stmt {
    this.advance();
    const items: A.WithItem[] = [];
    // `with (a as x, b as y):` (Python 3.9): the parentheses group the items, a trailing comma allowed.
    const grouped = this.parenthesisedWithItems();
    if (grouped) this.advance();
    do {
      if (grouped && this.isOp(')')) break;
      const context_expr = this.test();
      let optional_vars: A.Expr | null = null;
      if (this.eatKw('as')) {
        optional_vars = this.isOp('(') || this.isOp('[') ? this.atom() : this.bitOr();
        this.checkTarget(optional_vars, 'Store');
      }
      items.push({ kind: 'withitem', context_expr, optional_vars });
    } while (this.eatOp(','));
    if (grouped) this.expectOp(')');
    const body = this.block("'with' statement", start);
    const end = this.endOf(body);
    return isAsync ? this.node('AsyncWith', { items, body }, start, end) : this.node('With', { items, body }, start, end);
  }

  /** At '(' after `with`: do the parentheses hold the items themselves (an `as` or a comma inside, ':' after)? */
  private parenthesisedWithItems(): boolean {
    if (!this.isOp('(')) return false;
    let depth = 0, itemsInside = false;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.type === 'NEWLINE' || t.type === 'ENDMARKER') return false;
      if (t.type !== 'OP' && !(depth === 1 && this.isKw('as', t))) continue;
      if (this.isKw('as', t)) itemsInside = true;
      else if ('([{'.includes(t.text)) depth++;
      else if (')]}'.includes(t.text)) {
        if (--depth === 0) return itemsInside && this.isOp(':', this.tokens[i + 1]);
      } else if (t.text === ',' && depth === 1) itemsInside = true;
    }
    return false;
  }

  protected decorated(): A.Stmt {
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

  protected asyncStatement(start: number, decorators: A.Expr[]): A.Stmt {
    this.advance();
    if (this.isKw('def')) return this.functionDef(start, decorators, true);
    if (decorators.length === 0 && this.isKw('for')) return this.forStatement(start, true);
    if (decorators.length === 0 && this.isKw('with')) return this.withStatement(start, true);
    return this.fail('invalid syntax');
  }

  protected functionDef(start: number, decorator_list: A.Expr[], isAsync: boolean): A.Stmt {
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

  protected classDef(start: number, decorator_list: A.Expr[]): A.ClassDef {
    const classStart = this.advance().start;
    const name = this.expectName("a class name after 'class'");
    let bases: A.Expr[] = [], keywords: A.Keyword[] = [];
    if (this.eatOp('(')) ({ args: bases, keywords } = this.callArguments());
    const body = this.block('class definition', classStart);
    return this.node('ClassDef', { name, bases, keywords, body, decorator_list }, start, this.endOf(body));
  }


}
