words = {"red", "green", "red", "blue"}
print(len(words))
