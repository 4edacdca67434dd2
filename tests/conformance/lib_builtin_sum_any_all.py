print(sum([1, 2, 3]), sum([]), sum([1.5, 2.5]), sum(range(101)), sum([[1], [2]], []), sum([1, 2], 10), sum((0.1,) * 10))
print(sum([2 ** 62, 2 ** 62]), sum([True, True, False]), sum([1, 2.5]), sum([], start=5))
print(any([]), any([0, ""]), any([0, 1]), all([]), all([1, "a"]), all([1, 0]), any("abc"), all(range(1, 5)))
