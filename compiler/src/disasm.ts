// Disassembler: a readable dump of an image — every code object with its constants, locals and
// instructions (address, source line, operand and what it refers to, jump targets).
import { lineForAddress } from './bytecode/assembler';
import { CODE_FLAGS } from './bytecode/format';
import { CodeObject, Image, ImageConst, readImage } from './bytecode/image';
import { BINARY_OP_INPLACE, BINARY_OPS, COMPARE_OPS, OPCODES, UNARY_OPS, operandSize } from './bytecode/opcodes';
import { pyBytesRepr, pyFloatRepr, pyStrRepr } from './pyRepr';

export function disassembleImage(bytes: Uint8Array): string {
  const image = readImage(bytes);
  const out: string[] = [`image: ${bytes.length} bytes, ${image.names.length} names, ${image.codes.length} code objects`];
  for (const m of image.modules) {
    out.push(`module ${image.names[m.name]} (file ${image.names[m.file]}) runs code ${m.code}`);
  }
  image.codes.forEach((code, i) => out.push('', ...disassembleCode(image, code, i)));
  return out.join('\n') + '\n';
}

function flagNames(flags: number): string {
  const names = Object.entries(CODE_FLAGS).filter(([, bit]) => flags & bit).map(([n]) => n);
  return names.length ? names.join('|') : '0';
}

export function constText(c: ImageConst): string {
  switch (c.kind) {
    case 'NONE': return 'None';
    case 'TRUE': return 'True';
    case 'FALSE': return 'False';
    case 'ELLIPSIS': return 'Ellipsis';
    case 'INT': case 'BIGINT': return c.value.toString();
    case 'FLOAT': return pyFloatRepr(c.value);
    case 'STR': return pyStrRepr(c.value);
    case 'BYTES': return pyBytesRepr(c.value);
    case 'CODE': return `<code ${c.index}>`;
    case 'TUPLE': return `(${c.items.map(constText).join(', ')}${c.items.length === 1 ? ',' : ''})`;
  }
}

function disassembleCode(image: Image, code: CodeObject, index: number): string[] {
  const name = (i: number) => image.names[i] ?? `?${i}`;
  const out = [
    `code ${index} ${name(code.name)}: argcount=${code.argcount} posonly=${code.posonlyargcount} kwonly=${code.kwonlyargcount} flags=${flagNames(code.flags)} ` +
    `stacksize=${code.stacksize} first_line=${code.firstLine}`,
  ];
  if (code.locals.length) out.push(`  locals: ${code.locals.map((l, i) => `${i}=${name(l)}`).join(' ')}`);
  code.consts.forEach((c, i) => out.push(`  const ${i}: ${constText(c)}`));
  const bytes = code.code;
  let pc = 0, lastLine = -1;
  while (pc < bytes.length) {
    const info = OPCODES[bytes[pc]];
    if (!info) { out.push(`  ${String(pc).padStart(5)}  ?? byte ${bytes[pc]}`); pc++; continue; }
    const size = operandSize(info.format);
    let arg = 0;
    if (size === 1) arg = bytes[pc + 1];
    else if (size === 2) {
      arg = bytes[pc + 1] | (bytes[pc + 2] << 8);
      if (info.format === 'i16' || info.format === 'j16') arg = (arg << 16) >> 16;
    }
    const next = pc + 1 + size;
    const line = lineForAddress(code.lineTable, code.firstLine, pc);
    const lineText = line !== lastLine ? String(line).padStart(4) : '    ';
    lastLine = line;
    let text = info.name.padEnd(22) + (size ? String(arg) : '');
    const note = operandNote(info.name, info.format, arg, next, image, code);
    if (note) text = `${text.padEnd(30)} (${note})`;
    out.push(`${lineText} ${String(pc).padStart(5)}  ${text}`.trimEnd());
    pc = next;
  }
  return out;
}

function operandNote(op: string, format: string, arg: number, next: number, image: Image, code: CodeObject): string {
  if (format === 'j16') return `to ${next + arg}`;
  switch (op) {
    case 'LOAD_CONST': return code.consts[arg] ? constText(code.consts[arg]) : 'bad constant';
    case 'LOAD_FAST': case 'STORE_FAST': case 'DELETE_FAST': return image.names[code.locals[arg]] ?? 'bad slot';
    case 'LOAD_GLOBAL': case 'STORE_GLOBAL': case 'DELETE_GLOBAL': case 'LOAD_NAME': case 'STORE_NAME':
    case 'DELETE_NAME': case 'LOAD_ATTR': case 'STORE_ATTR':
      return image.names[arg] ?? 'bad name';
    case 'BINARY_OP': return (arg & BINARY_OP_INPLACE ? 'INPLACE ' : '') + (BINARY_OPS[arg & ~BINARY_OP_INPLACE] ?? '?');
    case 'UNARY_OP': return UNARY_OPS[arg] ?? '?';
    case 'COMPARE_OP': return COMPARE_OPS[arg] ?? '?';
    case 'MAKE_FUNCTION': return image.codes[arg] ? `code ${arg} ${image.names[image.codes[arg].name]}` : 'bad code';
    default: return '';
  }
}
