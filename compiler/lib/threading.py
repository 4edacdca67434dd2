# threading for Viper: CPython's Thread, locks, conditions, semaphores, events, timers and
# barriers, written over the VM's _thread (OS threads sharing one interpreter lock handed by
# priority, locks that lend their waiters' priority to their owner). Viper adds a priority per
# thread: Thread(..., prio=PRIO_HIGHER) and set_prio(p), with the PRIO_ levels of _thread.

import _thread
from time import monotonic as _time

get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
Lock = _thread.allocate_lock
_allocate_lock = _thread.allocate_lock
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size   # in Viper, the bytes of a thread's Python stack
PRIO_LOWEST = _thread.PRIO_LOWEST
PRIO_LOWER = _thread.PRIO_LOWER
PRIO_NORMAL = _thread.PRIO_NORMAL
PRIO_HIGHER = _thread.PRIO_HIGHER
PRIO_HIGHEST = _thread.PRIO_HIGHEST

# ident -> Thread for the threads started here and the dummies of the others; a thread leaves
# when its run() is over (dummies stay until enumerate() sees them dead)
_active = {}
_names = _allocate_lock()
_counter = 0


def _newname(form):
    # one count for Thread-N and Dummy-N, as CPython
    global _counter
    with _names:
        _counter += 1
        return form % _counter


# ==== locks ===============================================================================

class _RLock:
    """A lock its owner may take again: it is free once released as often as acquired."""

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    __enter__ = acquire

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError('cannot release un-acquired lock')
        self._count -= 1
        if not self._count:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    def _is_owned(self):
        return self._owner == get_ident()

    # Condition.wait gives the lock up whatever the depth, and takes it back as it was
    def _release_save(self):
        if self._owner != get_ident():
            raise RuntimeError('cannot release un-acquired lock')
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def __repr__(self):
        return '<%s _thread.RLock object owner=%d count=%d>' % (
            'locked' if self._count else 'unlocked', self._owner or 0, self._count)


def RLock():
    return _RLock()


class Condition:
    """Threads wait (holding the lock, which wait gives up meanwhile) until another notifies."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        # an RLock is given up whatever its depth; other locks are released once
        if hasattr(lock, '_release_save'):
            self._release_save = lock._release_save
            self._acquire_restore = lock._acquire_restore
        if hasattr(lock, '_is_owned'):
            self._is_owned = lock._is_owned
        self._waiters = []   # one locked lock per waiting thread, released to wake it

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, t, v, tb):
        return self._lock.__exit__(t, v, tb)

    def __repr__(self):
        return '<Condition(%r, %d)>' % (self._lock, len(self._waiters))

    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, state):
        self._lock.acquire()

    def _is_owned(self):
        # a lock without _is_owned: held (by someone) when it cannot be taken
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError('cannot wait on un-acquired lock')
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        state = self._release_save()
        woken = False
        try:
            if timeout is None:
                woken = waiter.acquire()
            elif timeout > 0:
                woken = waiter.acquire(True, timeout)
            else:
                woken = waiter.acquire(False)
            return woken
        finally:
            self._acquire_restore(state)
            if not woken:
                # timed out (or interrupted): no longer waiting, unless a notify took it just now
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if result or timeout is None:
            while not result:
                self.wait()
                result = predicate()
            return result
        deadline = _time() + timeout
        while not result:
            left = deadline - _time()
            if left <= 0:
                break
            self.wait(left)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError('cannot notify on un-acquired lock')
        waiters = self._waiters
        while waiters and n > 0:
            waiters.pop(0).release()
            n -= 1

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


def _where(obj):
    # 'threading.Event at 0x...', the start of CPython's reprs
    cls = type(obj)
    return '%s.%s at 0x%x' % (cls.__module__, cls.__qualname__, id(obj))


class Semaphore:
    """A counter: acquire takes one (waiting while there is none), release gives back."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError('semaphore initial value must be >= 0')
        self._lock = Lock()   # with statements take it directly: fewer calls than the condition's
        self._cond = Condition(self._lock)
        self._value = value

    def __repr__(self):
        return '<%s: value=%d>' % (_where(self), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._lock:
            if self._value == 0:
                if not blocking:
                    return False
                if not self._cond.wait_for(self._available, timeout):
                    return False
            self._value -= 1
            return True

    __enter__ = acquire

    def _available(self):
        return self._value > 0

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._lock:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        return '<%s: value=%d/%d>' % (_where(self), self._value, self._initial_value)

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._lock:
            if self._value + n > self._initial_value:
                raise ValueError('Semaphore released too many times')
            self._value += n
            self._cond.notify(n)


class Event:
    """A flag threads wait on until another sets it."""

    def __init__(self):
        self._lock = Lock()
        self._cond = Condition(self._lock)
        self._flag = False

    def __repr__(self):
        return '<%s: %s>' % (_where(self), 'set' if self._flag else 'unset')

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._lock:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._lock:
            self._flag = False

    def wait(self, timeout=None):
        with self._lock:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


# ==== barriers ============================================================================

class BrokenBarrierError(RuntimeError):
    pass


class _Round:
    # one filling of a barrier; its waiters leave when it is done or broken
    def __init__(self):
        self.done = False
        self.broken = False


class Barrier:
    """parties threads wait until all have come; then one runs action and all go on."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError('parties must be >= 1')
        self._lock = Lock()
        self._cond = Condition(self._lock)
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._round = _Round()
        self._count = 0
        self._broken = False

    def __repr__(self):
        if self._broken:
            return '<%s: broken>' % _where(self)
        return '<%s: waiters=%d/%d>' % (_where(self), self._count, self._parties)

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._lock:
            if self._broken:
                raise BrokenBarrierError
            rnd = self._round
            index = self._count
            self._count += 1
            if self._count == self._parties:
                try:
                    if self._action is not None:
                        self._action()
                except BaseException:
                    self._break()
                    raise
                rnd.done = True
                self._round = _Round()
                self._count = 0
                self._cond.notify_all()
                return index
            over = lambda: rnd.done or rnd.broken
            if not self._cond.wait_for(over, timeout):
                self._break()
            if rnd.broken:
                raise BrokenBarrierError
            return index

    def _break(self):
        # lock held: the waiters of this round raise, and so does every later wait until reset
        self._broken = True
        self._round.broken = True
        self._cond.notify_all()

    def abort(self):
        with self._lock:
            self._break()

    def reset(self):
        with self._lock:
            if self._count:
                self._round.broken = True
                self._cond.notify_all()
            self._round = _Round()
            self._count = 0
            self._broken = False

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return 0 if self._broken else self._count

    @property
    def broken(self):
        return self._broken


# ==== threads =============================================================================

class ExceptHookArgs:
    """What excepthook is given about an exception a thread's run() let out."""

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread

    def __iter__(self):
        return iter((self.exc_type, self.exc_value, self.exc_traceback, self.thread))


def excepthook(args):
    """Print 'Exception in thread NAME:' and the traceback on stderr (SystemExit: nothing)."""
    if args.exc_type is SystemExit:
        return
    import sys
    import traceback
    name = args.thread.name if args.thread is not None else get_ident()
    print('Exception in thread %s:' % name, file=sys.stderr)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=sys.stderr)


__excepthook__ = excepthook
_default_excepthook = excepthook


class Thread:
    """A thread of control: start() runs run() (which calls target(*args, **kwargs)) in it."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None, prio=None):
        if group is not None:
            raise AssertionError('group argument must be None for now')
        if name:
            name = str(name)
        else:
            name = _newname('Thread-%d')
            if target is not None:
                try:
                    name += ' (%s)' % target.__name__
                except AttributeError:
                    pass
        if daemon is None:
            daemon = current_thread().daemon
        self._target = target
        self._args = args
        self._kwargs = {} if kwargs is None else kwargs
        self._name = name
        self._daemonic = bool(daemon)
        self._prio = PRIO_NORMAL if prio is None else prio
        self._ident = None
        self._handle = None   # the _thread handle, once started
        self._started = False

    def start(self):
        if not hasattr(self, '_started'):
            raise RuntimeError('thread.__init__() not called')
        if self._started:
            raise RuntimeError('threads can only be started once')
        self._started = True
        # as CPython, start() returns once the thread runs: it releases this lock first thing
        running = self._running = _allocate_lock()
        running.acquire()
        try:
            self._handle = _thread.start(self._bootstrap, (), None, name=self._name, prio=self._prio,
                                         daemon=self._daemonic)
        except BaseException:
            self._started = False
            raise
        self._ident = self._handle.ident
        _active[self._ident] = self
        running.acquire()
        self._running = None

    def _bootstrap(self):
        ident = get_ident()
        self._ident = ident
        _active[ident] = self
        self._running.release()
        try:
            self.run()
        except BaseException as e:
            # the VM prints what the default hook would, once the thread is over
            if excepthook is _default_excepthook:
                raise
            import sys
            excepthook(ExceptHookArgs(type(e), e, sys.exc_info()[2], self))
        finally:
            if _active.get(ident) is self:
                del _active[ident]

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # no cycle through the target's arguments once it is over
            self._target = self._args = self._kwargs = None

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError('cannot join thread before it is started')
        if self._ident == get_ident():
            raise RuntimeError('cannot join current thread')
        if timeout is not None and timeout < 0:
            timeout = 0
        self._handle.join(timeout)

    def is_alive(self):
        return self._handle is not None and self._handle.is_alive()

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._ident

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started:
            raise RuntimeError('cannot set daemon status of active thread')
        self._daemonic = bool(daemonic)

    @property
    def prio(self):
        return self._handle.prio if self._handle is not None else self._prio

    def set_prio(self, prio):
        """Viper: the thread's priority, PRIO_LOWEST .. PRIO_HIGHEST (at once if it runs)."""
        if self._handle is not None:
            self._handle.set_prio(prio)
        elif prio not in (PRIO_LOWEST, PRIO_LOWER, PRIO_NORMAL, PRIO_HIGHER, PRIO_HIGHEST):
            raise ValueError('prio must be one of PRIO_LOWEST (%d) .. PRIO_HIGHEST (%d), not %r'
                             % (PRIO_LOWEST, PRIO_HIGHEST, prio))
        self._prio = prio

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self._name

    def setName(self, name):
        self.name = name

    def __repr__(self):
        status = 'initial'
        if self._started:
            status = 'started' if self.is_alive() else 'stopped'
        if self._daemonic:
            status += ' daemon'
        if self._ident is not None:
            status += ' %s' % self._ident
        return '<%s(%s, %s)>' % (type(self).__name__, self._name, status)


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name='MainThread', daemon=False)
        self._handle = _thread.main()
        self._ident = self._handle.ident
        self._started = True
        _active[self._ident] = self


class _DummyThread(Thread):
    # a thread started by thread() or _thread, seen through current_thread()
    def __init__(self):
        Thread.__init__(self, name=_newname('Dummy-%d'), daemon=True)
        self._handle = _thread.current()
        self._ident = self._handle.ident
        self._prio = self._handle.prio
        self._started = True
        _active[self._ident] = self

    def join(self, timeout=None):
        raise AssertionError('cannot join a dummy thread')


class Timer(Thread):
    """Call function(*args, **kwargs) after interval seconds, unless cancel() comes first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


def current_thread():
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


def main_thread():
    return _main


def enumerate():
    alive = []
    dead = []
    for ident, t in _active.items():
        if t.is_alive():
            alive.append(t)
        else:
            dead.append(ident)
    for ident in dead:
        if ident in _active and not _active[ident].is_alive():
            del _active[ident]
    return alive


def active_count():
    return len(enumerate())


currentThread = current_thread
activeCount = active_count


# ==== thread-local data ===================================================================

class local:
    """Attributes each thread sees its own of. A subclass's __init__ runs again, with the
    arguments of the call that made the object, in each other thread that uses it."""

    def __new__(cls, *args, **kwargs):
        if (args or kwargs) and cls.__init__ is local.__init__:
            raise TypeError('Initialization arguments are not supported')
        self = object.__new__(cls)
        object.__setattr__(self, '_local_dicts', {get_ident(): {}})
        object.__setattr__(self, '_local_args', (args, kwargs))
        return self

    def __init__(self):
        pass

    def _local_dict(self):
        dicts = object.__getattribute__(self, '_local_dicts')
        me = get_ident()
        d = dicts.get(me)
        if d is None:
            d = dicts[me] = {}
            init = type(self).__init__
            if init is not local.__init__:
                args, kwargs = object.__getattribute__(self, '_local_args')
                init(self, *args, **kwargs)
        return d

    def __getattr__(self, name):
        d = self._local_dict()
        if name in d:
            return d[name]
        raise AttributeError("'%s' object has no attribute '%s'" % (self._local_name(), name))

    def _local_name(self):
        return '_thread._local' if type(self) is local else type(self).__name__

    def __setattr__(self, name, value):
        self._local_dict()[name] = value

    def __delattr__(self, name):
        d = self._local_dict()
        if name not in d:
            raise AttributeError("'%s' object has no attribute '%s'" % (self._local_name(), name))
        del d[name]


_main = _MainThread()
