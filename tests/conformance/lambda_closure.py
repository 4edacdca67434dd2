def multiplier(n):
    return lambda x: x * n

double = multiplier(2)
triple = multiplier(3)
print(double(5), triple(5))
fs = [multiplier(1), multiplier(10)]
print(fs[0](4), fs[1](4))
