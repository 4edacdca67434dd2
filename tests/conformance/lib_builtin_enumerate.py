for i, c in enumerate("abc"):
    print(i, c)
print(list(enumerate([10, 20], 5)), list(enumerate([], 3)), list(enumerate(range(3), -2)))
e = enumerate("xy")
print(next(e), next(e), next(e, "end"), type(e).__name__)
