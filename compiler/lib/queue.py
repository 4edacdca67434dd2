# queue for Viper: the queues threads hand work to each other through (FIFO, LIFO, priority,
# and the unbounded SimpleQueue), on threading's locks and conditions.

import threading
from heapq import heappush as _heappush, heappop as _heappop
from time import monotonic as _time


class Empty(Exception):
    'Exception raised by Queue.get(block=0)/get_nowait().'
    pass


class Full(Exception):
    'Exception raised by Queue.put(block=0)/put_nowait().'
    pass


def _check_timeout(timeout):
    if timeout < 0:
        raise ValueError("'timeout' must be a non-negative number")


class Queue:
    """A FIFO queue of at most maxsize items (no limit when maxsize <= 0).

    Subclasses choose the order by overriding _init, _qsize, _put and _get."""

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        # one lock; three conditions on it, for who waits for what (the with statements take
        # the lock itself: a condition's __enter__ would only add a call)
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.unfinished_tasks = 0

    def task_done(self):
        with self.mutex:
            left = self.unfinished_tasks - 1
            if left < 0:
                raise ValueError('task_done() called too many times')
            self.unfinished_tasks = left
            if left == 0:
                self.all_tasks_done.notify_all()

    def join(self):
        with self.mutex:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()

    def qsize(self):
        with self.mutex:
            return self._qsize()

    def empty(self):
        with self.mutex:
            return not self._qsize()

    def full(self):
        with self.mutex:
            return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        with self.mutex:
            if self.maxsize > 0 and self._qsize() >= self.maxsize:
                if not block:
                    raise Full
                if timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                else:
                    _check_timeout(timeout)
                    deadline = _time() + timeout
                    while self._qsize() >= self.maxsize:
                        left = deadline - _time()
                        if left <= 0:
                            raise Full
                        self.not_full.wait(left)
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        with self.mutex:
            if not self._qsize():
                if not block:
                    raise Empty
                if timeout is None:
                    while not self._qsize():
                        self.not_empty.wait()
                else:
                    _check_timeout(timeout)
                    deadline = _time() + timeout
                    while not self._qsize():
                        left = deadline - _time()
                        if left <= 0:
                            raise Empty
                        self.not_empty.wait(left)
            item = self._get()
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    # the storage, q.queue: a list (CPython's is a deque; collections costs too much to import
    # here, and pop(0) moves the few items a queue holds in one memmove)
    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop(0)


class LifoQueue(Queue):
    """The last item put is the first got."""

    def _get(self):
        return self.queue.pop()


class PriorityQueue(Queue):
    """The smallest item first (entries are often (priority, data) tuples)."""

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        _heappush(self.queue, item)

    def _get(self):
        return _heappop(self.queue)


class SimpleQueue:
    """An unbounded FIFO queue without task tracking: put never blocks."""

    def __init__(self):
        self._items = []
        self._head = 0
        self._lock = threading.Lock()
        self._ready = threading.Condition(self._lock)

    def put(self, item, block=True, timeout=None):
        with self._lock:
            self._items.append(item)
            self._ready.notify()

    def put_nowait(self, item):
        self.put(item, False)

    def get(self, block=True, timeout=None):
        with self._lock:
            if self._head == len(self._items):
                if not block:
                    raise Empty
                if timeout is not None:
                    _check_timeout(timeout)
                if not self._ready.wait_for(self._nonempty, timeout):
                    raise Empty
            items = self._items
            i = self._head
            item = items[i]
            items[i] = None
            i += 1
            if i >= 32 and i * 2 >= len(items):
                del items[:i]
                i = 0
            self._head = i
            return item

    def _nonempty(self):
        return self._head < len(self._items)

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        return self._head == len(self._items)

    def qsize(self):
        return len(self._items) - self._head
