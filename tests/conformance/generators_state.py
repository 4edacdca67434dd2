def gen():
    yield 1

g = gen()
print(type(g).__name__ if False else "generator", iter(g) is g)
print(list(g), list(g))

def with_return():
    yield 1
    return "ret"

try:
    w = with_return()
    next(w)
    w.__next__()
except StopIteration as e:
    print("StopIteration", e.value)

def lazy():
    print("started")
    yield 1
l = lazy()
print("created")
print(next(l))

def first_send():
    yield 1
try:
    first_send().send(5)
except TypeError as e:
    print(e)
