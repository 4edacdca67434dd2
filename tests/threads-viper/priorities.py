# Viper's priorities through threading: Thread(prio=...), set_prio, .prio; a higher thread
# runs as soon as it is ready, a lower one only while the higher ones wait.
import threading
import time

log = []
go = threading.Event()


def worker(tag):
    go.wait()
    log.append(tag)


low = threading.Thread(target=worker, args=('low',), prio=threading.PRIO_LOWER)
high = threading.Thread(target=worker, args=('high',), prio=threading.PRIO_HIGHER)
low.start()
high.start()
go.set()   # both are ready now: the higher one runs at once, the lower one once main waits
log.append('main')
low.join()
high.join()
print(log)
print(low.prio, high.prio, threading.main_thread().prio, threading.PRIO_NORMAL)

t = threading.Thread(target=worker, args=('late',))
t.set_prio(threading.PRIO_HIGHEST)
print(t.prio)
t.start()
t.set_prio(threading.PRIO_LOWEST)
print(t.prio)
t.join()
try:
    threading.Thread(target=print, prio=9).start()
except ValueError as e:
    print('ValueError:', e)
try:
    t.set_prio(0)
except ValueError as e:
    print('ValueError:', e)

# a busy main thread: a lower thread gets no turn until it waits, an equal one shares
counts = {'lower': 0, 'equal': 0}
stop = threading.Event()


def spin(tag):
    while not stop.is_set():
        counts[tag] += 1


a = threading.Thread(target=spin, args=('lower',), prio=threading.PRIO_LOWER)
b = threading.Thread(target=spin, args=('equal',))
a.start()
b.start()
start = dict(counts)   # the lower one ran while main waited for the starts, not since
t0 = time.monotonic()
while time.monotonic() - t0 < 0.1:   # ten time slices of busy main thread
    pass
before = dict(counts)
stop.set()
a.join()
b.join()
print('lower ran while main was busy:', before['lower'] > start['lower'],
      '- equal ran:', before['equal'] > start['equal'])
