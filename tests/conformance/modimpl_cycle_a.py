# Imported by import_cycle.py; imports modimpl_cycle_b, which imports this module back.
import modimpl_cycle_b
VALUE = "a"

def from_b():
    return modimpl_cycle_b.VALUE
