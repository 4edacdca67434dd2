// The one opcode table. The compiler emits from it; scripts/gen-contracts.mjs turns it into
// vm-firmware/core/gen/opcodes.h for the VM; tests/contracts.test.ts fails when the two drift.
//
// Encoding: one opcode byte, then the operand in little-endian order:
//   none: no operand        u8: 1 byte unsigned       u16: 2 bytes unsigned
//   i16: 2 bytes signed     j16: 2 bytes signed jump offset, relative to the next instruction
// Stack effect of an instruction with operand `arg`: pushes + pushesPerArg * n - (pops + popsPerArg * arg),
// where n is arg, except for UNPACK_EX where n = (arg & 0xff) + (arg >> 8) (see `stackEffect`).
// Every jump (j16) gives `jumpEffect`, its stack effect when the jump is taken; `terminates`
// marks the instructions after which execution never falls through (return, raise, jump).
// The assembler's stack-depth walk and the VM's verifier both read these two columns.

export type OperandFormat = 'none' | 'u8' | 'u16' | 'i16' | 'j16';

export interface OpcodeInfo<N extends string = string> {
  name: N;
  format: OperandFormat;
  pops: number;
  popsPerArg: number;
  pushes: number;
  /** Pushes that grow with the operand: UNPACK_SEQUENCE pushes arg; UNPACK_EX counts both bytes. */
  pushesPerArg: number;
  /** j16 only: the stack effect when the jump is taken. */
  jumpEffect?: number;
  terminates: boolean;
  doc: string;
}

interface Extra { popsPerArg?: number; pushesPerArg?: number; terminates?: boolean }

function op<N extends string>(name: N, format: Exclude<OperandFormat, 'j16'>, pops: number, pushes: number, doc: string,
                              extra: Extra = {}): OpcodeInfo<N> {
  return { name, format, pops, pushes, popsPerArg: extra.popsPerArg ?? 0, pushesPerArg: extra.pushesPerArg ?? 0,
    terminates: extra.terminates ?? false, doc };
}

/** A jump: its stack effect when taken must be given, as it often differs from falling through. */
function jump<N extends string>(name: N, pops: number, pushes: number, jumpEffect: number, doc: string,
                                extra: Extra = {}): OpcodeInfo<N> {
  return { ...op(name, 'none', pops, pushes, doc, extra), format: 'j16', jumpEffect };
}

export const OPCODES = [
  op('NOP', 'none', 0, 0, 'do nothing'),
  op('POP_TOP', 'none', 1, 0, 'discard TOS'),
  op('DUP_TOP', 'none', 1, 2, 'push a second reference to TOS'),
  op('ROT_TWO', 'none', 2, 2, 'swap TOS and TOS1'),
  op('ROT_THREE', 'none', 3, 3, 'move TOS below TOS1 and TOS2'),
  op('LOAD_NONE', 'none', 0, 1, 'push None'),
  op('LOAD_TRUE', 'none', 0, 1, 'push True'),
  op('LOAD_FALSE', 'none', 0, 1, 'push False'),
  op('LOAD_SMALL_INT', 'i16', 0, 1, 'push the int arg'),
  op('LOAD_CONST', 'u16', 0, 1, 'push constants[arg] of this code object'),
  op('LOAD_FAST', 'u16', 0, 1, 'push local slot arg; UnboundLocalError if unset'),
  op('STORE_FAST', 'u16', 1, 0, 'pop into local slot arg'),
  op('DELETE_FAST', 'u16', 0, 0, 'unset local slot arg; UnboundLocalError if unset'),
  op('LOAD_GLOBAL', 'u16', 0, 1, 'push module global names[arg], else the builtin; NameError if neither'),
  op('STORE_GLOBAL', 'u16', 1, 0, 'pop into module global names[arg]'),
  op('DELETE_GLOBAL', 'u16', 0, 0, 'delete module global names[arg]; NameError if unset'),
  op('LOAD_NAME', 'u16', 0, 1, 'module/class body: push names[arg] from locals, globals, then builtins'),
  op('STORE_NAME', 'u16', 1, 0, 'module/class body: pop into locals names[arg]'),
  op('DELETE_NAME', 'u16', 0, 0, 'module/class body: delete names[arg] from locals'),
  op('LOAD_ATTR', 'u16', 1, 1, 'replace TOS with TOS.names[arg]'),
  op('STORE_ATTR', 'u16', 2, 0, 'TOS.names[arg] = TOS1; pop both'),
  op('BINARY_OP', 'u8', 2, 1, 'TOS = TOS1 <op> TOS; arg is a BinaryOp, | INPLACE for augmented assignment'),
  op('UNARY_OP', 'u8', 1, 1, 'TOS = <op> TOS; arg is a UnaryOp'),
  op('COMPARE_OP', 'u8', 2, 1, 'TOS = TOS1 <cmp> TOS; arg is a CompareOp'),
  op('BINARY_SUBSCR', 'none', 2, 1, 'TOS = TOS1[TOS]'),
  op('STORE_SUBSCR', 'none', 3, 0, 'TOS1[TOS] = TOS2; pop all three'),
  op('BUILD_TUPLE', 'u16', 0, 1, 'pop arg items (first pushed is first) into a new tuple', { popsPerArg: 1 }),
  op('BUILD_LIST', 'u16', 0, 1, 'pop arg items into a new list', { popsPerArg: 1 }),
  op('BUILD_DICT', 'u16', 0, 1, 'pop arg key/value pairs (key pushed first) into a new dict', { popsPerArg: 2 }),
  op('GET_ITER', 'none', 1, 1, 'TOS = iter(TOS)'),
  jump('FOR_ITER', 1, 2, -1, 'push next(TOS); when exhausted pop the iterator and jump'),
  jump('JUMP', 0, 0, 0, 'jump by arg', { terminates: true }),
  jump('POP_JUMP_IF_FALSE', 1, 0, -1, 'pop TOS; jump if it is falsy'),
  jump('POP_JUMP_IF_TRUE', 1, 0, -1, 'pop TOS; jump if it is truthy'),
  jump('JUMP_IF_FALSE_OR_POP', 1, 0, 0, 'if TOS is falsy jump and keep it, else pop it'),
  jump('JUMP_IF_TRUE_OR_POP', 1, 0, 0, 'if TOS is truthy jump and keep it, else pop it'),
  op('CALL', 'u8', 1, 1, 'call TOS[arg] (below its arg positional arguments) and push the result', { popsPerArg: 1 }),
  op('MAKE_FUNCTION', 'u16', 0, 1, 'push a function made from code object arg of the image and the current globals'),
  op('RETURN_VALUE', 'none', 1, 0, 'return TOS to the caller', { terminates: true }),
  op('CALL_KW', 'u8', 2, 1, 'call TOS[arg+1] with arg arguments below TOS, the last len(TOS) of them keywords named by the str tuple TOS', { popsPerArg: 1 }),
  op('CALL_EX', 'u8', 2, 1, 'call TOS[1+arg] with *TOS[arg] (a list or tuple) and, when arg is 1, **TOS (a dict)', { popsPerArg: 1 }),
  op('LIST_APPEND', 'none', 2, 1, 'TOS1.append(TOS); pop TOS'),
  op('LIST_EXTEND', 'none', 2, 1, 'TOS1.extend(TOS); pop TOS'),
  op('DICT_MERGE', 'u8', 2, 1, 'add the items of mapping TOS to dict TOS1 and pop TOS; arg 1: call arguments (a repeated key is a TypeError naming the callee TOS3)'),
  op('DELETE_SUBSCR', 'none', 2, 0, 'del TOS1[TOS]'),
  op('DELETE_ATTR', 'u16', 1, 0, 'del TOS.names[arg]'),
  op('SET_FUNCTION_ATTR', 'u8', 2, 1, 'function TOS gets TOS1 as its arg (FUNC_ATTR_*); pop TOS1'),
  op('UNPACK_SEQUENCE', 'u16', 1, 0, 'replace iterable TOS by its arg items, the first on top', { pushesPerArg: 1 }),
  op('UNPACK_EX', 'u16', 1, 1, 'starred unpack: arg = before | after << 8; pushes before + 1 (a list) + after items, the first on top', { pushesPerArg: 1 }),
  op('BUILD_SLICE', 'u8', 0, 1, 'pop arg (2 or 3) values start, stop[, step] into a slice', { popsPerArg: 1 }),
  op('MAKE_CELL', 'u16', 0, 0, 'replace local slot arg by a new cell holding its value'),
  op('LOAD_DEREF', 'u16', 0, 1, 'push the value of the cell in local slot arg; NameError/UnboundLocalError if empty'),
  op('STORE_DEREF', 'u16', 1, 0, 'pop into the cell in local slot arg'),
  op('DELETE_DEREF', 'u16', 0, 0, 'empty the cell in local slot arg'),
  op('LOAD_CLOSURE', 'u16', 0, 1, 'push the cell object in local slot arg itself'),
  jump('SETUP_FINALLY', 0, 0, 2, 'push a handler block at arg; an exception then jumps there with the previously handled exception and itself pushed'),
  op('POP_BLOCK', 'none', 0, 0, 'pop the innermost handler block'),
  op('POP_EXCEPT', 'none', 1, 0, 'end of an except body: pop the previously handled exception and make it current again'),
  jump('JUMP_IF_NOT_EXC_MATCH', 2, 0, -2, 'pop TOS (a class or tuple of classes) and TOS1; jump unless the exception TOS1 is an instance'),
  op('RAISE', 'u8', 0, 0, 'arg 0: re-raise the exception being handled; 1: raise TOS; 2: raise TOS1 from TOS', { popsPerArg: 1, terminates: true }),
  op('RERAISE', 'none', 2, 0, 'end of a handler that did not match (or of a finally): restore the previous exception TOS1, raise TOS again', { terminates: true }),
  op('BUILD_CLASS', 'u8', 2, 1, 'class from the body function TOS[arg+1], the name TOS[arg] and arg bases above them; a cell the body returns gets the class', { popsPerArg: 1 }),
  op('GEN_START', 'none', 0, 0, 'generator function start (after its prologue): return a generator holding this frame'),
  op('YIELD_VALUE', 'none', 1, 1, 'suspend the generator, giving TOS to its caller; on resume TOS is the value sent in'),
  op('YIELD_FROM', 'none', 2, 1, 'send TOS to the iterator TOS1; while it yields, yield that and run this again; when done replace both by its return value'),
  op('LIST_APPEND_AT', 'u16', 1, 0, 'pop TOS and append it to the list arg entries down the stack (comprehensions)'),
  op('SET_ADD_AT', 'u16', 1, 0, 'pop TOS and add it to the set arg entries down the stack'),
  op('MAP_ADD_AT', 'u16', 2, 0, 'pop value TOS and key TOS1 into the dict arg entries down the stack'),
  op('BUILD_SET', 'u16', 0, 1, 'pop arg items into a new set', { popsPerArg: 1 }),
  op('WITH_EXCEPT', 'none', 0, 1, 'in a with handler: TOS is the exception, TOS2 the __exit__ method; push __exit__(type, exc, None)'),
  op('IMPORT_NAME', 'u16', 0, 1, 'push module names[arg]: already imported, else run from this image, else built in; ModuleNotFoundError if none'),
  op('IMPORT_FROM', 'u16', 1, 2, 'push attribute names[arg] of the module TOS (kept); ImportError if missing'),
  op('LOAD_METHOD', 'u16', 1, 2, 'obj.names[arg] for a call: push the plain function and obj when it is a method of obj\'s class (no bound method made), else the attribute and UNBOUND'),
  op('CALL_METHOD', 'u8', 2, 1, 'call after LOAD_METHOD with arg arguments above the two values it pushed', { popsPerArg: 1 }),
  op('COPY_FREE_VARS', 'u16', 0, 0, 'copy the arg cells of the running function closure into its last arg local slots'),
  op('FORMAT_VALUE', 'u8', 2, 1, 'TOS = format(conv(TOS1), TOS): an f-string field; arg 0 no conversion, 1 str, 2 repr, 3 ascii'),
  op('LIST_TO_TUPLE', 'none', 1, 1, 'replace the list TOS by a tuple of its items (big and starred tuple displays)'),
  op('IMPORT_STAR', 'none', 1, 0, 'from module TOS import *: its names not starting with _ (or those in its __all__) into the namespace; pop TOS'),
  op('SET_UPDATE', 'none', 2, 1, 'add the items of iterable TOS to set TOS1 and pop TOS (big and starred set displays)'),
  op('GET_AWAITABLE', 'u8', 1, 1, 'coroutines: arg 0: TOS = the iterator `await TOS` runs (TOS itself when a coroutine, else TOS.__await__()); 1: TOS = TOS.__aiter__() (async for); 2: TOS = the iterator awaiting TOS.__anext__(); 3: TypeError unless TOS has __aenter__ and __aexit__ (async with)'),
] as const;

/** Operand of SET_FUNCTION_ATTR. */
export const FUNC_ATTRS = { DEFAULTS: 1, KWDEFAULTS: 2, CLOSURE: 3 } as const;

/** Operand of BINARY_OP. Values below 16; INPLACE is or-ed in for `x op= y`. */
export const BINARY_OPS = ['ADD', 'SUB', 'MUL', 'TRUEDIV', 'FLOORDIV', 'MOD', 'POW', 'LSHIFT', 'RSHIFT',
  'AND', 'OR', 'XOR', 'MATMUL'] as const;
export const BINARY_OP_INPLACE = 0x10;
/** Operand of UNARY_OP. */
export const UNARY_OPS = ['NEG', 'POS', 'NOT', 'INVERT'] as const;
/** Operand of COMPARE_OP. */
export const COMPARE_OPS = ['LT', 'LE', 'EQ', 'NE', 'GT', 'GE', 'IN', 'NOT_IN', 'IS', 'IS_NOT'] as const;

export type OpName = typeof OPCODES[number]['name'];
export const OPCODE_BY_NAME: ReadonlyMap<string, number> = new Map(OPCODES.map((o, i) => [o.name, i]));

export function opcode(name: OpName): number {
  const code = OPCODE_BY_NAME.get(name);
  if (code === undefined) throw new Error(`unknown opcode ${name}`);
  return code;
}

export function operandSize(format: OperandFormat): number {
  return format === 'none' ? 0 : format === 'u8' ? 1 : 2;
}

/** Net stack effect of one instruction when it falls through. */
export function stackEffect(info: OpcodeInfo, arg: number): number {
  const n = info.name === 'UNPACK_EX' ? (arg & 0xff) + (arg >> 8) : arg;
  return info.pushes + info.pushesPerArg * n - info.pops - info.popsPerArg * arg;
}

export function binaryOp(name: typeof BINARY_OPS[number]): number { return BINARY_OPS.indexOf(name); }
export function unaryOp(name: typeof UNARY_OPS[number]): number { return UNARY_OPS.indexOf(name); }
export function compareOp(name: typeof COMPARE_OPS[number]): number { return COMPARE_OPS.indexOf(name); }
