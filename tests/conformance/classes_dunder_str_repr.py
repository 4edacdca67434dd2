class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"

class Named(Point):
    def __str__(self):
        return "<" + str(self.x) + "," + str(self.y) + ">"

p = Point(1, "a")
print(p)
print([p], (p,), {"k": p})
print(str(p), repr(p))
n = Named(2, 3)
print(n, repr(n), [n])
print("values:", n, p)
