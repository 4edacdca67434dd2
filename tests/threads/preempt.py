# A high-priority thread that wakes from sleep preempts a busy low-priority loop at once: the
# loop makes no progress while the high thread is busy.
import time
events = []
count = [0]
done = [False]

def low():
    events.append("low starts")
    while not done[0]:
        count[0] += 1
    events.append("low ends")

def high():
    time.sleep(0.05)
    seen = count[0]
    events.append("high wakes")
    n = 0
    for i in range(200000):
        n += i
    events.append("high busy, low ran meanwhile: %s" % (count[0] != seen))
    done[0] = True

l = thread(low, prio=PRIO_LOWEST)
while not events:
    time.sleep(0.001)
h = thread(high, prio=PRIO_HIGHEST)
h.join()
l.join()
print(events)
print(count[0] > 0)
