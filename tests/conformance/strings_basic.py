s = "hello"
print(s, len(s), s[0], s[-1], s + " world", s * 2)
print("a" "b", 'single', "tab\there", "new\\nline")
print(str(42), str(1.5), str(True), str(None), repr("q"), repr('it\'s'))
print("é", len("héllo"), "héllo"[1])
print("x" * 0, "" + "", len(""))
