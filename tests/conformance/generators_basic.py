def countdown(n):
    while n > 0:
        yield n
        n -= 1

print(list(countdown(5)))
for v in countdown(3):
    print("v", v)
g = countdown(2)
print(next(g), next(g), next(g, "done"))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(10)])
