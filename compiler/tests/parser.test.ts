import { dumpAst } from '../src/astDump';
import { parseSource } from './helpers';

const dump = (source: string) => {
  const { module, errors } = parseSource(source);
  expect(errors).toEqual([]);
  return dumpAst(module);
};

describe('parser', () => {
  it('gives operators their Python precedence', () => {
    expect(dump('1 + 2 * 3 ** -4')).toBe(
      'Module(body=[Expr(value=BinOp(left=Constant(value=1), op=Add(), right=BinOp(left=Constant(value=2), op=Mult(), ' +
      'right=BinOp(left=Constant(value=3), op=Pow(), right=UnaryOp(op=USub(), operand=Constant(value=4))))))], type_ignores=[])');
  });

  it('keeps chained comparisons in one Compare node', () => {
    expect(dump('a < b <= c')).toContain("Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE()]");
  });

  it('parses `not in` and `is not`', () => {
    expect(dump('a not in b is not c')).toContain('ops=[NotIn(), IsNot()]');
  });

  it('nests elif as If inside orelse', () => {
    expect(dump('if a:\n  pass\nelif b:\n  pass\nelse:\n  x = 1\n')).toContain('orelse=[If(test=Name(id=\'b\'');
  });

  it('marks assignment targets Store and del targets Del', () => {
    expect(dump('a.b = c[d] = e')).toContain("targets=[Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Store()), Subscript(");
    expect(dump('del x')).toContain("Delete(targets=[Name(id='x', ctx=Del())])");
  });

  it('tells a dict from a set', () => {
    expect(dump('{1: 2}')).toContain('Dict(');
    expect(dump('{1, 2}')).toContain('Set(');
    expect(dump('{}')).toContain('Dict(keys=[], values=[])');
  });

  it('accepts simple statements after a colon', () => {
    expect(dump('while x: x -= 1; y = 2\n')).toContain('body=[AugAssign(');
  });

  it('recovers at the next line and reports every error', () => {
    const { errors } = parseSource('x = = 1\ny = 2\nif z\n    pass\nw = (\n');
    expect(errors).toEqual(['1:5 invalid syntax', "3:5 expected ':'", "5:5 '(' was never closed"]);
  });
});
