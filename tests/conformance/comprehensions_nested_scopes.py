matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print({k: [v * 2 for v in vs] for k, vs in {"a": [1], "b": [2, 3]}.items()})
print([x for x in range(3)], [y for y in "ab"])
n = 5
print([n * i for i in range(3)])
class K:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
print(K.doubled)
