// Consistent Overhead Byte Stuffing: removes every 0x00 so it can delimit frames.

export function cobsEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + Math.ceil(data.length / 254) + 1);
  let codeAt = 0, o = 1, code = 1;
  for (const byte of data) {
    if (byte !== 0) { out[o++] = byte; code++; }
    if (byte === 0 || code === 0xff) {
      out[codeAt] = code; codeAt = o++; code = 1;
    }
  }
  out[codeAt] = code;
  return out.subarray(0, o);
}

/** Returns undefined when `data` is not valid COBS (a zero byte, or a block running past the end). */
export function cobsDecode(data: Uint8Array): Uint8Array | undefined {
  const out = new Uint8Array(data.length);
  let i = 0, o = 0;
  while (i < data.length) {
    const code = data[i++];
    if (code === 0 || i + code - 1 > data.length) return undefined;
    for (let k = 1; k < code; k++) {
      const b = data[i++];
      if (b === 0) return undefined;
      out[o++] = b;
    }
    if (code !== 0xff && i < data.length) out[o++] = 0;
  }
  return out.subarray(0, o);
}
