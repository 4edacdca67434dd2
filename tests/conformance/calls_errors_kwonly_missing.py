def f(a, *, key, other):
    return a

print(f(1, key=2, other=3))
f(1)
