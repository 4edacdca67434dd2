# A pool of worker threads takes numbered tasks from a queue; the results come back in order.
import queue
import threading


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


class Pool:
    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.results = {}
        self.done_lock = threading.Lock()
        self.counts = [0] * workers
        self.threads = []
        for w in range(workers):
            t = threading.Thread(target=self._work, args=(w,), name='pool-%d' % w)
            t.daemon = True
            self.threads.append(t)
            t.start()

    def _work(self, w):
        while True:
            index, fn, arg = self.tasks.get()
            try:
                value = fn(arg)
            except Exception as e:
                value = 'error: %s' % e
            with self.done_lock:
                self.results[index] = value
                self.counts[w] += 1
            self.tasks.task_done()

    def map(self, fn, args):
        args = list(args)
        for i, a in enumerate(args):
            self.tasks.put((i, fn, a))
        self.tasks.join()
        return [self.results.pop(i) for i in range(len(args))]


pool = Pool(4)
print(pool.map(collatz_steps, range(1, 21)))
print(pool.map(lambda x: 100 // x, [5, 4, 0, 2]))
squares = pool.map(lambda x: x * x, range(30))
print(sum(squares), squares[:5], squares[-1])
print('tasks done:', sum(pool.counts))
print('daemons:', [t.daemon for t in pool.threads], [t.name for t in pool.threads][:2])
print('left:', len(pool.results), pool.tasks.unfinished_tasks)

# the same with plain threads, each writing its own slot, joined in order
slots = [None] * 8


def fill(i):
    slots[i] = sum(range(i * 1000))


ts = [threading.Thread(target=fill, args=(i,)) for i in range(8)]
for t in ts:
    t.start()
for i, t in enumerate(ts):
    t.join()
    print(t.name, slots[i])
