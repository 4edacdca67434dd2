import time
log = []

def divide(a, b):
    return a // b

def worker(n):
    log.append("worker %d starts" % n)
    divide(n, 0)
    log.append("never")

def steady():
    while not log:
        time.sleep(0.001)
    for i in range(3):
        time.sleep(0.01)
        log.append("steady %d" % i)

s = thread(steady)
w = thread(worker, 7)
w.join()
print("main goes on", w.is_alive())
s.join()
print(log)
