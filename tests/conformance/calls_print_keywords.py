print(1, 2, 3, sep=", ")
print("a", "b", sep="")
print("no newline", end="")
print(" -> continued")
print(*["x", "y"], sep="|", end="!\n")
print(sep="-")
opts = {"sep": "+", "end": ".\n"}
print(1, 2, **opts)
