d = dict(zip("abcd", range(4)))
print(d, d.keys(), d.values(), d.items())
print(len(d.keys()), sorted(d.values(), reverse=True), list(reversed(d)))
for k, v in d.items():
    print(k, v, end="; ")
print()
del d["b"]
print(d, list(d), dict([(1, 2), (3, 4)]), dict(d))
