import os, sys as system
from . import mod
from ..pkg.sub import a as b, c
from x import (y, z,)
class A(B, metaclass=M):
    """doc"""
    x: int = 1
    y: "str"
    @staticmethod
    def f(self, /, a, *, b=2, **kw) -> None:
        nonlocal q
        yield a
        yield from b
        return
try:
    pass
except ValueError as e:
    raise
except (A, B):
    raise X from e
except:
    pass
else:
    pass
finally:
    assert x, "msg"
with open(f) as g, h:
    pass
async def co():
    await x
    async for i in y:
        pass
    async with z as w:
        pass
a, *b = c
[d, e] = f
x = yield
del a[1], b.c
if (n := 10) > 5: pass
while 1: x; y; z
for a, b in c.items(): pass
@dec
@dec2(1)
def g(*args): pass
global q, r
