# Timers call a function later, unless cancelled first; a Timer is a Thread.
import threading

fired = []
done = threading.Event()


def ring(label, times=1):
    fired.append(label * times)
    done.set()


t = threading.Timer(0.02, ring, args=('ding',), kwargs={'times': 2})
print(isinstance(t, threading.Thread), t.name, t.is_alive())
t.start()
print('fired in time:', done.wait(30))
t.join()
print(fired, t.is_alive(), t.finished.is_set())

# cancelled long before its time: never calls, and ends at once
c = threading.Timer(60, ring, args=('never',))
c.start()
c.cancel()
c.join(30)
print('cancelled:', c.is_alive(), fired)

# cancelled before start: it still runs, but calls nothing
early = threading.Timer(0.01, ring, args=('early',))
early.cancel()
early.start()
early.join()
print('cancelled before start:', fired)

# several timers, each recording through the same lock; all of them fire once
log = []
lock = threading.Lock()


def note(i):
    with lock:
        log.append(i)


timers = [threading.Timer(0.01 * (i % 3), note, args=(i,)) for i in range(6)]
for tm in timers:
    tm.start()
for tm in timers:
    tm.join()
print(sorted(log), [tm.name for tm in timers][:2])

# a timer subclass that repeats until cancelled
class Repeater(threading.Timer):
    def run(self):
        while not self.finished.wait(self.interval):
            self.function(*self.args, **self.kwargs)


ticks = []
stop = threading.Event()


def tick():
    ticks.append(len(ticks))
    if len(ticks) == 5:
        stop.set()


r = Repeater(0.005, tick)
r.start()
stop.wait(30)
r.cancel()
r.join()
print('ticks:', ticks[:5])
