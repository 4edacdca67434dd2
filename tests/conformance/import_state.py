import modimpl_counter
from modimpl_counter import bump
print(bump(), bump(), modimpl_counter.bump())
print(modimpl_counter.count)
import modimpl_counter as again
print(again is modimpl_counter, again.count)
