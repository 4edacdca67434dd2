# Functions: give a piece of work a name, call it as often as you like.
def square(x):
    return x * x


def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def fibonacci(count):
    a = 0
    b = 1
    out = []
    for _ in range(count):
        out.append(a)
        next_value = a + b
        a = b
        b = next_value
    return out


print("7 squared is", square(7))
print("10! =", factorial(10))
print("Fibonacci:", fibonacci(12))
