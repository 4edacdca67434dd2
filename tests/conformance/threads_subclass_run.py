# Thread subclasses: run() overridden, state kept on the instance, read after join().
import threading


class Summer(threading.Thread):
    def __init__(self, numbers, **kw):
        super().__init__(**kw)
        self.numbers = numbers
        self.total = None

    def run(self):
        self.total = sum(self.numbers)


class Fib(threading.Thread):
    def __init__(self, n):
        threading.Thread.__init__(self, name='fib-%d' % n)
        self.n = n
        self.value = None

    def run(self):
        a, b = 0, 1
        for _ in range(self.n):
            a, b = b, a + b
        self.value = a


class Spawner(threading.Thread):
    # a thread that starts threads: daemon status passes down, as in CPython
    def run(self):
        child = threading.Thread(target=lambda: None)
        self.child_daemon = child.daemon
        self.me = threading.current_thread() is self
        child.start()
        child.join()


s = Summer(range(101))
print(s.name, s.daemon, s.ident is None, s.is_alive())
print(repr(s))
s.start()
s.join()
print(s.total, s.is_alive(), repr(s).startswith('<Summer(Thread-1, stopped '))

fibs = [Fib(n) for n in (10, 20, 30, 40)]
for f in fibs:
    f.start()
for f in fibs:
    f.join()
print([(f.name, f.value) for f in fibs])

named = Summer([1, 2, 3], name='adder', daemon=True)
named.start()
named.join()
print(named.name, named.daemon, named.total, repr(named).startswith('<Summer(adder, stopped daemon '))

for daemon in (False, True):
    sp = Spawner(daemon=daemon)
    sp.start()
    sp.join()
    print('daemon', daemon, '-> child daemon', sp.child_daemon, 'current_thread is self:', sp.me)

# run() can be called directly: it runs in the caller's thread
direct = Summer([4, 5])
direct.run()
print('direct run:', direct.total, direct.ident)

# a target with the Thread's run: target, args and kwargs
out = []
t = threading.Thread(target=out.append, args=('x',))
t.start()
t.join()
t2 = threading.Thread(target=lambda a, b=0: out.append(a + b), args=(1,), kwargs={'b': 41})
t2.start()
t2.join()
print(out, t.name, t2.name)

# starting twice, joining before start, setting daemon after start
try:
    t.start()
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    threading.Thread(target=print).join()
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    t.daemon = True
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print('RuntimeError:', e)
print(threading.Thread(name=7).name, threading.Thread().name)
