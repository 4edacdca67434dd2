print(1 < 2, 2 < 1, 1 <= 1, 1 == 1.0, 1 != 1, 3 > 2 > 1, 3 > 2 < 1)
print(1 < 2 < 3 < 4, 1 < 3 < 2)
print(not True, not 0, not "", not "a", not [])
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "x", "" and "y")
print(1 if True else 2, "a" if 0 else "b")
print("abc" < "abd", "a" == "a", [1, 2] == [1, 2], (1, 2) < (1, 3))
n = None
one = 1
print(n is None, one is not n)
print(3 in [1, 2, 3], 4 in [1, 2, 3], "b" in "abc", 2 not in (1, 2))
