# More than 100,000 lock and queue operations across several threads, with exact counts:
# every increment made under a lock is there at the end, every item put is got once.
import queue
import threading

# 4 threads x 10,000 increments under one Lock (40,000 acquires and releases)
lock = threading.Lock()
counter = 0


def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


# 2 threads x 5,000 rounds taking an RLock twice (20,000 acquires, 20,000 releases)
rlock = threading.RLock()
rcounts = [0, 0]


def bump_twice(n):
    for _ in range(n):
        with rlock:
            rcounts[0] += 1
            with rlock:
                rcounts[1] += 1


# a semaphore of 2 around a shared total, with a count of who is inside
sem = threading.BoundedSemaphore(2)
guard = threading.Lock()
inside = [0, 0]   # now, most ever
sem_total = [0]


def limited(n):
    for i in range(n):
        with sem:
            with guard:
                inside[0] += 1
                inside[1] = max(inside[1], inside[0])
            x = i * 2 // 2   # work while inside, where the other holder may come in too
            with guard:
                sem_total[0] += x
                inside[0] -= 1


ts = [threading.Thread(target=bump, args=(10000,)) for _ in range(4)]
ts += [threading.Thread(target=bump_twice, args=(5000,)) for _ in range(2)]
ts += [threading.Thread(target=limited, args=(2000,)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print('lock:', counter)
print('rlock:', rcounts)
print('semaphore:', sem_total[0], 3 * sum(range(2000)), inside[0], 1 <= inside[1] <= 2)

# 3 producers x 4,000 items through a bounded Queue to 3 consumers, task_done for each
PRODUCERS, CONSUMERS, ITEMS = 3, 3, 4000
q = queue.Queue(maxsize=32)
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

# a ring of 4 threads passing a token through SimpleQueues 5,000 times
RING, LAPS = 4, 1250
links = [queue.SimpleQueue() for _ in range(RING)]
passes = [0] * RING


def station(k):
    inbox, outbox = links[k], links[(k + 1) % RING]
    while True:
        token = inbox.get()
        if token is None:
            outbox.put(None)
            return
        passes[k] += 1
        if token == RING * LAPS:
            outbox.put(None)
            return
        outbox.put(token + 1)


ring = [threading.Thread(target=station, args=(k,)) for k in range(RING)]
for t in ring:
    t.start()
links[0].put(1)
for t in ring:
    t.join()
print('ring passes:', passes, sum(passes))
print('threads left:', threading.active_count(), q.qsize(), q.unfinished_tasks)
