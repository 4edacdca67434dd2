# An event stream: sorted, grouped by device with groupby, running totals with accumulate,
# windows with islice, and a few combinatorics for a test plan.
from itertools import (groupby, accumulate, islice, count, chain, takewhile, dropwhile, tee,
                       zip_longest, product, permutations, combinations, pairwise, starmap,
                       compress, filterfalse, cycle, repeat, combinations_with_replacement)
import operator

EVENTS = [
    ('pump', 3, 'start'), ('fan', 1, 'start'), ('pump', 8, 'stop'), ('fan', 4, 'stop'),
    ('heater', 2, 'start'), ('pump', 12, 'start'), ('heater', 9, 'stop'), ('pump', 15, 'stop'),
]

key = operator.itemgetter(0)
for device, group in groupby(sorted(EVENTS, key=key), key=key):
    times = [t for _, t, _ in group]
    on = sum(b - a for a, b in zip(times[::2], times[1::2]))
    print('%-7s events=%d on-time=%d' % (device, len(times), on))

print([k for k, _ in groupby('aaabccdd')], [(k, len(list(g))) for k, g in groupby([1, 1, 2, 1])])

usage = [5, 3, 0, 7, 2, 9, 1]
print(list(accumulate(usage)), list(accumulate(usage, max)), list(accumulate(usage, initial=100)))
print(list(accumulate(usage, operator.mul))[:3])

stream = (t * t for t in count(1))
print(list(islice(stream, 5)), list(islice(stream, 2, 6, 2)))
print(list(islice('abcdefgh', 1, None, 3)))
ids = count(100, 5)
print([next(ids) for _ in range(3)])

readings = [3, 4, 8, 12, 7, 2, 15]
print(list(takewhile(lambda r: r < 10, readings)), list(dropwhile(lambda r: r < 10, readings)))
print(list(filterfalse(lambda r: r % 2, readings)), list(compress('ABCDEF', [1, 0, 1, 1, 0, 1])))
print(list(pairwise(readings)), [b - a for a, b in pairwise(readings)])
a, b = tee(readings, 2)
print(sum(a), max(b))
print(list(chain([1, 2], 'xy', range(2))), list(chain.from_iterable([[1], [2, 3], []])))
print(list(zip_longest('abc', [1], fillvalue=0)))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(islice(cycle('RGB'), 7)), list(repeat(0, 3)))
print(list(product('AB', [0, 1])), len(list(product(range(3), repeat=3))))
print(list(permutations([1, 2, 3], 2)))
print(list(combinations('ABCD', 2)))
print(list(combinations_with_replacement([1, 2], 3)))
