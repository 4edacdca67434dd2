d = {}
for k in ["b", "a", "c", "a", "d"]:
    d[k] = d.get(k, 0) + 1
print(d, list(d), len(d))
del d["a"]; d["a"] = 9
print(d, d == {"a": 9, "b": 1, "c": 1, "d": 1}, {1: 2} == {1: 2.0}, {1: 2} != {1: 3})
d2 = dict(d, e=5) if False else dict(d)
d2.update(z=0) if False else d2.update({"z": 0})
print(d2, sorted(d2.items(), key=lambda kv: kv[1]), max(d2, key=d2.get), min(d2.values()))
nested = {"x": {"y": [1, 2, {"z": None}]}}
print(nested, nested["x"]["y"][2], str(nested) == repr(nested))
