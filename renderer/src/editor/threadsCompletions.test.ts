// Completions and hovers of the threads API and `time` (compiler/src/hardware/threadsApi.ts):
// modules after `import`, members after a dot or in `from ... import`, objects made by a class or
// returned by a function (`lock = threading.Lock()`, `t = thread(worker)`), and the built-ins.
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { hardwareCompletions } from './hardwareCompletions';
import { hoverDocAt } from './hardwareHover';
import { builtinCompletions } from './completions';

function complete(doc: string): CompletionResult | null {
  const state = EditorState.create({ doc });
  return hardwareCompletions(() => 'virtual')(new CompletionContext(state, doc.length, false)) as CompletionResult | null;
}
const labels = (doc: string) => complete(doc)?.options.map(o => o.label) ?? [];

function hover(doc: string, word: string, after = '') {
  const state = EditorState.create({ doc });
  return hoverDocAt(state, doc.indexOf(word, doc.indexOf(after) + after.length) + 1, 'virtual');
}

test('import offers the described modules, with their one line', () => {
  const result = complete('import thr');
  expect(result?.from).toBe('import '.length);
  expect(result?.options.map(o => o.label)).toEqual(['machine', 'board', 'time', '_thread', 'threading', 'queue']);
  expect(String(result?.options.find(o => o.label === 'queue')?.info)).toMatch(/between threads/);
  expect(labels('import machine, ')).toContain('threading');
  expect(labels('from ')).toContain('time');
  expect(labels('import builtins as b\nb.')).toEqual([]);   // the built-ins' table is not a module to import
});

test('a module offers its members after a dot and in from-import', () => {
  expect(labels('import time\ntime.')).toEqual(expect.arrayContaining(['sleep', 'sleep_ms', 'ticks_ms', 'ticks_diff', 'ticks_add', 'monotonic']));
  expect(complete('import time\ntime.s')?.options.find(o => o.label === 'sleep_ms')?.detail).toBe('(ms)');
  expect(labels('import threading\nthreading.')).toEqual(expect.arrayContaining(['Thread', 'Lock', 'Event', 'Condition', 'PRIO_HIGHEST']));
  expect(labels('from queue import Q')).toEqual(expect.arrayContaining(['Queue', 'Empty', 'Full', 'SimpleQueue']));
  expect(labels('import _thread as t\nt.')).toEqual(expect.arrayContaining(['start', 'start_new_thread', 'allocate_lock', 'PRIO_LOWEST']));
  expect(labels('import json\njson.')).toEqual([]);   // not described: nothing made up
});

test('an object made by a class or returned by a function offers its methods and attributes', () => {
  expect(labels('import threading\nt = threading.Thread(target=f)\nt.')).toEqual(expect.arrayContaining(['start', 'join', 'is_alive', 'set_prio', 'name', 'daemon', 'prio']));
  expect(labels('from threading import Lock\nlock = Lock()\nlock.')).toEqual(['acquire', 'acquire_lock', 'release', 'release_lock', 'locked']);
  expect(labels('import queue\nq = queue.Queue(4)\nq.')).toEqual(expect.arrayContaining(['put', 'get', 'get_nowait', 'task_done']));
  expect(labels('from queue import SimpleQueue\nq = SimpleQueue()\nq.')).not.toContain('task_done');
  expect(labels('worker = thread(blink, prio=PRIO_HIGHER)\nworker.')).toEqual(['join', 'is_alive', 'set_prio', 'ident', 'name', 'daemon', 'prio']);
  expect(labels('from threading import Event\nEvent.')).toEqual(['is_set', 'isSet', 'set', 'clear', 'wait']);
});

test('hovers show the signature and the line of the table', () => {
  const program = `import time, threading
from queue import Queue
q = Queue(8)
t = threading.Thread(target=work, prio=PRIO_HIGHER)
worker = thread(work)
time.sleep_ms(10)
q.put(1)
`;
  expect(hover(program, 'sleep_ms')).toMatchObject({ title: 'time.sleep_ms(ms)', doc: expect.stringMatching(/other threads run/) });
  expect(hover(program, 'Thread')).toMatchObject({ title: 'class threading.Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None, prio=None)' });
  expect(hover(program, 'PRIO_HIGHER')).toMatchObject({ title: 'PRIO_HIGHER', doc: 'Thread priority 4.' });
  expect(hover(program, 'thread', 'worker = ')).toMatchObject({ title: 'thread(fn, *args, prio=PRIO_NORMAL, size=None)' });
  expect(hover(program, 'worker')).toMatchObject({ title: 'thread object' });
  expect(hover(program, 'put', 'q.')).toMatchObject({ title: 'Queue.put(item, block=True, timeout=None)' });
  expect(hover(program, 'q', 'q = ')?.title).toBe('queue.Queue object');
  expect(hover(program, 'threading', 'import time, ')).toMatchObject({ title: 'module threading' });
});

test('the built-in thread() and PRIO_ levels are completed with the table\'s words', () => {
  const doc = 'PRIO_H';
  const result = builtinCompletions(new CompletionContext(EditorState.create({ doc }), doc.length, false));
  const highest = result?.options.find(o => o.label === 'PRIO_HIGHEST');
  expect(highest).toMatchObject({ type: 'constant', detail: 'thread priority' });
  expect(String(highest?.info)).toMatch(/preempts every other/);
  expect(result?.options.find(o => o.label === 'thread')?.detail).toBe('(fn, *args, prio=PRIO_NORMAL, size=None)');
});
