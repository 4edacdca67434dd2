# Lock and queue operations across several threads, with exact counts at the end: 4 threads
# x N_LOCK increments under a Lock, 2 x N_RLOCK under an RLock taken twice, and 3 producers x
# N_ITEMS items through a bounded Queue to 3 consumers. Small enough for the sanitizer build;
# tests/threads-stress runs the same with more than 100,000 operations on the plain VM.
import queue
import threading

N_LOCK, N_RLOCK, N_ITEMS = 100, 50, 30

lock = threading.Lock()
counter = 0


def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


rlock = threading.RLock()
rcounter = [0, 0]


def bump_twice(n):
    for _ in range(n):
        with rlock:
            rcounter[0] += 1
            with rlock:
                rcounter[1] += 1


ts = [threading.Thread(target=bump, args=(N_LOCK,)) for _ in range(4)]
ts += [threading.Thread(target=bump_twice, args=(N_RLOCK,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print('lock counter:', counter)
print('rlock counters:', rcounter)

PRODUCERS, CONSUMERS, ITEMS = 3, 3, N_ITEMS
q = queue.Queue(maxsize=16)
totals = queue.Queue()


def produce(p):
    for i in range(ITEMS):
        q.put(p * ITEMS + i)


def consume():
    n = total = 0
    while True:
        x = q.get()
        q.task_done()
        if x is None:
            break
        n += 1
        total += x
    totals.put((n, total))


ps = [threading.Thread(target=produce, args=(p,)) for p in range(PRODUCERS)]
cs = [threading.Thread(target=consume) for _ in range(CONSUMERS)]
for t in cs + ps:
    t.start()
for t in ps:
    t.join()
for _ in cs:
    q.put(None)
q.join()
for t in cs:
    t.join()
got = [totals.get() for _ in cs]
n = PRODUCERS * ITEMS
print('items:', sum(g[0] for g in got), 'of', n)
print('sum:', sum(g[1] for g in got), n * (n - 1) // 2)
print('left:', q.qsize(), q.unfinished_tasks, threading.active_count())
