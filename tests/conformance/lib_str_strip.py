print(repr("  x  ".strip()), repr("\t\nx\r ".strip()), repr("xxhixx".strip("x")), repr("abcba".strip("ab")))
print(repr("  x  ".lstrip()), repr("  x  ".rstrip()), repr("..a..".lstrip(".")), repr("..a..".rstrip(".")))
print(repr("".strip()), repr("aaa".strip("a")), repr("éxé".strip("é")), repr("hello".strip("")), repr("x".strip(None)))
