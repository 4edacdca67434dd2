from modimpl_shapes import area, Square as Box, PI
print(area(1), Box(4).area(), PI)
import modimpl_shapes as shapes
print(shapes.area is area)
