# __setattr__, __delattr__ and __getattribute__ defined by a class, and object's own versions.
class Logged:
    def __init__(self):
        object.__setattr__(self, 'log', [])
        self.a = 1

    def __setattr__(self, name, value):
        self.log.append(('set', name, value))
        super().__setattr__(name, value)

    def __delattr__(self, name):
        self.log.append(('del', name))
        object.__delattr__(self, name)


x = Logged()
x.b = 2
x.a += 10
del x.b
print(x.log)
print(x.a, hasattr(x, 'b'))
setattr(x, 'c', 3)
print(x.log[-1], x.c)
try:
    del x.missing
except AttributeError as e:
    print('AttributeError', e)


class Frozen:
    def __init__(self, v):
        object.__setattr__(self, 'v', v)

    def __setattr__(self, name, value):
        raise AttributeError(f"Frozen is read-only: {name}")


f = Frozen(5)
try:
    f.v = 6
except AttributeError as e:
    print(e)
print(f.v)


class Counting:
    def __init__(self):
        self.hits = 0
        self.value = 42

    def __getattribute__(self, name):
        if name != 'hits':
            object.__setattr__(self, 'hits', object.__getattribute__(self, 'hits') + 1)
        return object.__getattribute__(self, name)

    def double(self):
        return self.value * 2


c = Counting()
print(c.value, c.double(), c.hits)


class Fallback:
    def __getattribute__(self, name):
        if name.startswith('x'):
            raise AttributeError(name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return 'fallback ' + name

    def real(self):
        return 'real'


fb = Fallback()
print(fb.real(), fb.xyz)


class Base:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)


class Child(Base):
    pass


ch = Child()
ch.n = 21
print(ch.n)
Child.__setattr__ = lambda self, name, value: object.__setattr__(self, name, -value)
ch.m = 1
print(ch.m)
try:
    object.__setattr__(ch, 5, 1)
except TypeError as e:
    print('TypeError', e)
