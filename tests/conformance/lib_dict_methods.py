d = {"a": 1, "b": 2}
print(d.setdefault("a", 9), d.setdefault("c", 3), d.setdefault("z"), d)
d.update({"b": 20, "d": 4}); d.update([("e", 5), ["f", 6]]); print(d)
print(d.popitem(), d.popitem(), d)
e = d.copy(); e["a"] = 100; print(d["a"], e["a"], len(e), e == d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), {}.fromkeys((3,), "x"))
print(d.get("zz"), d.get("zz", -1), d.pop("a"), d.pop("zz", "none"), list(d.keys()), list(d.values()), list(d.items()))
print(d | {"q": 1}, "c" in d.keys(), 3 in d.values(), ("c", 3) in d.items())
d |= {"w": 0}; print(d)
