# A tiny round-robin scheduler driving coroutines with send(None), no asyncio: tasks await a
# Sleep that yields to the scheduler, return results, fail, get cancelled with throw().
import types


class Sleep:
    """Awaitable: gives the scheduler the number of ticks to wait."""
    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        woke_at = yield self.ticks
        return woke_at


class Cancelled(Exception):
    pass


@types.coroutine
def checkpoint():
    # a generator-based coroutine: awaitable thanks to types.coroutine
    now = yield 0
    return now


class Task:
    def __init__(self, name, coro):
        self.name = name
        self.coro = coro
        self.wake = 0
        self.result = None
        self.error = None
        self.done = False

    def __repr__(self):
        state = 'done' if self.done else 'waiting until %d' % self.wake
        return '<Task %s %s>' % (self.name, state)


class Scheduler:
    def __init__(self):
        self.tasks = []
        self.clock = 0
        self.log = []

    def spawn(self, name, coro):
        t = Task(name, coro)
        self.tasks.append(t)
        return t

    def step(self, task, value=None, exc=None):
        try:
            if exc is not None:
                ticks = task.coro.throw(exc)
            else:
                ticks = task.coro.send(value)
        except StopIteration as stop:
            task.done = True
            task.result = stop.value
            self.log.append('%s finished -> %r' % (task.name, stop.value))
        except Exception as e:
            task.done = True
            task.error = e
            self.log.append('%s failed: %s: %s' % (task.name, type(e).__name__, e))
        else:
            task.wake = self.clock + ticks

    def run(self, cancel_at=None):
        first = True
        while any(not t.done for t in self.tasks):
            for t in self.tasks:
                if t.done or t.wake > self.clock:
                    continue
                if cancel_at and cancel_at.get(t.name, self.clock + 1) <= self.clock:
                    self.step(t, exc=Cancelled('cancelled at tick %d' % self.clock))
                else:
                    self.step(t, None if t.wake == 0 and first else self.clock)
            first = False
            self.clock += 1
        return self.clock


async def blink(led, times, period):
    states = []
    for i in range(times):
        states.append('%s:%s' % (led, 'on' if i % 2 == 0 else 'off'))
        await Sleep(period)
    return states


async def average(samples):
    total = 0
    for i, s in enumerate(samples):
        total += s
        if i % 2:
            await checkpoint()
    return total / len(samples)


async def faulty():
    await Sleep(1)
    raise ValueError('sensor not responding')


async def watchdog():
    ticks = 0
    try:
        while True:
            await Sleep(2)
            ticks += 1
    except Cancelled as c:
        return 'watchdog stopped after %d checks (%s)' % (ticks, c)


async def pipeline():
    # awaiting other coroutines directly: results travel back through await
    a = await blink('red', 3, 1)
    b = await average([3, 4, 5, 8])
    return a, b


sched = Scheduler()
t1 = sched.spawn('blink', blink('green', 4, 1))
t2 = sched.spawn('avg', average([1.5, 2.5, 3.0, 5.0]))
t3 = sched.spawn('faulty', faulty())
t4 = sched.spawn('watchdog', watchdog())
t5 = sched.spawn('pipeline', pipeline())
end = sched.run(cancel_at={'watchdog': 7})
for line in sched.log:
    print(line)
print('ticks:', end)
print(t1, t3)
print('results:', t1.result, t2.result, t5.result)
print('error type:', type(t3.error).__name__, t3.error.args)

# the coroutine protocol itself
c = blink('x', 1, 0)
print(type(c).__name__, c.__name__)
print(c.send(None))
try:
    c.send(5)
except StopIteration as s:
    print('returned', s.value)
try:
    c.send(None)
except RuntimeError as e:
    print('RuntimeError:', e)

c = watchdog()
c.send(None)
c.close()
print('closed a suspended coroutine')
c = blink('y', 1, 0)
try:
    c.send(1)
except TypeError as e:
    print('TypeError:', e)
c.close()

c = average([1])
try:
    iter(c)
except TypeError as e:
    print('TypeError:', e)
finally:
    c.close()


async def not_awaitable():
    await 42

try:
    not_awaitable().send(None)
except TypeError as e:
    print('TypeError:', e)


async def stops():
    raise StopIteration('no')

try:
    stops().send(None)
except RuntimeError as e:
    print('RuntimeError:', e, '| cause:', repr(e.__cause__))

# __await__ of a coroutine is an iterator over it
w = average([2, 4]).__await__()
print(type(w).__name__, next(w))
try:
    w.send(None)
except StopIteration as s:
    print('wrapper returned', s.value)
