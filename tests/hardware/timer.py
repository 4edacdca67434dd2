# machine.Timer: periodic and one-shot callbacks, run by the callbacks' thread.
import time
from machine import Timer

ticks = []
start = time.ticks_ms()
t = Timer(-1, mode=Timer.PERIODIC, period=20, callback=lambda tm: ticks.append(time.ticks_ms()))
time.sleep(1)
t.deinit()
n = len(ticks)
# one tick per 20 ms of the time that really passed (a busy machine oversleeps): wide margins
due = time.ticks_diff(time.ticks_ms(), start) // 20
print('periodic 20 ms for 1 s:', due * 0.6 <= n <= due + 3)
time.sleep(0.1)
print('stopped by deinit:', len(ticks) == n)

once = []
o = Timer(0, mode=Timer.ONE_SHOT, period=50, callback=once.append)
time.sleep(0.3)
print('one-shot ran once:', len(once), type(once[0]).__name__, once[0], once[0] is o)
o.deinit()

hz = []
start = time.ticks_ms()
f = Timer(1, freq=100, callback=lambda tm: hz.append(1))
time.sleep(0.5)
f.deinit()
due = time.ticks_diff(time.ticks_ms(), start) // 10
print('freq=100 for 0.5 s:', due * 0.6 <= len(hz) <= due + 3)

def broken(tm):
    raise ValueError('broken callback')
b = Timer(2, period=10, callback=broken)
time.sleep(0.1)
print('after a failing callback the program goes on')
b.deinit()

def fails(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)

fails(lambda: Timer(4))
fails(lambda: Timer(0, period=-1, callback=print))
fails(lambda: Timer(0, mode=5, period=10))
fails(lambda: Timer('x'))
timers = [Timer() for i in range(4)]
fails(lambda: Timer())
print(sorted(repr(x) for x in timers))
