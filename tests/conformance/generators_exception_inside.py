def risky():
    yield 1
    raise ValueError("inside generator")

g = risky()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught:", e)
print(list(g))

def guarded():
    try:
        yield "a"
        yield "b"
    except GeneratorExit:
        print("closing")
        raise

gg = guarded()
for v in gg:
    print(v)
    break
gg.close()
