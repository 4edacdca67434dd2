print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61), hash(2 ** 61 - 2), hash(10 ** 20), hash(True), hash(False))
print(hash(1.0) == hash(1), hash(0.5), hash(-0.5), hash(1e100), hash(float("inf")), hash((1, 2, 3)), hash(()), hash((1, (2, 3))))
a = [1]
print(id(a) == id(a), id(a) != id([1]), hash("abc") == hash("ab" + "c"), hash((1, "a")) == hash((1, "a")))
