def add(a, b):
    return a + b

def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def fib(n):
    a = 0
    b = 1
    i = 0
    while i < n:
        t = a + b
        a = b
        b = t
        i += 1
    return a

counter = 0
def bump():
    global counter
    counter += 1

def nothing():
    pass

print(add(2, 3), add("a", "b"), fact(10), fib(30))
bump()
bump()
print(counter, nothing())
