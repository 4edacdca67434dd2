print(",".join(["a", "b", "c"]), "".join([]), "-".join("abc"), " ".join(("x",)), "é".join(["1", "2"]))
print("\n".join(map(str, range(3))), ", ".join(sorted(["b", "a"])), "+".join(reversed(["1", "2", "3"])))
words = ["alpha", "beta", "gamma"]
print(" | ".join(words), len("".join(words)))
