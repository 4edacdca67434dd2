// Completions for what a Viper program can name: the VM's built-in functions, types and
// exceptions (vm-firmware/core/builtins.c, console.c and modthread.c; completions.test.ts fails if one offered
// here is not there), Python's keywords, and the names the program itself defines (lang-python's local
// source). CPython built-ins the VM lacks are deliberately not offered. thread() and the PRIO_ levels
// come from the threads API table (compiler/src/hardware/threadsApi.ts), as docs/api.md does.
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { localCompletionSource } from '@codemirror/lang-python';
import { THREAD_BUILTINS } from '../../../compiler/src/hardware/threadsApi';

const fn = (label: string, detail: string, info: string): Completion => ({ label, type: 'function', detail, info, apply: label });

export const BUILTIN_FUNCTIONS: Completion[] = [
  fn('print', '(*values, sep=" ", end="\\n")', 'Writes the values to the console.'),
  fn('input', '(prompt="")', 'Reads a line typed in the console.'),
  fn('len', '(obj)', 'How many items obj has.'),
  fn('repr', '(obj)', 'The text Python would write for obj.'),
  fn('ascii', '(obj)', 'Like repr, with non-ASCII characters escaped.'),
  fn('abs', '(x)', 'The absolute value of a number.'),
  fn('min', '(iterable, key=None) or (a, b, ...)', 'The smallest item.'),
  fn('max', '(iterable, key=None) or (a, b, ...)', 'The largest item.'),
  fn('sum', '(iterable, start=0)', 'The items added up.'),
  fn('any', '(iterable)', 'Whether any item is true.'),
  fn('all', '(iterable)', 'Whether every item is true.'),
  fn('ord', '(char)', 'The code point of a one-character string.'),
  fn('chr', '(code)', 'The one-character string with that code point.'),
  fn('isinstance', '(obj, type)', 'Whether obj is of that type.'),
  fn('issubclass', '(cls, type)', 'Whether cls is that type or derives from it.'),
  fn('hash', '(obj)', 'The hash of obj.'),
  fn('id', '(obj)', 'A number that identifies obj while it exists.'),
  fn('hex', '(n)', 'n in hexadecimal: "0x1f".'),
  fn('oct', '(n)', 'n in octal: "0o17".'),
  fn('bin', '(n)', 'n in binary: "0b101".'),
  fn('divmod', '(a, b)', '(a // b, a % b).'),
  fn('pow', '(base, exp, mod=None)', 'base to the power exp, optionally modulo mod.'),
  fn('round', '(x, ndigits=None)', 'x rounded (halves to even).'),
  fn('callable', '(obj)', 'Whether obj can be called.'),
  fn('iter', '(iterable)', 'An iterator over the items.'),
  fn('next', '(iterator, default)', 'The next item of an iterator.'),
  fn('format', '(value, spec="")', 'value formatted by a format spec: format(3.14159, ".2f").'),
  fn('sorted', '(iterable, key=None, reverse=False)', 'A new sorted list of the items.'),
  fn('getattr', '(obj, name, default)', 'The attribute called name.'),
  fn('hasattr', '(obj, name)', 'Whether obj has the attribute.'),
  fn('setattr', '(obj, name, value)', 'Sets the attribute.'),
  fn('delattr', '(obj, name)', 'Deletes the attribute.'),
  fn('dir', '(obj)', 'The names obj has.'),
  ...THREAD_BUILTINS.functions.map(f => fn(f.name, f.signature, f.doc)),
];

/** The thread priorities, lowest to highest. */
export const BUILTIN_CONSTANTS = THREAD_BUILTINS.constants.map(c => c.name);

export const BUILTIN_TYPES = [
  'int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'set', 'frozenset', 'bytes', 'bytearray',
  'range', 'enumerate', 'zip', 'map', 'filter', 'reversed', 'slice', 'object', 'type',
];

export const BUILTIN_EXCEPTIONS = [
  'BaseException', 'Exception', 'TypeError', 'ValueError', 'NameError', 'UnboundLocalError',
  'ZeroDivisionError', 'ArithmeticError', 'LookupError', 'IndexError', 'KeyError', 'AttributeError',
  'OverflowError', 'MemoryError', 'RecursionError', 'RuntimeError', 'StopIteration',
  'KeyboardInterrupt', 'NotImplementedError', 'AssertionError',
];

export const KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda',
  'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
];

const OPTIONS: Completion[] = [
  ...BUILTIN_FUNCTIONS,
  ...BUILTIN_TYPES.map(label => ({ label, type: 'class', detail: 'type' })),
  ...BUILTIN_EXCEPTIONS.map(label => ({ label, type: 'class', detail: 'exception' })),
  ...THREAD_BUILTINS.constants.map(c => ({ label: c.name, type: 'constant', detail: 'thread priority', info: c.doc })),
  ...KEYWORDS.map(label => ({ label, type: 'keyword' })),
];

/** Built-ins and keywords, where a name is being typed (not in a string, a comment or after a dot). */
export function builtinCompletions(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/[A-Za-z_]\w*/);
  if (!word && !context.explicit) return null;
  const from = word?.from ?? context.pos;
  if (from > 0 && context.state.sliceDoc(from - 1, from) === '.') return null;
  const line = context.state.doc.lineAt(from);
  const before = line.text.slice(0, from - line.from);
  if (before.includes('#') || /^[^"']*(["'])(?:[^"'\\]|\\.)*$/.test(before)) return null;   // comment or open string
  return { from, options: OPTIONS, validFor: /^\w*$/ };
}

export const viperCompletionSources: CompletionSource[] = [builtinCompletions, localCompletionSource];
