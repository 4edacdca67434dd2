# An ORM-ish record layer: typed column descriptors learn their names from __set_name__,
# validate on __set__, refuse deletion, and a non-data descriptor caches a computed value.

class Column:
    def __init__(self, kind, minimum=None):
        self.kind = kind
        self.minimum = minimum
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name
        self.slot = "_col_" + name
        owner.columns = getattr(owner, "columns", ()) + (name,)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return getattr(obj, self.slot)
        except AttributeError:
            raise AttributeError("%s.%s is not set" % (objtype.__name__, self.name)) from None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s expects %s, got %r" % (self.name, self.kind.__name__, value))
        if self.minimum is not None and value < self.minimum:
            raise ValueError("%s must be >= %s" % (self.name, self.minimum))
        setattr(obj, self.slot, value)
        obj.dirty.add(self.name)

    def __delete__(self, obj):
        raise AttributeError("cannot delete column %s" % self.name)

    def __repr__(self):
        return "Column(%s)" % self.name


class cached:
    """A non-data descriptor: the first lookup stores the value in the instance."""
    def __init__(self, func):
        self.func = func

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


class Record:
    def __init__(self, **values):
        self.dirty = set()
        for k, v in values.items():
            setattr(self, k, v)

    def save(self):
        changed = sorted(self.dirty)
        self.dirty.clear()
        return changed


class Product(Record):
    sku = Column(str)
    price = Column(float, 0.0)
    stock = Column(int, 0)

    @cached
    def label(self):
        print("  (computing label for %s)" % self.sku)
        return "%s @ %.2f" % (self.sku, self.price)

    def _get_value(self):
        return self.price * self.stock

    def _del_value(self):
        print("  value cannot really be deleted; resetting stock")
        self.stock = 0

    value = property(_get_value, None, _del_value, "stock value")


print(Product.columns, Product.sku, Product.price.minimum)
items = [Product(sku="AX-1", price=2.5, stock=4), Product(sku="BQ-7", price=10.0, stock=1)]
for p in items:
    print(p.label, "|", p.label, "|", p.save())
items[0].stock = 9
print(items[0].save(), items[0].value, sorted(k for k in vars(items[0]) if not k.startswith("_")))
del items[0].value
print(items[0].stock, items[0].save())

for bad in [dict(sku=5), dict(sku="Z", price=-1.0), dict(sku="Z", stock="many")]:
    try:
        Product(**bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

blank = Product()
try:
    blank.sku
except AttributeError as e:
    print("AttributeError:", e)
try:
    del items[1].price
except AttributeError as e:
    print("AttributeError:", e)
try:
    items[1].value = 3
except AttributeError as e:
    print("AttributeError:", e)

# descriptors that misbehave in __set_name__ are reported with where they were
class Loud:
    def __set_name__(self, owner, name):
        raise KeyError(name)

try:
    class Broken:
        bad = Loud()
except RuntimeError as e:
    print("RuntimeError:", e)

# dir() and super() of these classes
print([n for n in dir(items[0]) if not n.startswith("_")])
print(str(super(Product, items[0]))[:30])
try:
    super(Product, 3)
except TypeError as e:
    print("TypeError:", e)
print(repr(blank).startswith("<__main__.Product object at 0x"))
