print(repr(1), repr(1.5), repr("a"), repr([1, "a", None]), repr((1,)), repr(()), repr({1: [2]}), repr(set([1])), repr(b"x"))
print(repr(range(3)), repr(range(1, 10, 2)), repr(frozenset()), repr(float("inf")), repr(-0.0), repr(1e-7), repr(123456789012345678.0))
l = [1]
l.append(l)
print(repr(l), str(l))
d = {}
d["self"] = d
print(d)
print(ascii("héllo"), ascii([1, "ü"]), ascii("\U0001F600"), repr("\U0001F600"), repr("\x00\u200b"))
