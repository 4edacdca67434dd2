def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x
print(isqrt(10 ** 40), isqrt(2 * 10 ** 30), isqrt(99), isqrt(100))
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(2 ** 100, 6 ** 50), gcd(123456789, 987654321), gcd(0, 5))
print(pow(3, 10 ** 5, 10 ** 9 + 7), pow(2, 2 ** 64 - 1, 2 ** 61 - 1), 10 ** 50 % 97, divmod(10 ** 50, 3 ** 20))
