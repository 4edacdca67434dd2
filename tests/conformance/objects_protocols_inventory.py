# An inventory kept in several built-in containers and one user class: every generic operation
# (len, indexing, slicing, item assignment and deletion, iteration, membership, hashing, repr)
# meets each kind of value, the way a small stock program would use them.

class Shelf:
    """A shelf of items that behaves like a sequence through its dunders."""

    def __init__(self, name, items):
        self.name = name
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Shelf(self.name + "*", self.items[i])
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __repr__(self):
        return f"Shelf({self.name!r}, {self.items!r})"

    def __eq__(self, other):
        return isinstance(other, Shelf) and self.items == other.items

    def __hash__(self):
        return hash(tuple(self.items))


class Countdown:
    """An iterator class: __iter__ returns itself, __next__ counts down."""

    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


stock = {"bolt": 120, "nut": 300, "washer": 75, "gear": 8}
prices = [("bolt", 0.25), ("nut", 0.1), ("washer", 0.05), ("gear", 4.5)]
codes = frozenset({"B1", "N2", "W3", "G4"})
labels = b"bolt,nut,washer,gear"
buf = bytearray(b"....")
bins = range(100, 200, 25)

# len across types
print("sizes:", len(stock), len(prices), len(codes), len(labels), len(buf), len(bins),
      len(stock.keys()), len(stock.values()), len(stock.items()), len("größe"))

# indexing and slicing
print("first price:", prices[0], "last two:", prices[-2:], "reversed names:", [p[0] for p in prices[::-1]])
print("bins:", bins[1], bins[1:3], bins[::-1], list(bins[::2]))
print("label bytes:", labels[0], labels[:4], labels.split(b",")[2], "text:", "inventory"[2:5], "inventory"[::-2])

# item assignment and deletion
buf[0] = ord("#")
buf[1:3] = b"ab"
del buf[-1]
print("buf:", buf)
names = [p[0] for p in prices]
names[1:3] = ["NUT", "WASHER", "spacer"]
del names[0]
del names[::2]
print("names:", names)
stock["spacer"] = 40
del stock["gear"]
print("stock:", stock)
for bad in [(1, 2), "abc", b"xy", frozenset({1})]:
    try:
        bad[0] = 1
    except TypeError as e:
        print("assign:", e)
try:
    del stock["gear"]
except KeyError as e:
    print("missing key:", e)
try:
    print(prices[10])
except IndexError as e:
    print("index:", e)

# membership, including iterators and generators (searched by iterating)
print("in:", "nut" in stock, "gear" in stock.keys(), 300 in stock.values(), ("nut", 300) in stock.items(),
      "B1" in codes, b"nut" in labels, 125 in bins, 130 in bins, 150.0 in bins, "vent" in "inventory")
print("in iterators:", 4 in (n * 2 for n in range(5)), 5 in iter([1, 2, 3]), 2 in Countdown(5),
      "bolt" in map(str.lower, ["BOLT"]), 3 in enumerate([9]), (0, 9) in enumerate([9]))
try:
    print(1 in 5)
except TypeError as e:
    print("in:", e)

# iteration over every kind
print("iterate:", list(stock), list(codes) == list(codes), list(labels[:3]), list(bins), list(Countdown(3)),
      sorted(stock.items()), [c for c in "abc"], list(memoryview(b"hi")))

# hashing: hashable values key a dict, mutable ones are refused
index = {(1, 2): "pair", 2.5: "float", 10 ** 20: "big", frozenset({1}): "frozen", b"k": "bytes", "s": "str"}
print("hash keys:", index[(1, 2)], index[2.5], index[10 ** 20], index[frozenset({1})], index[b"k"], index["s"],
      hash(3) == hash(3.0), hash((1, "a")) == hash((1, "a")))
for bad in [[1], {"a": 1}, {1}, bytearray(b"x"), slice(1, 2), stock.keys()]:
    try:
        hash(bad)
    except TypeError as e:
        print("hash:", e)

# a user class that speaks every protocol
shelf = Shelf("top", ["bolt", "nut", "gear"])
shelf[1] = "NUT"
del shelf[0]
print("shelf:", shelf, len(shelf), shelf[0], shelf[::-1], "gear" in shelf, list(shelf), [shelf])
print("shelf hash:", hash(shelf) == hash(Shelf("x", ["NUT", "gear"])), {shelf: 1}[Shelf("y", ["NUT", "gear"])])

# repr and str of the built-in values the program touched
print(repr("it's"), str(b"\x00a"), [1.5, None, True, ...], (1,), {"k": (2,)}, {1, 2}, frozenset(), slice(1, None),
      range(0, 10, 3), stock.keys(), stock.values(), int, Shelf, NotImplemented, len, str.upper)

# errors from values that lack an operation
count = 5
for expr in (lambda: len(count), lambda: count[0], lambda: iter(count), lambda: next([1]), lambda: count.size):
    try:
        expr()
    except (TypeError, AttributeError) as e:
        print("error:", type(e).__name__, e)
