names = ["ann", "bob", "cy"]
scores = [90, 85, 77]
for rank, (name, score) in enumerate(zip(names, scores), start=1) if False else enumerate(zip(names, scores), 1):
    print("{}. {:<4} {:>3}".format(rank, name, score))
print(dict(enumerate(names)), list(zip(*[names, scores])) if False else list(zip(names, scores, range(3))))
print(sorted(zip(scores, names)), max(zip(scores, names))[1], list(map(list, zip(names, scores))))
