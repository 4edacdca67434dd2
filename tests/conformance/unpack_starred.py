first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = range(5)
print(init, last)
a, *mid, b = "abcdef"
print(a, mid, b)
x, *empty, y = (1, 2)
print(x, empty, y)
head, *tail = (9,)
print(head, tail)
for q, *more in [(1, 2, 3), (4,)]:
    print(q, more)
print([*range(3), *"ab", 0])
print((*[1, 2], 3))
