square = lambda x: x * x
print(square(7))
add = lambda a, b=1: a + b
print(add(1), add(1, 2), add(b=5, a=1))
print((lambda: "no args")())
print((lambda *a, **k: (a, k))(1, 2, z=3))
pick = lambda n: "even" if n % 2 == 0 else "odd"
print(pick(4), pick(7))
def compose(f, g):
    return lambda x: f(g(x))
print(compose(square, add)(3))
