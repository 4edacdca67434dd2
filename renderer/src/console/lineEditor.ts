// The line being typed on the console: editing keys (left/right, Home/End, Backspace, Delete,
// Ctrl-A/E/U) and history (up/down), fed with what xterm.js sends for each key. Knows nothing
// about the terminal: the console draws `text` and `cursor`.

export type LineAction =
  | { kind: 'edit' }                  // text or cursor changed: redraw
  | { kind: 'line'; text: string }    // Enter
  | { kind: 'eof' }                   // Ctrl-D on an empty line
  | { kind: 'none' };

/** Splits terminal input into keys: one character, or one escape sequence. "\r\n" is one Enter. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < data.length;) {
    const rest = data.slice(i);
    const escape = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z])/.exec(rest);
    const key = escape ? escape[0] : rest.startsWith('\r\n') ? '\r\n' : String.fromCodePoint(rest.codePointAt(0)!);
    keys.push(key === '\r\n' ? '\r' : key);
    i += key.length;
  }
  return keys;
}

const HISTORY_MAX = 500;

export class LineEditor {
  text = '';
  /** In UTF-16 units, always at a code point boundary. */
  cursor = 0;
  private readonly history: string[] = [];
  private historyAt = 0;        // history.length: the line being typed, not a recalled one
  private draft = '';

  /** Applies one key (see splitKeys). */
  key(key: string): LineAction {
    switch (key) {
      case '\r': case '\n': {
        const text = this.text;
        if (text.trim() && this.history[this.history.length - 1] !== text) {
          this.history.push(text);
          if (this.history.length > HISTORY_MAX) this.history.shift();
        }
        this.reset();
        return { kind: 'line', text };
      }
      case '\x7f': case '\b':
        if (this.cursor === 0) return { kind: 'none' };
        return this.replace(this.cursor - this.charBefore().length, this.cursor, '');
      case '\x1b[3~':
        return this.cursor < this.text.length ? this.replace(this.cursor, this.cursor + this.charAt().length, '') : { kind: 'none' };
      case '\x04':
        if (!this.text) return { kind: 'eof' };
        return this.key('\x1b[3~');
      case '\x1b[D': case '\x1bOD': case '\x02':
        return this.moveTo(this.cursor - this.charBefore().length);
      case '\x1b[C': case '\x1bOC': case '\x06':
        return this.moveTo(this.cursor + this.charAt().length);
      case '\x1b[H': case '\x1bOH': case '\x1b[1~': case '\x01':
        return this.moveTo(0);
      case '\x1b[F': case '\x1bOF': case '\x1b[4~': case '\x05':
        return this.moveTo(this.text.length);
      case '\x15':
        return this.replace(0, this.cursor, '');
      case '\x1b[A': case '\x1bOA':
        return this.recall(this.historyAt - 1);
      case '\x1b[B': case '\x1bOB':
        return this.recall(this.historyAt + 1);
      case '\t': {
        const column = [...this.text.slice(0, this.cursor)].length;
        return this.replace(this.cursor, this.cursor, ' '.repeat(4 - column % 4));
      }
      default:
        if (key.startsWith('\x1b') || key.codePointAt(0)! < 0x20) return { kind: 'none' };   // keys we do not use
        return this.replace(this.cursor, this.cursor, key);
    }
  }

  /** Forgets the line being typed (not the history). */
  reset(): void {
    this.text = '';
    this.cursor = 0;
    this.historyAt = this.history.length;
    this.draft = '';
  }

  private charBefore(): string {
    const before = [...this.text.slice(0, this.cursor)];
    return before[before.length - 1] ?? '';
  }

  private charAt(): string {
    return this.cursor < this.text.length ? String.fromCodePoint(this.text.codePointAt(this.cursor)!) : '';
  }

  private replace(from: number, to: number, insert: string): LineAction {
    this.text = this.text.slice(0, from) + insert + this.text.slice(to);
    this.cursor = from + insert.length;
    return { kind: 'edit' };
  }

  private moveTo(at: number): LineAction {
    const clamped = Math.max(0, Math.min(this.text.length, at));
    if (clamped === this.cursor) return { kind: 'none' };
    this.cursor = clamped;
    return { kind: 'edit' };
  }

  private recall(at: number): LineAction {
    if (at < 0 || at > this.history.length || at === this.historyAt) return { kind: 'none' };
    if (this.historyAt === this.history.length) this.draft = this.text;
    this.historyAt = at;
    this.text = at === this.history.length ? this.draft : this.history[at];
    this.cursor = this.text.length;
    return { kind: 'edit' };
  }
}
