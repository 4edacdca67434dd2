# Events pass a baton from thread to thread, so they print in a fixed order whatever their start.
import threading

N = 6
events = [threading.Event() for _ in range(N + 1)]
log = []


def runner(i):
    events[i].wait()
    log.append('runner %d' % i)
    print('runner', i, 'has the baton')
    events[i + 1].set()


# start them backwards: the events, not the start order, decide who runs when
threads = [threading.Thread(target=runner, args=(i,)) for i in reversed(range(N))]
for t in threads:
    t.start()
print('set flags before:', [e.is_set() for e in events])
events[0].set()
print('last flag:', events[N].wait(30))
for t in threads:
    t.join()
print(log == ['runner %d' % i for i in range(N)])

# wait with a timeout on an event nobody sets, then one set and cleared
e = threading.Event()
print('timed out:', e.wait(0.05), e.is_set())
e.set()
print('set:', e.wait(0), e.wait(), e.is_set())
e.clear()
print('cleared:', e.is_set(), e.wait(0.01))

# a start gate: workers wait for one event, then each reports to its own
gate = threading.Event()
ready = [threading.Event() for _ in range(3)]
order = []
order_lock = threading.Lock()


def gated(i):
    ready[i].set()
    gate.wait()
    with order_lock:
        order.append(i)


ws = [threading.Thread(target=gated, args=(i,)) for i in range(3)]
for w in ws:
    w.start()
for r in ready:
    r.wait()
print('waiting before the gate:', order)
gate.set()
for w in ws:
    w.join()
print('passed the gate:', sorted(order))
