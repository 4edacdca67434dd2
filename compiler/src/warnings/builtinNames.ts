// The names every Viper module can read without binding them: the VM's built-ins (exactly
// `dir(builtins)` of the host VM; tests/hardware-api.test.ts compares) and the arities of the
// built-in functions whose argument counts are fixed, for the argument-count warning.
import { parseSignature, type Signature } from '../hardware/signature';

export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BaseException', 'BlockingIOError', 'BrokenPipeError',
  'BufferError', 'BytesWarning', 'ChildProcessError', 'ConnectionAbortedError', 'ConnectionError',
  'ConnectionRefusedError', 'ConnectionResetError', 'DeprecationWarning', 'EOFError', 'Ellipsis', 'EncodingWarning',
  'EnvironmentError', 'Exception', 'FileExistsError', 'FileNotFoundError', 'FloatingPointError', 'FutureWarning',
  'GeneratorExit', 'IOError', 'ImportError', 'ImportWarning', 'IndentationError', 'IndexError', 'InterruptedError',
  'IsADirectoryError', 'KeyError', 'KeyboardInterrupt', 'LookupError', 'MemoryError', 'ModuleNotFoundError',
  'NameError', 'NotADirectoryError', 'NotImplemented', 'NotImplementedError', 'OSError', 'OverflowError',
  'PRIO_HIGHER', 'PRIO_HIGHEST', 'PRIO_LOWER', 'PRIO_LOWEST', 'PRIO_NORMAL', 'PendingDeprecationWarning',
  'PermissionError', 'ProcessLookupError', 'RecursionError', 'ReferenceError', 'ResourceWarning', 'RuntimeError',
  'RuntimeWarning', 'StopAsyncIteration', 'StopIteration', 'SyntaxError', 'SyntaxWarning', 'SystemError',
  'SystemExit', 'TabError', 'TimeoutError', 'TypeError', 'UnboundLocalError', 'UnicodeDecodeError',
  'UnicodeEncodeError', 'UnicodeError', 'UnicodeTranslateError', 'UnicodeWarning', 'UserWarning', 'ValueError',
  'Warning', 'ZeroDivisionError', '__build_class__', '__displayhook__', '__name__', 'abs', 'all', 'any', 'ascii',
  'bin', 'bool', 'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'delattr', 'dict', 'dir', 'divmod',
  'enumerate', 'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'list', 'locals', 'map', 'max', 'memoryview', 'min',
  'next', 'object', 'oct', 'ord', 'pow', 'print', 'property', 'range', 'repr', 'reversed', 'round', 'set',
  'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'thread', 'tuple', 'type', 'vars', 'zip',
]);

/** Built-in functions whose positional arguments are counted (CPython's signatures). */
const FIXED: Record<string, string> = {
  abs: '(x)', all: '(iterable)', any: '(iterable)', ascii: '(obj)', bin: '(n)', callable: '(obj)', chr: '(i)',
  delattr: '(obj, name)', divmod: '(a, b)', format: '(value, [spec])', getattr: '(obj, name, [default])',
  globals: '()', hasattr: '(obj, name)', hash: '(obj)', hex: '(n)', id: '(obj)', input: '([prompt])',
  isinstance: '(obj, classinfo)', issubclass: '(cls, classinfo)', iter: '(obj, [sentinel])', len: '(obj)',
  locals: '()', next: '(iterator, [default])', oct: '(n)', ord: '(c)', pow: '(base, exp, mod=None)',
  repr: '(obj)', round: '(number, ndigits=None)', setattr: '(obj, name, value)', sorted: '(iterable, *, key=None, reverse=False)',
  sum: '(iterable, /, start=0)', dir: '([obj])', vars: '([obj])', reversed: '(seq)', enumerate: '(iterable, start=0)',
  range: '(start_or_stop, [stop], [step])', filter: '(function, iterable)', memoryview: '(obj)',
  slice: '(start_or_stop, [stop], [step])', staticmethod: '(function)', classmethod: '(function)',
  thread: '(function, *args, prio=PRIO_NORMAL, size=None)', float: '([x])', bool: '([x])', list: '([iterable])',
  tuple: '([iterable])', set: '([iterable])', frozenset: '([iterable])',
};

export const BUILTIN_SIGNATURES: ReadonlyMap<string, Signature> =
  new Map(Object.entries(FIXED).map(([name, text]) => [name, parseSignature(text)]));
