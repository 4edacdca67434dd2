words = {"red", "green", "red", "blue"}
print(len(words))
colours = {"red", "green"}
print(sorted(words | colours))
