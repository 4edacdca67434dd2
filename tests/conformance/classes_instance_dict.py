class Bag:
    pass

b = Bag()
b.x = 1
b.y = "two"
print(sorted(b.__dict__.items()))
del b.x
print(sorted(b.__dict__))
try:
    del b.x
except AttributeError as e:
    print("AttributeError:", e)
