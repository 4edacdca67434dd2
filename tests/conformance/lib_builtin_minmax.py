print(min(3, 1, 2), max(3, 1, 2), min([4, 2, 8]), max("hello"), min("b", "a"), max([1.5, 2, -1]), min((5,)))
print(min([], default="none"), max([], default=0), min(["aa", "b", "ccc"], key=len), max(["aa", "b", "ccc"], key=len))
print(max([1, 3, 2], key=lambda x: -x), min([(1, "z"), (1, "a")]), max(range(10), key=lambda x: x % 4), min(1, 2, key=lambda x: -x))
print(max(2 ** 70, 3), min(-2 ** 70, 0), max(True, 0), max([1, 1.0]), max([1.0, 1]))
