import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-3.9), math.fabs(-3))
print(math.floor(5), type(math.floor(2.5)).__name__, math.ceil(10 ** 20 + 0.0), math.floor(-1e20))
print(math.exp(1), math.exp(0), math.log(math.e), math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(0.001), math.log(2 ** 1000))
print(math.pow(2, 10), math.pow(2.5, 2), math.hypot(3, 4), math.hypot(1, 2, 2), math.copysign(3, -0.0), math.fmod(7, -3), math.fmod(-7, 3))
