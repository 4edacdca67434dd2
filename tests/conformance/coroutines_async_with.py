# Async context managers that log: a bus lock around transfers, exceptions inside (suppressed
# or not), break/continue/return out of the body, nested and multiple managers.
import types

log = []


@types.coroutine
def bus_idle(name):
    got = yield 'wait for %s' % name
    return got


class BusLock:
    def __init__(self, name, suppress=()):
        self.name = name
        self.suppress = suppress
        self.held = False

    async def __aenter__(self):
        await bus_idle(self.name)
        self.held = True
        log.append('lock %s' % self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await bus_idle(self.name)
        self.held = False
        name = exc_type.__name__ if exc_type else None
        log.append('unlock %s (%s)' % (self.name, name))
        return exc_type is not None and issubclass(exc_type, self.suppress)


class Device:
    def __init__(self, bus, addr):
        self.bus = bus
        self.addr = addr
        self.regs = {}

    async def write(self, reg, value):
        async with self.bus:
            if not 0 <= value < 256:
                raise ValueError('byte out of range: %d' % value)
            self.regs[reg] = value
            log.append('write %02x=%d' % (reg, value))

    async def read_all(self, regs):
        out = []
        async with self.bus as b:
            for r in regs:
                if r not in self.regs:
                    continue
                if r == 0xff:
                    break
                out.append((r, self.regs[r], b.held))
        return out

    async def find(self, value):
        async with self.bus:
            for reg, v in sorted(self.regs.items()):
                if v == value:
                    return reg
        return None


def run(coro):
    sent = None
    try:
        while True:
            what = coro.send(sent)
            sent = what.upper()
    except StopIteration as stop:
        return stop.value


bus = BusLock('i2c', suppress=(KeyError,))
dev = Device(bus, 0x40)
run(dev.write(1, 10))
run(dev.write(2, 20))
try:
    run(dev.write(3, 300))
except ValueError as e:
    print('ValueError:', e)
print(run(dev.read_all([2, 7, 1, 0xff, 3])))
print(run(dev.find(20)), run(dev.find(99)))
print('held after:', bus.held)


async def suppressed():
    async with BusLock('spi', suppress=(KeyError,)):
        {}['missing']
    return 'went on after KeyError'

print(run(suppressed()))


async def nested():
    results = []
    async with BusLock('a') as a, BusLock('b') as b:
        results.append((a.name, b.name, a.held, b.held))
        async with BusLock('c', suppress=(ZeroDivisionError,)):
            results.append(1 / 0)
        results.append('after c')
    return results

print(run(nested()))


async def loop_with_lock():
    done = []
    for i in range(4):
        async with BusLock('loop%d' % i):
            if i == 1:
                continue
            if i == 3:
                break
            done.append(i)
    return done

print(run(loop_with_lock()))


async def inner_raise():
    try:
        async with BusLock('x'):
            async with BusLock('y'):
                raise KeyError('k')
    except KeyError as e:
        return 'caught %r' % (e,)

print(run(inner_raise()))


class Broken:
    async def __aenter__(self):
        raise RuntimeError('cannot open')

    async def __aexit__(self, *args):
        log.append('never')


async def uses_broken():
    async with Broken():
        log.append('body')

try:
    run(uses_broken())
except RuntimeError as e:
    print('RuntimeError:', e)

for line in log:
    print(line)


class OnlyEnter:
    async def __aenter__(self):
        return self


async def use(manager):
    async with manager:
        log.append('unreachable')

for manager in (OnlyEnter(), BusLock, 'lock'):
    try:
        run(use(manager))
    except TypeError as e:
        print('TypeError:', e)
