# Open the shapes.py tab to see the classes this program uses.
from shapes import Circle, Rectangle

shapes = [Circle(1), Rectangle(2, 3), Circle(0.5)]
for shape in sorted(shapes, key=lambda s: s.area()):
    print(shape)
print("total area:", round(sum(s.area() for s in shapes), 2))
