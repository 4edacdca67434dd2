t = str.maketrans("abc", "xyz")
print(t, "aabbcc".translate(t), "hello".translate(str.maketrans("lo", "01", "h")), "abc".translate({97: None, 98: "BB", 99: 100}))
print("héllo".translate(str.maketrans({"é": "e", "l": "L"})), "".translate(t), "xyz".translate({}), "abc".maketrans("a", "b"))
r = range(0, 30, 3)
print(r.index(9), r.count(9), r.count(10), range(10, 0, -2).index(4), range(5).count(2.0))
try:
    r.index(10)
except ValueError as e:
    print("ValueError:", e)
