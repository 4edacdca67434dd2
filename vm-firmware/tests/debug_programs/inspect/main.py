# The program test_debug_inspect.c inspects: probe(n) is the test's native, which looks at the
# paused program (stage n). Lines matter: the tests assert them.
import _thread
import time


class Point:
    kind = 'pt'

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return 'Point(%d, %r)' % (self.x, self.y)


def outer(n):
    scale = 10

    def inner(k):
        total = k * scale + n
        probe(1)
        return total
    return inner(3)


def gen(n):
    for i in range(n):
        probe(2)
        yield i


def worker(name, started, gate):
    started.release()
    gate.acquire()
    gate.release()


class Body:
    a = 1
    probe(3)


items = list(range(300))
table = {'a': 1, 2: [1, 2]}
p = Point(1, 'two')
text = 'x' * 200
nested = [[i] for i in range(70)]
outer(5)
list(gen(1))
started = _thread.allocate_lock()
gate = _thread.allocate_lock()
started.acquire()
gate.acquire()
_thread.start_new_thread(worker, ('w', started, gate))
started.acquire()
time.sleep(0.05)
probe(4)
gate.release()
probe(5)


def odd_values():
    class Bad:
        def __repr__(self):
            raise ValueError('no repr')
    one = (1,)
    loop = [1]
    loop.append(loop)
    euros = '€' * 60
    bad = Bad()
    big = {i: str(i) for i in range(100)}
    probe(6)


odd_values()


def handled():
    try:
        raise KeyError('k')
    except KeyError:
        probe(7)
        raise


try:
    handled()
except KeyError as e:
    print('still', repr(e), e.__context__)
