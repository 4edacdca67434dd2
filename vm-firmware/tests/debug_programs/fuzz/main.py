# The program fuzz/fuzz_debug.c debugs: frames of several kinds (module, function, method, class
# body, generator, a second thread blocked on a lock), containers, and an exception now and then.
import _thread


class Box:
    tag = 'box'

    def __init__(self, v):
        self.v = v
        self.items = [v, str(v) * 40, (v, 2.5), {v: [v]}]

    def __repr__(self):
        if self.v == 3:
            raise ValueError('no repr')
        return 'Box(%r)' % self.v


def squares(n):
    for i in range(n):
        yield i * i


def work(n):
    box = Box(n)
    total = 0
    for s in squares(n):
        total += s
    scale = 2

    def scaled():
        return total * scale
    return box, scaled()


def wait(lock, ready):
    ready.release()
    lock.acquire()


# the second thread runs until it blocks, whatever the clock (the fuzz port's never moves)
lock = _thread.allocate_lock()
ready = _thread.allocate_lock()
lock.acquire()
ready.acquire()
_thread.start_new_thread(wait, (lock, ready))
ready.acquire()
big = list(range(500))
for k in range(1000):
    result = work(k % 5)
    if k % 7 == 0:
        try:
            raise KeyError(k)
        except KeyError:
            pass
lock.release()
