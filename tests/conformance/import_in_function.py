def use():
    import modimpl_shapes
    from modimpl_counter import bump
    return modimpl_shapes.area(1) + bump()

print(use(), use())
