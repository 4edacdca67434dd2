# dir() without an argument: the names of the scope it is called in.
import math
alpha = 1


def names_here(a, b=2, *rest, **opts):
    c = a + b
    return dir()


def before_and_after():
    first = dir()
    late = 1
    return first, dir()


def outer():
    shared = 'cell'

    def inner():
        return shared
    return dir(), inner()


class Body:
    x = 1
    y = 2
    seen = dir()


print(names_here(1))
print(before_and_after())
print(outer())
print(Body.seen)
print([n for n in dir() if not n.startswith('__')])
