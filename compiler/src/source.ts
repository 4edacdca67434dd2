// Positions in a source text. Everything internal uses offsets into the JS string; this turns
// them into 1-based lines, 1-based code-point columns (diagnostics) and 0-based UTF-8 byte
// columns (CPython's col_offset).

export class SourceText {
  readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column counting code points. */
  column(offset: number): number {
    const start = this.lineStarts[this.line(offset) - 1];
    let n = 0;
    for (let i = start; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) i++;
      n++;
    }
    return n + 1;
  }

  /** 0-based column in UTF-8 bytes, as CPython's col_offset. */
  byteColumn(offset: number): number {
    const start = this.lineStarts[this.line(offset) - 1];
    let n = 0;
    for (let i = start; i < offset; i++) {
      const c = this.text.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }
}
