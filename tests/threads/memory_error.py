# On a small heap (--heap 256k) one thread runs out of memory: it alone ends, with MemoryError
# reported as its exception; the other thread and main go on, and main can still allocate.
import time
log = []

def hog():
    blocks = []
    while True:
        blocks.append(bytearray(4096))

def counter():
    total = 0
    for i in range(5):
        time.sleep(0.01)
        total += len([j for j in range(50)])
    log.append("counter %d" % total)

c = thread(counter)
h = thread(hog)
h.join()
c.join()
print(log, "main alive")
try:
    hog()
except MemoryError:
    print("main caught MemoryError")
print("end", sum([i for i in range(100)]))
