import math, sys
from math import factorial as fact, gcd
print(fact(10), gcd(84, 36), math.__name__, sys.implementation.name == "cpython" or sys.implementation.name == "viper")
print(round(math.pi, 4), "{:.3f}".format(math.e), "%.2e" % math.inf if False else "%.2e" % 12345.678, math.floor(-0.5), math.ceil(-0.5))
