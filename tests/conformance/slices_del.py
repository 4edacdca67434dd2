xs = list(range(10))
del xs[0]
print(xs)
del xs[2:4]
print(xs)
del xs[::2]
print(xs)
del xs[-1]
print(xs)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
a = 1
b = 2
del a, b
print("deleted")
