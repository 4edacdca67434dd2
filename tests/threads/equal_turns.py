# Two busy threads of the same priority take turns (time slices): each sees the other make
# progress while it is itself still running, more than once.
import time
count = [0, 0]
switches = [0, 0]
ready = [0]
ended = []

def busy(me):
    other = 1 - me
    ready[0] += 1
    while ready[0] < 2:   # both under way before the clock starts
        time.sleep(0.001)
    seen = count[other]
    start = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), start) < 150:
        count[me] += 1
        if count[other] != seen:
            seen = count[other]
            switches[me] += 1
    ended.append(count[other] > 0)

a = thread(busy, 0)
b = thread(busy, 1)
a.join()
b.join()
print("the first to end saw the other progress:", ended[0])
print("both took turns more than once:", switches[0] >= 2 and switches[1] >= 2)
