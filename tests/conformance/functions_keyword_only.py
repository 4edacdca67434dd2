def scale(value, *, factor=2, offset=0):
    return value * factor + offset

print(scale(3))
print(scale(3, factor=10))
print(scale(3, offset=1, factor=0))

def needs(a, *, flag):
    return (a, flag)

print(needs(1, flag=True))
print(needs(a=2, flag=None))

def spread(*items, last):
    return items, last

print(spread(1, 2, last=3))
