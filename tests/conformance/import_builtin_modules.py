import math
from math import sqrt, pi
print(sqrt(2) == math.sqrt(2), round(pi, 3))
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print("missing:", e)
try:
    from math import no_such_name
except ImportError:
    print("no such name in math")
