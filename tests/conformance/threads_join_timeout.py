# join(timeout) returns None whether or not the thread ended: is_alive() tells which.
import threading
import time

release = threading.Event()


def waits():
    release.wait()


t = threading.Thread(target=waits, name='waiter')
t.start()
start = time.monotonic()
print(t.join(0.1), t.is_alive())
print('waited at least the timeout:', time.monotonic() - start >= 0.09)
print(t.join(timeout=0), t.is_alive())
print(t.join(-1), t.is_alive())
print('waiter' in [x.name for x in threading.enumerate()], threading.active_count())
release.set()
t.join(30)
print(t.is_alive(), [x.name for x in threading.enumerate()], threading.active_count())

# join on a thread that already ended returns at once, as often as asked
t.join()
t.join(0)
print('joined again')

# a slow worker joined in slices, counting the rounds until it ends
stop = threading.Event()
count = [0]


def slow():
    while not stop.is_set():
        count[0] += 1
        time.sleep(0.005)


w = threading.Thread(target=slow)
w.start()
rounds = 0
while w.is_alive():
    w.join(0.01)
    rounds += 1
    if rounds == 3:
        stop.set()
print('rounds:', rounds >= 3, 'worked:', count[0] > 0)
