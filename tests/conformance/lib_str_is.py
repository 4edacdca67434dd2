tests = ["", "abc", "ABC", "Abc", "123", "12a", " ", " \t\n", "a b", "Hello World", "hello World", "_x1", "1x", "é", "ÀB", "x²", "²", "½"]
for t in tests:
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isidentifier(), t.isascii(), t.isdecimal(), t.isprintable())
print("\x07".isprintable(), "a\n".isprintable())
