print("Hello".center(11, "="), "a-b-c".split("-", maxsplit=1), " x ".strip() == "x", "abc".upper().lower())
print("The Quick Brown Fox".swapcase(), "123".zfill(6), "snake_case_name".replace("_", " ").title().replace(" ", ""))
print("tic-tac-toe".rsplit("-"), "a\tb".expandtabs(tabsize=4), "  ".join("abc"), "x".join([]) == "")
text = "one two three two one"
words = text.split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts, key=lambda k: (-counts[k], k)), text.count("two"), text.rfind("one"))
