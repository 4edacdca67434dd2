import sys
import time
print(sys.maxsize == 2 ** 63 - 1, sys.byteorder, type(sys.version).__name__, sys.version_info[0], len(sys.version_info) >= 3)
print(type(sys.argv).__name__, type(sys.path).__name__, hasattr(sys, "implementation"))
t0 = time.time()
time.sleep(0.01)
t1 = time.time()
print(type(t0).__name__, t1 >= t0, type(time.monotonic()).__name__, type(time.time_ns()).__name__)
from math import sqrt, pi
print(sqrt(pi * pi))
