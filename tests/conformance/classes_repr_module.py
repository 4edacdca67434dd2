class Local:
    pass
print(Local, repr(Local), [Local])
print(Local.__module__, Local.__name__)
import modimpl_shapes
print(modimpl_shapes.Square, modimpl_shapes.Square.__module__)
print(type(Local()) is Local, type(Local))
