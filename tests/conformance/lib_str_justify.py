print(repr("ab".center(7)), repr("ab".center(6, "*")), repr("abc".center(6, "*")), repr("abc".center(2)))
print(repr("ab".ljust(5)), repr("ab".ljust(5, ".")), repr("ab".rjust(5)), repr("ab".rjust(5, "0")), repr("é".center(4, "·")))
print("7".zfill(3), "-7".zfill(3), "+7".zfill(4), "abc".zfill(5), "12345".zfill(3), "".zfill(2))
for w in range(8):
    print(repr("xy".center(w, "-")), repr("xyz".center(w, "-")))
