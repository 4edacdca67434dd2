// The image writer: header, CRC against python's zlib.crc32, and a round trip through the reader
// and the disassembler.
import { spawnSync } from 'node:child_process';
import { readImage, writeImage, Image } from '../src/bytecode/image';
import { IMAGE_FORMAT_VERSION } from '../src/bytecode/format';
import { compile, disassemble } from '../src/index';

const sample: Image = {
  names: ['<module>', '__main__', 'main.py', 'f', 'é'],
  modules: [{ name: 1, file: 2, code: 0 }],
  codes: [
    { name: 0, qualname: 0, argcount: 0, posonlyargcount: 0, kwonlyargcount: 0, flags: 1, locals: [], stacksize: 2, firstLine: 1,
      consts: [
        { kind: 'NONE' }, { kind: 'TRUE' }, { kind: 'FALSE' }, { kind: 'ELLIPSIS' },
        { kind: 'INT', value: -(1n << 63n) }, { kind: 'BIGINT', value: -(1n << 80n) - 5n },
        { kind: 'FLOAT', value: -0.1 }, { kind: 'STR', value: 'héllo😀' }, { kind: 'BYTES', value: Uint8Array.from([0, 255]) },
        { kind: 'CODE', index: 1 }, { kind: 'TUPLE', items: [{ kind: 'INT', value: 1n }, { kind: 'STR', value: '' }] },
      ],
      code: Uint8Array.from([5, 38]), lineTable: Uint8Array.from([]) },
    { name: 3, qualname: 3, argcount: 2, posonlyargcount: 0, kwonlyargcount: 0, flags: 0, locals: [4, 3], stacksize: 1, firstLine: 3, consts: [],
      code: Uint8Array.from([10, 0, 0, 38]), lineTable: Uint8Array.from([3, 1]) },
  ],
};

describe('image writer', () => {
  const bytes = writeImage(sample);
  const view = new DataView(bytes.buffer, bytes.byteOffset);

  it('writes the header: magic, version, flags, length', () => {
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x56, 0x49, 0x50, 0x52]);
    expect(view.getUint16(4, true)).toBe(IMAGE_FORMAT_VERSION);
    expect(view.getUint16(6, true)).toBe(0);
    expect(view.getUint32(8, true)).toBe(bytes.length);
  });

  it('stores the CRC-32 of the body as python zlib.crc32 computes it', () => {
    const python = spawnSync('python3', ['-c', 'import sys,zlib; print(zlib.crc32(sys.stdin.buffer.read()[16:]))'], { input: bytes });
    expect(view.getUint32(12, true)).toBe(Number(python.stdout.toString().trim()));
  });

  it('lays out the names table first', () => {
    expect(view.getUint16(16, true)).toBe(5);
    expect(view.getUint16(18, true)).toBe(8);
    expect(new TextDecoder().decode(bytes.subarray(20, 28))).toBe('<module>');
  });

  it('round-trips through the reader', () => {
    expect(readImage(bytes)).toEqual(sample);
  });

  it('rejects a corrupted image', () => {
    const bad = bytes.slice();
    bad[bad.length - 1] ^= 1;
    expect(() => readImage(bad)).toThrow('CRC');
    expect(() => readImage(bytes.slice(0, bytes.length - 1))).toThrow('length');
    const wrongVersion = bytes.slice();
    wrongVersion[4] = 99;
    expect(() => readImage(wrongVersion)).toThrow('version');
  });

  it('refuses values that do not fit the format', () => {
    expect(() => writeImage({ ...sample, names: new Array(70000).fill('x') })).toThrow(RangeError);
  });
});

describe('disassembler', () => {
  it('lists code objects, constants, lines and jump targets of a compiled program', () => {
    const source = 'def add(a, b):\n    return a + b\n\nx = 100000\nwhile x > 0:\n    x -= add(1, 2)\nprint("done", x)\n';
    const { image } = compile(source, 'main.py');
    const text = disassemble(image!);
    expect(text).toBe([
      'image: ' + image!.length + ' bytes, 8 names, 2 code objects',
      'module __main__ (file main.py) runs code 0',
      '',
      'code 0 <module>: argcount=0 posonly=0 kwonly=0 flags=MODULE stacksize=4 first_line=1',
      '  const 0: 100000',
      "  const 1: 'done'",
      '   1     0  MAKE_FUNCTION         1        (code 1 add)',
      '         3  STORE_NAME            2        (add)',
      '   4     6  LOAD_CONST            0        (100000)',
      '         9  STORE_NAME            3        (x)',
      '   5    12  LOAD_NAME             3        (x)',
      '        15  LOAD_SMALL_INT        0',
      '        18  COMPARE_OP            4        (GT)',
      '        20  POP_JUMP_IF_FALSE     22       (to 45)',
      '   6    23  LOAD_NAME             3        (x)',
      '        26  LOAD_NAME             2        (add)',
      '        29  LOAD_SMALL_INT        1',
      '        32  LOAD_SMALL_INT        2',
      '        35  CALL                  2',
      '        37  BINARY_OP             17       (INPLACE SUB)',
      '        39  STORE_NAME            3        (x)',
      '   5    42  JUMP                  -33      (to 12)',
      '   7    45  LOAD_NAME             4        (print)',
      '        48  LOAD_CONST            1        (\'done\')',
      '        51  LOAD_NAME             3        (x)',
      '        54  CALL                  2',
      '        56  POP_TOP',
      '        57  LOAD_NONE',
      '        58  RETURN_VALUE',
      '',
      'code 1 add: argcount=2 posonly=0 kwonly=0 flags=0 stacksize=2 first_line=1',
      '  locals: 0=a 1=b',
      '   2     0  LOAD_FAST             0        (a)',
      '         3  LOAD_FAST             1        (b)',
      '         6  BINARY_OP             0        (ADD)',
      '         8  RETURN_VALUE',
      '         9  LOAD_NONE',
      '        10  RETURN_VALUE',
      '',
    ].join('\n'));
  });
});
