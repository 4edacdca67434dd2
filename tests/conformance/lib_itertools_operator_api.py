# itertools and operator side by side: every iterator with its edge cases, and the operator functions and getters.
import itertools as it
from itertools import count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile, filterfalse, groupby, islice, starmap, tee, zip_longest, product, permutations, combinations, combinations_with_replacement, pairwise
import operator
print(list(islice(count(5, 2), 4)), list(islice(cycle('ab'), 5)), list(repeat('x', 3)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4], max)), list(accumulate([1, 2], initial=10)))
print(list(chain('ab', [1, 2])), list(chain.from_iterable(['xy', 'z'])))
print(list(compress('abcdef', [1, 0, 1, 0, 1, 1])), list(dropwhile(lambda x: x < 3, [1, 4, 2])), list(takewhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(filterfalse(lambda x: x % 2, range(6))))
for k, g in groupby('aaabbcaa'):
    print(k, list(g))
print([(k, len(list(g))) for k, g in groupby([1, 1, 2, 3, 3, 3], key=lambda x: x)])
print([k for k, g in groupby('aabbbc')])
print(list(islice('abcdefg', 2, None)), list(islice('abcdefg', 0, 6, 2)), list(islice(range(10), 3)))
print(list(starmap(pow, [(2, 5), (3, 2)])))
a, b = tee([1, 2, 3])
print(list(a), list(b))
print(list(zip_longest('ab', 'xyz', fillvalue='-')))
print(list(product('ab', range(2))), len(list(product(range(3), repeat=2))))
print(list(permutations('abc', 2)))
print(list(combinations(range(4), 3)), list(combinations_with_replacement('ab', 2)))
print(list(pairwise([1, 2, 3, 4])))
from operator import itemgetter, attrgetter, methodcaller, add, mul
print(list(accumulate([1, 2, 3], operator.mul)), operator.add(2, 3), operator.neg(4), operator.truediv(1, 4))
rows = [('b', 2), ('a', 3), ('c', 1)]
print(sorted(rows, key=itemgetter(1)), itemgetter(0, 1)(rows[0]), itemgetter(1))
class P:
    def __init__(self, n): self.name = n; self.me = self
print(attrgetter('name')(P('x')), attrgetter('me.name', 'name')(P('y')), methodcaller('split', ',')('a,b'))
print(methodcaller('replace', 'a', 'b', count=1) if False else '', operator.contains([1, 2], 2), operator.getitem('abc', 1))
print(operator.indexOf([5, 6], 6), operator.countOf([1, 1, 2], 1), operator.iadd([1], [2]))
