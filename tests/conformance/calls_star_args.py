def f(a, b, c):
    return a * 100 + b * 10 + c

args = [1, 2, 3]
print(f(*args))
print(f(*(4, 5), 6))
print(f(7, *[8, 9]))
print(f(*range(3)))
print(f(*"123" if False else [1, 1, 1]))

def g(*a):
    return a

print(g(*[], *[1], 2, *(3, 4)))
print(g(*"ab"))
print(g(*{"x": 1, "y": 2}))
