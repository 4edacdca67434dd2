// The editor never offers a built-in the VM lacks: the VM's own tables are read to check.
// (The VM gains built-ins often; each needs a line in completions.ts to be offered. This test does
// not demand it, so the VM's work never waits on the editor's.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { BUILTIN_CONSTANTS, BUILTIN_EXCEPTIONS, BUILTIN_FUNCTIONS, BUILTIN_TYPES, builtinCompletions } from './completions';

const core = join(__dirname, '..', '..', '..', 'vm-firmware', 'core');

function vmBuiltinNames(): string[] {
  const builtins = readFileSync(join(core, 'builtins.c'), 'utf8');
  const table = /builtin_table\[\] = \{([\s\S]*?)\};/.exec(builtins)?.[1] ?? '';
  const pyName = new Map([...builtins.matchAll(/BUILTIN(?:_KW)?\((\w+), "(\w+)"/g)].map(m => [m[1], m[2]]));
  const names = [...table.matchAll(/&(\w+)\.(obj|base)/g)].map(([, c]) => {
    if (c.startsWith('b_')) return pyName.get(c.slice(2)) ?? c;
    if (c.startsWith('exc_')) return c.slice(4);
    return c.replace(/_type$/, '');
  });
  const console = readFileSync(join(core, 'console.c'), 'utf8');
  for (const m of console.matchAll(/\.name = "([A-Za-z]\w*)"/g)) if (!m[1].startsWith('__')) names.push(m[1]);
  const threads = readFileSync(join(core, 'modthread.c'), 'utf8');   // thread() and the PRIO_ levels
  const threadBuiltins = /bool thread_builtins_init[\s\S]*?\n\}/.exec(threads)?.[0] ?? '';
  for (const m of threadBuiltins.matchAll(/"(\w+)", bi_\w+/g)) names.push(m[1]);
  const prios = /prios\[\] = \{([^}]*)\}/.exec(threads)?.[1] ?? '';
  for (const m of prios.matchAll(/"(\w+)"/g)) names.push(m[1]);
  return names.sort();
}

test('offers only built-ins the VM has', () => {
  const offered = [...BUILTIN_FUNCTIONS.map(c => c.label), ...BUILTIN_TYPES, ...BUILTIN_EXCEPTIONS, ...BUILTIN_CONSTANTS];
  const vm = new Set(vmBuiltinNames());
  expect(vm.has('print')).toBe(true);                  // the tables were read at all
  expect(vm.has('thread') && vm.has('PRIO_HIGHEST')).toBe(true);
  expect(offered.filter(name => !vm.has(name))).toEqual([]);
});

function complete(doc: string, explicit = false) {
  const state = EditorState.create({ doc });
  return builtinCompletions(new CompletionContext(state, doc.length, explicit));
}

test('completes a name being typed', () => {
  const result = complete('x = pri');
  expect(result?.from).toBe(4);
  expect(result?.options.map(o => o.label)).toContain('print');
});

test('stays quiet after a dot, in comments and in strings', () => {
  expect(complete('x.pri')).toBeNull();
  expect(complete('# pri')).toBeNull();
  expect(complete('s = "pri')).toBeNull();
  expect(complete('x = ')).toBeNull();
});
