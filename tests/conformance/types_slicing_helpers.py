# Paging and windowing helpers written with slice and range objects.


def page_slices(n_items, per_page):
    """One slice per page, as a pager hands them out."""
    return [slice(start, start + per_page) for start in range(0, n_items, per_page)]


def describe(s, length):
    start, stop, step = s.indices(length)
    return f"slice({s.start}, {s.stop}, {s.step}) over {length} -> {start}:{stop}:{step} ({len(range(start, stop, step))} items)"


rows = [f"row{i}" for i in range(11)]
for s in page_slices(len(rows), 4):
    print(s, rows[s])
for s in (slice(None), slice(-3, None), slice(None, None, -2), slice(2, 100, 3), slice(-100, -5), slice(8, 2, -2)):
    print(describe(s, len(rows)))
try:
    slice(0, 5, 0).indices(10)
except ValueError as e:
    print("ValueError:", e)
try:
    slice(1).indices(-1)
except ValueError as e:
    print("ValueError:", e)

EVERY_OTHER = slice(None, None, 2)
LAST_THREE = slice(-3, None)
word = "abcdefghij"
print(word[EVERY_OTHER], word[LAST_THREE], tuple(range(10))[LAST_THREE], list(range(10))[EVERY_OTHER])
grid = list(range(20))
grid[slice(0, 4)] = ["a", "b"]
del grid[slice(None, None, 5)]
print(grid)

# range objects: attributes, indexing, slicing, search
r = range(10, 50, 7)
print(r, r.start, r.stop, r.step, len(r), r[0], r[-1], r[2:4], r[::-1], r[::2], list(r[1::3]))
print(r.index(24), r.count(24), r.count(25), 31 in r, 32 in r, r[1:3] == range(17, 31, 7))
try:
    r.index(11)
except ValueError as e:
    print("ValueError:", e)
down = range(5, -6, -2)
print(list(down), down[1:-1], list(down[1:-1]), down.index(-1), list(reversed(down)), down[::-1])
print(range(0), bool(range(0)), range(3) == range(0, 3, 1), range(1, 1) == range(5, 5))

# tuple.index with a window
log = ("ok", "warn", "ok", "error", "ok", "error")
first_err = log.index("error")
print(first_err, log.index("error", first_err + 1), log.index("ok", 1, 3), log.index("ok", -2))
try:
    log.index("warn", 2)
except ValueError as e:
    print("ValueError:", e)


# windows over any sequence that knows __len__ and __getitem__
class Ring:
    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            return [self.items[k] for k in range(start, stop, step)]
        if not -len(self) <= i < len(self):
            raise IndexError("ring index out of range")
        return self.items[i]


ring = Ring("xyzw")
print(ring[1:3], ring[::-1], ring[-1], list(reversed(ring)), list(ring), "z" in ring)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return iter(range(self.n, 0, -1))

    def __reversed__(self):
        return iter(range(1, self.n + 1))


print(list(Countdown(4)), list(reversed(Countdown(4))))
try:
    reversed(Countdown)
except TypeError as e:
    print("TypeError:", e)

# dict views as sets
stock = {"apple": 3, "pear": 0, "fig": 7}
wanted = {"apple", "kiwi"}
print(sorted(stock.keys() & wanted), sorted(stock.keys() | wanted), sorted(stock.keys() - wanted), sorted(stock.keys() ^ wanted))
print(stock.keys() == {"apple", "pear", "fig"}, stock.keys() >= {"fig"}, stock.keys() < {"apple"}, stock.items() >= {("fig", 7)})
print(bool({}.keys()), bool(stock.values()), len(stock.items()), ("pear", 0) in stock.items(), 7 in stock.values())
print(list(reversed(stock)), list(reversed(stock.keys())))
