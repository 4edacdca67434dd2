class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Point(1, 2)
setattr(p, "z", 3)
print(getattr(p, "x"), p.z, hasattr(p, "z"), hasattr(p, "w"), getattr(p, "w", "none"))
delattr(p, "z")
print(hasattr(p, "z"), sorted([a for a in ["x", "y", "z"] if hasattr(p, a)]))
setattr(Point, "label", "pt")
print(p.label, Point.label, callable(Point), isinstance(p, Point), isinstance(p, object))
import math
setattr(math, "answer", 42)
print(math.answer, getattr(math, "answer"), hasattr(math, "sqrt"))
try:
    delattr(p, "nope")
except AttributeError as e:
    print("AttributeError:", e)
