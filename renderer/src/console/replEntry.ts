// When a REPL entry is complete, as Python's interactive prompt decides it: an open bracket, an
// open triple-quoted string or a trailing backslash wants more lines; a compound statement
// (`def f():`, `for …:`, a decorator) goes on with `... ` prompts until an empty line. A pasted
// block needs no empty line: a new unindented statement after it closes it.
const CONTINUES_BLOCK = /^(else|elif|except|finally)\b/;

interface Scan { depth: number; openString: boolean; code: string[] }

/** Brackets left open, whether a string is still open, and each line without strings and comments. */
function scan(source: string): Scan {
  let depth = 0, quote = '', code = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') { i++; continue; }
      if (quote.length === 3 ? source.startsWith(quote, i) : c === quote) { i += quote.length - 1; quote = ''; code += '""'; }
      else if (c === '\n' && quote.length === 3) code += '\n';
      else if (c === '\n') { quote = ''; code += '\n'; }      // an unclosed one-line string: the compiler will say so
      continue;
    }
    if (c === '#') { while (i + 1 < source.length && source[i + 1] !== '\n') i++; continue; }
    if (c === '"' || c === "'") { quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c; i += quote.length - 1; continue; }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    code += c;
  }
  return { depth, openString: quote.length === 3, code: code.split('\n') };
}

const isHeader = (line: string) => /^\S.*:\s*$/.test(line) && !line.startsWith('@');

/** True while the lines so far need more before they can run. */
export function needsMore(lines: string[]): boolean {
  const { depth, openString, code } = scan(lines.join('\n'));
  if (depth > 0 || openString || /\\$/.test(lines[lines.length - 1])) return true;
  const opensBlock = /:\s*$/.test(code[0]) || /^\s*@/.test(code[0]);
  return opensBlock && lines[lines.length - 1].trim() !== '';
}

/** Collects typed lines into complete entries. */
export class EntryBuffer {
  private lines: string[] = [];

  /** The prompt for the next line. */
  get prompt(): '>>> ' | '... ' { return this.lines.length ? '... ' : '>>> '; }
  get empty(): boolean { return this.lines.length === 0; }
  clear(): void { this.lines = []; }

  /** Adds one line; returns the entries it completes, in order (none, one, or two when a new
   *  unindented statement closes a block and is itself complete). */
  push(line: string): string[] {
    const complete: string[] = [];
    if (this.lines.length && line.trim() && !/^\s/.test(line) && !CONTINUES_BLOCK.test(line) && this.inBlock()) {
      complete.push(this.lines.join('\n'));
      this.lines = [];
    }
    this.lines.push(line);
    if (!needsMore(this.lines)) {
      const source = this.lines.join('\n');
      this.lines = [];
      if (source.trim()) complete.push(source);
    }
    return complete;
  }

  /** A compound statement's body is being typed (not a bracket or a string). */
  private inBlock(): boolean {
    const { depth, openString, code } = scan(this.lines.join('\n'));
    return depth === 0 && !openString && code.some(isHeader) && !/\\$/.test(this.lines[this.lines.length - 1]);
  }
}
