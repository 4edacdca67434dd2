class A:
    pass

x = A()
y = A()
print(x == x, x == y, x != y, x is x)
print([x, y].index(y), x in [y], x in [x])
d = {x: 1, y: 2}
print(d[x], d[y], len(d))
