# A plugin system: exporters register themselves through __init_subclass__, a metaclass
# records each model's fields, and a few classes are made at run time with type().

class Exporter:
    registry = {}

    def __init_subclass__(cls, fmt=None, **kwargs):
        super().__init_subclass__(**kwargs)
        key = fmt or cls.__name__.lower()
        if key in Exporter.registry:
            raise ValueError("duplicate exporter %r" % key)
        Exporter.registry[key] = cls

    def export(self, rows):
        raise NotImplementedError


class CsvExporter(Exporter, fmt="csv"):
    def export(self, rows):
        return "\n".join(",".join(str(v) for v in row) for row in rows)


class Markdown(Exporter, fmt="md"):
    def export(self, rows):
        lines = ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
        return "\n".join(lines)


class Tsv(CsvExporter):   # inherits the hook: registered as 'tsv'
    def export(self, rows):
        return super().export(rows).replace(",", "\t")


print(sorted(Exporter.registry))
for key in sorted(Exporter.registry):
    print("--", key)
    print(Exporter.registry[key]().export([("a", 1), ("b", 2)]))

try:
    class Again(Exporter, fmt="csv"):
        pass
except ValueError as e:
    print("ValueError:", e)

try:
    class Odd(Exporter, colour="red"):
        pass
except TypeError as e:
    print("TypeError:", e)


class Field:
    counter = 0

    def __init__(self, kind, default=None):
        Field.counter += 1
        self.order = Field.counter
        self.kind = kind
        self.default = default


class ModelMeta(type):
    models = []

    def __new__(mcs, name, bases, ns, **kwargs):
        fields = {k: v for k, v in ns.items() if isinstance(v, Field)}
        for k in fields:
            del ns[k]
        cls = super().__new__(mcs, name, bases, ns)
        inherited = {}
        for base in reversed(cls.__mro__[1:]):
            inherited.update(getattr(base, "_fields", {}))
        inherited.update(fields)
        cls._fields = inherited
        cls.table = kwargs.get("table", name.lower() + "s")
        mcs.models.append(name)
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        super().__init__(name, bases, ns)
        cls.created = True

    def __repr__(cls):
        return "<model %s %s>" % (cls.__name__, list(cls._fields))

    def __call__(cls, *args, **kwargs):
        obj = super().__call__(*args, **kwargs)
        cls.instances = getattr(cls, "instances", 0) + 1
        return obj

    def describe(cls):
        return "%s(%s)" % (cls.table, ", ".join("%s %s" % (n, f.kind.__name__) for n, f in cls._fields.items()))


class Model(metaclass=ModelMeta):
    def __init__(self, **values):
        for name, field in self._fields.items():
            value = values.pop(name, field.default)
            if value is not None and not isinstance(value, field.kind):
                raise TypeError("%s must be %s, not %s" % (name, field.kind.__name__, type(value).__name__))
            setattr(self, name, value)
        if values:
            raise TypeError("unknown fields: %s" % ", ".join(sorted(values)))

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join("%s=%r" % (n, getattr(self, n)) for n in self._fields))


class User(Model, table="people"):
    name = Field(str)
    age = Field(int, 0)


class Admin(User):
    level = Field(int, 1)


print(User, Admin, ModelMeta.models)
print(type(User) is ModelMeta, isinstance(Admin, ModelMeta), isinstance(Admin, type), User.created)
print(User.describe(), "/", Admin.describe())
print(User(name="ann", age=31), Admin(name="bob"))
print(User.instances, Admin.instances, "name" in User.__dict__)
try:
    User(name="cy", age="old")
except TypeError as e:
    print("TypeError:", e)
try:
    User(name="cy", email="x")
except TypeError as e:
    print("TypeError:", e)

# classes made at run time
Point = type("Point", (), {"x": 0, "y": 0, "norm1": lambda self: abs(self.x) + abs(self.y)})
p = Point()
p.x, p.y = 3, -4
print(Point.__name__, p.norm1(), type(Point) is type, Point.__bases__)
Tag = ModelMeta("Tag", (Model,), {"label": Field(str, "new")})
print(Tag, Tag(), Tag.table)


class Other(type):
    pass


class Plain(metaclass=Other):
    pass


try:
    class Mixed(User, Plain):
        pass
except TypeError as e:
    print("TypeError:", str(e)[:18])


def make_counter_class():
    count = 0

    class Counter:
        nonlocal count
        count = 10

        def bump(self):
            nonlocal count
            count += 1
            return count

    return Counter


C = make_counter_class()
c = C()
print(c.bump(), c.bump(), hasattr(C, "count"))
