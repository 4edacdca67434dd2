def f(a):
    return a

print(f(a=1))
f(1, b=2)
