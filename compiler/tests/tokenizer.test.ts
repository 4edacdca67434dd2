import { tokens, tokenText } from './helpers';

describe('tokenizer', () => {
  it('emits INDENT, DEDENT and NEWLINE', () => {
    expect(tokenText('if x:\n    y\nz\n')).toBe(
      'NAME:if NAME:x OP:: NEWLINE INDENT NAME:y NEWLINE DEDENT NAME:z NEWLINE ENDMARKER');
  });

  it('closes open blocks at the end of the file, with or without a final newline', () => {
    expect(tokenText('if x:\n  if y:\n    z')).toBe(
      'NAME:if NAME:x OP:: NEWLINE INDENT NAME:if NAME:y OP:: NEWLINE INDENT NAME:z NEWLINE DEDENT DEDENT ENDMARKER');
  });

  it('ignores blank lines and comment lines, whatever their indentation', () => {
    expect(tokenText('x = 1  # c\n\n      # other\n   \ny\n')).toBe('NAME:x OP:= NUMBER:1 NEWLINE NAME:y NEWLINE ENDMARKER');
  });

  it('joins lines inside brackets and after a backslash', () => {
    expect(tokenText('x = (1,\n  2)\ny = 1 + \\\n  2\n')).toBe(
      'NAME:x OP:= OP:( NUMBER:1 OP:, NUMBER:2 OP:) NEWLINE NAME:y OP:= NUMBER:1 OP:+ NUMBER:2 NEWLINE ENDMARKER');
  });

  it('takes the longest operator', () => {
    expect(tokenText('a **= b // c -> d ... != e := f')).toBe(
      'NAME:a OP:**= NAME:b OP:// NAME:c OP:-> NAME:d OP:... OP:!= NAME:e OP::= NAME:f NEWLINE ENDMARKER');
  });

  it.each([
    ['123', { kind: 'int', value: 123n }],
    ['1_000_000', { kind: 'int', value: 1000000n }],
    ['0x_FF', { kind: 'int', value: 255n }],
    ['0o17', { kind: 'int', value: 15n }],
    ['0b1010', { kind: 'int', value: 10n }],
    ['00', { kind: 'int', value: 0n }],
    ['123456789012345678901234567890', { kind: 'int', value: 123456789012345678901234567890n }],
    ['1.5', { kind: 'float', value: 1.5 }],
    ['1.', { kind: 'float', value: 1 }],
    ['.25', { kind: 'float', value: 0.25 }],
    ['1e3', { kind: 'float', value: 1000 }],
    ['1_0.5E-1', { kind: 'float', value: 1.05 }],
  ])('reads the number %s', (text, value) => {
    const t = tokens(text).tokens[0];
    expect(t.type).toBe('NUMBER');
    expect(t.number).toEqual(value);
  });

  it.each([
    ['012', '1:1 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'],
    ['0x', '1:3 invalid hexadecimal literal'],
    ['1__0', '1:2 invalid decimal literal'],
    ['12abc', '1:3 invalid decimal literal'],
    ['0b102', '1:5 invalid binary literal'],
    ['3j', '1:1 imaginary numbers are not supported yet'],
  ])('rejects the number %s', (text, error) => {
    expect(tokens(text).errors).toEqual([error]);
  });

  it('accepts a keyword right after a number, as CPython does', () => {
    expect(tokenText('1if x else 2')).toBe('NUMBER:1 NAME:if NAME:x NAME:else NUMBER:2 NEWLINE ENDMARKER');
  });

  it.each([
    [String.raw`'a\tb\n\\\'\"'`, 'a\tb\n\\\'"'],
    [String.raw`"\x41\101\u00e9\U0001F600"`, 'AAé😀'],
    [String.raw`'\q\d'`, '\\q\\d'],
    [String.raw`r'\n\d'`, '\\n\\d'],
    [String.raw`R"\""`, '\\"'],
    ['"""a\n\'\'b"""', "a\n''b"],
    ["'''x\"\"\"y'''", 'x"""y'],
    ["'a\\\nb'", 'ab'],
    [String.raw`u'\u0041'`, 'A'],
  ])('decodes the string %s', (text, value) => {
    const { tokens: t, errors } = tokens(text);
    expect(errors).toEqual([]);
    expect(t[0].string).toEqual({ bytes: false, fstring: false, text: value });
  });

  it('decodes bytes without \\u escapes', () => {
    const t = tokens(String.raw`b'\xff\u0041' Rb'\x'`).tokens;
    expect(t[0].string).toEqual({ bytes: true, fstring: false, text: '\xff\\u0041' });
    expect(t[1].string).toEqual({ bytes: true, fstring: false, text: '\\x' });
  });

  it('marks f-strings', () => {
    expect(tokens("f'{x}'").tokens[0].string!.fstring).toBe(true);
  });

  it.each([
    ["x = 'abc\n", '1:5 unterminated string literal (detected at line 1)'],
    ["x = '''abc\n\n", "1:5 unterminated triple-quoted string literal (detected at line 3)"],
    ["x = b'é'\n", '1:5 bytes can only contain ASCII literal characters'],
    ['x = €\n', "1:5 invalid character '€' (U+20AC)"],
    ['x = $\n', '1:5 invalid syntax'],
    ['x = (1, 2]\n', "1:10 closing parenthesis ']' does not match opening parenthesis '('"],
    ['x = 1)\n', "1:6 unmatched ')'"],
    ['x = [1,\n2\n', "1:5 '[' was never closed"],
    ['if x:\n        a\n    b\n', '3:5 unindent does not match any outer indentation level'],
    ['x = 1 \\ 2\n', '1:7 unexpected character after line continuation character'],
    [String.raw`x = '\x4'`, '1:6 invalid \\x escape: it needs 2 hex digits'],
  ])('reports %j', (source, error) => {
    expect(tokens(source).errors).toEqual([error]);
  });

  it('counts columns in code points', () => {
    expect(tokens('s = "😀😀" + €').errors).toEqual(["1:12 invalid character '€' (U+20AC)"]);
  });

  it('handles CRLF line endings', () => {
    expect(tokenText('if x:\r\n    y\r\n')).toBe('NAME:if NAME:x OP:: NEWLINE INDENT NAME:y NEWLINE DEDENT ENDMARKER');
  });

  it('reads non-ASCII identifiers', () => {
    expect(tokenText('café = 1')).toBe('NAME:café OP:= NUMBER:1 NEWLINE ENDMARKER');
  });
});
