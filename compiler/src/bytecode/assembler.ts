// Assembler: a list of instructions with symbolic jump labels → bytecode, with jump offsets
// patched, the maximum stack depth computed from the opcode table, and the line table encoded
// as docs/image-format.md describes.
import { OPCODES, OpName, opcode, operandSize, stackEffect } from './opcodes';

export interface Label { index: number }

interface Instruction {
  op: number;
  arg: number;
  line: number;
  target?: Label;
}

export interface AssembledCode {
  code: Uint8Array;
  lineTable: Uint8Array;
  stacksize: number;
}

export class Assembler {
  private instructions: Instruction[] = [];

  emit(name: OpName, arg: number, line: number): void {
    this.instructions.push({ op: opcode(name), arg, line });
  }

  emitJump(name: OpName, target: Label, line: number): void {
    if (OPCODES[opcode(name)].format !== 'j16') throw new Error(`${name} is not a jump`);
    this.instructions.push({ op: opcode(name), arg: 0, line, target });
  }

  newLabel(): Label { return { index: -1 }; }

  place(label: Label): void { label.index = this.instructions.length; }

  /** Throws RangeError when a jump or the stack depth does not fit the format. */
  assemble(firstLine: number): AssembledCode {
    const addresses: number[] = [];
    let address = 0;
    for (const ins of this.instructions) {
      addresses.push(address);
      address += 1 + operandSize(OPCODES[ins.op].format);
    }
    addresses.push(address);
    const code = new Uint8Array(address);
    this.instructions.forEach((ins, i) => {
      const info = OPCODES[ins.op];
      let arg = ins.arg;
      if (ins.target) {
        if (ins.target.index < 0) throw new Error('jump to a label that was never placed');
        arg = addresses[ins.target.index] - addresses[i + 1];
        if (arg < -0x8000 || arg > 0x7fff) throw new RangeError('a jump is too far for a 16-bit offset; split the function');
      }
      const at = addresses[i];
      code[at] = ins.op;
      const size = operandSize(info.format);
      if (size === 1) {
        if (arg < 0 || arg > 0xff) throw new RangeError(`${info.name} operand ${arg} does not fit in 8 bits`);
        code[at + 1] = arg;
      } else if (size === 2) {
        const lo = info.format === 'i16' || info.format === 'j16' ? -0x8000 : 0;
        const hi = info.format === 'i16' || info.format === 'j16' ? 0x7fff : 0xffff;
        if (arg < lo || arg > hi) throw new RangeError(`${info.name} operand ${arg} does not fit in 16 bits`);
        code[at + 1] = arg & 0xff;
        code[at + 2] = (arg >> 8) & 0xff;
      }
    });
    return { code, lineTable: this.lineTable(addresses, firstLine), stacksize: this.maxStackDepth() };
  }

  /** Longest operand stack over every path, following jumps with their own stack effect. */
  private maxStackDepth(): number {
    const n = this.instructions.length;
    const depthAt = new Array<number>(n + 1).fill(-1);
    const work: number[] = [];
    const reach = (i: number, depth: number) => {
      if (depth < 0) throw new Error(`stack underflow at instruction ${i}`);
      // A loop that grows the stack would otherwise be followed for ever.
      if (depth > 0xffff) throw new RangeError('expression too deeply nested (stack deeper than 65535)');
      if (i <= n && depthAt[i] < depth) { depthAt[i] = depth; work.push(i); }
    };
    let max = 0;
    reach(0, 0);
    while (work.length) {
      const i = work.pop()!;
      if (i === n) continue;
      const ins = this.instructions[i];
      const info = OPCODES[ins.op];
      const depth = depthAt[i];
      const effect = stackEffect(info, ins.arg);
      max = Math.max(max, depth, depth + effect);
      if (ins.target) reach(ins.target.index, depth + info.jumpEffect!);
      if (!info.terminates) reach(i + 1, depth + effect);
    }
    if (max > 0xffff) throw new RangeError('expression too deeply nested (stack deeper than 65535)');
    return max;
  }

  private lineTable(addresses: number[], firstLine: number): Uint8Array {
    const out: number[] = [];
    let lastAddress = 0, line = firstLine;
    this.instructions.forEach((ins, i) => {
      if (ins.line === line) return;
      let addressDelta = addresses[i] - lastAddress;
      let lineDelta = ins.line - line;
      while (addressDelta > 255) { out.push(255, 0); addressDelta -= 255; }
      let step = Math.max(-127, Math.min(127, lineDelta));
      out.push(addressDelta, step & 0xff);
      lineDelta -= step;
      while (lineDelta !== 0) {
        step = Math.max(-127, Math.min(127, lineDelta));
        out.push(0, step & 0xff);
        lineDelta -= step;
      }
      lastAddress = addresses[i];
      line = ins.line;
    });
    if (out.length > 0xffff) throw new RangeError('line table too long');
    return Uint8Array.from(out);
  }
}

/** The line of the instruction at `pc`, walking a line table as the VM does. */
export function lineForAddress(lineTable: Uint8Array, firstLine: number, pc: number): number {
  let address = 0, line = firstLine;
  for (let i = 0; i + 1 < lineTable.length; i += 2) {
    address += lineTable[i];
    if (address > pc) break;
    line += (lineTable[i + 1] << 24) >> 24;
  }
  return line;
}
