import modimpl_cycle_a
VALUE = "b"

def from_a():
    return modimpl_cycle_a.VALUE
