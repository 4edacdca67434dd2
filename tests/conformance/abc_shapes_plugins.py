# Shapes and storage plugins declared as abstract base classes: concrete subclasses work, a
# subclass that forgets a method cannot be created, and the base's shared code runs for all.
from abc import ABC, abstractmethod
import math


class Shape(ABC):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    @abstractmethod
    def sides(self):   # a property in the subclasses
        ...

    def describe(self):
        return '%s: %d sides, area %.2f, perimeter %.2f' % (self.name, self.sides, self.area(), self.perimeter())


class Rectangle(Shape):
    def __init__(self, w, h):
        super().__init__('rectangle')
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)

    @property
    def sides(self):
        return 4


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = 'square'


class Circle(Shape):
    sides = 0

    def __init__(self, r):
        super().__init__('circle')
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Polygon(Shape):
    def area(self):
        return 0.0


class Store(ABC):
    @abstractmethod
    def load(self, key):
        raise NotImplementedError

    @abstractmethod
    def kind(self):   # a classmethod in the subclasses
        ...

    def get(self, key, default=None):
        try:
            return self.load(key)
        except KeyError:
            return default


class MemoryStore(Store):
    def __init__(self, **data):
        self.data = data

    def load(self, key):
        return self.data[key]

    @classmethod
    def kind(cls):
        return 'memory'


shapes = [Rectangle(3, 4), Square(2), Circle(1.5)]
for s in sorted(shapes, key=lambda s: s.area()):
    print(s.describe())
print(sum(s.area() for s in shapes) > 20, isinstance(shapes[1], Shape), isinstance(shapes[1], ABC))

store = MemoryStore(a=1, b=2)
print(store.get('a'), store.get('z', 'none'), MemoryStore.kind(), store.kind())

for cls, args in [(Shape, ('blob',)), (Polygon, ('poly',)), (Store, ()), (Square, (3,)), (ABC, ())]:
    try:
        obj = cls(*args)
        print('made', type(obj).__name__)
    except TypeError as e:
        print('TypeError:', e)


class OnlyLoad(Store):
    def load(self, key):
        return key * 2


try:
    OnlyLoad()
except TypeError as e:
    print('TypeError:', e)
print(getattr(Shape.area, '__isabstractmethod__', False), getattr(Rectangle.area, '__isabstractmethod__', False))
