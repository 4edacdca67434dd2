s = "hello world, hello"
print(s.find("hello"), s.find("hello", 1), s.find("hello", 1, 10), s.rfind("hello"), s.rfind("o", 0, 8))
print(s.find(""), s.find("", 5), s.find("", 100), s.rfind(""), s.index("world"), s.rindex("l"))
print(s.count("l"), s.count("l", 5), s.count("hello", 0, 5), s.count(""), "aaaa".count("aa"), s.find("zz"))
print("héllo wörld".find("w"), "héllo wörld".index("ö"), "日本語テキスト".find("テ"), "日本語".rfind("本"))
print(s.find("o", -5), s.find("o", -100, -3), s.count("o", -8))
