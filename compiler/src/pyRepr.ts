// Python's repr() of floats, str and bytes, for AST dumps and the disassembler.

export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // Shortest round-trip digits (JS and Python agree), laid out as Python's repr does.
  const [mantissa, expPart] = x.toExponential().split('e');
  const exp = Number(expPart);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function escapeChar(c: string, quote: string): string {
  const code = c.codePointAt(0)!;
  if (c === '\\') return '\\\\';
  if (c === quote) return '\\' + c;
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  if (code >= 0x80 && code < 0xa0 || code === 0xad) return '\\x' + code.toString(16).padStart(2, '0');
  if (code >= 0xd800 && code <= 0xdfff) return '\\u' + code.toString(16).padStart(4, '0');
  if (code > 0xff && /[\p{Z}\p{C}]/u.test(c) && c !== ' ') {
    return code > 0xffff ? '\\U' + code.toString(16).padStart(8, '0') : '\\u' + code.toString(16).padStart(4, '0');
  }
  return c;
}

export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const c of s) out += escapeChar(c, quote);
  return quote + out + quote;
}

export function pyBytesRepr(b: Uint8Array): string {
  let hasSingle = false, hasDouble = false;
  for (const x of b) { if (x === 0x27) hasSingle = true; if (x === 0x22) hasDouble = true; }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = '';
  for (const x of b) {
    const c = String.fromCharCode(x);
    if (x >= 0x80) out += '\\x' + x.toString(16).padStart(2, '0');
    else out += escapeChar(c, quote);
  }
  return 'b' + quote + out + quote;
}
