pairs = [(1, "one"), (2, "two"), (3, "three")]
for number, name in pairs:
    print(number, name)
total = 0
for a, b in [(1, 2), (3, 4)]:
    total += a * b
print(total)
fib_a, fib_b = 0, 1
for _ in range(10):
    fib_a, fib_b = fib_b, fib_a + fib_b
print(fib_a)
