print(dict(a=1, b=2))
print(dict({"x": 0}, y=1))
print(dict([("k", "v")], z=3))
print(int("ff", base=16), int("777", base=8))
print(list(enumerate("abc", start=10)))
opts = {"b": 2}
print(dict(a=1, **opts))
