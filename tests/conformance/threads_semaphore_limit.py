# A Semaphore keeps at most three workers inside at once: the peak is counted, not timed.
import threading
import time

LIMIT = 3
sem = threading.Semaphore(LIMIT)
count_lock = threading.Lock()
inside = 0
peak = 0
entered = threading.Condition()
entries = 0
go = threading.Event()
order = []


def worker(i):
    global inside, peak, entries
    with sem:
        with count_lock:
            inside += 1
            peak = max(peak, inside)
            order.append(i)
        with entered:
            entries += 1
            entered.notify_all()
        go.wait()
        time.sleep(0.002)
        with count_lock:
            inside -= 1


workers = [threading.Thread(target=worker, args=(i,)) for i in range(10)]
for w in workers:
    w.start()
with entered:
    entered.wait_for(lambda: entries == LIMIT)
time.sleep(0.05)   # the rest are stuck at the semaphore
print('inside before the go:', inside, entries)
go.set()
for w in workers:
    w.join()
print('peak:', peak, 'entered:', entries, 'inside now:', inside)
print('everyone got in:', sorted(order) == list(range(10)))

# acquire without blocking and with a timeout
s = threading.Semaphore(2)
print(s.acquire(), s.acquire(blocking=False), s.acquire(blocking=False), s.acquire(timeout=0.02))
s.release(2)
print(s.acquire(False), s.acquire(False), s.acquire(False))
try:
    s.acquire(False, 1)
except ValueError as e:
    print('ValueError:', e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print('ValueError:', e)

# a BoundedSemaphore refuses a release beyond its start value
b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print('ValueError:', e)

# semaphores handing turns between two threads: ping, pong, ping ...
ping = threading.Semaphore(1)
pong = threading.Semaphore(0)
rally = []


def player(mine, theirs, name):
    for _ in range(5):
        mine.acquire()
        rally.append(name)
        theirs.release()


p1 = threading.Thread(target=player, args=(ping, pong, 'ping'))
p2 = threading.Thread(target=player, args=(pong, ping, 'pong'))
p2.start()
p1.start()
p1.join()
p2.join()
print(' '.join(rally))
