// The threads API and `time` as the editor knows them, in the same table form as machineApi.ts:
// Viper's built-in `thread()` and PRIO_ levels, `_thread` (vm-firmware/core/modthread.c), `threading`
// and `queue` (written in Python: compiler/lib/threading.py, queue.py) and `time`
// (vm-firmware/core/modules.c). One table feeds the completions, the hover and docs/api.md;
// tests/threads-api.test.ts compares it with the VM's dir() of each module and class and with the
// argument counts of the definitions. docs/threads.md explains how the threads behave.
import type { ApiClass, ApiConstant, ApiFunction, ApiModule } from './machineApi';

const fn = (name: string, signature: string, doc: string, returns?: ApiClass): ApiFunction =>
  returns ? { name, signature, doc, returns } : { name, signature, doc };
const k = (name: string, doc: string): ApiConstant => ({ name, doc });

const PRIORITIES: ApiConstant[] = [
  k('PRIO_LOWEST', 'Thread priority 1, the lowest: runs only while no thread of higher priority is ready.'),
  k('PRIO_LOWER', 'Thread priority 2.'),
  k('PRIO_NORMAL', "Thread priority 3, the main program's and the default."),
  k('PRIO_HIGHER', 'Thread priority 4.'),
  k('PRIO_HIGHEST', 'Thread priority 5, the highest: preempts every other (the callback thread runs at it).'),
];

const JOIN = fn('join', '(timeout=None)', 'Waits until the thread ends (at most timeout seconds); whether it ended.');
const IS_ALIVE = fn('is_alive', '()', 'Whether the thread has started and not yet ended.');
const SET_PRIO = fn('set_prio', '(prio)', "Changes the thread's priority (PRIO_LOWEST .. PRIO_HIGHEST).");

/** What thread(), _thread.start(), _thread.current() return. */
const THREAD_HANDLE: ApiClass = {
  name: 'thread',
  signature: '(fn, *args, prio=PRIO_NORMAL, size=None)',
  doc: 'A running (or ended) thread, as thread() and _thread.start() return it.',
  methods: [JOIN, IS_ALIVE, SET_PRIO],
  constants: [],
  attributes: [
    k('ident', "The thread's number, unique while it runs."),
    k('name', "The thread's name."),
    k('daemon', 'Whether the program may end while this thread still runs.'),
    k('prio', "The thread's priority."),
  ],
};

export const THREAD_BUILTINS: ApiModule = {
  name: 'builtins',
  doc: "Viper's own way to start a thread, and the priorities: built-ins, no import needed.",
  functions: [
    fn('thread', '(fn, *args, prio=PRIO_NORMAL, size=None)',
      'Starts fn(*args) in a new thread at once and returns it; a higher prio preempts lower ones; size is its Python stack in bytes.', THREAD_HANDLE),
  ],
  classes: [],
  constants: PRIORITIES,
};

const LOCK: ApiClass = {
  name: 'LockType',
  signature: '',   // not called: allocate_lock() and threading.Lock() make locks
  doc: "A lock, as allocate_lock() and threading.Lock() make it: one thread holds it at a time; `with lock:` holds it for a block.",
  methods: [
    fn('acquire', '(blocking=True, timeout=-1)', 'Takes the lock, waiting for it unless blocking is False (at most timeout seconds); whether it was taken.'),
    fn('acquire_lock', '(blocking=True, timeout=-1)', 'The same as acquire.'),
    fn('release', '()', 'Gives the lock back; another thread waiting for it may take it.'),
    fn('release_lock', '()', 'The same as release.'),
    fn('locked', '()', 'Whether some thread holds the lock.'),
  ],
  constants: [],
};

export const THREAD_MODULE: ApiModule = {
  name: '_thread',
  doc: 'Threads at the low level, as in CPython and MicroPython, plus Viper\'s start() with a priority.',
  functions: [
    fn('start', '(target, args, kwargs=None, *, name=None, prio=None, daemon=False, size=None)',
      'Starts target(*args, **kwargs) in a new thread and returns it (a thread object).', THREAD_HANDLE),
    fn('start_new_thread', '(function, args, kwargs=None)', 'Starts function(*args, **kwargs) in a new thread; its ident.'),
    fn('start_new', '(function, args, kwargs=None)', 'The same as start_new_thread.'),
    fn('allocate_lock', '()', 'A new lock, not held.', LOCK),
    fn('allocate', '()', 'The same as allocate_lock.', LOCK),
    fn('get_ident', '()', "The running thread's ident."),
    fn('get_native_id', '()', "The running thread's ident (the same number on Viper)."),
    fn('current', '()', 'The running thread (a thread object).', THREAD_HANDLE),
    fn('main', '()', "The main program's thread (a thread object).", THREAD_HANDLE),
    fn('enumerate', '()', 'The threads alive, the main one first.'),
    fn('stack_size', '([size])', 'Sets the stack size (bytes) new threads get to size (0, the default, when left out); returns the one before.'),
    fn('exit', '()', 'Ends the running thread (raises SystemExit).'),
  ],
  classes: [LOCK],
  constants: [
    k('TIMEOUT_MAX', 'The longest timeout a wait takes, in seconds.'),
    k('error', 'The exception the module raises (RuntimeError).'),
    ...PRIORITIES,
  ],
};

const THREAD: ApiClass = {
  name: 'Thread',
  signature: '(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None, prio=None)',
  doc: 'A thread of control: start() runs target(*args, **kwargs), or the run() of a subclass.',
  methods: [
    fn('start', '()', 'Starts the thread; call it once.'),
    fn('run', '()', 'What the thread does: calls target; a subclass overrides it.'),
    JOIN,
    IS_ALIVE,
    SET_PRIO,
    fn('getName', '()', 'The name (older spelling of .name).'),
    fn('setName', '(name)', 'Sets the name (older spelling).'),
    fn('isDaemon', '()', 'Whether it is a daemon (older spelling of .daemon).'),
    fn('setDaemon', '(daemonic)', 'Makes it a daemon or not, before start() (older spelling).'),
  ],
  constants: [],
  attributes: [
    k('name', "The thread's name: 'Thread-1 (worker)' unless given."),
    k('ident', "The thread's number once started, else None."),
    k('native_id', 'The same as ident on Viper.'),
    k('daemon', 'Whether the program may end while this thread still runs; set before start().'),
    k('prio', "The thread's priority (PRIO_NORMAL unless given)."),
  ],
};

const RLOCK: ApiClass = {
  name: 'RLock',
  signature: '()',
  doc: 'A lock the thread holding it may take again; released as often as taken.',
  methods: [
    fn('acquire', '(blocking=True, timeout=-1)', 'Takes the lock (again, if this thread holds it); whether it was taken.'),
    fn('release', '()', 'Gives one hold back; the lock is free when every hold is given back.'),
  ],
  constants: [],
};

const CONDITION: ApiClass = {
  name: 'Condition',
  signature: '(lock=None)',
  doc: 'Lets threads wait until another one notifies them; used inside `with cond:`.',
  methods: [
    fn('acquire', '(blocking=True, timeout=-1)', "Takes the condition's lock (what `with cond:` does)."),
    fn('release', '()', "Gives the condition's lock back."),
    fn('wait', '(timeout=None)', 'Releases the lock, waits for a notify (or timeout seconds), takes the lock again; False on timeout.'),
    fn('wait_for', '(predicate, timeout=None)', 'Waits until predicate() is true; its last value.'),
    fn('notify', '(n=1)', 'Wakes up to n waiting threads.'),
    fn('notify_all', '()', 'Wakes every waiting thread.'),
    fn('notifyAll', '()', 'The same as notify_all.'),
  ],
  constants: [],
};

const SEMAPHORE_METHODS = [
  fn('acquire', '(blocking=True, timeout=None)', 'Takes one unit, waiting while there is none; whether it got one.'),
  fn('release', '(n=1)', 'Gives n units back, waking waiting threads.'),
];

const SEMAPHORE: ApiClass = {
  name: 'Semaphore',
  signature: '(value=1)',
  doc: 'A counter of units: acquire() takes one, waiting while there is none; release() gives one back.',
  methods: SEMAPHORE_METHODS,
  constants: [],
};

const BOUNDED_SEMAPHORE: ApiClass = {
  name: 'BoundedSemaphore',
  signature: '(value=1)',
  doc: 'A Semaphore whose release() raises ValueError above the starting value.',
  methods: SEMAPHORE_METHODS,
  constants: [],
};

const EVENT: ApiClass = {
  name: 'Event',
  signature: '()',
  doc: 'A flag threads wait for: set() wakes them all.',
  methods: [
    fn('is_set', '()', 'Whether the flag is set.'),
    fn('isSet', '()', 'The same as is_set.'),
    fn('set', '()', 'Sets the flag and wakes every thread waiting.'),
    fn('clear', '()', 'Clears the flag.'),
    fn('wait', '(timeout=None)', 'Waits until the flag is set (at most timeout seconds); the flag.'),
  ],
  constants: [],
};

const TIMER: ApiClass = {
  name: 'Timer',
  signature: '(interval, function, args=None, kwargs=None)',
  doc: 'A Thread that calls function(*args, **kwargs) once, interval seconds after start(), unless cancelled.',
  methods: [fn('cancel', '()', 'Stops the timer if it has not fired yet.'), ...THREAD.methods],
  constants: [],
  attributes: THREAD.attributes,
};

const BARRIER: ApiClass = {
  name: 'Barrier',
  signature: '(parties, action=None, timeout=None)',
  doc: 'Holds threads until parties of them wait, then lets them all go together.',
  methods: [
    fn('wait', '(timeout=None)', 'Waits until every party waits; a number 0..parties-1, different for each.'),
    fn('reset', '()', 'Returns the barrier to its start; threads waiting get BrokenBarrierError.'),
    fn('abort', '()', 'Breaks the barrier: waiting threads, and later ones, get BrokenBarrierError.'),
  ],
  constants: [],
  attributes: [
    k('parties', 'How many threads must wait.'),
    k('n_waiting', 'How many threads wait now.'),
    k('broken', 'Whether the barrier is broken.'),
  ],
};

const LOCAL: ApiClass = {
  name: 'local',
  signature: '(*args, **kwargs)',
  doc: "An object whose attributes each thread sees its own values of (arguments only for a subclass's __init__).",
  methods: [],
  constants: [],
};

const EXCEPT_HOOK_ARGS: ApiClass = {
  name: 'ExceptHookArgs',
  signature: '(exc_type, exc_value, exc_traceback, thread)',
  doc: 'What excepthook is given about an exception that ended a thread.',
  methods: [],
  constants: [],
  attributes: [
    k('exc_type', "The exception's class."),
    k('exc_value', 'The exception.'),
    k('exc_traceback', 'None on Viper.'),
    k('thread', 'The Thread it ended.'),
  ],
};

const LOCK_OF_THREADING = fn('Lock', '()', 'A new lock (the same as _thread.allocate_lock()).', LOCK);

export const THREADING: ApiModule = {
  name: 'threading',
  doc: "CPython's threading module (written in Python over _thread), with Viper's prio= and set_prio.",
  functions: [
    LOCK_OF_THREADING,
    fn('RLock', '()', 'A new re-entrant lock.', RLOCK),
    fn('current_thread', '()', 'The Thread running this code (a Dummy one for a thread started by thread()).', THREAD),
    fn('currentThread', '()', 'The same as current_thread.', THREAD),
    fn('main_thread', '()', "The main program's Thread.", THREAD),
    fn('enumerate', '()', 'The Threads alive.'),
    fn('active_count', '()', 'How many threads are alive.'),
    fn('activeCount', '()', 'The same as active_count.'),
    fn('get_ident', '()', "The running thread's ident."),
    fn('get_native_id', '()', "The running thread's ident (the same number on Viper)."),
    fn('stack_size', '([size])', 'Sets the stack size (bytes) new threads get to size (0, the default, when left out); returns the one before.'),
    fn('excepthook', '(args)', 'Prints the traceback of an exception that ended a thread; replace it to handle them.'),
  ],
  classes: [THREAD, CONDITION, SEMAPHORE, BOUNDED_SEMAPHORE, EVENT, TIMER, BARRIER, LOCAL, EXCEPT_HOOK_ARGS],
  constants: [
    k('TIMEOUT_MAX', 'The longest timeout a wait takes, in seconds.'),
    k('ThreadError', 'The exception a lock raises when misused (RuntimeError).'),
    k('BrokenBarrierError', 'Raised by a Barrier that is broken or reset.'),
    ...PRIORITIES,
  ],
};

const QUEUE_METHODS: ApiFunction[] = [
  fn('put', '(item, block=True, timeout=None)', 'Adds item, waiting while the queue is full (at most timeout seconds, then Full).'),
  fn('get', '(block=True, timeout=None)', 'Removes and returns an item, waiting while there is none (at most timeout seconds, then Empty).'),
  fn('put_nowait', '(item)', 'put(item, False): raises Full at once when full.'),
  fn('get_nowait', '()', 'get(False): raises Empty at once when empty.'),
  fn('qsize', '()', 'How many items wait in the queue.'),
  fn('empty', '()', 'Whether the queue holds nothing.'),
  fn('full', '()', 'Whether the queue holds maxsize items.'),
  fn('task_done', '()', 'Tells the queue that an item got earlier is dealt with.'),
  fn('join', '()', 'Waits until every item put has been got and marked task_done().'),
];

const queueClass = (name: string, doc: string): ApiClass => ({
  name, signature: '(maxsize=0)', doc, methods: QUEUE_METHODS, constants: [],
});

export const QUEUE: ApiModule = {
  name: 'queue',
  doc: "CPython's queue module: safe hand-over of items between threads.",
  functions: [],
  classes: [
    queueClass('Queue', 'A first-in first-out queue; maxsize 0 means no limit.'),
    queueClass('LifoQueue', 'A last-in first-out queue (a stack).'),
    queueClass('PriorityQueue', 'A queue that gives the smallest item first: put (priority, data) tuples.'),
    {
      name: 'SimpleQueue', signature: '()', doc: 'A first-in first-out queue with no size limit and no task tracking.', constants: [],
      methods: QUEUE_METHODS.filter(m => !['full', 'task_done', 'join'].includes(m.name)),
    },
  ],
  constants: [
    k('Empty', 'Raised by get() when no item comes.'),
    k('Full', 'Raised by put() when the queue stays full.'),
  ],
};

export const TIME: ApiModule = {
  name: 'time',
  doc: "Waiting and measuring time (MicroPython's time: ticks wrap at 2**30, compare them with ticks_diff).",
  functions: [
    fn('sleep', '(seconds)', 'Waits seconds (a float); other threads run meanwhile.'),
    fn('sleep_ms', '(ms)', 'Waits ms milliseconds; other threads run meanwhile.'),
    fn('sleep_us', '(us)', 'Waits us microseconds (under a millisecond it spins, holding the interpreter).'),
    fn('ticks_ms', '()', 'A millisecond counter that wraps: measure with ticks_diff.'),
    fn('ticks_us', '()', 'A microsecond counter that wraps: measure with ticks_diff.'),
    fn('ticks_diff', '(new, old)', 'new - old of two ticks values, right across a wrap.'),
    fn('ticks_add', '(ticks, delta)', 'ticks + delta, wrapped as ticks are: a deadline.'),
    fn('time', '()', 'Seconds since the board started, as a float.'),
    fn('time_ns', '()', 'Nanoseconds since the board started.'),
    fn('monotonic', '()', 'Seconds as a float, never going back.'),
    fn('monotonic_ns', '()', 'Nanoseconds, never going back.'),
    fn('perf_counter', '()', 'Seconds as a float, for measuring a duration.'),
  ],
  classes: [],
  constants: [],
};

/** In the order docs/api.md gives them. */
export const THREADS_MODULES: readonly ApiModule[] = [TIME, THREAD_BUILTINS, THREAD_MODULE, THREADING, QUEUE];
