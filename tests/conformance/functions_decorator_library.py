# A small decorator library: timing-free call counting, memoizing and logging decorators that
# copy the wrapped function's metadata and keep their state in function attributes.

def wraps(wrapped):
    def copy(wrapper):
        for attr in ('__name__', '__qualname__', '__doc__', '__module__'):
            setattr(wrapper, attr, getattr(wrapped, attr))
        wrapper.__dict__.update(wrapped.__dict__)
        wrapper.__wrapped__ = wrapped
        return wrapper
    return copy


def counted(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return f(*args, **kwargs)
    wrapper.calls = 0
    return wrapper


def memoized(f):
    @wraps(f)
    def wrapper(*args):
        if args in wrapper.cache:
            wrapper.hits += 1
            return wrapper.cache[args]
        result = f(*args)
        wrapper.cache[args] = result
        return result
    wrapper.cache = {}
    wrapper.hits = 0
    return wrapper


def logged(prefix):
    def decorate(f):
        @wraps(f)
        def wrapper(*args, **kwargs):
            shown = [repr(a) for a in args] + [f'{k}={v!r}' for k, v in sorted(kwargs.items())]
            print(f'{prefix} {f.__qualname__}({", ".join(shown)})')
            return f(*args, **kwargs)
        return wrapper
    return decorate


@counted
@memoized
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@logged('call')
def scale(values, factor=2, *, clamp=None):
    out = [v * factor for v in values]
    if clamp is not None:
        out = [min(v, clamp) for v in out]
    return out


class Shop:
    def __repr__(self):
        return 'Shop()'

    @logged('method')
    def price(self, item, qty=1):
        return {'apple': 3, 'pear': 5}.get(item, 0) * qty


print(fib(20), fib.calls, fib.__wrapped__.hits, len(fib.__wrapped__.cache))
print(fib.__name__, fib.__qualname__, fib.__module__, fib.__doc__)
print(fib.__wrapped__.__wrapped__.__name__, sorted(fib.__dict__))
print(scale([1, 2, 3]), scale([4, 5], 3, clamp=12))
print(scale.__name__, scale.__wrapped__.__defaults__, scale.__wrapped__.__kwdefaults__)
print(Shop().price('pear', qty=2), Shop.price.__qualname__)

# registering handlers by name, with defaults changed after the fact
handlers = {}
def handler(f):
    handlers[f.__name__.removeprefix('on_')] = f
    f.registered = True
    return f

@handler
def on_start(level=1):
    return f'start at {level}'

@handler
def on_stop(reason='done', *, code=0):
    return f'stop: {reason} ({code})'

print(sorted(handlers), on_start.registered, on_start.__dict__)
on_start.__defaults__ = (5,)
on_stop.__kwdefaults__ = {'code': 7}
for name in sorted(handlers):
    print(name, '->', handlers[name]())
try:
    on_start.__defaults__ = [1]
except TypeError as e:
    print('TypeError:', e)
try:
    print(on_stop.missing)
except AttributeError as e:
    print('AttributeError:', e)
del on_start.registered
print(hasattr(on_start, 'registered'), on_stop.__code__.co_name, on_stop.__code__.co_argcount)
lam = lambda x, y=3: x * y
print(lam.__name__, lam.__defaults__, (lambda: 0).__qualname__)
