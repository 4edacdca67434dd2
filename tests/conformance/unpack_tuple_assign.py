a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x + y + z)
p, q = "hi"
print(p, q)
(m, n), o = (1, 2), 3
print(m, n, o)
[r, s] = (5, 6)
print(r, s)
t = u = 1, 2
print(t, u)
k, v = ("key", 1)
print(k, v)
for i, (c, d) in [(0, (1, 2)), (1, (3, 4))]:
    print(i, c, d)
