def f(a, b=0, **kw):
    return a, b, kw

d = {"a": 1, "b": 2}
print(f(**d))
print(f(**{"a": 5}, c=6))
print(f(1, **{"b": 3, "z": 4}))
print(f(**{"a": 0}, **{"b": 9}))
print(f(*[7], b=8, **{"q": 1}))

def g(x, y):
    return x - y

opts = {"y": 1}
print(g(10, **opts))
