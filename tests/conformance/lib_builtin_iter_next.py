it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"), next(it, None))
s = iter("ab")
print(list(s), list(s))
d = iter({"k": 1, "j": 2})
print(next(d), next(d))
r = iter(range(3))
print(iter(r) is r, list(r), next(iter((9,))))
try:
    next(iter([]))
except StopIteration:
    print("stop")
