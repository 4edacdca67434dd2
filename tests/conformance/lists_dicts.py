xs = [1, 2, 3]
xs[0] = 10
print(xs, len(xs), xs[-1], xs + [4], xs * 2)
t = (1, "a", None)
print(t, t[1], len(t), (1,), ())
d = {"a": 1, "b": 2}
d["c"] = 3
d["a"] = 0
print(d, d["b"], len(d), "a" in d, "z" in d)
for k in d:
    print(k, d[k])
nested = [[1, 2], [3, [4, 5]]]
print(nested[1][1][0])
print([], {}, [None, True, 1.5, "s"])
