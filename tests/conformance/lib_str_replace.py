print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "aaa".replace("a", "b", 0), "aaa".replace("a", "b", -1))
print("abc".replace("", "-"), "abc".replace("", "-", 2), "".replace("", "x"), "abab".replace("ab", ""))
print("héllo".replace("é", "e"), "x".replace("x", "yy"), "banana".replace("ana", "A"), "a.b.c".replace(".", ", "))
