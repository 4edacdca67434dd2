// Tokenizer: Python 3 source text → tokens, with INDENT/DEDENT, NEWLINE at the end of each
// logical line, implicit line joining inside brackets and backslash continuation.
import { CATALOGUE, DiagnosticSink } from './catalogue';
import { SourceText } from './source';

export type TokenType = 'NAME' | 'NUMBER' | 'STRING' | 'OP' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ENDMARKER';

export type NumberValue = { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | { kind: 'imaginary' };

export interface StringValue {
  bytes: boolean;
  fstring: boolean;
  /** Decoded text; for bytes every char code is one byte (0..255). */
  text: string;
}

export interface Token {
  type: TokenType;
  text: string;
  start: number; // offsets into the source string
  end: number;
  number?: NumberValue;
  string?: StringValue;
}

export interface TokenizeResult {
  tokens: Token[];
  /** True when a bracket was left open at the end of the file (the parser then stays quiet there). */
  unclosedBracket: boolean;
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<',
  '<=', '==', '>=', '>>', '@=', '^=', '|=', '!', '%', '&', '(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<',
  '=', '>', '@', '[', ']', '^', '{', '|', '}', '~',
];
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const KEYWORDS_AFTER_NUMBER = ['and', 'else', 'for', 'if', 'in', 'is', 'not', 'or'];
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']);
const ID_START = /[\p{L}\p{Nl}_\u1885\u1886\u2118\u212E\u309B\u309C]/u;
const ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u00B7\u0387\u1369-\u1371\u19DA\u1885\u1886\u2118\u212E\u309B\u309C]/u;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

export function tokenize(source: SourceText, sink: DiagnosticSink): TokenizeResult {
  return new Tokenizer(source, sink).run();
}

class Tokenizer {
  private readonly text: string;
  private pos = 0;
  private tokens: Token[] = [];
  private indents = [0];
  private brackets: { char: string; start: number }[] = [];
  private lineHasTokens = false;

  constructor(private source: SourceText, private sink: DiagnosticSink) {
    this.text = source.text;
  }

  private lastErrorAt = -1;

  private error(code: typeof CATALOGUE[keyof typeof CATALOGUE], message: string, at: number, end = at + 1): void {
    this.lastErrorAt = at;
    this.sink.error(code, message, this.source.line(at), this.source.column(at),
      this.source.line(end), this.source.column(end));
  }

  private push(type: TokenType, start: number, end: number, extra: Partial<Token> = {}): void {
    this.tokens.push({ type, text: this.text.slice(start, end), start, end, ...extra });
    if (type !== 'NEWLINE' && type !== 'INDENT' && type !== 'DEDENT') this.lineHasTokens = true;
  }

  run(): TokenizeResult {
    const text = this.text;
    let atLineStart = true;
    while (this.pos < text.length) {
      if (atLineStart) {
        // A blank or comment-only line leaves us at the start of the next line.
        atLineStart = this.indentation();
        if (atLineStart) continue;
      }
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\f') { this.pos++; continue; }
      if (c === '#') { this.skipComment(); continue; }
      if (c === '\n' || c === '\r') {
        const start = this.pos;
        this.pos += c === '\r' && text[this.pos + 1] === '\n' ? 2 : 1;
        if (this.brackets.length === 0) {
          if (this.lineHasTokens) this.push('NEWLINE', start, this.pos);
          this.lineHasTokens = false;
          atLineStart = true;
        }
        continue;
      }
      if (c === '\\') { this.continuation(); continue; }
      if (c >= '0' && c <= '9' || c === '.' && /[0-9]/.test(text[this.pos + 1] ?? '')) { this.number(); continue; }
      if (c === '"' || c === "'") { this.string(this.pos, ''); continue; }
      const cp = String.fromCodePoint(text.codePointAt(this.pos)!);
      if (ID_START.test(cp)) { this.name(); continue; }
      if (this.operator()) continue;
      if (c.charCodeAt(0) < 128 || /[\p{Z}]/u.test(cp)) {
        this.error(CATALOGUE.INVALID_SYNTAX, 'invalid syntax', this.pos);
      } else {
        const hex = cp.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        this.error(CATALOGUE.INVALID_CHARACTER, `invalid character '${cp}' (U+${hex})`, this.pos);
      }
      this.pos += cp.length;
    }
    return this.finish();
  }

  private finish(): TokenizeResult {
    const end = this.text.length;
    const unclosed = this.brackets[this.brackets.length - 1];
    // An error inside the bracket (say an unterminated string) already explains it.
    if (unclosed && this.lastErrorAt < unclosed.start) {
      this.error(CATALOGUE.NEVER_CLOSED, `'${unclosed.char}' was never closed`, unclosed.start);
    }
    if (this.lineHasTokens) this.push('NEWLINE', end, end);
    while (this.indents.length > 1) { this.indents.pop(); this.push('DEDENT', end, end); }
    this.push('ENDMARKER', end, end);
    return { tokens: this.tokens, unclosedBracket: unclosed !== undefined };
  }

  /** Measures the indentation of a new line. Returns true when the line is blank or a comment. */
  private indentation(): boolean {
    const text = this.text;
    let col = 0, p = this.pos;
    for (; p < text.length; p++) {
      const c = text[p];
      if (c === ' ') col++;
      else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
      else if (c === '\f') col = 0;
      else break;
    }
    const c = text[p];
    if (p >= text.length || c === '#' || c === '\n' || c === '\r' || c === '\\' && /[\r\n]/.test(text[p + 1] ?? '')) {
      this.pos = p;
      if (c === '#') this.skipComment();
      if (this.pos < text.length && text[this.pos] === '\\') this.pos++;
      if (text[this.pos] === '\r') this.pos++;
      if (text[this.pos] === '\n') this.pos++;
      return true;
    }
    const top = this.indents[this.indents.length - 1];
    if (col > top) {
      this.indents.push(col);
      this.push('INDENT', p, p);
    } else if (col < top) {
      while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.push('DEDENT', p, p);
      }
      if (col !== this.indents[this.indents.length - 1]) {
        this.error(CATALOGUE.BAD_DEDENT, 'unindent does not match any outer indentation level', p);
        this.indents.push(col); // carry on as if this were a new level
      }
    }
    this.pos = p;
    return false;
  }

  private skipComment(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') this.pos++;
  }

  private continuation(): void {
    const next = this.text[this.pos + 1];
    if (next === '\n' || next === '\r') {
      this.pos += next === '\r' && this.text[this.pos + 2] === '\n' ? 3 : 2;
      if (this.pos >= this.text.length) {
        this.error(CATALOGUE.LINE_CONTINUATION, 'unexpected end of file after line continuation character', this.pos - 1);
      }
      return;
    }
    this.error(CATALOGUE.LINE_CONTINUATION, 'unexpected character after line continuation character', this.pos);
    this.pos++;
  }

  private name(): void {
    const start = this.pos;
    const text = this.text;
    while (this.pos < text.length) {
      const cp = String.fromCodePoint(text.codePointAt(this.pos)!);
      if (!ID_CONTINUE.test(cp)) break;
      this.pos += cp.length;
    }
    const word = text.slice(start, this.pos);
    const q = text[this.pos];
    if ((q === '"' || q === "'") && STRING_PREFIXES.has(word.toLowerCase())) {
      this.string(start, word.toLowerCase());
      return;
    }
    this.push('NAME', start, this.pos);
  }

  private operator(): boolean {
    for (const op of OPERATORS) {
      if (!this.text.startsWith(op, this.pos)) continue;
      const start = this.pos;
      this.pos += op.length;
      if (op === '(' || op === '[' || op === '{') {
        // CPython's tokenizer stops at 200 open brackets; deeper would only exhaust the parser's stack.
        if (this.brackets.length === 200) this.error(CATALOGUE.INVALID_SYNTAX, 'too many nested parentheses', start);
        this.brackets.push({ char: op, start });
      }
      else if (op in CLOSERS) {
        const open = this.brackets[this.brackets.length - 1];
        if (!open) {
          this.error(CATALOGUE.UNMATCHED_CLOSE, `unmatched '${op}'`, start);
          return true; // drop it: the rest of the line may still parse
        }
        this.brackets.pop();
        if (open.char !== CLOSERS[op]) {
          const openLine = this.source.line(open.start), line = this.source.line(start);
          const where = openLine !== line ? ` on line ${openLine}` : '';
          this.error(CATALOGUE.MISMATCHED_CLOSE,
            `closing parenthesis '${op}' does not match opening parenthesis '${open.char}'${where}`, start);
        }
      } else if (op === '!') {
        this.error(CATALOGUE.INVALID_SYNTAX, 'invalid syntax', start);
        return true;
      }
      this.push('OP', start, this.pos);
      return true;
    }
    return false;
  }

  private number(): void {
    const text = this.text;
    const start = this.pos;
    const rest = text.slice(start, start + 400);
    let m: RegExpExecArray | null;
    let value: NumberValue;
    const radix = /^0([xXoObB])/.exec(rest);
    if (radix) {
      const kind = radix[1].toLowerCase();
      const digit = kind === 'x' ? '[0-9a-fA-F]' : kind === 'o' ? '[0-7]' : '[01]';
      m = new RegExp(`^0[${kind}${kind.toUpperCase()}](?:_?${digit})+`).exec(rest);
      const word = kind === 'x' ? 'hexadecimal' : kind === 'o' ? 'octal' : 'binary';
      if (!m) {
        this.error(CATALOGUE.INVALID_NUMBER, `invalid ${word} literal`, start + 2);
        this.pos = start + 2;
        this.skipWordChars();
        return;
      }
      this.pos = start + m[0].length;
      if (this.badSuffix(`invalid ${word} literal`)) return;
      value = { kind: 'int', value: BigInt(m[0].replace(/_/g, '')) };
    } else {
      m = /^(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/.exec(rest)!;
      this.pos = start + m[0].length;
      const clean = m[0].replace(/_/g, '');
      if (text[this.pos] === 'j' || text[this.pos] === 'J') {
        this.pos++;
        this.error(CATALOGUE.NOT_SUPPORTED, 'imaginary numbers are not supported yet', start, this.pos);
        value = { kind: 'imaginary' };
        this.push('NUMBER', start, this.pos, { number: value });
        return;
      }
      if (this.badSuffix('invalid decimal literal')) return;
      if (/^[0-9]+$/.test(clean)) {
        if (/^0+[1-9]/.test(clean)) {
          this.error(CATALOGUE.INVALID_NUMBER, 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', start, this.pos);
        }
        value = { kind: 'int', value: BigInt(clean) };
      } else {
        value = { kind: 'float', value: parseFloat(clean) };
      }
    }
    this.push('NUMBER', start, this.pos, { number: value });
  }

  /** A number directly followed by letters or digits is an error, except `1if x else 2` and the like. */
  private badSuffix(message: string): boolean {
    const next = this.text[this.pos] ?? '';
    if (!/[\p{L}\p{N}_]/u.test(next)) return false;
    const word = /^[\p{L}\p{N}_]*/u.exec(this.text.slice(this.pos, this.pos + 40))![0];
    if (KEYWORDS_AFTER_NUMBER.some(k => word.startsWith(k))) return false;
    this.error(CATALOGUE.INVALID_NUMBER, message, this.pos);
    this.skipWordChars();
    return true;
  }

  private skipWordChars(): void {
    while (this.pos < this.text.length && /[\p{L}\p{N}_]/u.test(this.text[this.pos])) this.pos++;
  }

  private string(start: number, prefix: string): void {
    const text = this.text;
    const quote = text[this.pos];
    const triple = text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    let p = this.pos + delimiter.length;
    const bodyStart = p;
    let bodyEnd = -1;
    while (p < text.length) {
      const c = text[p];
      if (c === '\\') { p += text[p + 1] === '\r' && text[p + 2] === '\n' ? 3 : 2; continue; }
      if (!triple && (c === '\n' || c === '\r')) break;
      if (text.startsWith(delimiter, p)) { bodyEnd = p; p += delimiter.length; break; }
      p++;
    }
    const bytes = prefix.includes('b');
    const fstring = prefix.includes('f');
    if (bodyEnd < 0) {
      const line = this.source.line(p > text.length ? text.length : p);
      if (triple) {
        this.error(CATALOGUE.UNTERMINATED_TRIPLE_STRING, `unterminated triple-quoted string literal (detected at line ${line})`, start);
      } else {
        this.error(CATALOGUE.UNTERMINATED_STRING, `unterminated string literal (detected at line ${line})`, start);
      }
      this.pos = Math.min(p, text.length);
      this.push('STRING', start, this.pos, { string: { bytes, fstring, text: '' } });
      return;
    }
    this.pos = p;
    const body = text.slice(bodyStart, bodyEnd).replace(/\r\n?/g, '\n');
    if (bytes && /[^\x00-\x7f]/.test(body)) {
      this.error(CATALOGUE.BYTES_NON_ASCII, 'bytes can only contain ASCII literal characters', start, p);
    }
    const decoded = prefix.includes('r') ? body : this.unescape(body, bytes, bodyStart);
    this.push('STRING', start, p, { string: { bytes, fstring, text: decoded } });
  }

  private unescape(body: string, bytes: boolean, bodyStart: number): string {
    if (!body.includes('\\')) return body;
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c !== '\\') { out += c; continue; }
      const e = body[i + 1];
      i++;
      if (e === undefined) { out += '\\'; break; }
      if (e === '\n') continue;
      if (e in SIMPLE_ESCAPES) { out += SIMPLE_ESCAPES[e]; continue; }
      if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(body.slice(i, i + 3))![0];
        const code = parseInt(m, 8);
        out += String.fromCharCode(bytes ? code & 0xff : code);
        i += m.length - 1;
        continue;
      }
      const hexLength = e === 'x' ? 2 : !bytes && e === 'u' ? 4 : !bytes && e === 'U' ? 8 : 0;
      if (hexLength) {
        const hex = body.slice(i + 1, i + 1 + hexLength);
        const code = parseInt(hex, 16);
        if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex) || code > 0x10ffff) {
          this.error(CATALOGUE.BAD_ESCAPE, `invalid \\${e} escape: it needs ${hexLength} hex digits`, bodyStart + i - 1);
        } else {
          out += String.fromCodePoint(code);
        }
        i += hexLength;
        continue;
      }
      if (!bytes && e === 'N') {
        this.error(CATALOGUE.NOT_SUPPORTED, "'\\N{...}' escapes are not supported yet", bodyStart + i - 1);
        continue;
      }
      out += '\\' + e; // unknown escapes keep the backslash, as in Python
    }
    return out;
  }
}
