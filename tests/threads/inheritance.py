# The classic inversion: L (lowest) holds the lock H (highest) wants, and M (normal, busy) is
# ready meanwhile. With priority inheritance L runs at H's priority until it releases, so the
# order is L releases, H, then M; without it M would run first and H would wait for M.
import _thread, time
events = []
lock = _thread.allocate_lock()

def busy(ms):
    # busy for ms, never blocking: only preemption lets another thread in
    start = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), start) < ms:
        pass

def low():
    with lock:
        events.append("L holds the lock")
        while "H wants the lock" not in events:
            pass
        busy(50)
        events.append("L releases")

def medium():
    while "H wants the lock" not in events:
        time.sleep(0.001)
    events.append("M runs")
    busy(30)
    events.append("M ends")

def high():
    events.append("H wants the lock")
    with lock:
        events.append("H has the lock")
    events.append("H ends")

L = thread(low, prio=PRIO_LOWEST)
while not lock.locked():
    time.sleep(0.001)
M = thread(medium, prio=PRIO_NORMAL)
H = thread(high, prio=PRIO_HIGHEST)
for t in (L, M, H):
    t.join()
for e in events:
    print(e)
