// Image writer and reader for the format in docs/image-format.md: a 16-byte header (magic,
// version, length, CRC-32 of the body), then names, modules and code objects.
import { crc32 } from './crc32';
import { CONST_KINDS, ConstKind, IMAGE_FORMAT_VERSION, IMAGE_HEADER_SIZE, IMAGE_MAGIC, constKind } from './format';

export type ImageConst =
  | { kind: 'NONE' | 'TRUE' | 'FALSE' | 'ELLIPSIS' }
  | { kind: 'INT' | 'BIGINT'; value: bigint }
  | { kind: 'FLOAT'; value: number }
  | { kind: 'STR'; value: string }
  | { kind: 'BYTES'; value: Uint8Array }
  | { kind: 'CODE'; index: number }
  | { kind: 'TUPLE'; items: ImageConst[] };

export interface CodeObject {
  name: number;        // index into names
  qualname: number;    // index into names: the dotted name error messages use ("Point.move")
  argcount: number;        // positional parameters, positional-only ones included
  posonlyargcount: number; // the first posonlyargcount of them are positional-only
  kwonlyargcount: number;  // keyword-only parameters, in the slots after the positional ones
  flags: number;
  locals: number[];    // name indexes of the local slots, parameters first
  stacksize: number;
  firstLine: number;
  consts: ImageConst[];
  code: Uint8Array;
  lineTable: Uint8Array;
}

export interface ImageModule { name: number; file: number; code: number }

export interface Image {
  names: string[];
  modules: ImageModule[];
  codes: CodeObject[];
}

const INT64_MIN = -(1n << 63n), INT64_MAX = (1n << 63n) - 1n;

class ByteWriter {
  private buf = new Uint8Array(256);
  length = 0;
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  u8(v: number): void { this.ensure(1); this.buf[this.length++] = v & 0xff; }
  u16(v: number): void {
    if (v < 0 || v > 0xffff || !Number.isInteger(v)) throw new RangeError(`value ${v} does not fit in 16 bits`);
    this.u8(v); this.u8(v >> 8);
  }
  u32(v: number): void { this.u16(v & 0xffff); this.u16(v >>> 16); }
  bytes(b: Uint8Array): void { this.ensure(b.length); this.buf.set(b, this.length); this.length += b.length; }
  i64(v: bigint): void { const b = new Uint8Array(8); new DataView(b.buffer).setBigInt64(0, v, true); this.bytes(b); }
  f64(v: number): void { const b = new Uint8Array(8); new DataView(b.buffer).setFloat64(0, v, true); this.bytes(b); }
  result(): Uint8Array { return this.buf.slice(0, this.length); }
}

const utf8 = new TextEncoder();

function writeConst(w: ByteWriter, c: ImageConst): void {
  w.u8(constKind(c.kind));
  switch (c.kind) {
    case 'NONE': case 'TRUE': case 'FALSE': case 'ELLIPSIS': return;
    case 'INT':
      if (c.value < INT64_MIN || c.value > INT64_MAX) throw new RangeError('INT constant out of 64-bit range');
      w.i64(c.value); return;
    case 'BIGINT': {
      let magnitude = c.value < 0n ? -c.value : c.value;
      const bytes: number[] = [];
      while (magnitude > 0n) { bytes.push(Number(magnitude & 0xffn)); magnitude >>= 8n; }
      w.u8(c.value < 0n ? 1 : 0);
      w.u16(bytes.length);
      bytes.forEach(b => w.u8(b));
      return;
    }
    case 'FLOAT': w.f64(c.value); return;
    case 'STR': { const b = utf8.encode(c.value); w.u32(b.length); w.bytes(b); return; }
    case 'BYTES': w.u32(c.value.length); w.bytes(c.value); return;
    case 'CODE': w.u16(c.index); return;
    case 'TUPLE': w.u16(c.items.length); c.items.forEach(i => writeConst(w, i)); return;
  }
}

/** Serialises an image. Throws RangeError when a count or index does not fit the format. */
export function writeImage(image: Image): Uint8Array {
  const w = new ByteWriter();
  for (let i = 0; i < IMAGE_HEADER_SIZE; i++) w.u8(0);
  w.u16(image.names.length);
  for (const name of image.names) {
    const b = utf8.encode(name);
    w.u16(b.length);
    w.bytes(b);
  }
  w.u16(image.modules.length);
  for (const m of image.modules) { w.u16(m.name); w.u16(m.file); w.u16(m.code); }
  w.u16(image.codes.length);
  for (const c of image.codes) {
    w.u16(c.name);
    w.u16(c.qualname);
    w.u8(c.argcount);
    w.u8(c.posonlyargcount);
    w.u8(c.kwonlyargcount);
    w.u8(c.flags);
    w.u16(c.locals.length);
    c.locals.forEach(l => w.u16(l));
    w.u16(c.stacksize);
    w.u16(c.firstLine);
    w.u16(c.consts.length);
    c.consts.forEach(k => writeConst(w, k));
    w.u32(c.code.length);
    w.bytes(c.code);
    w.u16(c.lineTable.length);
    w.bytes(c.lineTable);
  }
  const out = w.result();
  const view = new DataView(out.buffer);
  IMAGE_MAGIC.forEach((b, i) => { out[i] = b; });
  view.setUint16(4, IMAGE_FORMAT_VERSION, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, out.length, true);
  view.setUint32(12, crc32(out, IMAGE_HEADER_SIZE), true);
  return out;
}

class ByteReader {
  pos = 0;
  private view: DataView;
  constructor(private b: Uint8Array) { this.view = new DataView(b.buffer, b.byteOffset, b.byteLength); }
  private need(n: number): void { if (this.pos + n > this.b.length) throw new Error(`image truncated at byte ${this.pos}`); }
  u8(): number { this.need(1); return this.b[this.pos++]; }
  u16(): number { this.need(2); const v = this.view.getUint16(this.pos, true); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  i64(): bigint { this.need(8); const v = this.view.getBigInt64(this.pos, true); this.pos += 8; return v; }
  f64(): number { this.need(8); const v = this.view.getFloat64(this.pos, true); this.pos += 8; return v; }
  bytes(n: number): Uint8Array { this.need(n); const v = this.b.slice(this.pos, this.pos + n); this.pos += n; return v; }
}

const utf8Decoder = new TextDecoder();

function readConst(r: ByteReader): ImageConst {
  const tag = r.u8();
  const kind: ConstKind | undefined = CONST_KINDS[tag];
  switch (kind) {
    case 'NONE': case 'TRUE': case 'FALSE': case 'ELLIPSIS': return { kind };
    case 'INT': return { kind, value: r.i64() };
    case 'BIGINT': {
      const negative = r.u8() === 1;
      const bytes = r.bytes(r.u16());
      let v = 0n;
      for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
      return { kind, value: negative ? -v : v };
    }
    case 'FLOAT': return { kind, value: r.f64() };
    case 'STR': return { kind, value: utf8Decoder.decode(r.bytes(r.u32())) };
    case 'BYTES': return { kind, value: r.bytes(r.u32()) };
    case 'CODE': return { kind, index: r.u16() };
    case 'TUPLE': {
      const n = r.u16();
      const items: ImageConst[] = [];
      for (let i = 0; i < n; i++) items.push(readConst(r));
      return { kind, items };
    }
    default: throw new Error(`unknown constant tag ${tag}`);
  }
}

/** Parses and validates an image (magic, version, length, CRC) — the same checks the VM makes. */
export function readImage(bytes: Uint8Array): Image {
  if (bytes.length < IMAGE_HEADER_SIZE || IMAGE_MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a Viper image (bad magic)');
  const r = new ByteReader(bytes);
  r.pos = 4;
  const version = r.u16();
  if (version !== IMAGE_FORMAT_VERSION) throw new Error(`image format version ${version}, expected ${IMAGE_FORMAT_VERSION}`);
  r.u16();
  const length = r.u32();
  if (length !== bytes.length) throw new Error(`image length field ${length} but ${bytes.length} bytes`);
  const crc = r.u32();
  if (crc !== crc32(bytes, IMAGE_HEADER_SIZE)) throw new Error('image CRC mismatch');
  const names: string[] = [];
  for (let n = r.u16(), i = 0; i < n; i++) names.push(utf8Decoder.decode(r.bytes(r.u16())));
  const modules: ImageModule[] = [];
  for (let n = r.u16(), i = 0; i < n; i++) modules.push({ name: r.u16(), file: r.u16(), code: r.u16() });
  const codes: CodeObject[] = [];
  for (let n = r.u16(), i = 0; i < n; i++) {
    const name = r.u16(), qualname = r.u16(), argcount = r.u8(), posonlyargcount = r.u8(), kwonlyargcount = r.u8(), flags = r.u8();
    const locals: number[] = [];
    for (let k = r.u16(), j = 0; j < k; j++) locals.push(r.u16());
    const stacksize = r.u16(), firstLine = r.u16();
    const consts: ImageConst[] = [];
    for (let k = r.u16(), j = 0; j < k; j++) consts.push(readConst(r));
    const code = r.bytes(r.u32());
    const lineTable = r.bytes(r.u16());
    codes.push({ name, qualname, argcount, posonlyargcount, kwonlyargcount, flags, locals, stacksize, firstLine, consts, code, lineTable });
  }
  if (r.pos !== bytes.length) throw new Error(`${bytes.length - r.pos} unexpected bytes at the end of the image`);
  return { names, modules, codes };
}
