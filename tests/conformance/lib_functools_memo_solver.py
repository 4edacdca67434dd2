# A memoised recursive solver: ways to make change, longest common subsequence and grid paths
# with lru_cache; cache_info shows the work saved.
from functools import lru_cache, cache, partial, reduce, total_ordering, cmp_to_key, wraps

COINS = (1, 2, 5, 10, 20, 50)


@lru_cache(maxsize=None)
def ways(amount, largest):
    if amount == 0:
        return 1
    if amount < 0 or largest < 0:
        return 0
    return ways(amount - COINS[largest], largest) + ways(amount, largest - 1)


print('ways to make 40:', ways(40, len(COINS) - 1))
print(ways.cache_info())
ways.cache_clear()
print('after clear:', ways.cache_info())
print('ways to make 25:', ways(25, 3), ways.cache_info().misses > 0)


def lcs(a, b):
    @cache
    def go(i, j):
        if i == len(a) or j == len(b):
            return ''
        if a[i] == b[j]:
            return a[i] + go(i + 1, j + 1)
        x, y = go(i + 1, j), go(i, j + 1)
        return x if len(x) >= len(y) else y
    result = go(0, 0)
    return result, go.cache_info().currsize


print(lcs('AGGTAB', 'GXTXAYB'))


@lru_cache(maxsize=3)
def paths(w, h):
    if w == 1 or h == 1:
        return 1
    return paths(w - 1, h) + paths(w, h - 1)


for size in (3, 5, 3, 8):
    print(size, paths(size, size), paths.cache_info())


def logged(fn):
    @wraps(fn)
    def inner(*args):
        value = fn(*args)
        print('  call', args, '->', value)
        return value
    return inner


@logged
def area(w, h):
    return w * h


print(reduce(lambda acc, wh: acc + area(*wh), [(1, 2), (3, 4)], 0))
to_bin = partial(int, base=2)
print(to_bin('1011'), partial(pow, 2)(10), repr(partial(divmod, 7)))


@total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split('.'))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return 'v' + '.'.join(str(p) for p in self.parts)


vs = [Version(t) for t in ['1.10', '1.2', '1.2.1', '0.9']]
print(sorted(vs), max(vs), Version('1.2') >= Version('1.1'), Version('1.2') <= Version('1.1'))
by_last_digit = sorted([15, 22, 31, 4], key=cmp_to_key(lambda a, b: a % 10 - b % 10))
print(by_last_digit)
try:
    reduce(lambda a, b: a + b, [])
except TypeError as e:
    print('TypeError:', e)
