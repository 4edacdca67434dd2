# A lock protects shared state.
#
# Two threads each add 1 to a shared total 100 times; the total should end
# at 200. Each update reads the total, does something slow (here a short
# sleep: think of a sensor read or a print), then writes the total back.
# Without a lock, another thread can update the total in between, and that
# update is lost when the first thread writes back its stale value.
# With a lock, one thread at a time does the whole read-and-write.
#
# (threading.Lock() is the same lock; _thread's is used here because the
# threading module makes a program too big for most boards' program store.)
import _thread
import time

THREADS = 2     # boards have room for a few threads only: 2 besides the main program on most
UPDATES = 100   # per thread

total = 0
lock = _thread.allocate_lock()


def add_unsafely():
    global total
    for _ in range(UPDATES):
        value = total          # read...
        time.sleep_ms(1)       # ...something slow happens here...
        total = value + 1      # ...and write back: another thread may have updated total meanwhile


def add_safely():
    global total
    for _ in range(UPDATES):
        with lock:             # only one thread at a time gets past this line
            value = total
            time.sleep_ms(1)
            total = value + 1


def run(worker):
    global total
    total = 0
    workers = [thread(worker) for _ in range(THREADS)]   # each starts at once
    for w in workers:
        w.join()               # wait until every thread has finished
    return total


print("expected:", THREADS * UPDATES)
print("without a lock:", run(add_unsafely))
print("with a lock:", run(add_safely))
