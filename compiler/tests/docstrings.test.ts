// Docstrings: a function's is consts[0] with the DOC flag, a class's and a module's are stored as
// __doc__; compile(..., { docstrings: false }) leaves them all out of the image.
import { compile, disassemble } from '../src/index';
import { CODE_FLAGS } from '../src/bytecode/format';
import { readImage } from '../src/bytecode/image';

const source = [
  '"""Module help."""',
  'def f(x):',
  '    """Function help."""',
  '    return x',
  'def g():',
  '    "not" + "a docstring"',
  'class C:',
  '    """Class help."""',
  '',
].join('\n');

const contains = (image: Uint8Array, text: string): boolean =>
  Buffer.from(image).includes(Buffer.from(text, 'utf8'));

describe('docstrings', () => {
  test('kept by default: consts[0] and the DOC flag for functions, __doc__ for classes and modules', () => {
    const { image, diagnostics } = compile(source, 'main.py');
    expect(diagnostics).toEqual([]);
    const parsed = readImage(image!);
    const byName = (n: string) => parsed.codes.find(c => parsed.names[c.name] === n)!;
    const f = byName('f'), g = byName('g');
    expect(f.flags & CODE_FLAGS.DOC).toBe(CODE_FLAGS.DOC);
    expect(f.consts[0]).toEqual({ kind: 'STR', value: 'Function help.' });
    expect(g.flags & CODE_FLAGS.DOC).toBe(0);
    for (const text of ['Module help.', 'Function help.', 'Class help.']) expect(contains(image!, text)).toBe(true);
    expect(disassemble(image!)).toContain('__doc__');
  });

  test('stripped with docstrings: false', () => {
    const kept = compile(source, 'main.py').image!;
    const { image } = compile(source, 'main.py', { docstrings: false });
    for (const text of ['Module help.', 'Function help.', 'Class help.']) expect(contains(image!, text)).toBe(false);
    expect(readImage(image!).codes.every(c => (c.flags & CODE_FLAGS.DOC) === 0)).toBe(true);
    expect(image!.length).toBeLessThan(kept.length);
  });
});
