# throw() into a generator suspended in `yield from` reaches the sub-generator first.
def inner():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("inner caught", e)
        yield "recovered"
    return "inner done"

def outer():
    result = yield from inner()
    print("yield from gave", result)
    yield "outer next"

g = outer()
print(next(g))
print(g.throw(ValueError("boom")))
print(next(g))
print(next(g, "exhausted"))

def passing():
    yield 1

def wrapper():
    try:
        yield from passing()
    except KeyError as e:
        print("wrapper caught", repr(e))
        yield "after"

w = wrapper()
print(next(w))
print(w.throw(KeyError("k")))

def returning():
    try:
        yield "waiting"
    except TypeError:
        return 42

def collector():
    value = yield from returning()
    yield value * 2

c = collector()
print(next(c), c.throw(TypeError))
