# Producers and consumers around one bounded queue; each consumer stops at its sentinel.
import queue
import threading

SENTINEL = None
jobs = queue.Queue(maxsize=5)
results = queue.Queue()
lock = threading.Lock()
seen_by = {}


def producer(pid, count):
    for i in range(count):
        jobs.put((pid, i, pid * 1000 + i))


def consumer(cid):
    handled = 0
    while True:
        job = jobs.get()
        if job is SENTINEL:
            break
        pid, i, value = job
        results.put((pid, i, value * 2))
        handled += 1
    with lock:
        seen_by[cid] = handled


producers = [threading.Thread(target=producer, args=(p, 15)) for p in range(3)]
consumers = [threading.Thread(target=consumer, args=(c,), name='consumer-%d' % c) for c in range(4)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    jobs.put(SENTINEL)
for t in consumers:
    t.join()

collected = []
while not results.empty():
    collected.append(results.get_nowait())
print('results:', len(collected))
collected.sort()
print('first:', collected[:3])
print('last:', collected[-2:])
print('per producer:', [sum(1 for r in collected if r[0] == p) for p in range(3)])
print('in order per producer:', all(
    [r[1] for r in collected if r[0] == p] == list(range(15)) for p in range(3)))
print('handled in all:', sum(seen_by.values()), sorted(seen_by))
print('total:', sum(r[2] for r in collected))
print('queues empty:', jobs.empty(), results.empty(), jobs.qsize())
print('alive:', [t.is_alive() for t in consumers])
try:
    results.get_nowait()
except queue.Empty:
    print('Empty raised')
