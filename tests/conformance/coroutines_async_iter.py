# Async iterators as a board program would use them without asyncio: a sensor buffer read one
# sample per await, filtered and summarised in async for loops with break, continue and else.


class Tick:
    """One scheduler turn: the driver sees what is being waited for."""
    def __init__(self, what):
        self.what = what

    def __await__(self):
        yield self.what


class SensorBuffer:
    def __init__(self, name, samples):
        self.name = name
        self.samples = list(samples)
        self.reads = 0

    def __aiter__(self):
        return SensorReader(self)


class SensorReader:
    def __init__(self, buffer):
        self.buffer = buffer
        self.pos = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.pos >= len(self.buffer.samples):
            raise StopAsyncIteration
        await Tick('read %s[%d]' % (self.buffer.name, self.pos))
        value = self.buffer.samples[self.pos]
        self.pos += 1
        self.buffer.reads += 1
        return value


class Countdown:
    """An async iterator whose __anext__ is a plain method returning an awaitable."""
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    def __anext__(self):
        return self._next()

    async def _next(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


async def summary(buffer, limit):
    total = count = 0
    peaks = []
    async for v in buffer:
        if v is None:
            continue          # a dropped sample
        if v > limit:
            peaks.append(v)
            if len(peaks) == 2:
                break
        total += v
        count += 1
    else:
        peaks.append('end')
    return {'mean': round(total / count, 2) if count else None, 'peaks': peaks, 'reads': buffer.reads}


async def pairs(a, b):
    out = []
    async for x in a:
        async for y in b:
            out.append((x, y))
    return out


async def first_negative(buffer):
    async for v in buffer:
        if v is not None and v < 0:
            return v
    return 'none'


async def failing(buffer):
    seen = []
    try:
        async for v in buffer:
            seen.append(100 // v)
    except ZeroDivisionError as e:
        return seen, 'stopped: %s' % e
    return seen, 'all'


def drive(coro):
    """Run a coroutine to the end, printing what it waits for."""
    waits = []
    try:
        while True:
            waits.append(coro.send(None))
    except StopIteration as stop:
        return stop.value, len(waits), waits[:2]


print(drive(summary(SensorBuffer('t', [20, 21, None, 19, 22]), 30)))
print(drive(summary(SensorBuffer('t', [20, 35, 21, 40, 50]), 30)))
print(drive(summary(SensorBuffer('e', []), 30)))
print(drive(pairs(Countdown(2), SensorBuffer('p', [7, 8]))))
print(drive(first_negative(SensorBuffer('n', [3, None, -4, 5]))))
print(drive(first_negative(SensorBuffer('n', [3]))))
print(drive(failing(SensorBuffer('d', [5, 20, 0, 7]))))


async def wrong(obj):
    async for x in obj:
        pass


class NoAnext:
    def __aiter__(self):
        return [1, 2]


class BadAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 3


for obj in ([1, 2], NoAnext(), BadAnext()):
    try:
        drive(wrong(obj))
    except TypeError as e:
        print('TypeError:', e)
