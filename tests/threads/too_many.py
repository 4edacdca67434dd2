# Threads until the heap (--heap 1m) has no room for one more: MemoryError (or RuntimeError
# "can't start new thread" when the OS says no first), never a crash; the VM goes on and
# starts threads again once they have ended.
import _thread
gate = _thread.allocate_lock()
gate.acquire()

def parked():
    gate.acquire()
    gate.release()

threads = []
err = None
try:
    for i in range(100000):
        threads.append(thread(parked))
except (MemoryError, RuntimeError) as e:
    err = e
print(type(err).__name__, len(threads) >= 2, _thread._count() == len(threads))
gate.release()
for t in threads:
    t.join()
t = thread(parked)
t.join()
print("started again once they ended:", not t.is_alive(), _thread._count())
