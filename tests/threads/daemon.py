# The program waits for its non-daemon thread, then cuts off the daemon threads wherever they
# are: sleeping, busy, waiting for a lock no one releases.
import _thread, time
ticks = []
held = _thread.allocate_lock()
held.acquire()

def ticker():
    while True:
        time.sleep(0.005)
        ticks.append(1)

def spinner():
    n = 0
    while True:
        n += 1

def stuck():
    held.acquire()
    print("never: the daemon got a lock no one releases")

def worker():
    while len(ticks) < 3:   # the daemons run meanwhile
        time.sleep(0.01)
    print("worker ends after the daemon ticked")

_thread.start(ticker, (), daemon=True)
_thread.start(spinner, (), daemon=True)
_thread.start(stuck, (), daemon=True)
_thread.start(worker, ())
print("main ends with", _thread._count(), "threads running")
