// Bad programs and the exact diagnostics (line:column, code, message) they must produce.
import { check, compile } from '../src/index';
import { CATALOGUE } from '../src/catalogue';

const errors = (source: string) => check(source, 'main.py').filter(d => d.severity === 'error');   // warnings: warnings.test.ts
const first = (source: string) => {
  const [d] = errors(source);
  return d ? `${d.line}:${d.column} ${d.code} ${d.message}` : 'no error';
};

describe('diagnostics', () => {
  it.each([
    ['print((1, 2)\nx = 3\n', "1:6 V1005 '(' was never closed"],
    ['if x > 1\n    pass\n', "1:9 V1002 expected ':'"],
    ['x = 1\n    y = 2\n', '2:5 V1008 unexpected indent'],
    ['if x:\n        a\n    b\n', '3:5 V1010 unindent does not match any outer indentation level'],
    ["x = 'abc\n", '1:5 V1003 unterminated string literal (detected at line 1)'],
    ['print("abc)\n', '1:7 V1003 unterminated string literal (detected at line 1)'],
    ['x = \n', '1:5 V1001 invalid syntax'],
    ['for x in y\n  pass\n', "1:11 V1002 expected ':'"],
    ['if x:\npass\n', "2:1 V1009 expected an indented block after 'if' statement on line 1"],
    ['def f():\nreturn 1\n', '2:1 V1009 expected an indented block after function definition on line 1'],
    ['x = 1 +\n', '1:8 V1001 invalid syntax'],
    ['f(a b)\n', '1:3 V1016 invalid syntax. Perhaps you forgot a comma?'],
    ['a = 1 = 2\n', '1:5 V1015 cannot assign to literal'],
    ['f() = 3\n', "1:1 V1015 cannot assign to function call here. Maybe you meant '==' instead of '='?"],
    ['else:\n pass\n', '1:1 V1001 invalid syntax'],
    ["print 'a'\n", "1:1 V1020 Missing parentheses in call to 'print'. Did you mean print(...)?"],
    ['x = 012\n', '1:5 V1011 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'],
    ['return 1\n', "1:1 V3001 'return' outside function"],
    ['while x:\n  pass\nelse:\n  break\n', "4:3 V3002 'break' outside loop"],
    ['continue\n', "1:1 V3003 'continue' not properly in loop"],
    ['def f():\n  print(x)\n  global x\n', "3:3 V3004 name 'x' is used prior to global declaration"],
    ['def f(a):\n  global a\n', "2:3 V3005 name 'a' is parameter and global"],
    ['nonlocal x\n', '1:1 V3006 nonlocal declaration not allowed at module level'],
    ['yield 1\n', "1:1 V3007 'yield' outside function"],
    ['await x\n', "1:1 V3009 'await' outside function"],
    ['def f():\n  await x\n', "2:3 V3009 'await' outside async function"],
    ['def f():\n  async for x in y: pass\n', "2:3 V3009 'async for' outside async function"],
    ['def f():\n  async with x: pass\n', "2:3 V3009 'async with' outside async function"],
    ['async def f():\n  yield from x\n', "2:3 V3007 'yield from' inside async function"],
    ['def f():\n  return [x async for x in y]\n', '2:10 V3009 asynchronous comprehension outside of an asynchronous function'],
    ['def f(a, a): pass\n', "1:10 V1021 duplicate argument 'a' in function definition"],
    ['def f(a=1, b): pass\n', '1:12 V1022 non-default argument follows default argument'],
  ])('%j', (source, expected) => {
    expect(first(source)).toBe(expected);
  });

  it.each([
    ['x = 1j\n', '1:5 V2001 imaginary numbers are not supported yet'],
    ['def f():\n  nonlocal q\n', "2:3 V3008 no binding for nonlocal 'q' found"],
    ['a, *b, *c = d\n', '1:1 V1015 multiple starred expressions in assignment'],
  ])('refuses %j', (source, expected) => {
    expect(first(source)).toBe(expected);
    expect(compile(source, 'main.py').image).toBeUndefined();
  });

  it('reports every independent error of a file, in order, never two at one position', () => {
    const source = 'x = = 1\nclass A: pass\nif y\n  pass\nreturn 3\nz = lambda: 0\n';
    const all = check(source, 'main.py').map(d => `${d.line}:${d.column} ${d.code}`);
    // Syntax errors stop before the later stages, which would only repeat them.
    expect(all).toEqual(['1:5 V1001', '3:5 V1002']);
    const semantic = errors('await g()\nreturn 3\nasync def h():\n  yield 1\nbreak\n').map(d => `${d.line}:${d.column} ${d.code}`);
    expect(semantic).toEqual(['1:1 V3009', '2:1 V3001', '4:3 V2001', '5:1 V3002']);
  });

  it('fills every field of a diagnostic', () => {
    expect(check('x = (1 2)\n', 'main.py')[0]).toEqual({
      code: 'V1016', message: 'invalid syntax. Perhaps you forgot a comma?', file: 'main.py',
      line: 1, column: 6, endLine: 1, endColumn: 9, severity: 'error',
    });
  });

  it('counts columns in code points, not UTF-16 units or bytes', () => {
    expect(first('s = "😀é" + 1 +\n')).toBe('1:15 V1001 invalid syntax');
  });

  it('has unique codes in the catalogue', () => {
    const codes = Object.values(CATALOGUE);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives an image and no diagnostics for a valid program', () => {
    const r = compile('print(1)\n', 'main.py');
    expect(r.diagnostics).toEqual([]);
    expect(r.image).toBeInstanceOf(Uint8Array);
  });
});
