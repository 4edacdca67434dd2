people = [("ann", 31), ("bob", 25), ("cy", 31)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
apply = lambda f, *args, **kw: f(*args, **kw)
print(apply(max, 3, 9, 2), apply(sorted, [3, 1], reverse=True))
fs = [lambda x, k=k: x ** k for k in range(4)]
print([f(2) for f in fs])
