# A little resource manager: connections opened and closed through contextlib's helpers, with
# errors raised inside the blocks, suppressed, transformed and unwound in order.
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack

events = []


class Connection:
    opened = 0

    def __init__(self, name):
        self.name = name
        self.closed = False
        Connection.opened += 1
        events.append('open ' + name)

    def send(self, data):
        if self.closed:
            raise ValueError('send on closed connection ' + self.name)
        events.append(self.name + ' <- ' + repr(data))

    def close(self):
        self.closed = True
        events.append('close ' + self.name)

    def __enter__(self):
        return self

    def __exit__(self, typ, exc, tb):
        self.close()
        return False


@contextmanager
def transaction(name):
    events.append('begin ' + name)
    try:
        yield name.upper()
    except KeyError as e:
        events.append('rollback ' + name + ' ' + str(e))
    else:
        events.append('commit ' + name)
    finally:
        events.append('end ' + name)


@contextmanager
def tagged(tag):
    events.append('<' + tag + '>')
    yield
    events.append('</' + tag + '>')


@contextmanager
def translate_errors():
    try:
        yield
    except ZeroDivisionError as e:
        raise ArithmeticError('bad ratio') from e


with transaction('orders') as t:
    events.append('working in ' + t)
with transaction('stock'):
    {}['missing']
print('\n'.join(events))
events.clear()

try:
    with tagged('p'):
        raise ValueError('inside tag')
except ValueError as e:
    print('escaped:', e, events)
events.clear()

try:
    with translate_errors():
        1 / 0
except ArithmeticError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)


@tagged('call')
def work(n):
    events.append('work ' + str(n))
    return n * 2


print(work(3), work(4), events)
events.clear()

totals = {}
for key in ['a', 'b', 'a', 'c']:
    with suppress(KeyError):
        totals[key] = totals[key] + 1
        continue
    totals[key] = 1
print(totals)
with suppress(ValueError, TypeError):
    int('twelve')
print('after suppress')
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print('not suppressed:', e)

with closing(Connection('db')) as c:
    c.send('ping')
try:
    c.send('late')
except ValueError as e:
    print(e)

for use_lock in (True, False):
    with (Connection('lock') if use_lock else nullcontext('no lock')) as res:
        print(res if isinstance(res, str) else res.name)
print(nullcontext().__enter__())

with ExitStack() as stack:
    conns = [stack.enter_context(Connection('c' + str(i))) for i in range(3)]
    stack.callback(events.append, 'callback ran')
    for c in conns:
        c.send(c.name)
print(events, [c.closed for c in conns])
events.clear()


def open_all(names):
    with ExitStack() as stack:
        conns = [stack.enter_context(Connection(n)) for n in names]
        if 'bad' in names:
            raise RuntimeError('cannot open bad')
        return conns, stack.pop_all()


conns, keeper = open_all(['x', 'y'])
print([c.closed for c in conns])
keeper.close()
print([c.closed for c in conns])
try:
    open_all(['p', 'bad'])
except RuntimeError as e:
    print(e, events[-2:])
events.clear()

with ExitStack() as stack:
    stack.callback(events.append, 'outer')
    stack.push(lambda *exc: events.append('saw ' + exc[0].__name__) or True)
    raise KeyError('swallowed')
print(events, Connection.opened)
try:
    with ExitStack() as stack:
        stack.enter_context(42)
except TypeError as e:
    print('TypeError:', e)


@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print('RuntimeError:', e)
