# queue: task_done() and join(), the orders of the queue kinds, Full and Empty, timeouts.
import queue
import threading

q = queue.Queue()
processed = []
plock = threading.Lock()


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        with plock:
            processed.append(item * 10)
        q.task_done()


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for round_ in range(3):
    for i in range(8):
        q.put(round_ * 100 + i)
    q.join()   # every item put so far is done
    print('round', round_, 'done:', len(processed), q.unfinished_tasks, q.empty())
for _ in workers:
    q.put(None)
q.join()
for w in workers:
    w.join()
print(sum(processed))
try:
    q.task_done()
except ValueError as e:
    print('ValueError:', e)

# the orders
fifo, lifo, prio = queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()
for x in [5, 1, 4, 2, 3]:
    fifo.put(x)
    lifo.put(x)
    prio.put((x % 3, x))
print([fifo.get() for _ in range(5)])
print([lifo.get() for _ in range(5)])
print([prio.get() for _ in range(5)])

# bounded: Full at once without blocking, after the timeout with it
b = queue.Queue(maxsize=2)
b.put('a')
b.put_nowait('b')
print(b.full(), b.qsize(), b.maxsize)
try:
    b.put_nowait('c')
except queue.Full:
    print('Full (nowait)')
try:
    b.put('c', timeout=0.02)
except queue.Full:
    print('Full (timeout)')
try:
    b.put('c', block=False)
except queue.Full:
    print('Full (block=False)')
print(b.get(), b.get_nowait(), b.empty())
try:
    b.get(timeout=0.02)
except queue.Empty:
    print('Empty (timeout)')
try:
    b.get(timeout=-1)
except ValueError as e:
    print('ValueError:', e)

# a blocked put goes on when a get makes room
b.put(1)
b.put(2)
done = []
t = threading.Thread(target=lambda: (b.put(3), done.append('put 3')))
t.start()
t.join(0.05)
print('blocked put done?', done)
print(b.get())
t.join()
print(done, list(b.queue))

# SimpleQueue: no bound, no task tracking
s = queue.SimpleQueue()
for i in range(4):
    s.put(i)
print(s.qsize(), s.empty(), [s.get() for _ in range(4)], s.empty())
try:
    s.get_nowait()
except queue.Empty:
    print('Empty (SimpleQueue)')
got = []
t = threading.Thread(target=lambda: got.append(s.get(timeout=30)))
t.start()
s.put('late')
t.join()
print(got)
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
