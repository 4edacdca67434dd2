# Thread switch cost: two threads hand two locks back and forth; every round trip is two
# switches. Runs on CPython too (its _thread), the peer the ratio is taken against.
import _thread
import time

N = 20000
ping = _thread.allocate_lock()
pong = _thread.allocate_lock()
done = _thread.allocate_lock()
ping.acquire()
pong.acquire()
done.acquire()


def partner():
    for _ in range(N):
        ping.acquire()
        pong.release()
    done.release()


_thread.start_new_thread(partner, ())
start = time.perf_counter()
for _ in range(N):
    ping.release()
    pong.acquire()
elapsed = time.perf_counter() - start
done.acquire()
print("switch_us", round(elapsed / (2 * N) * 1e6, 3))
