# Object allocation and attribute access: many short-lived instances.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Point(self.x + other.x, self.y + other.y)

acc = Point(0, 0)
for i in range(600000):
    acc = acc.add(Point(i % 3, 1))
print(acc.x, acc.y)
