vals = [7.5, -7.5, 0.1, 1e20, -3.0]
for a in vals:
    for b in [2.0, -0.3, 1e-3]:
        print(a, b, a // b, a % b, divmod(a, b))
print(5 % -3, -5 % 3, 5.0 % -3, -5.0 % 3, 2 ** -1, (-8) ** (1 / 3) if False else 0, 0.0 ** 0, 10 ** -2)
