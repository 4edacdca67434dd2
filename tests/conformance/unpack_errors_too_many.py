a, b = [1, 2]
print(a)
a, b = (1, 2, 3)
