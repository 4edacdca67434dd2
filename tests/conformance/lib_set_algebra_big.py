a = {x for x in range(0, 200, 3)}
b = {x for x in range(0, 200, 5)}
print(sorted(a & b), len(a | b), len(a - b), len(a ^ b), (a & b) <= a, a.isdisjoint({1, 2}))
print(a & b)
print(b - a)
c = set(range(1000))
for i in range(0, 1000, 2):
    c.discard(i)
print(len(c), min(c), max(c), sum(c))
c.add(0)
print(sorted(c)[:5], 999 in c, 998 in c)
