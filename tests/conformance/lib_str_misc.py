print("a\tb\tc".expandtabs(), "a\tbc\td".expandtabs(4), "\t".expandtabs(2), "ab\ncd\tx".expandtabs(3))
print("abc" * 3, 3 * "ab", "x" * 0, "x" * -1, "ab" + "cd", "b" in "abc", "" in "x", "abc" < "abd", "Z" < "a")
print(str(12), str(-3.5), str([1, "a"]), str((1,)), str(None), str(True), repr("it's"), repr('say "hi"'), repr("a'b\"c"))
print(repr("tab\there\nnl\\bs\x01\x7f"), repr("é✓"), ascii("é✓x"), len("✓"), ord("✓"), chr(10003), chr(65))
