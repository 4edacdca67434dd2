t = (3, 1, 2, 1)
print(t.count(1), t.index(2), len(t), t + (5,), t * 2, 2 in t, t[1:], t[::-1], tuple(), tuple([1, 2]), tuple("ab"))
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, "a") == (1, "a"), max((1, 5), (1, 7)), sorted([(2, 1), (1, 2)]))
a, b = (1, 2)
print(a, b, hash((1, 2)) == hash((1, 2)), (1,) * 3, ((1, 2), (3,)), tuple(range(3)))
try:
    t.index(9)
except ValueError as e:
    print("ValueError:", e)
