# Module attributes can be set and deleted, like any namespace.
import math
import modimpl_bumper as h

math.answer = 42
print(math.answer, getattr(math, 'answer'))
del math.answer
print(hasattr(math, 'answer'))
h.counter = 10
h.bump()
print(h.counter)
try:
    del math.nothing_here
except AttributeError as e:
    print('AttributeError')
