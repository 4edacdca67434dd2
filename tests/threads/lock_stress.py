# 8 threads of three priorities, 120,000 acquire/release pairs of one lock: the count is exact.
# Each read-modify-write gives the interpreter lock away inside the lock now and then, so a
# lock that let two threads in would lose updates.
import _thread, time
lock = _thread.allocate_lock()
total = [0]
per = [0] * 8
ROUNDS = 15000

def worker(k):
    for i in range(ROUNDS):
        if i % 2:
            lock.acquire()
            v = total[0]
            if i % 499 == 1:
                time.sleep(0)
            total[0] = v + 1
            lock.release()
        else:
            with lock:
                total[0] += 1
        per[k] += 1

threads = [thread(worker, k, prio=PRIO_LOWER + k % 3) for k in range(8)]
for t in threads:
    t.join()
print(total[0], per, lock.locked())
