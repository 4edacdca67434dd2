# A lock held by a thread that ended holding it, whose thread object nothing else keeps: the
# lock keeps it alive. (Collected, its memory went to the next thread made, which then found
# itself the owner: acquire() returned True. The stress-GC VM shows it.)
import _thread, gc, time
lock = _thread.allocate_lock()

def grab():
    lock.acquire()

_thread.start_new_thread(grab, ())
while not lock.locked():
    time.sleep(0.001)
time.sleep(0.01)
t = thread(len, "x")        # starting a thread reaps the one that ended
t.join()
t = None
gc.collect()

def waiter():
    print("acquired:", lock.acquire(True, 0.05), lock.locked())

w = thread(waiter, prio=PRIO_HIGHEST)
w.join()
