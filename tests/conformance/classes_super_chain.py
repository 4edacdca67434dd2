class Base:
    def __init__(self, **kw):
        self.log = ["Base"]
        self.extra = kw

class Mixin:
    def describe(self):
        return "mixin sees " + ",".join(self.log)

class Child(Mixin, Base):
    def __init__(self, name, **kw):
        super().__init__(**kw)
        self.log.append("Child")
        self.name = name

c = Child("c", flag=True)
print(c.describe(), c.extra, c.name)
print(isinstance(c, Mixin), isinstance(c, Base), issubclass(Child, (int, Base)))
