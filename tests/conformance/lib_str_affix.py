s = "hello.py"
print(s.startswith("he"), s.startswith("py"), s.endswith(".py"), s.endswith((".c", ".py")), s.startswith(("x", "y")))
print(s.startswith("llo", 2), s.startswith("llo", 2, 4), s.endswith("hello", 0, 5), s.endswith("", 3), "".startswith(""))
print(s.removeprefix("hello"), s.removesuffix(".py"), s.removeprefix("x"), s.removesuffix(""), s.startswith("o", -4))
