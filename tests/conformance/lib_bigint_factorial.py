def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
print(fact(30))
print(fact(50))
print(fact(100) // fact(98), fact(60) % 1000007)
f = fact(40)
print(len(str(f)), str(f)[:10], f // 10 ** 40, f == fact(40), f > fact(39))
