def g():
    yield 1
    return "finished"

it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value:", e.value, e.args)
try:
    next(it)
except StopIteration as e:
    print("again:", e.value)
print(next(g(), "unused"), next(iter([]), "default"))
