# A contact list cleaned and reported with the built-in types' own methods used as functions.

raw = ["  bob ", "alice", " Carol", "dave  ", "Eve", "ALICE", "  frank"]
names = list(map(str.strip, raw))
print(names)
print(sorted(names, key=str.lower))
print(sorted(set(map(str.lower, names))))
print(list(map(str.upper, names[:3])), list(map(str.title, ["ann lee", "bo yi"])))
print(", ".join(map(str.capitalize, names)))
print(list(filter(str.isupper, names)), list(filter(str.istitle, names)))

# Unbound methods called with the instance first.
groups = {}
for n in names:
    dict.setdefault(groups, n[0].lower(), [])
    list.append(dict.get(groups, n[0].lower()), n)
print(groups)
print(str.join("-", ["a", "b", "c"]), str.replace("a.b.c", ".", "/"), str.split("x,y", ","))
print(list.index([5, 6, 7], 7), tuple.count((1, 1, 2), 1), dict.keys({"k": 1}))
print(int.from_bytes(b"\x01\x02", "big"), int.from_bytes(b"\x01\x02", "little"), dict.fromkeys("ab", 0))
tally = {}
for word in "the cat and the hat and the bat".split():
    tally[word] = dict.get(tally, word, 0) + 1
print(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
try:
    str.upper(42)
except TypeError as e:
    print("TypeError:", e)
try:
    list.append()
except TypeError as e:
    print("TypeError:", e)

# The types themselves, as a program that describes values would use them.
for value in [1, True, 2.5, "s", [1], (1,), {1: 2}, {1}, range(3), None, b"x", slice(1)]:
    t = type(value)
    print(f"{t.__name__:>10} {[b.__name__ for b in t.__mro__]}")
print(int.__bases__, bool.__bases__, object.__bases__, bool.__base__, str.__qualname__)
print(list.append, str.lower, repr(NotImplemented), type(NotImplemented).__name__)
print(callable(str.lower), callable("x".lower), callable(len), callable(list), callable(3), callable(None))


class Greeter:
    def __call__(self, who):
        return "hi " + who

    def plain(self):
        return 1


g = Greeter()
print(callable(g), callable(g.plain), callable(Greeter), callable(Greeter.plain), g("ann"))

# Special methods of built-in values, called directly.
nums = [3, 1, 2]
print(nums.__len__(), nums.__getitem__(0), nums.__contains__(2), nums.__contains__(9))
nums.__setitem__(0, 30)
nums.__delitem__(1)
print(nums, nums.__add__([4]), nums.__mul__(2), nums.__eq__([30, 2]), nums.__lt__([31]))
d = {}
d.__setitem__("a", 1)
print(d.__getitem__("a"), d.__contains__("a"), d.__len__(), "a".__add__("b"), "ab".__contains__("b"))
print((1).__add__(2), (1).__add__(1.5), (5).__sub__(2), (2).__rsub__(5), (7).__floordiv__(2), (7).__mod__(4))
print((2.5).__mul__(2), (3).__neg__(), (-3).__abs__(), (3).__invert__(), (2.567).__round__(2), (7).__index__())
print((1).__eq__(1.0), (1).__eq__("1"), (3).__lt__(4), "b".__gt__("a"), (5).__bool__(), (0.0).__bool__())
it = iter(range(3))
print(it.__next__(), it.__next__(), list(it.__iter__()))
print(hasattr([], "__len__"), hasattr(5, "__len__"), hasattr(5, "__add__"), hasattr("", "__getitem__"),
      hasattr({}, "__setitem__"), hasattr((), "__setitem__"), hasattr(iter([]), "__next__"), hasattr([], "__next__"))
print({1, 2}.__contains__(1), {1, 2}.__len__(), {1}.__or__({2}), frozenset([1]).__and__({1, 3}))
print(int.__add__(2, 3), list.__len__([1, 2]), str.__len__("abc"), dict.__getitem__({"k": 9}, "k"))
print(True & False, True | False, True ^ True, False ^ True, True & 3, ~False, -True)
print(type(True & False).__name__, type(True & 1).__name__)
