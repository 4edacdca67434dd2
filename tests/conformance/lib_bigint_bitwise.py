print(2 ** 70 & 2 ** 70 - 1, (2 ** 70 | 5) ^ 3, -(2 ** 65) & 0xFFFF, -(2 ** 65) | 1)
x = 0x123456789ABCDEF0123456789
print(x & 0xFFFFFFFF, x >> 64, x << 3, -x >> 7, ~x, x ^ -x, -x & x)
for s in range(0, 130, 13):
    print(s, (x << s) >> s == x, -x >> s, (1 << s) - 1)
