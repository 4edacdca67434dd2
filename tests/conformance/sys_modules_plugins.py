# A plugin host: plugins register themselves in sys.modules under a name (as some frameworks
# do with a class or an instance standing in for a module), the host imports them by name, and
# reports what is loaded. Also the program's own module, __main__, and a module's __dict__.
import gc
import sys
import __main__

VERSION = "1.4"


class CelsiusPlugin:
    """A plugin registered as a class: its attributes are the module's names."""
    __all__ = ("convert", "unit")
    unit = "C"
    _private = "hidden"

    @staticmethod
    def convert(raw):
        return round(raw * 0.0625, 2)


class Counter:
    """A plugin registered as an instance: its bound methods are the module's functions."""

    def __init__(self, start):
        self.value = start

    def bump(self, n=1):
        self.value += n
        return self.value

    def reset(self):
        self.value = 0


def register(name, plugin):
    if name in sys.modules:
        raise ImportError(f"plugin {name!r} already registered")
    sys.modules[name] = plugin
    print("registered", name, "as", type(plugin).__name__)


register("celsius", CelsiusPlugin)
register("counter", Counter(10))
try:
    register("celsius", CelsiusPlugin)
except ImportError as e:
    print("ImportError:", e)

import celsius
from celsius import convert, unit
from counter import bump, reset
import counter

print("celsius:", convert(400), unit, celsius is CelsiusPlugin)
print("bump:", bump(), bump(5), counter.value)
reset()
print("after reset:", counter.value)

# from x import * copies __all__ (or the public names of __dict__)
from celsius import *
print("star:", convert(16), unit, "_private" in dir())
try:
    from celsius import nothing_here
except ImportError as e:
    print("ImportError:", e)

# modules the program imported are in sys.modules; a plugin can be unloaded again
wanted = ["__main__", "celsius", "counter", "gc", "sys"]
print("loaded:", [m for m in sorted(sys.modules) if m in wanted])
del sys.modules["counter"]
print("counter still loaded:", "counter" in sys.modules)

# the program itself as a module
print(__main__.VERSION, __main__.register is register, __name__)
__main__.LATE = "set through __main__"
print(LATE)
del __main__.LATE
print("LATE" in globals())
print(repr(sys).startswith("<module 'sys'"), repr(__main__).startswith("<module '__main__'"))

# a module's __dict__ is its namespace
print(type(sys.__dict__).__name__, sys.__dict__["__name__"], gc.__dict__["collect"] is gc.collect)
print("isenabled:", gc.isenabled(), end=" ")
gc.disable()
print(gc.isenabled(), end=" ")
gc.enable()
print(gc.isenabled())

# small sys facts a program may check
print(type(sys.argv).__name__, type(sys.path).__name__, sys.byteorder in ("little", "big"))
print(sys.intern("sensor") == "sensor", sys.getsizeof([1, 2, 3]) > 0)
try:
    sys.intern(5)
except TypeError as e:
    print("TypeError:", e)
print(sys.stdout.name, sys.stderr.name, sys.stdin.name, sys.stdout.mode)
