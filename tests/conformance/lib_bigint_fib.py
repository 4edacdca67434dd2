a, b = 0, 1
for i in range(200):
    a, b = b, a + b
print(a)
print(a % 1000000007, a // b, b - a, a * 3 - b)
print(a < b, a == a + 0, -a < 0, abs(-a) == a)
