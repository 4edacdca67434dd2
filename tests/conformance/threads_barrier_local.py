# Barrier rounds, thread-local data, and threads started without threading.Thread.
import _thread
import threading

N = 4
phases = []
plock = threading.Lock()
leaders = []
barrier = threading.Barrier(N, action=lambda: leaders.append(len(phases)))


def phased(i):
    for phase in range(3):
        with plock:
            phases.append((phase, i))
        barrier.wait()


ts = [threading.Thread(target=phased, args=(i,)) for i in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
# every thread finished phase k before any started phase k + 1
print([p for p, _ in phases] == sorted(p for p, _ in phases), leaders)
print(barrier.parties, barrier.n_waiting, barrier.broken)

# indexes 0 .. N-1, one each
idx = []
b2 = threading.Barrier(3)
ts = [threading.Thread(target=lambda: idx.append(b2.wait())) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(idx))

# a timeout breaks the barrier for everyone
b3 = threading.Barrier(2, timeout=0.02)
try:
    b3.wait()
except threading.BrokenBarrierError:
    print('broken by timeout:', b3.broken)
try:
    b3.wait()
except threading.BrokenBarrierError:
    print('still broken')
b3.reset()
print('reset:', b3.broken)
b3.abort()
print('aborted:', b3.broken)

# thread-local attributes
data = threading.local()
data.name = 'main'
seen = {}


def use_local(i):
    print_missing = not hasattr(data, 'name')
    data.name = 'worker-%d' % i
    data.count = i
    seen[i] = (print_missing, data.name, data.count)


ts = [threading.Thread(target=use_local, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(data.name, hasattr(data, 'count'), [seen[i] for i in range(3)])
del data.name
print(hasattr(data, 'name'))

# a thread started by _thread: current_thread() gives a dummy, daemon, named Dummy-N
info = []
done = threading.Event()


def raw():
    me = threading.current_thread()
    info.append((me.name.startswith('Dummy-'), me.daemon, me.is_alive(), me is threading.current_thread(),
                 me.ident == threading.get_ident(), me is threading.main_thread()))
    done.set()


_thread.start_new_thread(raw, ())
done.wait()
print(info)
print(threading.main_thread().name, threading.current_thread() is threading.main_thread())
print(threading.get_ident() == threading.main_thread().ident, threading.get_native_id() == threading.main_thread().native_id)
print(type(threading.TIMEOUT_MAX).__name__, threading.TIMEOUT_MAX > 1000)


# a local subclass: its __init__ runs again, with the same arguments, in each thread using it
class Counter(threading.local):
    inits = 0

    def __init__(self, start):
        Counter.inits += 1
        self.value = start

    def bump(self):
        self.value += 1
        return self.value


c = Counter(10)
c.bump()
bumps = []


def twice():
    bumps.append((c.bump(), c.bump()))


ts = [threading.Thread(target=twice) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(c.value, bumps, Counter.inits)
try:
    threading.local(1)
except TypeError as e:
    print('TypeError:', e)
try:
    threading.local().missing
except AttributeError as e:
    print('AttributeError:', e)
