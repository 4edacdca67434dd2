// A tiny interpreter for the compiler's bytecode, only for tests: it runs compiled programs on
// the subset of Python the conformance programs use, so codegen can be checked against CPython
// without the real VM. Not a reference for the VM: it checks the compiler, nothing more.
import { CodeObject, Image, ImageConst, readImage } from '../src/bytecode/image';
import { BINARY_OP_INPLACE, BINARY_OPS, COMPARE_OPS, OPCODES, UNARY_OPS } from '../src/bytecode/opcodes';
import { pyFloatRepr, pyStrRepr } from '../src/pyRepr';

type Value = bigint | number | string | boolean | null | PyList | PyTuple | PyDict | PyFunction | Builtin | PyIter;
interface PyList { t: 'list'; items: Value[] }
interface PyTuple { t: 'tuple'; items: Value[] }
interface PyDict { t: 'dict'; map: Map<string, [Value, Value]> }
interface PyFunction { t: 'function'; code: number }
interface Builtin { t: 'builtin'; name: string; fn: (args: Value[]) => Value }
interface PyIter { t: 'iter'; next: () => Value | undefined }

class PyError extends Error {}

const isObj = (v: Value): v is Exclude<Value, bigint | number | string | boolean | null> => typeof v === 'object' && v !== null;
const num = (v: Value): bigint | number => typeof v === 'boolean' ? BigInt(v) : v as bigint | number;

function repr(v: Value): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return pyFloatRepr(v);
  if (typeof v === 'string') return pyStrRepr(v);
  switch (v.t) {
    case 'list': return `[${v.items.map(repr).join(', ')}]`;
    case 'tuple': return v.items.length === 1 ? `(${repr(v.items[0])},)` : `(${v.items.map(repr).join(', ')})`;
    case 'dict': return `{${[...v.map.values()].map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
    default: return `<${v.t}>`;
  }
}
const str = (v: Value) => typeof v === 'string' ? v : repr(v);
const key = (v: Value) => typeof v === 'boolean' ? String(BigInt(v)) : typeof v === 'number' && Number.isInteger(v) ? String(v) : repr(v);

function truthy(v: Value): boolean {
  if (v === null || v === false) return false;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (isObj(v) && (v.t === 'list' || v.t === 'tuple')) return v.items.length > 0;
  if (isObj(v) && v.t === 'dict') return v.map.size > 0;
  return true;
}

function arith(op: string, a: Value, b: Value): Value {
  if (typeof a === 'string' && typeof b === 'string' && op === 'ADD') return a + b;
  if (isObj(a) && a.t === 'list' && isObj(b) && b.t === 'list' && op === 'ADD') return { t: 'list', items: [...a.items, ...b.items] };
  if (op === 'MUL' && (typeof a === 'string' || isObj(a) && a.t === 'list') && typeof num(b) === 'bigint') {
    const n = Math.max(0, Number(num(b)));
    return typeof a === 'string' ? a.repeat(n) : { t: 'list', items: Array.from({ length: n }, () => (a as PyList).items).flat() };
  }
  const x = num(a), y = num(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case 'ADD': return x + y;
      case 'SUB': return x - y;
      case 'MUL': return x * y;
      case 'TRUEDIV': if (y === 0n) throw new PyError('ZeroDivisionError: division by zero'); return Number(x) / Number(y);
      case 'FLOORDIV': { if (y === 0n) throw new PyError('ZeroDivisionError: integer division or modulo by zero'); const q = x / y; return (x % y !== 0n && (x < 0n) !== (y < 0n)) ? q - 1n : q; }
      case 'MOD': { const r = x % y; return r !== 0n && (r < 0n) !== (y < 0n) ? r + y : r; }
      case 'POW': return y >= 0n ? x ** y : Number(x) ** Number(y);
      case 'LSHIFT': return x << y;
      case 'RSHIFT': return x >> y;
      case 'AND': return x & y;
      case 'OR': return x | y;
      case 'XOR': return x ^ y;
    }
  }
  const f = Number(x), g = Number(y);
  switch (op) {
    case 'ADD': return f + g;
    case 'SUB': return f - g;
    case 'MUL': return f * g;
    case 'TRUEDIV': return f / g;
    case 'FLOORDIV': return Math.floor(f / g);
    case 'MOD': { const r = f % g; return r !== 0 && (r < 0) !== (g < 0) ? r + g : r; }
    case 'POW': return f ** g;
  }
  throw new PyError(`TypeError: unsupported operand for ${op}`);
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case 'EQ': return equal(a, b);
    case 'NE': return !equal(a, b);
    case 'IS': return a === b || (isObj(a) && a === b);
    case 'IS_NOT': return !(a === b);
    case 'IN': return contains(b, a);
    case 'NOT_IN': return !contains(b, a);
  }
  const c = order(a, b);
  return op === 'LT' ? c < 0 : op === 'LE' ? c <= 0 : op === 'GT' ? c > 0 : c >= 0;
}
function equal(a: Value, b: Value): boolean {
  if (isObj(a) && isObj(b) && 'items' in a && 'items' in b) return a.t === b.t && a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i]));
  if ((typeof a === 'string') !== (typeof b === 'string')) return false;
  if (typeof a === 'string') return a === b;
  if (a === null || b === null) return a === b;
  if (isObj(a) || isObj(b)) return a === b;
  return Number(num(a)) === Number(num(b)) && (typeof num(a) !== 'bigint' || typeof num(b) !== 'bigint' || num(a) === num(b));
}
function order(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isObj(a) && isObj(b) && 'items' in a && 'items' in b) {
    for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) if (!equal(a.items[i], b.items[i])) return order(a.items[i], b.items[i]);
    return a.items.length - b.items.length;
  }
  const x = num(a), y = num(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
function contains(container: Value, v: Value): boolean {
  if (typeof container === 'string') return container.includes(v as string);
  if (isObj(container) && container.t === 'dict') return container.map.has(key(v));
  if (isObj(container) && 'items' in container) return container.items.some(x => equal(x, v));
  throw new PyError('TypeError: not a container');
}
function iterate(v: Value): PyIter {
  const items = typeof v === 'string' ? [...v] : isObj(v) && 'items' in v ? v.items : isObj(v) && v.t === 'dict' ? [...v.map.values()].map(e => e[0]) : null;
  if (isObj(v) && v.t === 'iter') return v;
  if (!items) throw new PyError('TypeError: not iterable');
  let i = 0;
  return { t: 'iter', next: () => i < items.length ? items[i++] : undefined };
}

export function run(imageBytes: Uint8Array): { stdout: string; error?: string } {
  const image = readImage(imageBytes);
  let stdout = '';
  const globals = new Map<string, Value>();
  const builtins: Record<string, (a: Value[]) => Value> = {
    print: a => { stdout += a.map(str).join(' ') + '\n'; return null; },
    len: a => { const v = a[0]; return BigInt(typeof v === 'string' ? [...v].length : isObj(v) && 'items' in v ? v.items.length : (v as PyDict).map.size); },
    range: a => {
      const [start, stop, step] = a.length === 1 ? [0n, a[0] as bigint, 1n] : [a[0] as bigint, a[1] as bigint, (a[2] ?? 1n) as bigint];
      let i = start;
      return { t: 'iter', next: () => (step > 0n ? i < stop : i > stop) ? (i += step, i - step) : undefined };
    },
    str: a => str(a[0]), repr: a => repr(a[0]),
  };
  const lookup = (name: string): Value => {
    if (globals.has(name)) return globals.get(name)!;
    if (name in builtins) return { t: 'builtin', name, fn: builtins[name] };
    throw new PyError(`NameError: name '${name}' is not defined`);
  };
  const constant = (c: ImageConst): Value => {
    switch (c.kind) {
      case 'NONE': return null;
      case 'TRUE': return true;
      case 'FALSE': return false;
      case 'INT': case 'BIGINT': return c.value;
      case 'FLOAT': return c.value;
      case 'STR': return c.value;
      case 'TUPLE': return { t: 'tuple', items: c.items.map(constant) };
      default: throw new Error(`constant ${c.kind}`);
    }
  };
  const call = (codeIndex: number, args: Value[]): Value => execute(image.codes[codeIndex], args);
  const execute = (code: CodeObject, args: Value[]): Value => {
    const stack: Value[] = [];
    const locals: (Value | undefined)[] = code.locals.map((_, i) => args[i]);
    const names = image.names;
    let pc = 0;
    for (;;) {
      if (stack.length > code.stacksize) throw new Error(`stack ${stack.length} exceeds stacksize ${code.stacksize}`);
      const info = OPCODES[code.code[pc]];
      let arg = 0;
      if (info.format === 'u8') arg = code.code[pc + 1];
      else if (info.format !== 'none') {
        arg = code.code[pc + 1] | (code.code[pc + 2] << 8);
        if (info.format !== 'u16') arg = (arg << 16) >> 16;
      }
      pc += info.format === 'none' ? 1 : info.format === 'u8' ? 2 : 3;
      const pop = () => { if (!stack.length) throw new Error('underflow'); return stack.pop()!; };
      switch (info.name) {
        case 'NOP': break;
        case 'POP_TOP': pop(); break;
        case 'DUP_TOP': stack.push(stack[stack.length - 1]); break;
        case 'ROT_TWO': { const a = pop(), b = pop(); stack.push(a, b); break; }
        case 'ROT_THREE': { const a = pop(), b = pop(), c = pop(); stack.push(a, c, b); break; }
        case 'LOAD_NONE': stack.push(null); break;
        case 'LOAD_TRUE': stack.push(true); break;
        case 'LOAD_FALSE': stack.push(false); break;
        case 'LOAD_SMALL_INT': stack.push(BigInt(arg)); break;
        case 'LOAD_CONST': stack.push(constant(code.consts[arg])); break;
        case 'LOAD_FAST': {
          const v = locals[arg];
          if (v === undefined) throw new PyError(`UnboundLocalError: cannot access local variable '${names[code.locals[arg]]}' where it is not associated with a value`);
          stack.push(v); break;
        }
        case 'STORE_FAST': locals[arg] = pop(); break;
        case 'DELETE_FAST': locals[arg] = undefined; break;
        case 'LOAD_GLOBAL': case 'LOAD_NAME': stack.push(lookup(names[arg])); break;
        case 'STORE_GLOBAL': case 'STORE_NAME': globals.set(names[arg], pop()); break;
        case 'DELETE_GLOBAL': case 'DELETE_NAME':
          if (!globals.delete(names[arg])) throw new PyError(`NameError: name '${names[arg]}' is not defined`);
          break;
        case 'BINARY_OP': { const b = pop(), a = pop(); stack.push(arith(BINARY_OPS[arg & ~BINARY_OP_INPLACE], a, b)); break; }
        case 'UNARY_OP': {
          const a = pop(), op = UNARY_OPS[arg];
          stack.push(op === 'NOT' ? !truthy(a) : op === 'NEG' ? (typeof num(a) === 'bigint' ? -(num(a) as bigint) : -num(a)) : op === 'POS' ? num(a) : ~(num(a) as bigint));
          break;
        }
        case 'COMPARE_OP': { const b = pop(), a = pop(); stack.push(compare(COMPARE_OPS[arg], a, b)); break; }
        case 'BINARY_SUBSCR': {
          const k = pop(), o = pop();
          if (isObj(o) && o.t === 'dict') {
            const e = o.map.get(key(k));
            if (!e) throw new PyError(`KeyError: ${repr(k)}`);
            stack.push(e[1]);
          } else {
            const items = typeof o === 'string' ? [...o] : (o as PyList).items;
            let i = Number(k);
            if (i < 0) i += items.length;
            if (i < 0 || i >= items.length) throw new PyError('IndexError: index out of range');
            stack.push(items[i]);
          }
          break;
        }
        case 'STORE_SUBSCR': {
          const k = pop(), o = pop(), v = pop();
          if (isObj(o) && o.t === 'dict') {
            const old = o.map.get(key(k));
            o.map.set(key(k), [old ? old[0] : k, v]);
          } else { const l = o as PyList; let i = Number(k); if (i < 0) i += l.items.length; l.items[i] = v; }
          break;
        }
        case 'BUILD_TUPLE': case 'BUILD_LIST': {
          const items = stack.splice(stack.length - arg, arg);
          stack.push({ t: info.name === 'BUILD_LIST' ? 'list' : 'tuple', items });
          break;
        }
        case 'BUILD_DICT': {
          const flat = stack.splice(stack.length - 2 * arg, 2 * arg);
          const d: PyDict = { t: 'dict', map: new Map() };
          for (let i = 0; i < flat.length; i += 2) {
            const old = d.map.get(key(flat[i]));
            d.map.set(key(flat[i]), [old ? old[0] : flat[i], flat[i + 1]]);
          }
          stack.push(d);
          break;
        }
        case 'GET_ITER': stack.push(iterate(pop())); break;
        case 'FOR_ITER': {
          const v = (stack[stack.length - 1] as PyIter).next();
          if (v === undefined) { pop(); pc += arg; } else stack.push(v);
          break;
        }
        case 'JUMP': pc += arg; break;
        case 'POP_JUMP_IF_FALSE': if (!truthy(pop())) pc += arg; break;
        case 'POP_JUMP_IF_TRUE': if (truthy(pop())) pc += arg; break;
        case 'JUMP_IF_FALSE_OR_POP': if (!truthy(stack[stack.length - 1])) pc += arg; else pop(); break;
        case 'JUMP_IF_TRUE_OR_POP': if (truthy(stack[stack.length - 1])) pc += arg; else pop(); break;
        case 'CALL': {
          const args = stack.splice(stack.length - arg, arg);
          const f = pop();
          if (isObj(f) && f.t === 'builtin') stack.push(f.fn(args));
          else if (isObj(f) && f.t === 'function') stack.push(call(f.code, args));
          else throw new PyError('TypeError: not callable');
          break;
        }
        case 'MAKE_FUNCTION': stack.push({ t: 'function', code: arg }); break;
        case 'RETURN_VALUE': return pop();
        default: throw new Error(`mini VM lacks ${info.name}`);
      }
    }
  };
  try {
    call(image.modules[0].code, []);
    return { stdout };
  } catch (e) {
    if (e instanceof PyError) return { stdout, error: e.message };
    throw e;
  }
}

export type { Image };
