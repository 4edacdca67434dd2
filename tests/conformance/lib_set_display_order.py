print({5, 3, 1}, {100, 200, 300, 1}, {x % 7 for x in range(30)}, {-1, -8, 8, 1}, {2 ** 40, 3, 2 ** 33})
s = {i * 13 % 50 for i in range(25)}
print(s, len(s))
print({1.5, 2.5, 0.5}, {True, 2, 3}, {(1, 2), (0, 1)} == {(0, 1), (1, 2)}, sorted({"pear", "fig", "apple"}))
