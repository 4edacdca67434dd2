# A bounded buffer written on a Condition: producers wait while it is full, consumers while
# it is empty; wait_for keeps the predicates, notify_all wakes the other side.
import threading


class BoundedBuffer:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.cond = threading.Condition()
        self.peak = 0
        self.closed = False

    def put(self, item):
        with self.cond:
            self.cond.wait_for(lambda: len(self.items) < self.capacity)
            self.items.append(item)
            self.peak = max(self.peak, len(self.items))
            self.cond.notify_all()

    def get(self):
        with self.cond:
            self.cond.wait_for(lambda: self.items or self.closed)
            if not self.items:
                return None
            item = self.items.pop(0)
            self.cond.notify_all()
            return item

    def close(self):
        with self.cond:
            self.closed = True
            self.cond.notify_all()


buf = BoundedBuffer(3)
got = [[] for _ in range(3)]


def produce(base):
    for i in range(15):
        buf.put(base + i)


def consume(k):
    while True:
        item = buf.get()
        if item is None:
            return
        got[k].append(item)


cs = [threading.Thread(target=consume, args=(k,)) for k in range(3)]
ps = [threading.Thread(target=produce, args=(b,)) for b in (0, 1000)]
for t in cs + ps:
    t.start()
for t in ps:
    t.join()
buf.close()
for t in cs:
    t.join()
everything = sorted(x for g in got for x in g)
print(len(everything), everything == sorted(list(range(15)) + list(range(1000, 1015))))
print('peak within capacity:', 1 <= buf.peak <= 3)
for g in got:   # each consumer sees each producer's items in the order put
    lows = [x for x in g if x < 1000]
    assert lows == sorted(lows)

# notify wakes one waiter at a time; the rest stay asleep. The sleepers wait on cond and
# report on another condition over the same lock, which only the main thread waits on.
shared = threading.Lock()
cond = threading.Condition(shared)
reported = threading.Condition(shared)
woken = []
waiting = [0]


def sleeper(i):
    with cond:
        waiting[0] += 1
        reported.notify_all()
        cond.wait()
        woken.append(i)
        reported.notify_all()


ss = [threading.Thread(target=sleeper, args=(i,)) for i in range(4)]
for s in ss:
    s.start()
with cond:
    reported.wait_for(lambda: waiting[0] == 4)
    cond.notify()
with cond:
    reported.wait_for(lambda: len(woken) == 1, 30)
print('after notify():', len(woken))
with cond:
    cond.notify(2)
with cond:
    reported.wait_for(lambda: len(woken) == 3, 30)
print('after notify(2):', len(woken))
with cond:
    cond.notify_all()
for s in ss:
    s.join()
print('after notify_all():', sorted(woken))

# timeouts and misuse
with cond:
    print('wait(0.02):', cond.wait(0.02))
    print('wait_for timeout:', cond.wait_for(lambda: False, 0.02))
try:
    cond.wait()
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    cond.notify()
except RuntimeError as e:
    print('RuntimeError:', e)
