f = frozenset([3, 1, 2])
print(f, len(f), 2 in f, hash(f) == hash(frozenset([1, 2, 3])), f == set([1, 2, 3]), frozenset())
d = {f: "x", frozenset(): "empty"}
print(d[frozenset([2, 3, 1])], d[frozenset()], f.union([4]), f.copy() is f, frozenset(f) is f)
s = set([frozenset([1]), frozenset([2])])
print(len(s), frozenset([1]) in s, set([1]) in s)
print(hash(frozenset()), hash(frozenset([1])), hash(frozenset([1, 2, 3])))
