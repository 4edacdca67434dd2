words = ["banana", "Apple", "cherry"]
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len, reverse=True))
print(max(words, key=len), min([3, 1, 2], key=lambda v: -v))
print(int("ff", 16), int("101", 2))
print(list(enumerate("ab", 1)))
