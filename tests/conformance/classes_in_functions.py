def make_point_class(dims):
    scale = 10
    class Point:
        size = dims * 2
        def __init__(self, *coords):
            assert len(coords) == dims
            self.coords = coords
        def scaled(self):
            return tuple(c * scale for c in self.coords)
        def __repr__(self):
            return "Point" + str(dims) + "D" + repr(self.coords)
    return Point

P2 = make_point_class(2)
P3 = make_point_class(3)
print(P2(1, 2), P3(1, 2, 3).scaled(), P2.size, P3.size)

def counter_class():
    count = 0
    class Counter:
        def bump(self):
            nonlocal count
            count += 1
            return count
    return Counter

C = counter_class()
a, b = C(), C()
print(a.bump(), b.bump(), a.bump())

def with_super():
    label = "base"
    class Base:
        def name(self):
            return label
    class Child(Base):
        def name(self):
            return "child of " + super().name()
    return Child()

print(with_super().name())
