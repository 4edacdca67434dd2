print(hash(2 ** 100), hash(-2 ** 100), hash(2 ** 61 - 1), hash(2 ** 61), hash(1.5), hash(-1), hash(2.0 ** 80))
print(hash(10 ** 30) == hash(float(10 ** 30)), hash(2 ** 64) == hash(2.0 ** 64), hash(0.1), hash(-2.5))
d = {2 ** 100: "big", 1: "one"}
print(d[2 ** 100], d[1.0], 2 ** 100 in d, 2.0 ** 100 in d)
