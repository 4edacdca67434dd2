print(list(zip([1, 2, 3], "abc")), list(zip()), list(zip([1])), list(zip([1, 2], [3], [4, 5])))
for a, b in zip(range(3), range(10, 13)):
    print(a + b, end=" ")
print()
names = ["x", "y"]
vals = [1, 2]
print(dict(zip(names, vals)), list(zip(*[[1, 2], [3, 4]])) if False else list(zip([1, 2], [3, 4])))
