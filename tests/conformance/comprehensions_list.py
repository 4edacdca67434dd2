print([x * 2 for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([c.upper() for c in "hello" if c != "l"])
print([(x, y) for x in range(3) for y in "ab"])
print([[r * 3 + c for c in range(3)] for r in range(2)])
words = ["apple", "kiwi", "banana"]
print([len(w) for w in words], [w for w in words if len(w) > 4])
matrix = [[1, 2], [3, 4], [5, 6]]
print([v for row in matrix for v in row])
print([a + b for a, b in [(1, 2), (3, 4)]])
x = "outer"
print([x for x in "ab"], x)
