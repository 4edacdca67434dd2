// What the debugger takes from the compiler: 'eval' images (watch, hover, conditions) and the
// lines with code, where breakpoints go.
import { compile, disassemble, executableLines } from '../src/index';

describe("mode 'eval'", () => {
  it("returns the expression's value, its names looked up by name", () => {
    const { image, diagnostics } = compile('x + y * 2', '<expression>', { mode: 'eval' });
    expect(diagnostics).toEqual([]);
    const text = disassemble(image!);
    expect(text).toMatch(/LOAD_NAME\s+\d+\s+\(x\)[\s\S]*LOAD_NAME\s+\d+\s+\(y\)[\s\S]*RETURN_VALUE/);
    expect(text).not.toContain('LOAD_NONE');
    expect(text).toContain('1 code objects');
  });

  it('keeps a string as the value, not a docstring', () => {
    const text = disassemble(compile('"doc"', '<expression>', { mode: 'eval' }).image!);
    expect(text).not.toContain('__doc__');
    expect(text).toMatch(/LOAD_CONST[^\n]*'doc'[\s\S]*RETURN_VALUE/);
  });

  it('compiles lambdas and comprehensions inside the expression', () => {
    expect(compile('[k * n for k in range(3)]', '<expression>', { mode: 'eval' }).diagnostics).toEqual([]);
    expect(compile('(lambda v: v + n)(1)', '<expression>', { mode: 'eval' }).diagnostics).toEqual([]);
  });

  it('refuses a statement, two expressions and a syntax error', () => {
    for (const source of ['x = 1', 'import os', 'a\nb', 'del x']) {
      expect(compile(source, '<expression>', { mode: 'eval' }).diagnostics[0]).toMatchObject({
        code: 'V1001', severity: 'error', message: 'an expression is expected here (a name, a call, x + 1), not a statement',
      });
    }
    expect(compile('x +', '<expression>', { mode: 'eval' }).image).toBeUndefined();
  });
});

describe('executableLines', () => {
  it('lists lines with code, leaving out blank lines, comments and else:', () => {
    const source = [
      'import time',          // 1
      '',                     // 2
      '# a comment',          // 3
      'def f(a):',            // 4
      '    b = a + 1',        // 5
      '',                     // 6
      '    return b',         // 7
      'if f(1) > 1:',         // 8
      '    print("big")',     // 9
      'else:',                // 10
      '    print("small")',   // 11
      'values = [',           // 12
      '    1,',               // 13
      ']',                    // 14
      'print(values)',        // 15
    ].join('\n') + '\n';
    // 13: the item is loaded at its own line (the line table says so, and the VM stops there)
    expect(executableLines(source, 'main.py')).toEqual([1, 4, 5, 7, 8, 9, 11, 12, 13, 15]);
  });

  it('has none for a source that does not compile', () => {
    expect(executableLines('def (:\n', 'main.py')).toEqual([]);
  });
});
