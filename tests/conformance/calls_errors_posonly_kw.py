def f(a, /):
    return a

print(f(1))
f(a=1)
