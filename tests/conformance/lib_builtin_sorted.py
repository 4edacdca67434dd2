print(sorted([3, 1, 2]), sorted("banana"), sorted([3, 1, 2], reverse=True), sorted([]), sorted((5, -1)), sorted({"b": 1, "a": 2}))
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w.lower()), sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[1], reverse=True))
print(sorted([2.5, 1, -3, 10 ** 20, 0.5]), sorted(range(20), key=lambda x: x % 5))
big = list(range(100, 0, -1))
print(sorted(big) == list(range(1, 101)), sorted(big, key=lambda x: -x) == big)
