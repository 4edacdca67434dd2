print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(range(5))), list(reversed(range(1, 10, 3))))
print("".join(reversed("hello")), list(reversed([])), list(reversed({"a": 1, "b": 2})), list(reversed(b"ab")))
r = reversed([1, 2])
print(next(r), next(r), next(r, None), type(r).__name__ if False else "ok")
