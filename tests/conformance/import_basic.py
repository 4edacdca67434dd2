import modimpl_shapes
print(modimpl_shapes.area(2), modimpl_shapes.PI)
sq = modimpl_shapes.Square(3)
print(sq.area(), type(sq).__name__)
print(modimpl_shapes._private())
