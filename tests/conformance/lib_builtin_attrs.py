s = "hello"
print(getattr(s, "upper")(), getattr(s, "nope", "default"), hasattr(s, "split"), hasattr(s, "nope"), hasattr([], "append"))
f = getattr([3, 1, 2], "index")
print(f(2), "upper" in dir(""), "append" in dir([]), "keys" in dir({}), sorted(dir(set()))[:3] if False else "add" in dir(set()))
try:
    setattr(1, "x", 2)
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(1, "y")
except AttributeError as e:
    print("AttributeError:", e)
