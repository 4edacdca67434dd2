# A shop inventory built on subclasses of the built-in types.


class Stock(dict):
    """Quantities by item; an unknown item has none."""

    def __missing__(self, item):
        return 0

    def add(self, item, n=1):
        self[item] += n
        return self

    def __repr__(self):
        return "Stock(" + super().__repr__() + ")"


class SKU(str):
    """A product code: upper-case, with its category before the dash."""

    def __new__(cls, code):
        return super().__new__(cls, code.strip().upper())

    @property
    def category(self):
        return self.split("-")[0]


class Price(int):
    """Whole cents, printed as money."""

    def __str__(self):
        return f"${self // 100}.{self % 100:02d}"

    def with_tax(self, pct):
        return Price(self + self * pct // 100)


class Item(tuple):
    def __new__(cls, sku, price):
        return super().__new__(cls, (SKU(sku), Price(price)))

    @property
    def sku(self):
        return self[0]

    @property
    def price(self):
        return self[1]


class ItemList(list):
    """A list that accepts only Items."""

    def __init__(self, items=()):
        super().__init__()
        for it in items:
            self.append(it)

    def append(self, item):
        if not isinstance(item, Item):
            raise TypeError(f"ItemList takes Item, not {type(item).__name__}")
        super().append(item)

    def total(self):
        return Price(sum(it.price for it in self))


catalog = ItemList([Item(" tool-hammer", 1299), Item("tool-saw ", 2450), Item("food-apple", 45)])
catalog.append(Item("food-bread", 310))
try:
    catalog.append(("toy-ball", 500))
except TypeError as e:
    print("refused:", e)

stock = Stock()
for it in catalog:
    stock.add(it.sku, 3)
stock.add(SKU("food-apple"), 10)
print(stock)
print(stock["TOOL-SAW"], stock["nothing"], "nothing" in stock, len(stock))
print(stock.get("FOOD-APPLE"), sorted(stock.keys())[:2], isinstance(stock, dict))

for it in sorted(catalog, key=lambda i: i.price):
    print(f"{it.sku:<12} {it.sku.category:<5} {str(it.price):>7} {it.price.with_tax(20)}")
print("total", catalog.total(), "items", len(catalog), "first", catalog[0].sku)
print(type(catalog).__name__, type(catalog[1:]).__name__, catalog[-1] == ("FOOD-BREAD", 310))

# The built-in's methods and operators work on the subclass instances.
code = SKU("  misc-thing ")
print(repr(code), code.lower(), code + "!", code * 2, code[0:4], code == "MISC-THING", len(code))
print({code: 1}["MISC-THING"], code.startswith("MISC"), "-".join([code, SKU("b-c")]) if False else code.replace("-", "/"))
p = Price(1999)
print(p, repr(p), p + 1, p * 2, -p, abs(Price(-5)), p > 1000, int(p), float(p), hex(p), [0, 1, 2][Price(2)])
print(type(p + 1).__name__, isinstance(p, int), p.bit_length(), divmod(p, 100), round(p, -2))
pt = Item("x-y", 5)
print(pt, pt.sku, pt.price, len(pt), pt.index(Price(5)), hash(pt) == hash(("X-Y", 5)), tuple(pt))


class Flags(int):
    READ, WRITE, EXEC = 1, 2, 4

    def __repr__(self):
        names = [n for n, bit in (("r", 1), ("w", 2), ("x", 4)) if self & bit]
        return "Flags(" + "|".join(names) + ")"


perm = Flags(Flags.READ | Flags.WRITE)
print(perm, perm & Flags.WRITE, perm | Flags.EXEC, Flags(perm | Flags.EXEC), perm == 3, bool(Flags(0)))


class Tags(set):
    def __str__(self):
        return ",".join(sorted(self))


tags = Tags(["b", "a"])
tags.add("c")
print(tags, len(tags), "a" in tags, sorted(tags | {"z"}), isinstance(tags, set))


class Blob(bytes):
    def hexdump(self):
        return " ".join(f"{b:02x}" for b in self)


blob = Blob(b"\x00\x10\xff")
print(blob, blob.hexdump(), len(blob), blob[2], blob + b"!", blob.upper() if False else blob[::-1])
stack = ItemList()
print(bool(stack), stack, ItemList.__mro__[1].__name__, Stock.__mro__[-1].__name__)
