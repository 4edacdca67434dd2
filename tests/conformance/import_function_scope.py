import modimpl_shapes as shapes

def total_area(sizes):
    return sum(shapes.Square(s).area() for s in sizes)

print(total_area([1, 2, 3]))
print(shapes.PI, shapes.loaded)
shapes.loaded.append("x")
import modimpl_shapes
print(modimpl_shapes.loaded)
