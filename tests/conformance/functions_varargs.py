def total(*numbers):
    s = 0
    for x in numbers:
        s += x
    return s

print(total())
print(total(1))
print(total(1, 2, 3, 4))

def head_tail(first, *rest):
    print(first, rest, type(rest) is tuple)

head_tail(1)
head_tail(1, 2, 3)

def both(a, b=2, *more):
    print(a, b, more)

both(1)
both(1, 5)
both(1, 5, 6, 7)
