import modimpl_cycle_a
import modimpl_cycle_b
print(modimpl_cycle_a.from_b(), modimpl_cycle_b.from_a())
