def letters():
    yield "a"
    yield "b"
    return 2

def numbers():
    yield from [1, 2]
    yield from range(3, 5)

def combined():
    n = yield from letters()
    print("letters returned", n)
    yield from numbers()

print(list(combined()))

def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    yield "node" + str(depth)
    yield from tree(depth - 1)
    yield from tree(depth - 1)

print(list(tree(2)))

def relay():
    received = yield from echo()
    yield "relay got " + str(received)

def echo():
    got = yield "ready"
    return got

r = relay()
print(next(r))
print(r.send(42))
