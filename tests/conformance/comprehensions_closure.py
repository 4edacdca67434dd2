def scale_all(values, factor):
    return [v * factor for v in values]

print(scale_all([1, 2, 3], 10))

def make_filters(limit):
    return [lambda x, i=i: x + i for i in range(limit)]

print([f(100) for f in make_filters(3)])

def nested(n):
    base = 1000
    return [[base + i * j for j in range(n)] for i in range(n)]

print(nested(3))

def counter_gen(start):
    step = 2
    return (start + step * k for k in range(4))

print(list(counter_gen(1)))
