// Expression parser: the token helpers, error reporting and the expression grammar (precedence
// climbing for binary operators). The statement parser in parser.ts extends it.
import * as A from './ast';
import { CATALOGUE, DiagnosticCode, DiagnosticSink } from './catalogue';
import { SourceText } from './source';
import { Token, TokenizeResult, tokenize } from './tokenizer';

export const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
  'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

const BINARY_LEVELS: Record<string, A.Operator>[] = [
  { '|': 'BitOr' }, { '^': 'BitXor' }, { '&': 'BitAnd' }, { '<<': 'LShift', '>>': 'RShift' },
  { '+': 'Add', '-': 'Sub' }, { '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '@': 'MatMult' },
];
const COMPARE: Record<string, A.CmpOperator> = { '<': 'Lt', '>': 'Gt', '==': 'Eq', '>=': 'GtE', '<=': 'LtE', '!=': 'NotEq' };

/** Thrown after a syntax error has been reported, to abandon the current statement. */
export class SyntaxAbort extends Error {}

type Fields<K extends A.NodeKind> = Omit<Extract<A.AnyNode, { kind: K }>, 'kind' | keyof A.Span>;

export class ExpressionParser {
  protected pos = 0;
  protected lastEnd = 0;
  protected readonly tokens: Token[];
  protected readonly quietFrom: number;

  constructor(protected source: SourceText, tokenized: TokenizeResult, protected sink: DiagnosticSink) {
    this.tokens = tokenized.tokens;
    // After a bracket left open, every later error is a consequence of it.
    this.quietFrom = tokenized.unclosedBracket ? source.text.length : Infinity;
    const firstOpen = this.sink.list.find(d => d.code === CATALOGUE.NEVER_CLOSED);
    if (firstOpen) this.quietFrom = source.lineStarts[firstOpen.line - 1];
  }

  // ---- token helpers ----
  protected get tok(): Token { return this.tokens[this.pos]; }
  /** Not narrowed by TypeScript like `this.tok.type`, which changes as tokens are consumed. */
  protected atType(type: Token['type']): boolean { return this.tokens[this.pos].type === type; }
  protected peekAt(n: number): Token { return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)]; }
  protected advance(): Token {
    const t = this.tokens[this.pos];
    if (t.type !== 'ENDMARKER') this.pos++;
    if (t.type !== 'NEWLINE' && t.type !== 'INDENT' && t.type !== 'DEDENT') this.lastEnd = t.end;
    return t;
  }
  protected isOp(s: string, t = this.tok): boolean { return t.type === 'OP' && t.text === s; }
  protected isKw(s: string, t = this.tok): boolean { return t.type === 'NAME' && t.text === s; }
  protected eatOp(s: string): boolean { if (this.isOp(s)) { this.advance(); return true; } return false; }
  protected eatKw(s: string): boolean { if (this.isKw(s)) { this.advance(); return true; } return false; }

  protected fail(message: string, at: Token | number = this.tok, code: DiagnosticCode = CATALOGUE.INVALID_SYNTAX, endAt?: number): never {
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

  protected expectOp(s: string, message = `expected '${s}'`): Token {
    if (!this.isOp(s)) this.fail(message, this.tok, CATALOGUE.EXPECTED_TOKEN);
    return this.advance();
  }

  protected expectName(what: string): string {
    const t = this.tok;
    if (t.type !== 'NAME' || KEYWORDS.has(t.text)) this.fail(`expected ${what}`, t, CATALOGUE.EXPECTED_TOKEN);
    this.advance();
    return t.text;
  }

  protected span(start: number, end = this.lastEnd): A.Span {
    const s = this.source;
    return { lineno: s.line(start), col_offset: s.byteColumn(start), end_lineno: s.line(end),
      end_col_offset: s.byteColumn(end), start, end };
  }

  protected node<K extends A.NodeKind>(kind: K, fields: Fields<K>, start: number, end = this.lastEnd): Extract<A.AnyNode, { kind: K }> {
    return { kind, ...fields, ...this.span(start, end) } as unknown as Extract<A.AnyNode, { kind: K }>;
  }

  protected startsExpression(t = this.tok): boolean {
    if (t.type === 'NUMBER' || t.type === 'STRING') return true;
    if (t.type === 'NAME') return !KEYWORDS.has(t.text) || ['None', 'True', 'False', 'not', 'lambda', 'await'].includes(t.text);
    return t.type === 'OP' && ['(', '[', '{', '-', '+', '~', '...', '*'].includes(t.text);
  }

  /** Reports targets that cannot be assigned or deleted, then marks them Store/Del. */
  protected checkTarget(target: A.Expr, ctx: 'Store' | 'Del', first = false): void {
    const bad = this.invalidTarget(target, ctx);
    if (bad) {
      const verb = ctx === 'Store' ? 'assign to' : 'delete';
      const hint = first && ctx === 'Store' && bad.kind !== 'Starred' ? " here. Maybe you meant '==' instead of '='?" : '';
      const plainHint = ['Constant', 'Call', 'Compare'].includes(bad.kind) || bad === target ? hint : '';
      this.fail(`cannot ${verb} ${describe(bad)}${plainHint}`, bad.start, CATALOGUE.INVALID_TARGET, bad.end);
    }
    this.setContext(target, ctx);
  }

  protected invalidTarget(e: A.Expr, ctx: 'Store' | 'Del'): A.Expr | null {
    switch (e.kind) {
      case 'Name': case 'Attribute': case 'Subscript': return null;
      case 'Tuple': case 'List':
        for (const elt of e.elts) { const bad = this.invalidTarget(elt, ctx); if (bad) return bad; }
        return null;
      case 'Starred': return ctx === 'Store' ? this.invalidTarget(e.value, ctx) : e;
      default: return e;
    }
  }

  protected setContext(e: A.Expr, ctx: A.ExprContext): void {
    switch (e.kind) {
      case 'Name': case 'Attribute': case 'Subscript': e.ctx = ctx; break;
      case 'Starred': e.ctx = ctx; this.setContext(e.value, ctx); break;
      case 'Tuple': case 'List': e.ctx = ctx; e.elts.forEach(x => this.setContext(x, ctx)); break;
    }
  }

  // ---- expressions ----
  /** `a, *b, c` at statement level: one expression or a Tuple. */
  protected starExpressions(): A.Expr {
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

  protected starOrNamed(): A.Expr {
    return this.isOp('*') ? this.starred(() => this.bitOr()) : this.namedExpressionTest();
  }

  protected starred(inner: () => A.Expr): A.Expr {
    const start = this.advance().start;
    const value = inner();
    return this.node('Starred', { value, ctx: 'Load' }, start);
  }

  protected namedExpressionTest(): A.Expr {
    const start = this.tok.start;
    const e = this.test();
    if (!this.isOp(':=')) return e;
    if (e.kind !== 'Name') this.fail(`cannot use assignment expressions with ${describe(e)}`, e.start, CATALOGUE.INVALID_TARGET, e.end);
    this.advance();
    e.ctx = 'Store';
    const value = this.test();
    return this.node('NamedExpr', { target: e, value }, start);
  }

  protected yieldExpression(): A.Expr {
    const start = this.advance().start;
    if (this.eatKw('from')) return this.node('YieldFrom', { value: this.test() }, start);
    const value = this.atStatementEnd() || this.isOp(')') || this.isOp('=') ? null : this.starExpressions();
    return this.node('Yield', { value }, start);
  }

  /** `test`: lambda or a conditional expression. */
  protected test(): A.Expr {
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

  protected lambda(): A.Expr {
    const start = this.advance().start;
    const args = this.parameters(':', false);
    this.expectOp(':', "expected ':' after the lambda parameters");
    const body = this.test();
    return this.node('Lambda', { args, body }, start);
  }

  protected orTest(): A.Expr { return this.boolChain('or', 'Or', () => this.andTest()); }
  protected andTest(): A.Expr { return this.boolChain('and', 'And', () => this.notTest()); }

  protected boolChain(word: string, op: A.BoolOperator, inner: () => A.Expr): A.Expr {
    const start = this.tok.start;
    const first = inner();
    if (!this.isKw(word)) return first;
    const values = [first];
    while (this.eatKw(word)) values.push(inner());
    return this.node('BoolOp', { op, values }, start);
  }

  protected notTest(): A.Expr {
    if (!this.isKw('not')) return this.comparison();
    const start = this.advance().start;
    return this.node('UnaryOp', { op: 'Not', operand: this.notTest() }, start);
  }

  protected comparison(): A.Expr {
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

  protected bitOr(): A.Expr { return this.binary(0); }

  protected binary(level: number): A.Expr {
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

  protected factor(): A.Expr {
    const t = this.tok;
    const unary: Record<string, A.UnaryOperator> = { '-': 'USub', '+': 'UAdd', '~': 'Invert' };
    if (t.type === 'OP' && unary[t.text]) {
      this.advance();
      return this.node('UnaryOp', { op: unary[t.text], operand: this.factor() }, t.start);
    }
    return this.power();
  }

  protected power(): A.Expr {
    const start = this.tok.start;
    let base: A.Expr;
    if (this.isKw('await')) {
      this.advance();
      base = this.node('Await', { value: this.primary() }, start);
    } else base = this.primary();
    if (!this.eatOp('**')) return base;
    return this.node('BinOp', { left: base, op: 'Pow', right: this.factor() }, start);
  }

  protected primary(): A.Expr {
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
  protected callArguments(): { args: A.Expr[]; keywords: A.Keyword[] } {
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
        if (keywords.some(k => k.arg === arg)) this.fail(`keyword argument repeated: ${arg}`, s, CATALOGUE.INVALID_SYNTAX, value.end);
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

  protected subscriptList(): A.Expr {
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

  protected subscriptItem(): A.Expr {
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

  protected comprehensionClauses(): A.Comprehension[] {
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

  protected atom(): A.Expr {
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

  protected strings(): A.Expr {
    const start = this.tok.start;
    const first = this.tok;
    let text = '';
    let fstring = false;
    const pieces: { text: string; f: boolean; start: number }[] = [];
    while (this.tok.type === 'STRING') {
      const t = this.advance();
      const s = t.string!;
      if (s.bytes !== first.string!.bytes) {
        this.fail('cannot mix bytes and nonbytes literals', start, CATALOGUE.MIXED_STRING_BYTES, t.end);
      }
      fstring ||= s.fstring;
      text += s.text;
      pieces.push({ text: s.text, f: s.fstring, start: t.start });
    }
    if (fstring) return this.fstring(pieces, start);
    const kindPrefix = /^[uU]/.test(first.text) ? 'u' : null;
    const value: A.PyConst = first.string!.bytes
      ? { t: 'bytes', v: Uint8Array.from(text, c => c.charCodeAt(0) & 0xff) }
      : { t: 'str', v: text };
    return this.node('Constant', { value, kindPrefix }, start);
  }

  /** f-strings: literal parts and `{expr!conv:spec}` fields become
   * JoinedStr([Constant, FormattedValue(expr, conv, spec), ...]), as CPython's AST; `{x=}` shows its own text first. */
  protected fstring(pieces: { text: string; f: boolean; start: number }[], start: number): A.Expr {
    const values: A.Expr[] = [];
    let literal = '';
    const span = this.span(start, this.lastEnd);
    const flush = (out: A.Expr[] = values) => {
      if (literal) out.push({ kind: 'Constant', value: { t: 'str', v: literal }, kindPrefix: null, ...span } as A.Expr);
      literal = '';
    };
    const error = (message: string) => {
      this.sink.error(CATALOGUE.INVALID_SYNTAX, `f-string: ${message}`, span.lineno, this.source.column(start),
        span.end_lineno, this.source.column(this.lastEnd));
    };
    /** Fields of one piece of text; returns the index after it stops (at an unmatched '}' when nested). */
    const parseText = (text: string, i: number, nested: boolean, out: A.Expr[]): number => {
      while (i < text.length) {
        const c = text[i];
        if (c === '{' && text[i + 1] === '{' && !nested) { literal += '{'; i += 2; continue; }
        if (c === '}' && text[i + 1] === '}' && !nested) { literal += '}'; i += 2; continue; }
        if (c === '}') {
          if (nested) return i;
          error("single '}' is not allowed");
          return text.length;
        }
        if (c !== '{') { literal += c; i++; continue; }
        // A field: find where its expression ends (top-level '!', ':' or '}').
        let j = i + 1, depth = 0, quote = '';
        for (; j < text.length; j++) {
          const d = text[j];
          if (quote) { if (d === quote) quote = ''; continue; }
          if (d === '"' || d === "'") { quote = d; continue; }
          if ('([{'.includes(d)) depth++;
          else if (')]}'.includes(d)) { if (depth === 0) break; depth--; }
          else if (depth === 0 && d === '!' && text[j + 1] !== '=') break;
          else if (depth === 0 && d === ':') break;
        }
        if (j >= text.length) { error("expecting '}'"); return text.length; }
        let exprText = text.slice(i + 1, j);
        let selfDoc = '';
        const m = /^(.*[^=!<>])=(\s*)$/s.exec(exprText);
        if (m) { selfDoc = exprText; exprText = m[1]; }
        if (!exprText.trim()) { error('empty expression not allowed'); return text.length; }
        let conversion = selfDoc ? 'r' : '';
        const explicit = text[j] === '!';
        if (text[j] === '!') {
          conversion = text[j + 1];
          if (!'rsa'.includes(conversion) || !conversion) { error("invalid conversion character: expected 's', 'r', or 'a'"); return text.length; }
          j += 2;
        }
        let spec: A.Expr | null = null;
        if (text[j] === ':') {
          const specParts: A.Expr[] = [];
          const savedLiteral = literal;
          literal = '';
          j = parseText(text, j + 1, true, specParts);
          if (literal) specParts.push({ kind: 'Constant', value: { t: 'str', v: literal }, kindPrefix: null, ...span } as A.Expr);
          literal = savedLiteral;
          spec = { kind: 'JoinedStr', values: specParts, ...span } as A.Expr;
          if (selfDoc && !explicit) conversion = '';
        }
        if (text[j] !== '}') { error("expecting '}'"); return text.length; }
        if (selfDoc) literal += selfDoc;
        const inner = this.fieldExpression(exprText, span);
        if (!inner) return text.length;
        flush(out);
        out.push({ kind: 'FormattedValue', value: inner, conversion: conversion ? conversion.charCodeAt(0) : -1, format_spec: spec ?? null, ...span } as A.Expr);
        i = j + 1;
      }
      return i;
    };
    for (const p of pieces) {
      if (!p.f) { literal += p.text; continue; }
      parseText(p.text, 0, false, values);
    }
    flush();
    return { kind: 'JoinedStr', values, ...span } as A.Expr;
  }

  /** Parses the expression of an f-string field; its nodes take the f-string's position. */
  private fieldExpression(text: string, span: A.Span): A.Expr | null {
    const source = new SourceText('(' + text + ')\n');
    const sink = new DiagnosticSink('<f-string>');
    const parser = new ExpressionParser(source, tokenize(source, sink), sink);
    let e: A.Expr;
    try {
      e = parser.starExpressions();
    } catch {
      e = null as unknown as A.Expr;
    }
    if (sink.hasErrors || !e || parser.tok.type !== 'NEWLINE') {
      this.sink.error(CATALOGUE.INVALID_SYNTAX, 'f-string: invalid syntax', span.lineno, span.col_offset + 1, span.end_lineno, span.end_col_offset + 1);
      return null;
    }
    const move = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) { n.forEach(move); return; }
      const o = n as Record<string, unknown>;
      if ('lineno' in o) Object.assign(o, span);
      for (const v of Object.values(o)) if (v && typeof v === 'object') move(v);
    };
    move(e);
    return e;
  }

  protected parenthesized(): A.Expr {
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
  protected elementList(elts: A.Expr[], closer: string, element: () => A.Expr): void {
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

  protected closeBracket(closer: string, openAt: number): void {
    if (this.isOp(closer)) { this.advance(); return; }
    if (this.tok.type === 'NEWLINE' || this.tok.type === 'ENDMARKER') {
      this.fail(`'${this.source.text[openAt]}' was never closed`, openAt, CATALOGUE.NEVER_CLOSED);
    }
    this.fail('invalid syntax');
  }

  protected listDisplay(): A.Expr {
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

  protected braceDisplay(): A.Expr {
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
  protected dictAhead(): boolean {
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

  protected dictDisplay(start: number): A.Expr {
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

  protected atStatementEnd(): boolean {
    return this.tok.type === 'NEWLINE' || this.isOp(';') || this.tok.type === 'ENDMARKER';
  }
  /** Targets of `for` and comprehensions: `x`, `a, b`, `(a, *b)`. */
  protected targetList(): A.Expr {
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
  /** Parameter list of `def` (closer ')', annotations allowed) or `lambda` (closer ':'). */
  protected parameters(closer: string, annotations: boolean): A.Arguments {
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