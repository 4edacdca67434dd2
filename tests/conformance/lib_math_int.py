import math
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(-12, 18), math.gcd(2 ** 80, 6 ** 40), math.gcd(), math.gcd(30, 42, 70))
print(math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm(), math.lcm(0, 5), math.factorial(0), math.factorial(20), math.factorial(30))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10 ** 30), math.comb(5, 2), math.comb(50, 25), math.perm(5, 2), math.perm(4))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod(range(1, 21)), math.prod([0.5, 4]), math.fsum([0.1] * 10), sum([0.1] * 10))
