# Dictionaries map keys to values: here, each word to how often it appears.
words = ["red", "green", "red", "blue", "green", "red"]
counts = {}
for w in words:
    if w in counts:
        counts[w] = counts[w] + 1
    else:
        counts[w] = 1
print(counts)
for colour in ["red", "green", "blue"]:
    print(colour, "appears", counts[colour], "times")
