# At exit the program waits for its non-daemon threads and leaves its daemon threads behind.
import threading
import time

started = threading.Event()


def forever():
    started.set()
    while True:
        time.sleep(0.01)


def blocked_forever(lock):
    lock.acquire()
    lock.acquire()   # never


d1 = threading.Thread(target=forever, daemon=True)
d1.start()
started.wait()
d2 = threading.Thread(target=blocked_forever, args=(threading.Lock(),))
d2.daemon = True
d2.start()
d3 = threading.Thread(target=threading.Event().wait, daemon=True)
d3.start()
print('daemons:', d1.daemon, d2.daemon, d3.daemon, d1.is_alive(), d2.is_alive(), d3.is_alive())

# a non-daemon thread still running at the end of the main program is waited for
last = threading.Event()


def finisher():
    last.wait()
    time.sleep(0.05)
    print('the non-daemon thread ends last')


f = threading.Thread(target=finisher)
f.start()
print('threads alive:', threading.active_count())
print('main program ends')
last.set()
