// Reads the little-endian fields of a frame payload; throws on a payload that is too short.
export class PayloadReader {
  private offset = 0;
  private readonly view: DataView;
  private static readonly utf8 = new TextDecoder('utf-8');

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private take(n: number): number {
    if (this.offset + n > this.bytes.length) throw new Error('frame payload is too short');
    const at = this.offset;
    this.offset += n;
    return at;
  }

  u8(): number { return this.view.getUint8(this.take(1)); }
  u16(): number { return this.view.getUint16(this.take(2), true); }
  u32(): number { return this.view.getUint32(this.take(4), true); }
  str8(): string { return this.text(this.u8()); }
  str16(): string { return this.text(this.u16()); }
  rest(): string { return this.text(this.bytes.length - this.offset); }
  remaining(): number { return this.bytes.length - this.offset; }

  private text(n: number): string {
    const at = this.take(n);
    return PayloadReader.utf8.decode(this.bytes.subarray(at, at + n));
  }
}
