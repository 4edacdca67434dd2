s = "Hello, World! 123"
print("".join([c.lower() if c.isupper() else c.upper() for c in s]), s.swapcase() == "".join([c.lower() if c.isupper() else c.upper() for c in s]))
print("".join([ch for ch in s if ch.isalnum()]), s.replace(",", "").replace("!", "").split(), [w.strip(",!") for w in s.split()])
vowels = set("aeiou")
print(sum([1 for c in s.lower() if c in vowels]), "".join(["*" if c in vowels else c for c in s]))
