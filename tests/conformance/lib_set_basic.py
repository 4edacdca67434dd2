s = set([3, 1, 2, 100, -5, 33, 64, 8])
print(s, len(s), 3 in s, 4 in s, set(), frozenset([1, 2]), set(range(20)))
print(set([10, 20, 30, 40, 50, 60, 70, 80, 90]), set([1000, 2000, 3000]), set([-1, -2, -3]), set([0, 8, 16, 24]))
s.add(7); s.discard(100); s.remove(1); s.discard(12345)
print(s, sorted(s), len(s), bool(set()), bool(s))
t = set()
for i in range(0, 100, 7):
    t.add(i * i)
print(t)
