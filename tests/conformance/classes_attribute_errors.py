class A:
    x = 1
a = A()
print(a.x)
try:
    a.missing
except AttributeError as e:
    print(e)
try:
    A.missing
except AttributeError as e:
    print(e)
del A.x
print(hasattr(a, "x") if False else "deleted")
a.y = 2
del a.y
a.missing_too
