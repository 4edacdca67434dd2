squares = {n: n * n for n in range(5)}
print(squares)
inverted = {v: k for k, v in {"a": 1, "b": 2}.items()}
print(inverted)
print({w[0]: w for w in ["apple", "avocado", "banana"]})
print(sorted({c for c in "mississippi"}))
print(sorted({n % 4 for n in range(20) if n > 5}))
print({1, 2, 3} == {x for x in range(1, 4)})
s = {3, 1, 2}
print(sorted(s), len({1, 1, 2}), 2 in s)
