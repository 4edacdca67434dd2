// Maximum stack depth, computed from the opcode table over every path of the code.
import { readImage } from '../src/bytecode/image';
import { Assembler } from '../src/bytecode/assembler';
import { compile } from '../src/index';

const depth = (source: string, code = 0) => {
  const { image, diagnostics } = compile(source, 'main.py');
  expect(diagnostics).toEqual([]);
  return readImage(image!).codes[code].stacksize;
};

describe('stack depth', () => {
  it.each([
    ['pass\n', 1],                          // the implicit `return None`
    ['x = 1\n', 1],
    ['print(1, 2, 3)\n', 4],
    ['x = a < b < c\n', 3],                 // a, b, copy of b
    ['x = [1, [2, [3, 4]]]\n', 4],
    ['x = {1: 2, 3: (4, 5)}\n', 4], // (4, 5) is one constant
    ['for i in x:\n    print(i)\n', 3],     // iterator, print, i
    ['for i in x:\n    for j in y:\n        print(i, j)\n', 5],
    ['x[i] += 1\n', 4],                     // obj, obj, key, key; later obj, key, item, value
    ['a.b += 1\n', 3],
    ['x = a and b or c\n', 1],
    ['x = 1 if a else f(2, 3)\n', 3],
    ['a = b = c = 1\n', 2],
  ])('%j needs %i', (source, expected) => {
    expect(depth(source)).toBe(expected);
  });

  it('is computed per code object', () => {
    expect(depth('def f(a, b):\n    return g(a, b, 1)\n', 1)).toBe(4);
  });

  it('follows jump effects: FOR_ITER pops the iterator when it jumps', () => {
    const asm = new Assembler();
    const end = asm.newLabel(), top = asm.newLabel();
    asm.emit('LOAD_NONE', 0, 1);
    asm.emit('GET_ITER', 0, 1);
    asm.place(top);
    asm.emitJump('FOR_ITER', end, 1);
    asm.emit('POP_TOP', 0, 1);
    asm.emitJump('JUMP', top, 1);
    asm.place(end);
    asm.emit('LOAD_NONE', 0, 1);
    asm.emit('RETURN_VALUE', 0, 1);
    expect(asm.assemble(1).stacksize).toBe(2);
  });

  it('stays small for big displays, built a chunk at a time', () => {
    const ints = Array.from({ length: 4096 }, (_, i) => String(i * 7 % 4096)).join(', ');
    expect(depth(`SINE = [${ints}]\n`)).toBeLessThanOrEqual(34);
    expect(depth(`T = {${ints}}\n`)).toBeLessThanOrEqual(34);
    expect(depth(`T = (${ints}, x)\n`)).toBeLessThanOrEqual(34);
    const pairs = Array.from({ length: 300 }, (_, i) => `${i}: (${i}, 'n${i}')`).join(', ');
    expect(depth(`D = {${pairs}, **extra}\n`)).toBeLessThanOrEqual(34);
    expect(depth(`x = ${Array.from({ length: 3000 }, (_, i) => i).join(' + ')}\n`)).toBe(2);
  });

  it('refuses a loop that grows the stack instead of following it for ever', () => {
    const asm = new Assembler();
    const top = asm.newLabel();
    asm.place(top);
    asm.emit('LOAD_NONE', 0, 1);
    asm.emitJump('JUMP', top, 1);
    expect(() => asm.assemble(1)).toThrow(RangeError);
  });

  it('takes opcode names from the table only', () => {
    const asm = new Assembler();
    // @ts-expect-error: a misspelt opcode is a type error, not a surprise at run time
    expect(() => asm.emit('POP_TOPP', 0, 1)).toThrow('unknown opcode');
  });

  it('detects an unbalanced stack', () => {
    const asm = new Assembler();
    asm.emit('POP_TOP', 0, 1);
    expect(() => asm.assemble(1)).toThrow('underflow');
  });
});

describe('line table', () => {
  it('encodes big line steps as several pairs', () => {
    const asm = new Assembler();
    asm.emit('LOAD_NONE', 0, 1);
    asm.emit('LOAD_NONE', 0, 300);
    asm.emit('POP_TOP', 0, 2);
    asm.emit('RETURN_VALUE', 0, 2);
    const { lineTable } = asm.assemble(1);
    expect(Array.from(lineTable)).toEqual([1, 127, 0, 127, 0, 45, 1, 0x81, 0, 0x81, 0, 256 - 44]);
  });
});
