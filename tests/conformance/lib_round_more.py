for v in [0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, 1e16 + 1, 2.5000001]:
    print(v, round(v), round(v, 1), round(v, -1))
for v in [1.005, 2.675, 0.125, 0.375, 1234.5678, -8.765, 1e-10, 123456789.987654321]:
    print(v, round(v, 2), round(v, 3), round(v, 5))
print(round(7, -1), round(15, -1), round(25, -1), round(-25, -1), round(2 ** 80 + 50, -2), round(149, -2), round(150, -2), round(250, -2))
