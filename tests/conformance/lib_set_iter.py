s = set([8, 1, 64, 3])
total = 0
for x in s:
    total += x
    print(x, end=" ")
print(total)
print(list(s), tuple(s), sorted(s, reverse=True), min(s), max(s), sum(s), len(list(enumerate(s))))
print(set(map(lambda v: v % 3, range(10))), set(filter(lambda v: v > 5, range(10))))
